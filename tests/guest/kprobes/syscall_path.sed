s/0x7f[0-9a-f]{10}/ADDR/g
