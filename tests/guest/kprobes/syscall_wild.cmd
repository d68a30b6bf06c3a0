./sc_workload rw
