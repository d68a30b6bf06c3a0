echo 6 > /proc/cxxtap_kp_target
