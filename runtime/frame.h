/*
 * frame.h - memory for the frames of probe handlers and script functions.
 *
 * Generated code allocates each handler's locals and each function call's
 * frame with _stp_frame_alloc(size) (zeroed; NULL when out of memory, which
 * the caller reports as a script error) and releases it with
 * _stp_frame_free(ptr).  Handlers run in atomic context in the kernel
 * (timers, interrupts, under spinlocks), so there the memory comes from
 * kzalloc(GFP_ATOMIC); in user space from calloc.
 */
#ifndef _STP_RUNTIME_FRAME_H_
#define _STP_RUNTIME_FRAME_H_

#ifdef __KERNEL__
#include <linux/slab.h>

static inline void *_stp_frame_alloc(size_t size)
{
	return kzalloc(size ? size : 1, GFP_ATOMIC | __GFP_NOWARN);
}

static inline void _stp_frame_free(void *ptr)
{
	kfree(ptr);
}
#else
#include <stdlib.h>

static inline void *_stp_frame_alloc(size_t size)
{
	return calloc(1, size ? size : 1);
}

static inline void _stp_frame_free(void *ptr)
{
	free(ptr);
}
#endif

#endif /* _STP_RUNTIME_FRAME_H_ */
