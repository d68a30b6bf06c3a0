echo "lines 4" > /proc/cxxtap_kp_target
