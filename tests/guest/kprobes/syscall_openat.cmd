./sc_workload open
