./sc_workload task
