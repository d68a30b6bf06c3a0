ip link set lo up && ping -c 2 -s 100 -A -q 127.0.0.1 >/dev/null
