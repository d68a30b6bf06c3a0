echo record > /proc/cxxtap_kp_target; printf '%s\n' 'say "hi" \o/' > /proc/cxxtap_kp_target 2>/dev/null; true
