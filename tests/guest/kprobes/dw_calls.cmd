echo 4 > /proc/cxxtap_kp_target; echo point > /proc/cxxtap_kp_target; echo lookup 7 > /proc/cxxtap_kp_target
