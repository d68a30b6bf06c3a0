./sc_workload clone
