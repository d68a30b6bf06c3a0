./sc_workload exec
