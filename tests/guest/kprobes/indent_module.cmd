echo recurse 2 > /proc/cxxtap_kp_target
