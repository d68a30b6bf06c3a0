echo 30 > /proc/cxxtap_kp_target
