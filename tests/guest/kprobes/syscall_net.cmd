./sc_workload net
