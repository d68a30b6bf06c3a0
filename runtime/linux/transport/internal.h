/*
 * transport/internal.h - shared state of the transport's files; not for
 * generated code (that uses transport.h).
 */
#ifndef _STP_TRANSPORT_INTERNAL_H_
#define _STP_TRANSPORT_INTERNAL_H_

#include <linux/proc_fs.h>
#include <linux/wait.h>

#include "transport.h"

/* The /proc/systemtap/<name> directory. */
extern struct proc_dir_entry *_stp_proc_dir;
/* Set at module exit: blocked readers give up. */
extern bool _stp_transport_closing;

/* ctl.c: the .cmd file and its message queue. */
int _stp_ctl_init(const struct _stp_session_ops *ops);
void _stp_ctl_exit(void);
/* Queue a message (any context); false when the queue is full. */
bool _stp_ctl_send(u32 type, const void *data, size_t len);
/* Wake .cmd readers if messages are queued (timer, process context). */
void _stp_ctl_wake(void);
/* The session is running (ops->start succeeded, stop not yet run). */
bool _stp_ctl_running(void);
/* Module exit: run ops->stop if the session is still running. */
void _stp_ctl_stop_session(void);

/* ring.c: the per-cpu output rings and the trace<N> files. */
int _stp_ring_init(size_t bytes_per_cpu);
void _stp_ring_exit(void);
void _stp_ring_wake(void);
/* Bytes of output dropped so far because a ring was full. */
u64 _stp_ring_lost(void);

/* print.c */
int _stp_print_init(void);
void _stp_print_exit(void);
/* Flush every cpu's print buffer (process context, session stopped). */
void _stp_print_flush_all(void);

#endif /* _STP_TRANSPORT_INTERNAL_H_ */
