./sc_workload fd
