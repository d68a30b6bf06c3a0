/*
 * bench/probe_hit.sh's workload: LOOPS times, N 1-byte read()s of /dev/zero
 * timed with clock_gettime(CLOCK_MONOTONIC). Under QEMU's -icount shift=0
 * one guest instruction is one nanosecond of guest time, so ns per read is
 * guest instructions per read. Built on the host with gcc -static -O2.
 *
 *   readloop N [LOOPS]    prints one line per loop:
 *   readloop: loop I reads N ns T per_read P
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 200000;
	int loops = argc > 2 ? atoi(argv[2]) : 3;
	int fd = open("/dev/zero", O_RDONLY);
	char b;

	if (fd < 0 || n <= 0 || loops <= 0) {
		perror("readloop");
		return 1;
	}
	for (int l = 1; l <= loops; l++) {
		/* warm-up: caches, TLB, the probe's first hit */
		for (int i = 0; i < 1000; i++)
			if (read(fd, &b, 1) != 1)
				return 1;
		long long t0 = now_ns();
		for (long i = 0; i < n; i++)
			if (read(fd, &b, 1) != 1)
				return 1;
		long long t = now_ns() - t0;
		printf("readloop: loop %d reads %ld ns %lld per_read %.2f\n", l, n, t,
		       (double)t / (double)n);
		fflush(stdout);
	}
	close(fd);
	return 0;
}
