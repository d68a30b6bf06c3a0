for i in 1 2 3 4 5; do echo $i > /proc/cxxtap_kp_target; done
