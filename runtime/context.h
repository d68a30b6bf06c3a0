/*
 * context.h - the per-probe context and the error protocol of generated code.
 *
 * Each probe hit runs with one struct _stp_context (one per cpu, owned by
 * the session; the translator embeds it in a larger struct that holds the
 * handler's locals).  Run-time errors do not unwind the C stack: a failing
 * operation records a message in the context and the generated code jumps
 * with goto to the end of the handler, or to the innermost catch block:
 *
 *	STP_ACTIONS(c, out, 3);
 *	l->q = _stp_ctx_div(c, l->a, l->b);
 *	STP_CHECK(c, out);
 *	...
 *	out:
 *	(end of handler: the session reports c->last_error, if any)
 *
 * try { A } catch (msg) { B } becomes
 *
 *	{ A, whose errors goto catch_1 }
 *	goto after_1;
 *	catch_1:
 *	STP_CATCH(c, l->msg, out);	(not catchable: goto out)
 *	{ B }
 *	after_1: ;
 *
 * Messages use stap's wording.  The first error of a hit is kept.
 */
#ifndef _STP_RUNTIME_CONTEXT_H_
#define _STP_RUNTIME_CONTEXT_H_

#include "platform.h"
#include "outbuf.h"

#define STP_MSG_DIV0		"division by 0"
#define STP_MSG_MAXACTION	"MAXACTION exceeded"
#define STP_MSG_MAXNESTING	"MAXNESTING exceeded"
#define STP_MSG_AGG_NOT_FOUND	"aggregate element not found"
#define STP_MSG_AGG_OVERFLOW	"aggregation overflow"
#define STP_MSG_ARRAY_FULL	"Array overflow, check MAXMAPENTRIES"

struct _stp_context {
	const char *probe_point;	/* pp(): the probe point text */
	const char *last_stmt;		/* "identifier 'x' at f.stp:3:5" */
	const char *last_error;		/* the error message, or NULL */
	bool error_fatal;		/* last_error cannot be caught */
	int64_t actionremaining;	/* statements left (MAXACTION) */
	int nesting;			/* function calls active */
	char error_buffer[MAXSTRINGLEN];	/* formatted messages */
};

/* Ready c for a new probe hit; maxaction is MAXACTION or
 * MAXACTION_INTERRUPTIBLE. */
void _stp_ctx_start(struct _stp_context *c, const char *probe_point,
		    int64_t maxaction);

/* Record an error (msg must outlive the hit: a literal, or
 * c->error_buffer); a catch block may handle it. */
void _stp_ctx_error(struct _stp_context *c, const char *msg);
/* Record an error that try/catch cannot handle (resource limits). */
void _stp_ctx_fatal(struct _stp_context *c, const char *msg);
/* Record an error formatted with the printf language (longs as int64_t). */
void _stp_ctx_errorf(struct _stp_context *c, const char *fmt, ...);
/* "Array overflow, check size limit (N)" for a global declared a[N],
 * else STP_MSG_ARRAY_FULL. */
void _stp_ctx_error_array_full(struct _stp_context *c, uint32_t max_entries,
			       bool declared_size);

/*
 * Handle the pending error in a catch block: copy its message into msg
 * (a MAXSTRINGLEN buffer; may be NULL), clear it and return true.  Returns
 * false, leaving it pending, when the error is fatal.
 */
bool _stp_ctx_catch(struct _stp_context *c, char *msg);

/* a / b and a % b of the script language: 0 and an error when b is 0;
 * INT64_MIN / -1 wraps (to INT64_MIN, remainder 0) instead of trapping. */
int64_t _stp_ctx_div(struct _stp_context *c, int64_t a, int64_t b);
int64_t _stp_ctx_mod(struct _stp_context *c, int64_t a, int64_t b);

/* "ERROR: <message>[ near <last_stmt>]\n", as the session prints it. */
void _stp_ctx_format_error(const struct _stp_context *c, struct _stp_buf *out);

/*
 * Session-wide counts of handler errors and skipped probes.  A session holds
 * one, zeroed, for its whole run.
 */
struct _stp_session_counts {
	_stp_atomic_t errors;
	_stp_atomic_t skipped;
	_stp_atomic_t skipped_lock;	/* of those: a global's lock timed out */
	_stp_atomic_t skipped_reentrant;	/* a probe fired inside another */
	_stp_atomic_t skipped_missed;	/* kprobe hits the kernel missed */
};

/* Why a probe was skipped (each reason has its own count and warning). */
enum _stp_skip_reason {
	STP_SKIP_LOCK,
	STP_SKIP_REENTRANT,
	STP_SKIP_MISSED,	/* kretprobe instances ran out, kprobe reentered */
};

/* Count a handler that ended with an error; true when that makes more than
 * MAXERRORS, and the session must exit. */
bool _stp_session_error(struct _stp_session_counts *s);
/* Count a skipped probe; true when that makes more than MAXSKIPPED. */
bool _stp_session_skipped(struct _stp_session_counts *s,
			  enum _stp_skip_reason why);
/* At the end of a run: one "WARNING: Skipped due to <reason>: N\n" line per
 * reason that happened, then "WARNING: Number of errors: N, skipped probes:
 * M\n" when either is not zero. */
void _stp_session_format_counts(struct _stp_session_counts *s,
				struct _stp_buf *out);

/* ---- macros for generated code ------------------------------------------- */

/* Jump to label when an error is pending. */
#define STP_CHECK(c, label)						\
	do {								\
		if (unlikely((c)->last_error))				\
			goto label;					\
	} while (0)

/* Raise msg and jump to label. */
#define STP_ERROR(c, label, msg)					\
	do {								\
		_stp_ctx_error((c), (msg));				\
		goto label;						\
	} while (0)

/* Count n statements against MAXACTION. */
#define STP_ACTIONS(c, label, n)					\
	do {								\
		if (unlikely(((c)->actionremaining -= (n)) < 0)) {	\
			_stp_ctx_fatal((c), STP_MSG_MAXACTION);		\
			goto label;					\
		}							\
	} while (0)

/* Enter a script function (at most MAXNESTING active). */
#define STP_NEST_ENTER(c, label)					\
	do {								\
		if (unlikely((c)->nesting >= MAXNESTING)) {		\
			_stp_ctx_fatal((c), STP_MSG_MAXNESTING);	\
			goto label;					\
		}							\
		(c)->nesting++;						\
	} while (0)

#define STP_NEST_LEAVE(c) ((c)->nesting--)

/* First statement of a catch block (see above). */
#define STP_CATCH(c, msgbuf, outer)					\
	do {								\
		if (!_stp_ctx_catch((c), (msgbuf)))			\
			goto outer;					\
	} while (0)

#endif /* _STP_RUNTIME_CONTEXT_H_ */
