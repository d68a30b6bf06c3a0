for c in point record args union bad global global "lookup 7" "lookup 9"; do echo $c > /proc/cxxtap_kp_target; done
