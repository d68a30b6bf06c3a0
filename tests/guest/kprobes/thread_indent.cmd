ip link show >/dev/null
