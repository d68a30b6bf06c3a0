/*
 * platform.h - selects the platform layer of the cxxtap runtime.
 *
 * The core of the runtime (maps, statistics, printf, strings, contexts) is
 * written once against the small set of names below, which each platform
 * header provides:
 *
 *   types      int64_t, uint64_t, int32_t, uint32_t, size_t, bool
 *   memory     _stp_alloc(size) (zeroed; sleeping allowed: call it only at
 *              module init), _stp_free(ptr)
 *   per-cpu    _stp_percpu_alloc(size), _stp_percpu_free(h),
 *              _stp_percpu_ptr(h, cpu)
 *   cpus       _stp_cpu(), _stp_cpu_ids() (one past the highest cpu id),
 *              _stp_cpu_possible(cpu), _stp_for_each_cpu(cpu)
 *   locks      _stp_spinlock_t, _stp_spin_init/lock/unlock/trylock,
 *              _stp_rwlock_t, _stp_rwlock_init, _stp_read_lock/unlock,
 *              _stp_write_lock/unlock, _stp_read_trylock, _stp_write_trylock,
 *              _stp_cpu_relax()
 *   atomics    _stp_atomic_t, _stp_atomic_inc_return/read/set
 *   time       _stp_time_ns() (monotonic)
 *   memory     _stp_read_kernel(dst, addr, len), _stp_read_user(dst, addr,
 *   access     len): copy without faulting; 0 or -EFAULT
 *   arithmetic _stp_div_s64(a, b), _stp_div_u64(a, b), _stp_rem_s64(a, b),
 *              _stp_rem_u64(a, b) (b != 0; callers check)
 *   hints      likely(), unlikely()
 */
#ifndef _STP_RUNTIME_PLATFORM_H_
#define _STP_RUNTIME_PLATFORM_H_

#ifdef __KERNEL__
#include "linux/platform.h"
#else
#include "user/platform.h"
#endif

#include "limits.h"

/* Limits of int64_t that do not depend on <stdint.h> or <linux/limits.h>. */
#define _STP_S64_MAX ((int64_t)(~(uint64_t)0 >> 1))
#define _STP_S64_MIN (-_STP_S64_MAX - 1)

#endif /* _STP_RUNTIME_PLATFORM_H_ */
