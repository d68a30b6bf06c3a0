sleep 5 & kill $!; wait; sleep 0.5
