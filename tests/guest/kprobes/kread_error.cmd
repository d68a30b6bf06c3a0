echo bad > /proc/cxxtap_kp_target
