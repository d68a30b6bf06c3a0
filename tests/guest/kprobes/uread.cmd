echo lookup 12345678 > /proc/cxxtap_kp_target
