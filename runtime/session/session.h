/*
 * session/session.h - what a generated script and the session that runs it
 * share: the probe context handed to every handler, the table of probes the
 * translator emits, and the session services (output, exit, warnings) that
 * generated code and tapset embedded C call.
 *
 * The generated C file defines _stp_probe_table, _stp_probe_count,
 * _stp_script_init() and _stp_script_exit(); the session (user/session.c in
 * user space) defines everything else declared here.
 */
#ifndef _STP_RUNTIME_SESSION_SESSION_H_
#define _STP_RUNTIME_SESSION_SESSION_H_

#include "../runtime.h"

struct pt_regs;
struct kprobe;

#define STP_REGEX_GROUPS 10

/* What matched() and friends read about the last =~ of a hit. */
struct _stp_regex_state {
	bool matched;			/* the last =~ succeeded */
	int ngroups;			/* subexpressions, group 0 included */
	int start[STP_REGEX_GROUPS], end[STP_REGEX_GROUPS];	/* -1: none */
	char subject[MAXSTRINGLEN];
};

/* The context of one probe hit; tapset bodies see it as CONTEXT. */
struct _stp_probe_ctx {
	struct _stp_context ctx;	/* errors, MAXACTION, nesting */
	const char *probe_point;	/* pp() */
	const char *probe_name;		/* pn() */
	const char *probe_type;		/* probe_type(), may be NULL */
	int is_return_probe;
	int user_mode_p;
	struct pt_regs *kregs;
	struct pt_regs *uregs;
	/* .return probes and their entry parts: the kretprobe instance's
	 * data, where the entry part leaves the @entry values (NULL in
	 * other probes). */
	void *entry_data;
	bool aborted;			/* STAP_ABORT(): not catchable */
	bool lock_timeout;		/* skipped: a global stayed locked */
	struct _stp_regex_state *regex;	/* the last =~ (NULL: none yet) */
	struct _stp_regex_state regex_state;	/* where *regex lives */
	/*
	 * netfilter probes: the hook's arguments ($skb, $hooknum, ...), set
	 * by the hook before the handler runs; stale in other probes.
	 * nf_verdict is what the hook returns (NF_ACCEPT unless changed).
	 */
	void *nf_skb;			/* struct sk_buff * */
	void *nf_in, *nf_out;		/* struct net_device *, may be NULL */
	void *nf_okfn;
	const char *nf_indev_name;	/* "" without a device */
	const char *nf_outdev_name;
	unsigned int nf_hooknum;
	unsigned int nf_pf;		/* NFPROTO_* of the packet */
	unsigned int nf_verdict;
};

/*
 * A global's lock stayed taken MAXTRYLOCK times: the hit is skipped (and
 * counted), not an error.  last_error is set too, so that the session
 * looks at one field to know that a hit needs its attention.
 */
#define STP_LOCK_TIMEOUT(pc)						\
	do {								\
		(pc)->lock_timeout = true;				\
		_stp_ctx_fatal(&(pc)->ctx, "global lock timeout");	\
	} while (0)

/* ---- =~ and the matched() family ------------------------------------------ */

/*
 * s =~ re: re is the program the translator compiled the pattern literal
 * into (runtime/regex.h), work its work area (in the caller's frame,
 * STP_REGEX_WORK_BYTES of re, 8-aligned).  1 when it matches somewhere in
 * s, else 0; the match is kept in pc for matched().  -EINVAL (with the
 * context's error set) when the work area is too small.
 */
int _stp_regex_match(struct _stp_probe_ctx *pc,
		     const struct _stp_regex_prog *re, const char *s,
		     void *work, size_t worksize);
/* matched_str(): the subject (left operand) of the last match; -1 after a
 * failed match. */
int _stp_regex_subject(struct _stp_probe_ctx *pc, char *dst, size_t len);
/* matched(n): -1 after a failed match, -2 when there is no group n; "" for
 * a group that did not take part. */
int _stp_regex_group(struct _stp_probe_ctx *pc, int64_t n, char *dst,
		     size_t len);
/* ngroups(): -1 after a failed match. */
int _stp_regex_ngroups(struct _stp_probe_ctx *pc);

enum _stp_probe_kind {
	STP_PROBE_BEGIN,
	STP_PROBE_END,
	STP_PROBE_ERROR,
	STP_PROBE_TIMER,
	STP_PROBE_NEVER,
	STP_PROBE_KPROBE,		/* kprobe.function(...), kernel.function(...) */
	STP_PROBE_KRETPROBE,		/* kprobe.function(...).return, ... */
	STP_PROBE_KRETPROBE_ENTRY,	/* a .return probe's entry part */
	STP_PROBE_NETFILTER,		/* netfilter.hook(...).pf(...) */
	STP_PROBE_TRACEPOINT,		/* kernel.trace("NAME") */
};

