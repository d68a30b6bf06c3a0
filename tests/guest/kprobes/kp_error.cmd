echo 1 > /proc/cxxtap_kp_target; echo 2 > /proc/cxxtap_kp_target; echo 3 > /proc/cxxtap_kp_target; sleep 10
