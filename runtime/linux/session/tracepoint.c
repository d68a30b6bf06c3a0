/*
 * linux/session/tracepoint.c - kernel.trace("NAME") probes of the kernel
 * session.  Part of session.c, which #includes it after _stp_run: it uses
 * the session's statics, and pass 4 does not compile it as a unit of its
 * own.
 *
 * Each probe's callback is a function pass 3 writes (the table's tp_func):
 * it takes the tracepoint's data pointer and ten u64 argument slots, copies
 * them into an int64_t array and calls _stp_tracepoint_hit(), which runs
 * the handler with CONTEXT->entry_data pointing at that array.  On x86-64 a
 * tracepoint with fewer arguments leaves the extra slots as garbage that no
 * handler reads (the translator only names the tracepoint's own).
 *
 * The callbacks are registered after the begin probes, the kprobes and the
 * netfilter hooks, on the kernel tracepoint of that name (found with
 * for_each_kernel_tracepoint(); module tracepoints are not seen); a name
 * the kernel does not have is a registration error (-ENOENT).  They are
 * unregistered before the end probes, then tracepoint_synchronize_unregister()
 * waits for callbacks still running.
 */
#include <linux/tracepoint.h>

struct _stp_tp_probe {
	const struct _stp_probe_desc *probe;
	struct tracepoint *tp;
	bool registered;
};
static struct _stp_tp_probe *_stp_tp_probes;
static size_t _stp_ntp;

void notrace _stp_tracepoint_hit(const struct _stp_probe_desc *p,
				 int64_t *args)
{
	if (likely(READ_ONCE(_stp_state) == STP_SESSION_RUNNING))
		_stp_run_data(p, MAXACTION, NULL, args);
}

static void _stp_tp_find(struct tracepoint *tp, void *priv)
{
	struct _stp_tp_probe *t = priv;

	if (!t->tp && strcmp(tp->name, t->probe->tp_name) == 0)
		t->tp = tp;
}

/* Unregister every registered callback, wait for running ones, free. */
static void _stp_tp_unregister(void)
{
	bool any = false;
	size_t i;

	for (i = 0; i < _stp_ntp; i++) {
		struct _stp_tp_probe *t = &_stp_tp_probes[i];

		if (!t->registered)
			continue;
		tracepoint_probe_unregister(t->tp, t->probe->tp_func, NULL);
		t->registered = false;
		any = true;
	}
	if (any)
		tracepoint_synchronize_unregister();
	kfree(_stp_tp_probes);
	_stp_tp_probes = NULL;
	_stp_ntp = 0;
}

/* After the other probes: 0, or the error that stops the session (then
 * nothing of ours stays registered). */
static int _stp_tp_register(void)
{
	size_t i, n = 0;

	for (i = 0; i < _stp_probe_count; i++)
		if (_stp_probe_table[i].kind == STP_PROBE_TRACEPOINT)
			n++;
	if (!n)
		return 0;
	_stp_tp_probes = kcalloc(n, sizeof(*_stp_tp_probes), GFP_KERNEL);
	if (!_stp_tp_probes)
		return -ENOMEM;
	for (i = 0; i < _stp_probe_count; i++) {
		const struct _stp_probe_desc *p = &_stp_probe_table[i];
		struct _stp_tp_probe *t;
		int rc = -ENOENT;

		if (p->kind != STP_PROBE_TRACEPOINT)
			continue;
		t = &_stp_tp_probes[_stp_ntp++];
		t->probe = p;
		for_each_kernel_tracepoint(_stp_tp_find, t);
		if (t->tp)
			rc = tracepoint_probe_register(t->tp, p->tp_func, NULL);
		if (rc == 0) {
			t->registered = true;
			continue;
		}
		_stp_warn("probe %s registration error (rc %d)", p->pp, rc);
		if (!p->optional) {
			_stp_tp_unregister();
			return rc;
		}
	}
	return 0;
}
