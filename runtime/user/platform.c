/*
 * user/platform.c - out-of-line parts of the user-space platform layer.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* process_vm_readv */
#endif
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "../platform.h"

static __thread int _stp_user_current_cpu;

int _stp_cpu(void)
{
	return _stp_user_current_cpu;
}

void _stp_user_set_cpu(int cpu)
{
	if (cpu >= 0 && cpu < STP_USER_NCPUS)
		_stp_user_current_cpu = cpu;
}

/* A per-cpu block: the stride, then STP_USER_NCPUS copies of the data. */
struct _stp_user_percpu {
	size_t stride;
	char data[];
};

_stp_percpu_t _stp_percpu_alloc(size_t size)
{
	size_t stride = (size + 63) & ~(size_t)63;
	struct _stp_user_percpu *p;

	p = calloc(1, sizeof(*p) + stride * STP_USER_NCPUS);
	if (!p)
		return NULL;
	p->stride = stride;
	return p;
}

void _stp_percpu_free(_stp_percpu_t h)
{
	free(h);
}

void *_stp_percpu_ptr(_stp_percpu_t h, int cpu)
{
	struct _stp_user_percpu *p = h;

	return p->data + p->stride * (size_t)cpu;
}

uint64_t _stp_time_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static int _stp_user_read_self(void *dst, unsigned long addr, size_t len)
{
	struct iovec local = { .iov_base = dst, .iov_len = len };
	struct iovec remote = { .iov_base = (void *)addr, .iov_len = len };

	if (len == 0)
		return 0;
	if (process_vm_readv(getpid(), &local, 1, &remote, 1, 0) != (ssize_t)len)
		return -EFAULT;
	return 0;
}

int _stp_read_kernel(void *dst, unsigned long addr, size_t len)
{
	return _stp_user_read_self(dst, addr, len);
}

int _stp_read_user(void *dst, unsigned long addr, size_t len)
{
	return _stp_user_read_self(dst, addr, len);
}
