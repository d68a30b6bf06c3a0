/*
 * transport/transport.h - how a module talks to staprun.
 *
 * Files (created at module init, removed at module exit):
 *
 *   /proc/systemtap/<THIS_MODULE->name>/.cmd     control messages (msgs.h)
 *   /proc/systemtap/<THIS_MODULE->name>/trace<N> output of cpu N
 *
 * Output path.  A probe formats into its cpu's print buffer
 * (_stp_print_buf()); _stp_print_flush() turns the buffer into one record
 * (struct _stp_trace + text, with a global sequence number) in the cpu's
 * ring.  The rings are plain byte rings of _stp_bufsize MiB each (module
 * parameter; 0 = STP_DEFAULT_BUFSIZE_MB), read by staprun through the
 * trace<N> files.  Records that do not fit are dropped and counted; the
 * loss is reported as a warning at exit.  This replaces relayfs: the byte
 * stream a reader sees is the same as a relay file in SystemTap 4.8's
 * non-bulk mode, but the ring needs no sub-buffer bookkeeping and works the
 * same on procfs for every kernel.
 *
 * Nothing on the probe path sleeps or wakes anyone up (a wake-up from a
 * probe could re-enter the scheduler): a timer, every STP_WAKE_MS, wakes
 * readers when there is data or a message.
 *
 * Control path.  At init the module queues STP_TRANSPORT.  staprun's
 * STP_START runs ops->start() (register probes, run begin probes) in
 * staprun's write(); the reply carries its result.  STP_EXIT runs
 * ops->stop() (end probes, unregister), flushes, and replies STP_EXIT.
 * A script's exit() queues STP_REQUEST_EXIT, which staprun answers with
 * STP_EXIT.  If the module is unloaded while running (staprun killed),
 * stop runs at module exit.
 *
 * Generated scripts do not call this API directly: they use
 * runtime/session/session.h, which linux/session/session.c implements on
 * top of it (module_init, the start/stop hooks, timers, error reporting).
 * Hand-written modules (tests/guest/staprun_hello) use it directly.
 */
#ifndef _STP_TRANSPORT_TRANSPORT_H_
#define _STP_TRANSPORT_TRANSPORT_H_

#include <linux/types.h>
#include <linux/compiler.h>

#include "../../outbuf.h"
#include "msgs.h"

#ifndef STP_DEFAULT_BUFSIZE_MB
#define STP_DEFAULT_BUFSIZE_MB 4
#endif
#ifndef STP_PRINT_BUF_SIZE
#define STP_PRINT_BUF_SIZE 8192
#endif
#ifndef STP_WAKE_MS
#define STP_WAKE_MS 10
#endif

/* The session's side of the protocol; both run in process context. */
struct _stp_session_ops {
	/* Register probes and run begin probes; 0 or a negative errno. */
	int (*start)(void);
	/* Run end probes and unregister everything. */
	void (*stop)(void);
};

/* Call from module_init, after the session's own allocations; creates the
 * files and queues STP_TRANSPORT.  0 or a negative errno. */
int _stp_transport_init(const struct _stp_session_ops *ops);
/* Call from module_exit: stops a running session, removes the files. */
void _stp_transport_exit(void);

/* The pid staprun passed in STP_START (-c CMD or -x PID), else 0. */
extern int _stp_target;
/* Module parameter: MiB of output ring per cpu (0 = default). */
extern int _stp_bufsize;

/*
 * This cpu's print buffer; call with preemption disabled (probe handlers
 * run that way).  When less than half of it is free it is flushed first,
 * so one print statement may produce up to STP_PRINT_BUF_SIZE / 2 bytes.
 */
struct _stp_buf *_stp_print_buf(void);
/* Send this cpu's print buffer as one record and empty it. */
void _stp_print_flush(void);
/* Convenience: append text to this cpu's print buffer. */
void _stp_print(const char *s);
/* Append one record to the current cpu's ring (any context). */
void _stp_transport_write(const void *data, size_t len);

/* Out-of-band text to staprun's stderr ("WARNING: ...", "ERROR: ..."),
 * from any context.  Messages are dropped when the queue is full. */
void _stp_oob(const char *text, size_t len);
void _stp_warn(const char *fmt, ...) __printf(1, 2);
void _stp_error(const char *fmt, ...) __printf(1, 2);

/* system(cmd): staprun runs cmd with sh -c (at most 127 bytes). */
void _stp_send_system(const char *cmd);

/* A script's exit(): ask staprun to stop the session (any context; only
 * the first call sends anything). */
void _stp_request_exit(void);

#endif /* _STP_TRANSPORT_TRANSPORT_H_ */
