./nf_udp
