/*
 * user/platform.h - platform layer for user space (tests and the user-space
 * build of generated modules).
 *
 * Included through ../platform.h only.  Memory comes from calloc, locks are
 * pthread locks (or no-ops with -DSTP_USER_NO_THREADS), the cpu count is the
 * constant STP_USER_NCPUS and the "current cpu" is a per-thread variable that
 * tests may set, so that per-cpu code paths are exercised on one thread.
 */
#ifndef _STP_RUNTIME_USER_PLATFORM_H_
#define _STP_RUNTIME_USER_PLATFORM_H_

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>

#ifndef STP_USER_NO_THREADS
#include <pthread.h>
#endif

#ifndef STP_USER_NCPUS
#define STP_USER_NCPUS 4
#endif

#ifndef likely
#define likely(x)	__builtin_expect(!!(x), 1)
#endif
#ifndef unlikely
#define unlikely(x)	__builtin_expect(!!(x), 0)
#endif
#ifndef fallthrough
#define fallthrough	__attribute__((__fallthrough__))
#endif

/* ---- memory ------------------------------------------------------------ */

static inline void *_stp_alloc(size_t size)
{
	return calloc(1, size ? size : 1);
}

static inline void _stp_free(void *ptr)
{
	free(ptr);
}

/* ---- per-cpu data ------------------------------------------------------ */

typedef void *_stp_percpu_t;

_stp_percpu_t _stp_percpu_alloc(size_t size);
void _stp_percpu_free(_stp_percpu_t h);
void *_stp_percpu_ptr(_stp_percpu_t h, int cpu);

/* ---- cpus -------------------------------------------------------------- */

int _stp_cpu(void);
/* Make the calling thread run "on" cpu (0 <= cpu < STP_USER_NCPUS). */
void _stp_user_set_cpu(int cpu);

static inline int _stp_cpu_ids(void)
{
	return STP_USER_NCPUS;
}

static inline bool _stp_cpu_possible(int cpu)
{
	return cpu >= 0 && cpu < STP_USER_NCPUS;
}

#define _stp_for_each_cpu(cpu) for ((cpu) = 0; (cpu) < STP_USER_NCPUS; (cpu)++)

/* ---- locks ------------------------------------------------------------- */

#ifdef STP_USER_NO_THREADS
typedef int _stp_spinlock_t;
typedef int _stp_rwlock_t;
#define _stp_spin_init(l)	((void)(*(l) = 0))
#define _stp_spin_lock(l)	((void)(l))
#define _stp_spin_unlock(l)	((void)(l))
#define _stp_spin_trylock(l)	((void)(l), 1)
#define _stp_rwlock_init(l)	((void)(*(l) = 0))
#define _stp_read_lock(l)	((void)(l))
#define _stp_read_unlock(l)	((void)(l))
#define _stp_write_lock(l)	((void)(l))
#define _stp_write_unlock(l)	((void)(l))
#define _stp_read_trylock(l)	((void)(l), 1)
#define _stp_write_trylock(l)	((void)(l), 1)
#else
typedef pthread_mutex_t _stp_spinlock_t;
typedef pthread_rwlock_t _stp_rwlock_t;
#define _stp_spin_init(l)	pthread_mutex_init((l), NULL)
#define _stp_spin_lock(l)	pthread_mutex_lock(l)
#define _stp_spin_unlock(l)	pthread_mutex_unlock(l)
#define _stp_spin_trylock(l)	(pthread_mutex_trylock(l) == 0)
#define _stp_rwlock_init(l)	pthread_rwlock_init((l), NULL)
#define _stp_read_lock(l)	pthread_rwlock_rdlock(l)
#define _stp_read_unlock(l)	pthread_rwlock_unlock(l)
#define _stp_write_lock(l)	pthread_rwlock_wrlock(l)
#define _stp_write_unlock(l)	pthread_rwlock_unlock(l)
#define _stp_read_trylock(l)	(pthread_rwlock_tryrdlock(l) == 0)
#define _stp_write_trylock(l)	(pthread_rwlock_trywrlock(l) == 0)
#endif

#define _stp_cpu_relax()	do { } while (0)

/* ---- atomic counters --------------------------------------------------- */

typedef struct {
	int counter;
} _stp_atomic_t;

static inline int _stp_atomic_inc_return(_stp_atomic_t *a)
{
	return __atomic_add_fetch(&a->counter, 1, __ATOMIC_SEQ_CST);
}

static inline int _stp_atomic_read(const _stp_atomic_t *a)
{
	return __atomic_load_n(&a->counter, __ATOMIC_SEQ_CST);
}

static inline void _stp_atomic_set(_stp_atomic_t *a, int v)
{
	__atomic_store_n(&a->counter, v, __ATOMIC_SEQ_CST);
}

/* ---- time -------------------------------------------------------------- */

uint64_t _stp_time_ns(void);

/* ---- reading foreign memory -------------------------------------------- */

/*
 * Both read this process's memory without faulting (through
 * process_vm_readv on ourselves): an unmapped address gives -EFAULT.
 */
int _stp_read_kernel(void *dst, unsigned long addr, size_t len);
int _stp_read_user(void *dst, unsigned long addr, size_t len);

/* ---- 64-bit arithmetic ------------------------------------------------- */

static inline int64_t _stp_div_s64(int64_t a, int64_t b)
{
	return a / b;
}

static inline uint64_t _stp_div_u64(uint64_t a, uint64_t b)
{
	return a / b;
}

static inline int64_t _stp_rem_s64(int64_t a, int64_t b)
{
	return a % b;
}

static inline uint64_t _stp_rem_u64(uint64_t a, uint64_t b)
{
	return a % b;
}

#endif /* _STP_RUNTIME_USER_PLATFORM_H_ */
