/*
 * linux/session/session.c - the kernel session: runs a generated script's
 * probes in a module, on the transport (../transport/transport.h), the way
 * user/session.c runs them in a process.
 *
 * module_init allocates the script's globals and creates the transport's
 * files; staprun's STP_START runs the begin probes (by sequence number) and
 * starts one hrtimer per timer probe; staprun's STP_EXIT (after exit(), a
 * signal or too many errors) stops the timers and runs the end probes, or
 * the error probes when the session failed.  Every handler runs with
 * interrupts off on its cpu, with that cpu's context; a handler that would
 * nest in another on the same cpu is skipped and counted.  Run-time errors
 * reach staprun as "ERROR: ..." out-of-band text.
 *
 * kprobe.function probes are kprobes and kretprobes registered by symbol
 * name (the kernel resolves "NAME" or "MOD:NAME") after the begin probes
 * and unregistered before the end probes.  A probe that fails to register
 * is reported ("WARNING: probe PP registration error (rc N)"); unless its
 * point was optional (`?`), every probe registered so far is unregistered
 * and STP_START fails.  The hits kprobes missed (kretprobe instances that
 * ran out, reentrant kprobes) are counted as skipped probes at the end.
 * netfilter probes (netfilter.c, included below) register the same way,
 * after the kprobes, and kernel.trace probes (tracepoint.c) after them.
 *
 * Linked only into generated modules (pass 4 leaves it out of hand-written
 * ones, which have their own module_init).
 */
#include <linux/module.h>
#include <linux/init.h>
#include <linux/hrtimer.h>
#include <linux/random.h>
#include <linux/percpu.h>
#include <linux/slab.h>
#include <linux/stdarg.h>
#include <linux/kprobes.h>

#include "../../session/session.h"
#include "../transport/transport.h"
#include "kprobe_hit.h"

struct _stp_timer {
	struct hrtimer timer;
	const struct _stp_probe_desc *probe;
};

int _stp_state = STP_SESSION_STARTING;
static struct _stp_session_counts _stp_counts;
static DEFINE_RAW_SPINLOCK(_stp_counts_lock);
/* Also read by the inlined kprobe path (kprobe_hit.h). */
struct _stp_probe_ctx __percpu *_stp_contexts;
int __percpu *_stp_busy;
static struct _stp_timer *_stp_timers;
static size_t _stp_ntimers;

/* One kprobe.function probe: its kprobe or kretprobe. */
struct _stp_kprobe {
	union {
		struct kprobe kp;
		struct kretprobe rp;
	} u;
	const struct _stp_probe_desc *probe;
	bool registered;
	int rc;			/* of its registration */
};
static struct _stp_kprobe *_stp_kprobes;
static size_t _stp_nkprobes;

struct _stp_buf *_stp_output(void)
{
	return _stp_print_buf();
}

void _stp_exit(void)
{
	int s = READ_ONCE(_stp_state);

	if (s == STP_SESSION_STARTING || s == STP_SESSION_RUNNING)
		WRITE_ONCE(_stp_state, STP_SESSION_STOPPING);
	_stp_request_exit();
}

__printf(1, 2) void _stp_session_printf(const char *fmt, ...)
{
	char tmp[MAXSTRINGLEN];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n > 0)
		_stp_buf_write(_stp_output(), tmp,
			       min_t(size_t, (size_t)n, sizeof(tmp) - 1));
}

void _stp_system(const char *cmd)
{
	_stp_print_flush();
	_stp_send_system(cmd);
}

__printf(2, 3) void _stp_ctx_cerrorf(struct _stp_context *c, const char *fmt,
				      ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->error_buffer, sizeof(c->error_buffer), fmt, ap);
	va_end(ap);
	_stp_ctx_error(c, c->error_buffer);
}

/*
 * User-space addresses as text: the kernel runtime has no user symbol
 * tables (yet), so the address in hex.  Weak: a real one replaces it.
 */
__weak int _stp_usym_format(char *buf, size_t len, unsigned long addr,
			    int detail)
{
	return snprintf(buf, len, "0x%lx", addr);
}

