/*
 * Workload of the nf_udp guest case: 5 UDP datagrams of 10, 20, 30, 40 and
 * 50 bytes from 127.0.0.1:40001 to 127.0.0.1:40000, where a socket of ours
 * receives them (so no ICMP port-unreachable comes back).  Brings lo up.
 */
#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

static int bound(int port)
{
	struct sockaddr_in a;
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons(port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
		perror("bind");
		return -1;
	}
	return fd;
}

int main(void)
{
	struct sockaddr_in to;
	struct ifreq ifr;
	char buf[64];
	int ctl, rx, tx, i;

	ctl = socket(AF_INET, SOCK_DGRAM, 0);
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	if (ioctl(ctl, SIOCGIFFLAGS, &ifr) == 0) {
		ifr.ifr_flags |= IFF_UP;
		ioctl(ctl, SIOCSIFFLAGS, &ifr);
	}
	rx = bound(40000);
	tx = bound(40001);
	if (rx < 0 || tx < 0)
		return 1;
	memset(&to, 0, sizeof(to));
	to.sin_family = AF_INET;
	to.sin_port = htons(40000);
	to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	memset(buf, 'x', sizeof(buf));
	for (i = 1; i <= 5; i++) {
		if (sendto(tx, buf, 10 * i, 0, (struct sockaddr *)&to, sizeof(to)) != 10 * i) {
			perror("sendto");
			return 1;
		}
		if (recv(rx, buf, sizeof(buf), 0) != 10 * i) {
			perror("recv");
			return 1;
		}
	}
	return 0;
}
