./sc_workload mm
