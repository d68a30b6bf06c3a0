echo lookup 7 > /proc/cxxtap_kp_target; echo lookup 8 > /proc/cxxtap_kp_target; echo lookup 1 > /proc/cxxtap_kp_target; echo recurse 2 > /proc/cxxtap_kp_target
