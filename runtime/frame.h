/*
 * frame.h - memory for the frames of probe handlers and script functions.
 *
 * Generated code allocates each handler's locals and each function call's
 * frame with _stp_frame_push(size) (NULL when out of memory, which the
 * caller reports as a script error) and releases it with
 * _stp_frame_free(ptr), always in LIFO order.  A pushed frame is not
 * zeroed: generated code sets what the script can read before it writes
 * it (locals to 0 or "", a function's result, its arguments), and writes
 * every temporary before reading it; zeroing a frame with a few strings
 * cost more than the rest of a hit (bench/probe_hit.sh).
 * _stp_frame_alloc(size) is the zeroed form, for runtime helpers.
 *
 * In the kernel, handlers run one at a time per cpu (the session's busy
 * flag) with interrupts off, so frames come from a per-cpu arena: a bump
 * pointer, no allocator call and no lock on the probe path.  The session
 * gives each cpu _stp_frame_arena_size bytes (the generated script says how
 * many a hit can use: its largest handler frame plus MAXNESTING + 1 of its
 * largest function frame) and empties the arena before each handler.  In
 * user space frames come from calloc.
 */
#ifndef _STP_RUNTIME_FRAME_H_
#define _STP_RUNTIME_FRAME_H_

/* What one frame of `size` bytes takes from an arena. */
#define STP_FRAME_SIZE(size) ((((size) ? (size) : 1) + 15) & ~(size_t)15)

#ifdef __KERNEL__
#include <linux/percpu.h>
#include <linux/string.h>

struct _stp_frame_arena {
	char *base;
	size_t used;
	size_t size;
};
DECLARE_PER_CPU(struct _stp_frame_arena, _stp_frame_arenas);

static inline void *_stp_frame_push(size_t size)
{
	struct _stp_frame_arena *a = this_cpu_ptr(&_stp_frame_arenas);
	size_t n = STP_FRAME_SIZE(size);
	void *p;

	/* size is 0 while the arena has no memory */
	if (unlikely(n > a->size - a->used))
		return NULL;
	p = a->base + a->used;
	a->used += n;
	return p;
}

static inline void *_stp_frame_alloc(size_t size)
{
	void *p = _stp_frame_push(size);

	if (p)
		memset(p, 0, size);
	return p;
}

static inline void _stp_frame_free(void *ptr)
{
	struct _stp_frame_arena *a = this_cpu_ptr(&_stp_frame_arenas);

	a->used = (size_t)((char *)ptr - a->base);
}
#else
#include <stdlib.h>

static inline void *_stp_frame_push(size_t size)
{
	return malloc(size ? size : 1);
}

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
