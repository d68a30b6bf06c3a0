/*
 * user/kcompat.h - the few kernel helpers tapset embedded C uses, for the
 * user-space build (--runtime=user).  Bodies that need real kernel services
 * (task structs, registers, ...) do not compile here; pass 3 rejects their
 * probe families in this mode.
 */
#ifndef _STP_RUNTIME_USER_KCOMPAT_H_
#define _STP_RUNTIME_USER_KCOMPAT_H_

#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#define min_t(type, a, b) ((type)(a) < (type)(b) ? (type)(a) : (type)(b))
#define max_t(type, a, b) ((type)(a) > (type)(b) ? (type)(a) : (type)(b))
#ifndef __maybe_unused
#define __maybe_unused __attribute__((__unused__))
#endif

long long simple_strtoll(const char *cp, char **endp, unsigned int base);
char *skip_spaces(const char *str);


/* The "current task": the session process itself. */
struct task_struct {
	char comm[16];
	pid_t pid, tgid;
	struct task_struct *real_parent;
};
struct task_struct *_stp_user_current(void);
#define current (_stp_user_current())
static inline pid_t task_tgid_nr(struct task_struct *t) { return t->tgid; }
static inline pid_t task_pid_nr(struct task_struct *t) { return t->pid; }
#define rcu_read_lock() do { } while (0)
#define rcu_read_unlock() do { } while (0)
#define rcu_dereference(p) (p)

/* Credentials: the process's own ids. */
extern char init_user_ns;
#define current_uid() ((int64_t)getuid())
#define current_euid() ((int64_t)geteuid())
#define current_gid() ((int64_t)getgid())
#define current_egid() ((int64_t)getegid())
#define from_kuid_munged(ns, id) ((void)(ns), (id))
#define from_kgid_munged(ns, id) ((void)(ns), (id))

#define smp_processor_id() _stp_cpu()
typedef uint64_t u64;
typedef uint32_t u32;
uint64_t ktime_get_real_fast_ns(void);
uint64_t ktime_get_mono_fast_ns(void);
uint32_t get_random_u32(void);

extern pid_t _stp_target;
extern pid_t _stp_pid;

#endif /* _STP_RUNTIME_USER_KCOMPAT_H_ */
