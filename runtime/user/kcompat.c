/*
 * user/kcompat.c - user-space stand-ins for the kernel helpers that tapset
 * embedded C calls (see kcompat.h).
 */
#include "../runtime.h"
#include "kcompat.h"

#include <ctype.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

pid_t _stp_target;
char init_user_ns;

struct task_struct *_stp_user_current(void)
{
	static struct task_struct self, parent;
	FILE *f;

	if (self.pid)
		return &self;
	self.pid = self.tgid = getpid();
	parent.pid = parent.tgid = getppid();
	self.real_parent = &parent;
	parent.real_parent = &parent;
	f = fopen("/proc/self/comm", "r");
	if (f) {
		if (fgets(self.comm, sizeof(self.comm), f))
			self.comm[strcspn(self.comm, "\n")] = '\0';
		fclose(f);
	}
	return &self;
}

uint64_t ktime_get_real_fast_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

uint64_t ktime_get_mono_fast_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

uint32_t get_random_u32(void)
{
	return ((uint32_t)random() << 16) ^ (uint32_t)random();
}
pid_t _stp_pid;

long long simple_strtoll(const char *cp, char **endp, unsigned int base)
{
	int64_t v = 0;

	if (_stp_str_to_long(cp, base, &v) < 0)
		v = 0;
	if (endp)
		*endp = (char *)cp;
	return v;
}

char *skip_spaces(const char *str)
{
	while (isspace((unsigned char)*str))
		str++;
	return (char *)str;
}