static const char *_stp_probe_type(const struct _stp_probe_desc *p)
{
	switch (p->kind) {
	case STP_PROBE_TIMER:
		return "timer";
	case STP_PROBE_END:
		return "end";
	case STP_PROBE_ERROR:
		return "error";
	case STP_PROBE_KPROBE:
		return "kprobe";
	case STP_PROBE_KRETPROBE:
	case STP_PROBE_KRETPROBE_ENTRY:
		return "kretprobe";
	case STP_PROBE_NETFILTER:
		return "netfilter";
	case STP_PROBE_TRACEPOINT:
		return "tracepoint";
	default:
		return "begin";
	}
}

/* Count a skipped hit; too many end the session. */
static void _stp_count_skip(enum _stp_skip_reason why)
{
	bool fail;

	raw_spin_lock(&_stp_counts_lock);
	fail = _stp_session_skipped(&_stp_counts, why);
	raw_spin_unlock(&_stp_counts_lock);
	if (fail) {
		WRITE_ONCE(_stp_state, STP_SESSION_ERROR);
		_stp_request_exit();
	}
}

/*
 * A handler's error, or its probe skipped for a lock: report and count,
 * then leave the context idle for the next hit (kprobe_hit.h relies on
 * it: no error pending, no lock timeout, no function active, no frame).
 */
static noinline void _stp_run_failed(struct _stp_probe_ctx *pc)
{
	bool fail;

	if (pc->lock_timeout) {
		_stp_count_skip(STP_SKIP_LOCK);
	} else if (pc->ctx.last_error && !pc->aborted) {
		char msg[MAXSTRINGLEN + 128];
		struct _stp_buf b;

		_stp_buf_init(&b, msg, sizeof(msg));
		_stp_ctx_format_error(&pc->ctx, &b);
		_stp_oob(b.data, b.len);
		raw_spin_lock(&_stp_counts_lock);
		fail = _stp_session_error(&_stp_counts);
		raw_spin_unlock(&_stp_counts_lock);
		if (fail) {
			WRITE_ONCE(_stp_state, STP_SESSION_ERROR);
			_stp_request_exit();
		}
	}
	_stp_ctx_start(&pc->ctx, pc->ctx.probe_point, 0);
	pc->aborted = false;
	pc->lock_timeout = false;
	this_cpu_ptr(&_stp_frame_arenas)->used = 0;
}

void _stp_hit_failed(struct _stp_probe_ctx *pc)
{
	_stp_run_failed(pc);
}

void _stp_hit_reentrant(void)
{
	_stp_count_skip(STP_SKIP_REENTRANT);
}

/*
 * Run one handler on this cpu and report its error, if any.  regs are the
 * registers of a kprobe hit (NULL for begin/end/timer probes).  Only the
 * context fields a handler reads are reset: the probe path stays short.
 */
static void _stp_run_data(const struct _stp_probe_desc *p, int64_t maxaction,
			  struct pt_regs *regs, void *entry_data)
{
	struct _stp_probe_ctx *pc;
	unsigned long flags;
	int *busy;

	local_irq_save(flags);
	busy = this_cpu_ptr(_stp_busy);
	if (unlikely(*busy)) {
		_stp_count_skip(STP_SKIP_REENTRANT);
		local_irq_restore(flags);
		return;
	}
	*busy = 1;
	pc = this_cpu_ptr(_stp_contexts);
	_stp_ctx_start(&pc->ctx, p->pp, maxaction);
	pc->probe_point = p->pp;
	pc->probe_name = p->pn;
	pc->probe_type = _stp_probe_type(p);
	pc->is_return_probe = p->kind == STP_PROBE_KRETPROBE;
	pc->user_mode_p = 0;
	pc->kregs = regs;
	pc->uregs = NULL;
	pc->entry_data = entry_data;
	pc->aborted = false;
	pc->lock_timeout = false;
	pc->regex = NULL;
	this_cpu_ptr(&_stp_frame_arenas)->used = 0;
	p->handler(pc);
	_stp_print_flush();
	if (unlikely(pc->lock_timeout || pc->ctx.last_error))
		_stp_run_failed(pc);
	*busy = 0;
	local_irq_restore(flags);
}

