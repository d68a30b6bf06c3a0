echo 3 > /proc/cxxtap_kp_target
