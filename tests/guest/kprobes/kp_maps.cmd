echo recurse 4 > /proc/cxxtap_kp_target; echo 10 > /proc/cxxtap_kp_target; echo 11 > /proc/cxxtap_kp_target; echo global > /proc/cxxtap_kp_target
