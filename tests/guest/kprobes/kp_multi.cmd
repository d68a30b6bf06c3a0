echo record > /proc/cxxtap_kp_target; echo point > /proc/cxxtap_kp_target; echo nonsense > /proc/cxxtap_kp_target 2>/dev/null; true