static void _stp_run(const struct _stp_probe_desc *p, int64_t maxaction,
		     struct pt_regs *regs)
{
	_stp_run_data(p, maxaction, regs, NULL);
}

/*
 * The probes of one kind in sequence order, while the session is in
 * `state`.  Equal sequence numbers keep the table's order.  Walks the
 * distinct numbers in increasing order, so nothing is allocated.
 */
static void _stp_run_kind(enum _stp_probe_kind kind, int state)
{
	int64_t prev = 0, cur = 0;
	bool have_prev = false;
	size_t i;

	for (;;) {
		bool found = false;

		for (i = 0; i < _stp_probe_count; i++) {
			int64_t seq = _stp_probe_table[i].sequence;

			if (_stp_probe_table[i].kind != kind ||
			    (have_prev && seq <= prev))
				continue;
			if (!found || seq < cur) {
				cur = seq;
				found = true;
			}
		}
		if (!found)
			return;
		for (i = 0; i < _stp_probe_count; i++) {
			if (READ_ONCE(_stp_state) != state)
				return;
			if (_stp_probe_table[i].kind == kind &&
			    _stp_probe_table[i].sequence == cur)
				_stp_run(&_stp_probe_table[i],
					 MAXACTION_INTERRUPTIBLE, NULL);
		}
		prev = cur;
		have_prev = true;
	}
}

static u64 _stp_next_interval(const struct _stp_probe_desc *p)
{
	int64_t ns = p->interval_ns;

	if (p->randomize_ns > 0)
		ns += (int64_t)(get_random_u32() % (u32)(2 * p->randomize_ns + 1)) -
		      p->randomize_ns;
	return ns > 0 ? (u64)ns : 1;
}

static enum hrtimer_restart _stp_timer_fn(struct hrtimer *t)
{
	struct _stp_timer *st = container_of(t, struct _stp_timer, timer);

	if (READ_ONCE(_stp_state) != STP_SESSION_RUNNING)
		return HRTIMER_NORESTART;
	_stp_run(st->probe, MAXACTION, NULL);
	hrtimer_forward_now(t, ns_to_ktime(_stp_next_interval(st->probe)));
	return HRTIMER_RESTART;
}

static void _stp_timers_start(void)
{
	size_t i;

	for (i = 0; i < _stp_ntimers; i++) {
		hrtimer_init(&_stp_timers[i].timer, CLOCK_MONOTONIC,
			     HRTIMER_MODE_REL_HARD);
		_stp_timers[i].timer.function = _stp_timer_fn;
		hrtimer_start(&_stp_timers[i].timer,
			      ns_to_ktime(_stp_next_interval(_stp_timers[i].probe)),
			      HRTIMER_MODE_REL_HARD);
	}
}

static void _stp_timers_stop(void)
{
	size_t i;

	for (i = 0; i < _stp_ntimers; i++)
		hrtimer_cancel(&_stp_timers[i].timer);
}

/* ---- kprobe.function ----------------------------------------------------- */

#ifndef KRETACTIVE
#define KRETACTIVE 0		/* 0: the kernel's default */
#endif

static int _stp_kprobe_pre(struct kprobe *kp, struct pt_regs *regs)
{
	struct _stp_kprobe *k = container_of(kp, struct _stp_kprobe, u.kp);
	unsigned long ip;

	if (likely(READ_ONCE(_stp_state) == STP_SESSION_RUNNING)) {
		/* The handler sees the probed address (x86 gives it + 1), as
		 * addr() and backtraces report; the kernel needs ip back. */
		ip = instruction_pointer(regs);
		instruction_pointer_set(regs, (unsigned long)kp->addr);
		_stp_run(k->probe, MAXACTION, regs);
		instruction_pointer_set(regs, ip);
	}
	return 0;
}

/* Ours for a kretprobe instance; NULL once the kretprobe is going. */
static struct _stp_kprobe *_stp_kprobe_of(struct kretprobe_instance *ri)
{
	struct kretprobe *rp = get_kretprobe(ri);