struct _stp_probe_desc {
	enum _stp_probe_kind kind;
	int64_t sequence;		/* begin/end/error(N) */
	int64_t interval_ns;		/* timers */
	int64_t randomize_ns;		/* timers: +/- this much */
	const char *pp;			/* the probe point text */
	const char *pn;			/* the probe point as written */
	void (*handler)(struct _stp_probe_ctx *pc);
	const char *symbol;		/* kprobes: "NAME" or "MOD:NAME" */
	unsigned long offset;		/* kprobes: the probe is at symbol + offset */
	int maxactive;			/* kretprobes: .maxactive(N), -1: none */
	bool optional;			/* `?`: failing to register only warns */
	/* kprobes: the probe's own pre-handler (pass 3 writes one per probe,
	 * linux/session/kprobe_hit.h); NULL: the session's generic one */
	int (*kprobe_pre)(struct kprobe *kp, struct pt_regs *regs);
	/* kretprobes with @entry values: the probe that computes them at the
	 * entry (kind STP_PROBE_KRETPROBE_ENTRY, not registered by itself)
	 * and the bytes they take in each instance's data */
	const struct _stp_probe_desc *entry;
	size_t entry_data_size;
	int nf_pf;			/* netfilter: NFPROTO_*, */
	int nf_hook;			/* the hook number, */
	int nf_priority;		/* and its priority */
	/* tracepoints: the kernel tracepoint's name, and the probe function
	 * registered on it (pass 3 writes one per probe; it passes its
	 * arguments to _stp_tracepoint_hit) */
	const char *tp_name;
	void *tp_func;
};

/* A scalar global that -G NAME=VALUE may set before the begin probes. */
struct _stp_global_desc {
	const char *name;
	int64_t *num;			/* a long, or */
	char *str;			/* a string (MAXSTRINGLEN) */
};

/* Defined by the generated script. */
extern const struct _stp_global_desc _stp_global_table[];
extern const size_t _stp_global_count;
#ifdef __KERNEL__
#include <linux/moduleparam.h>
/* The module parameters' ops for scalar globals (NAME=VALUE at load). */
extern const struct kernel_param_ops _stp_global_param_ops;
#endif
extern const struct _stp_probe_desc _stp_probe_table[];
extern const size_t _stp_probe_count;
/* Bytes of frame memory one hit can use (handler frame plus the deepest
 * chain of function frames; runtime/frame.h). */
extern const size_t _stp_frame_arena_size;
int _stp_script_init(void);	/* allocate globals; 0 or -ENOMEM */
void _stp_script_exit(void);

/* Session states (stap's): begin probes run while STARTING, timers while
 * RUNNING, end probes in STOPPING, error probes in ERROR. */
enum _stp_session_state {
	STP_SESSION_STARTING,
	STP_SESSION_RUNNING,
	STP_SESSION_STOPPING,
	STP_SESSION_ERROR,
};

/* Services of the session. */
struct _stp_buf *_stp_output(void);	/* where print/printf write */
void _stp_print_flush(void);
void _stp_exit(void);			/* exit(): stop after this handler */
void _stp_session_printf(const char *fmt, ...);	/* C printf to output */
void _stp_warn(const char *fmt, ...);
void _stp_system(const char *cmd);

#ifdef __KERNEL__
/*
 * Symbols of the tapset contract (tapset-cpp/README.md, "Runtime symbols")
 * that the context tapsets reach from kernel probes.  session.c has weak
 * fallbacks: a fuller definition elsewhere in the runtime wins.
 */
int _stp_usym_format(char *buf, size_t len, unsigned long addr, int detail);
/*
 * A tracepoint probe's hit (linux/session/tracepoint.c): runs p's handler,
 * while the session is RUNNING, with CONTEXT->entry_data = args, the
 * tracepoint's arguments one int64_t slot each.
 */
void _stp_tracepoint_hit(const struct _stp_probe_desc *p, int64_t *args);
extern int _stp_target;		/* target(): -x PID or the -c command */
#endif

/* C-printf formatted error for tapset STAP_ERROR(); the message goes into
 * c->error_buffer. */
void _stp_ctx_cerrorf(struct _stp_context *c, const char *fmt, ...);

#endif /* _STP_RUNTIME_SESSION_SESSION_H_ */
