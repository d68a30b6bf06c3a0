echo 20 > /proc/cxxtap_kp_target; echo 21 > /proc/cxxtap_kp_target
