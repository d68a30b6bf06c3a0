/*
 * session/tapset.h - the names tapset embedded-C bodies use (see
 * tapset-cpp/README.md, "The contract for embedded-C bodies").
 *
 * Generated code includes this after runtime.h.  An embedded function body
 * runs inside a C function whose parameters are `pc` (the probe context)
 * and `l` (the call frame, holding the arguments and __retvalue) and that
 * ends at the label `out`; the translator defines STAP_ARG_<name> around
 * each body.
 */
#ifndef _STP_RUNTIME_SESSION_TAPSET_H_
#define _STP_RUNTIME_SESSION_TAPSET_H_

#include "session.h"

#ifndef __KERNEL__
#include "../user/kcompat.h"
#else
#include "../linux/session/tapset_support.h"
#include "../linux/session/backtrace.h"
#include "../linux/session/task.h"
#include "../linux/session/module_symbols.h"
#endif

#define CONTEXT (pc)
#define STAP_RETVALUE (l->__retvalue)
/* The translator redefines STAP_RETURN around string functions' bodies
 * (copying), and back to this afterwards. */
#define STP_RETURN_LONG(v)						\
	do {								\
		STAP_RETVALUE = (v);					\
		goto out;						\
	} while (0)
#define STAP_RETURN(v) STP_RETURN_LONG(v)
#define STAP_ERROR(...)							\
	do {								\
		_stp_ctx_cerrorf(&pc->ctx, __VA_ARGS__);		\
		goto out;						\
	} while (0)
#define STAP_ABORT()							\
	do {								\
		pc->aborted = true;					\
		_stp_exit();						\
		_stp_ctx_fatal(&pc->ctx, "abort");			\
		goto out;						\
	} while (0)

#ifndef MAXBACKTRACE
#define MAXBACKTRACE 20
#endif

/* Tapset bodies print with C printf formats. */
#define _stp_printf(...) _stp_session_printf(__VA_ARGS__)

#endif /* _STP_RUNTIME_SESSION_TAPSET_H_ */
