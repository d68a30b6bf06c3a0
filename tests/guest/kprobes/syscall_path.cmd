./sc_workload path
