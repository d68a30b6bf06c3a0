echo point > /proc/cxxtap_kp_target
