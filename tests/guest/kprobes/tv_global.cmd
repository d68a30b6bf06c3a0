sh -c "true & wait"
