echo 1 > /proc/cxxtap_kp_target
