echo global > /proc/cxxtap_kp_target; echo global > /proc/cxxtap_kp_target; echo record > /proc/cxxtap_kp_target
