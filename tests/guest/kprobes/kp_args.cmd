echo args > /proc/cxxtap_kp_target
