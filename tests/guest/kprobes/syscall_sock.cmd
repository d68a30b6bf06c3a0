./sc_workload sock