	return likely(rp) ? container_of(rp, struct _stp_kprobe, u.rp) : NULL;
}

static int _stp_kretprobe_ret(struct kretprobe_instance *ri,
			      struct pt_regs *regs)
{
	struct _stp_kprobe *k = _stp_kprobe_of(ri);

	if (unlikely(!k))
		return 0;
	if (likely(READ_ONCE(_stp_state) == STP_SESSION_RUNNING))
		_stp_run_data(k->probe, MAXACTION, regs,
			      k->probe->entry ? (void *)ri->data : NULL);
	return 0;
}

/*
 * A .return probe's entry part (@entry values, $parameters): runs when the
 * function is entered and leaves its values in the instance's data, which
 * the return handler then reads.  Always 0: the return probe still runs
 * (with zeros when the entry part failed, as its error says).
 */
static int _stp_kretprobe_entry(struct kretprobe_instance *ri,
				struct pt_regs *regs)
{
	struct _stp_kprobe *k = _stp_kprobe_of(ri);

	if (unlikely(!k))
		return 0;
	memset(ri->data, 0, k->probe->entry_data_size);
	if (likely(READ_ONCE(_stp_state) == STP_SESSION_RUNNING))
		_stp_run_data(k->probe->entry, MAXACTION, regs, ri->data);
	return 0;
}

static int _stp_kprobe_register(struct _stp_kprobe *k)
{
	const struct _stp_probe_desc *p = k->probe;

	if (p->kind == STP_PROBE_KRETPROBE) {
		memset(&k->u.rp, 0, sizeof(k->u.rp));
		k->u.rp.kp.symbol_name = p->symbol;
		k->u.rp.kp.offset = p->offset;
		k->u.rp.handler = _stp_kretprobe_ret;
		if (p->entry) {
			k->u.rp.entry_handler = _stp_kretprobe_entry;
			k->u.rp.data_size = p->entry_data_size;
		}
		k->u.rp.maxactive = p->maxactive >= 0 ? p->maxactive
						      : KRETACTIVE;
		return register_kretprobe(&k->u.rp);
	}
	memset(&k->u.kp, 0, sizeof(k->u.kp));
	if (p->symbol) {
		k->u.kp.symbol_name = p->symbol;
		k->u.kp.offset = p->offset;
	} else {	/* kernel.statement(ADDRESS).absolute: a run-time address */
		k->u.kp.addr = (kprobe_opcode_t *)p->offset;
	}
	k->u.kp.pre_handler = p->kprobe_pre ? p->kprobe_pre : _stp_kprobe_pre;
	return register_kprobe(&k->u.kp);
}

/* Unregister every registered kprobe, and count what they missed. */
static void _stp_kprobes_unregister(void)
{
	unsigned long missed = 0;
	size_t i;

	for (i = 0; i < _stp_nkprobes; i++) {
		struct _stp_kprobe *k = &_stp_kprobes[i];

		if (!k->registered)
			continue;
		if (k->probe->kind == STP_PROBE_KRETPROBE) {
			unregister_kretprobe(&k->u.rp);
			missed += k->u.rp.nmissed + k->u.rp.kp.nmissed;
		} else {
			unregister_kprobe(&k->u.kp);
			missed += k->u.kp.nmissed;
		}
		k->registered = false;
	}
	while (missed--)
		_stp_session_skipped(&_stp_counts, STP_SKIP_MISSED);
}

static void _stp_kprobe_register_one(struct _stp_kprobe *k)
{
	k->rc = _stp_kprobe_register(k);
	k->registered = k->rc == 0;
}

/*
 * After the begin probes: 0, or the error that stops the session.
 *
 * Probes on one address run in script (table) order, as in stap.  The
 * kernel keeps the kprobes that share an address in one list, the newest
 * first, and calls their pre-handlers down that list: plain kprobes are
 * registered last to first.  A kretprobe's return handler runs in the
 * reverse order of the entries it saw (each entry pushes an instance on the
 * task's stack of returns): kretprobes are registered first to last.
 * Nothing runs before the session is RUNNING, so the errors are reported
 * afterwards, in table order, up to the first one that is not optional.
 */
