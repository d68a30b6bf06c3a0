/*
 * linux/platform.h - platform layer for kernel modules.
 *
 * Included through ../platform.h only.  No libc here: allocation is
 * kvzalloc/kvfree, per-cpu data comes from the per-cpu allocator, locks are
 * raw spinlocks and rwlocks (probes can fire in any context), time is
 * ktime_get_ns(), and foreign memory is read with the *_nofault copies.
 */
#ifndef _STP_RUNTIME_LINUX_PLATFORM_H_
#define _STP_RUNTIME_LINUX_PLATFORM_H_

#include <linux/version.h>
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/percpu.h>
#include <linux/smp.h>
#include <linux/cpumask.h>
#include <linux/spinlock.h>
#include <linux/atomic.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>
#include <linux/math64.h>
#include <asm/processor.h>
#include <linux/sched/task_stack.h>	/* task_pt_regs() */

/* ---- memory ------------------------------------------------------------ */

static inline void *_stp_alloc(size_t size)
{
	return kvzalloc(size, GFP_KERNEL);
}

static inline void _stp_free(void *ptr)
{
	kvfree(ptr);
}

/* ---- per-cpu data ------------------------------------------------------ */

typedef void __percpu *_stp_percpu_t;

static inline _stp_percpu_t _stp_percpu_alloc(size_t size)
{
	return __alloc_percpu(size, sizeof(u64));
}

static inline void _stp_percpu_free(_stp_percpu_t h)
{
	free_percpu(h);
}

static inline void *_stp_percpu_ptr(_stp_percpu_t h, int cpu)
{
	return per_cpu_ptr(h, cpu);
}

/* ---- cpus -------------------------------------------------------------- */

/* Probe handlers run with preemption disabled; the raw form avoids the
 * debug check in contexts where that is already guaranteed. */
static inline int _stp_cpu(void)
{
	return raw_smp_processor_id();
}

static inline int _stp_cpu_ids(void)
{
	return nr_cpu_ids;
}

static inline bool _stp_cpu_possible(int cpu)
{
	return cpu_possible(cpu);
}

#define _stp_for_each_cpu(cpu) for_each_possible_cpu(cpu)

/* ---- locks ------------------------------------------------------------- */

/*
 * Probes may fire in interrupt context and, on PREEMPT_RT, spinlock_t and
 * rwlock_t sleep; raw spinlocks never do.  On PREEMPT_RT a reader/writer lock
 * degrades to a raw spinlock (readers exclude each other, which is correct,
 * only less concurrent).
 */
typedef raw_spinlock_t _stp_spinlock_t;

#define _stp_spin_init(l)	raw_spin_lock_init(l)
#define _stp_spin_lock(l)	raw_spin_lock(l)
#define _stp_spin_unlock(l)	raw_spin_unlock(l)
#define _stp_spin_trylock(l)	raw_spin_trylock(l)

#ifdef CONFIG_PREEMPT_RT
typedef raw_spinlock_t _stp_rwlock_t;
#define _stp_rwlock_init(l)	raw_spin_lock_init(l)
#define _stp_read_lock(l)	raw_spin_lock(l)
#define _stp_read_unlock(l)	raw_spin_unlock(l)
#define _stp_write_lock(l)	raw_spin_lock(l)
#define _stp_write_unlock(l)	raw_spin_unlock(l)
#define _stp_read_trylock(l)	raw_spin_trylock(l)
#define _stp_write_trylock(l)	raw_spin_trylock(l)
#else
/*
 * The locks of script globals are only taken by handlers, which run with
 * interrupts off (so not preemptible): the architecture's reader/writer
 * lock without rwlock_t's preempt-count bookkeeping and out-of-line calls
 * is enough, and a try-lock plus unlock is then a handful of inline
 * instructions on the probe path (bench/probe_hit.sh).
 */
typedef arch_rwlock_t _stp_rwlock_t;
#define _stp_rwlock_init(l)	(*(l) = (arch_rwlock_t)__ARCH_RW_LOCK_UNLOCKED)
#define _stp_read_lock(l)	arch_read_lock(l)
#define _stp_read_unlock(l)	arch_read_unlock(l)
#define _stp_write_lock(l)	arch_write_lock(l)
#define _stp_write_unlock(l)	arch_write_unlock(l)
#define _stp_read_trylock(l)	arch_read_trylock(l)
#define _stp_write_trylock(l)	arch_write_trylock(l)
#endif

#define _stp_cpu_relax()	cpu_relax()

/* ---- atomic counters --------------------------------------------------- */

typedef atomic_t _stp_atomic_t;

static inline int _stp_atomic_inc_return(_stp_atomic_t *a)
{
	return atomic_inc_return(a);
}

static inline int _stp_atomic_read(const _stp_atomic_t *a)
{
	return atomic_read(a);
}

static inline void _stp_atomic_set(_stp_atomic_t *a, int v)
{
	atomic_set(a, v);
}

/* ---- time -------------------------------------------------------------- */

static inline u64 _stp_time_ns(void)
{
	return ktime_get_ns();
}

/* ---- reading foreign memory -------------------------------------------- */

static inline int _stp_read_kernel(void *dst, unsigned long addr, size_t len)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(5, 8, 0)
	return copy_from_kernel_nofault(dst, (const void *)addr, len) ? -EFAULT : 0;
#else
	return probe_kernel_read(dst, (const void *)addr, len) ? -EFAULT : 0;
#endif
}

static inline int _stp_read_user(void *dst, unsigned long addr, size_t len)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(5, 8, 0)
	return copy_from_user_nofault(dst, (const void __user *)addr, len) ?
		-EFAULT : 0;
#else
	return probe_user_read(dst, (const void __user *)addr, len) ?
		-EFAULT : 0;
#endif
}

/*
 * Guru-mode writes (set_kernel_*): 0, or -EFAULT where nothing is mapped.
 * copy_to_kernel_nofault() is not exported to modules; its building block
 * __put_kernel_nofault() is a macro.
 */
static inline int _stp_store_kernel(void *addr, const void *src, size_t len)
{
	const u8 *from = src;
	u8 *to = addr;
	size_t i;

	pagefault_disable();
	for (i = 0; i < len; i++)
		__put_kernel_nofault(to + i, from + i, u8, fault);
	pagefault_enable();
	return 0;
fault:
	pagefault_enable();
	return -EFAULT;
}

/* ---- 64-bit arithmetic (32-bit kernels have no native 64-bit divide) ---- */

static inline s64 _stp_div_s64(s64 a, s64 b)
{
	return div64_s64(a, b);
}

static inline u64 _stp_div_u64(u64 a, u64 b)
{
	return div64_u64(a, b);
}

static inline s64 _stp_rem_s64(s64 a, s64 b)
{
	return a - div64_s64(a, b) * b;
}

static inline u64 _stp_rem_u64(u64 a, u64 b)
{
	u64 rem;

	div64_u64_rem(a, b, &rem);
	return rem;
}

#endif /* _STP_RUNTIME_LINUX_PLATFORM_H_ */
