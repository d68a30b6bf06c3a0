ip link set lo up; nc 127.0.0.1 9 </dev/null 2>/dev/null; true
