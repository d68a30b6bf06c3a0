echo "label 4" > /proc/cxxtap_kp_target; echo "label -2" > /proc/cxxtap_kp_target 2>/dev/null || true
