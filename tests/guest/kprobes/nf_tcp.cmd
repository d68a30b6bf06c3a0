ip link set lo up && nc 127.0.0.1 7 </dev/null >/dev/null 2>&1; true
