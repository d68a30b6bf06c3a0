/*
 * frame.c - the per-cpu frame arenas of the kernel runtime (frame.h).  The
 * session (linux/session/session.c) gives each cpu its memory at module
 * init; until then _stp_frame_alloc() returns NULL.
 */
#include "platform.h"
#include "frame.h"

#ifdef __KERNEL__
DEFINE_PER_CPU(struct _stp_frame_arena, _stp_frame_arenas);
#else
/* User space allocates frames with calloc: nothing to define. */
typedef int _stp_frame_user_unused_t;
#endif
