echo 8 > /proc/cxxtap_kp_target; echo 9 > /proc/cxxtap_kp_target