static int _stp_kprobes_register(void)
{
	size_t i;

	for (i = 0; i < _stp_nkprobes; i++)
		if (_stp_kprobes[i].probe->kind == STP_PROBE_KRETPROBE)
			_stp_kprobe_register_one(&_stp_kprobes[i]);
	for (i = _stp_nkprobes; i-- > 0;)
		if (_stp_kprobes[i].probe->kind != STP_PROBE_KRETPROBE)
			_stp_kprobe_register_one(&_stp_kprobes[i]);
	for (i = 0; i < _stp_nkprobes; i++) {
		struct _stp_kprobe *k = &_stp_kprobes[i];

		if (k->registered)
			continue;
		_stp_warn("probe %s registration error (rc %d)", k->probe->pp,
			  k->rc);
		if (!k->probe->optional) {
			_stp_kprobes_unregister();
			return k->rc;
		}
	}
	return 0;
}

/* ---- netfilter.hook(...).pf(...) ------------------------------------------ */

#include "netfilter.c"

/* ---- kernel.trace("NAME") ------------------------------------------------- */

#include "tracepoint.c"

/*
 * Frame arenas (runtime/frame.h), one per cpu: what the script says a hit
 * can use, plus scratch room for runtime helpers that take their buffers
 * from the arena too (_stp_buffer_quoted: one string).
 */
#ifndef STP_FRAME_SCRATCH
#define STP_FRAME_SCRATCH (4 * MAXSTRINGLEN)
#endif
static int _stp_arenas_alloc(void)
{
	size_t size = _stp_frame_arena_size + STP_FRAME_SCRATCH;
	int cpu;

	for_each_possible_cpu(cpu) {
		struct _stp_frame_arena *a = per_cpu_ptr(&_stp_frame_arenas, cpu);

		a->base = kvzalloc(size, GFP_KERNEL);
		if (!a->base)
			return -ENOMEM;
		a->size = size;
		a->used = 0;
	}
	return 0;
}

static void _stp_arenas_free(void)
{
	int cpu;

	for_each_possible_cpu(cpu) {
		struct _stp_frame_arena *a = per_cpu_ptr(&_stp_frame_arenas, cpu);

		kvfree(a->base);
		a->base = NULL;
		a->size = 0;
	}
}

/*
 * staprun's NAME=VALUE arguments: module parameters (one per scalar global,
 * declared by the generated C with _stp_global_param_ops).  The kernel sets
 * them before module_init, so they are kept, in order, and applied once the
 * globals have their initial values.
 */
#ifndef STP_MAX_SETTINGS
#define STP_MAX_SETTINGS 256
#endif
static struct {
	const struct _stp_global_desc *g;
	const char *value;	/* in the module's argument string */
} _stp_settings[STP_MAX_SETTINGS];
static size_t _stp_nsettings;

static int _stp_global_param_set(const char *val, const struct kernel_param *kp)
{
	const struct _stp_global_desc *g = kp->arg;
	int64_t n;

	if (!val)
		val = "";
	if (g->num && _stp_str_to_number(val, &n) != 0)
		return -EINVAL;
	if (_stp_nsettings == STP_MAX_SETTINGS)
		return -ENOSPC;
	_stp_settings[_stp_nsettings].g = g;
	_stp_settings[_stp_nsettings].value = val;
	_stp_nsettings++;
	return 0;
}

const struct kernel_param_ops _stp_global_param_ops = {
	.set = _stp_global_param_set,
};

static void _stp_settings_apply(void)
{
	size_t i;

	for (i = 0; i < _stp_nsettings; i++) {
		const struct _stp_global_desc *g = _stp_settings[i].g;

		if (g->num)
			_stp_str_to_number(_stp_settings[i].value, g->num);
		else if (g->str)
			_stp_str_copy(g->str, _stp_settings[i].value);
	}
	_stp_nsettings = 0;
}

