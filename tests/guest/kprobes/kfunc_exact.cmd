echo 12 > /proc/cxxtap_kp_target
