echo 5 > /proc/cxxtap_kp_target