static int _stp_session_start(void)
{
	int rc;

	_stp_run_kind(STP_PROBE_BEGIN, STP_SESSION_STARTING);
	if (READ_ONCE(_stp_state) == STP_SESSION_STARTING) {
		rc = _stp_kprobes_register();
		if (!rc) {
			rc = _stp_nf_register();
			if (!rc) {
				rc = _stp_tp_register();
				if (rc)
					_stp_nf_unregister();
			}
			if (rc)
				_stp_kprobes_unregister();
		}
		if (rc) {
			WRITE_ONCE(_stp_state, STP_SESSION_ERROR);
			return rc;
		}
		WRITE_ONCE(_stp_state, STP_SESSION_RUNNING);
		_stp_timers_start();
	}
	return 0;
}

static void _stp_session_stop(void)
{
	char msg[256];
	struct _stp_buf b;
	bool timers = READ_ONCE(_stp_state) != STP_SESSION_STARTING;

	if (READ_ONCE(_stp_state) == STP_SESSION_RUNNING ||
	    READ_ONCE(_stp_state) == STP_SESSION_STARTING)
		WRITE_ONCE(_stp_state, STP_SESSION_STOPPING);
	if (timers)
		_stp_timers_stop();
	_stp_kprobes_unregister();
	_stp_nf_unregister();
	_stp_tp_unregister();
	if (READ_ONCE(_stp_state) == STP_SESSION_STOPPING)
		_stp_run_kind(STP_PROBE_END, STP_SESSION_STOPPING);
	if (READ_ONCE(_stp_state) == STP_SESSION_ERROR)
		_stp_run_kind(STP_PROBE_ERROR, STP_SESSION_ERROR);
	_stp_buf_init(&b, msg, sizeof(msg));
	_stp_session_format_counts(&_stp_counts, &b);
	if (b.len)
		_stp_oob(b.data, b.len);
}

static const struct _stp_session_ops _stp_session_ops = {
	.start = _stp_session_start,
	.stop = _stp_session_stop,
};

static void _stp_session_free(void)
{
	if (_stp_kprobes)
		_stp_kprobes_unregister();
	_stp_nf_unregister();
	_stp_tp_unregister();
	_stp_arenas_free();
	free_percpu(_stp_contexts);
	free_percpu(_stp_busy);
	kfree(_stp_timers);
	kfree(_stp_kprobes);
	_stp_contexts = NULL;
	_stp_busy = NULL;
	_stp_timers = NULL;
	_stp_kprobes = NULL;
}

static int __init _stp_module_init(void)
{
	size_t i;
	int rc;

	_stp_contexts = alloc_percpu(struct _stp_probe_ctx);
	_stp_busy = alloc_percpu(int);
	_stp_timers = kcalloc(_stp_probe_count + 1, sizeof(*_stp_timers),
			      GFP_KERNEL);
	_stp_kprobes = kcalloc(_stp_probe_count + 1, sizeof(*_stp_kprobes),
			       GFP_KERNEL);
	if (!_stp_contexts || !_stp_busy || !_stp_timers || !_stp_kprobes ||
	    _stp_arenas_alloc()) {
		_stp_session_free();
		return -ENOMEM;
	}
	for (i = 0; i < _stp_probe_count; i++) {
		const struct _stp_probe_desc *p = &_stp_probe_table[i];

		if (p->kind == STP_PROBE_TIMER)
			_stp_timers[_stp_ntimers++].probe = p;
		else if (p->kind == STP_PROBE_KPROBE ||
			 p->kind == STP_PROBE_KRETPROBE)
			_stp_kprobes[_stp_nkprobes++].probe = p;
	}
	rc = _stp_script_init();
	if (rc) {
		_stp_session_free();
		return rc;
	}
	_stp_settings_apply();
	rc = _stp_transport_init(&_stp_session_ops);
	if (rc) {
		_stp_script_exit();
		_stp_session_free();
	}
	return rc;
}

static void __exit _stp_module_exit(void)
{
	_stp_transport_exit();
	_stp_script_exit();
	_stp_session_free();
}

module_init(_stp_module_init);
module_exit(_stp_module_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("cxxtap script");
