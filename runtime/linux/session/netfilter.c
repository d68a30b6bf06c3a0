/*
 * linux/session/netfilter.c - netfilter.hook(...).pf(...) probes of the
 * kernel session.  Part of session.c, which #includes it after _stp_run:
 * it uses the session's statics, and pass 4 does not compile it as a unit
 * of its own.
 *
 * Each probe is one struct nf_hook_ops registered in the initial network
 * namespace (nf_register_net_hook(&init_net, ...)) after the begin probes
 * and the kprobes, and unregistered before the end probes (and at module
 * exit, whatever happened before).  The hook keeps its arguments in this
 * cpu's probe context ($skb, $hooknum, $in, $out, $okfn, $pf and the
 * device names), runs the handler through _stp_run and returns
 * CONTEXT->nf_verdict: NF_ACCEPT unless the handler changed it.  Packets of
 * other network namespaces are not seen.
 */
#include <linux/netfilter.h>
#include <linux/netdevice.h>
#include <net/net_namespace.h>

struct _stp_nf_probe {
	struct nf_hook_ops ops;
	bool registered;
};
static struct _stp_nf_probe *_stp_nf_probes;
static size_t _stp_nnf;

static unsigned int _stp_nf_hook(void *priv, struct sk_buff *skb,
				 const struct nf_hook_state *state)
{
	const struct _stp_probe_desc *p = priv;
	struct _stp_probe_ctx *pc;
	unsigned int verdict = NF_ACCEPT;
	unsigned long flags;

	if (unlikely(READ_ONCE(_stp_state) != STP_SESSION_RUNNING))
		return NF_ACCEPT;
	/*
	 * Interrupts stay off from filling the context to reading the
	 * verdict, so no other hook on this cpu can change it in between.
	 * When a handler already runs here, _stp_run skips and counts this
	 * hit, and its context must be left alone.
	 */
	local_irq_save(flags);
	if (unlikely(*this_cpu_ptr(_stp_busy))) {
		_stp_run(p, MAXACTION, NULL);
		local_irq_restore(flags);
		return NF_ACCEPT;
	}
	pc = this_cpu_ptr(_stp_contexts);
	pc->nf_skb = skb;
	pc->nf_in = state->in;
	pc->nf_out = state->out;
	pc->nf_okfn = (void *)state->okfn;
	pc->nf_indev_name = state->in ? state->in->name : "";
	pc->nf_outdev_name = state->out ? state->out->name : "";
	pc->nf_hooknum = state->hook;
	pc->nf_pf = state->pf;
	pc->nf_verdict = NF_ACCEPT;
	_stp_run(p, MAXACTION, NULL);
	verdict = pc->nf_verdict;
	local_irq_restore(flags);
	return verdict;
}

/* Unregister every registered hook (waits for running ones) and free. */
static void _stp_nf_unregister(void)
{
	size_t i;

	for (i = 0; i < _stp_nnf; i++) {
		if (_stp_nf_probes[i].registered)
			nf_unregister_net_hook(&init_net, &_stp_nf_probes[i].ops);
		_stp_nf_probes[i].registered = false;
	}
	kfree(_stp_nf_probes);
	_stp_nf_probes = NULL;
	_stp_nnf = 0;
}

/* After the begin probes and kprobes: 0, or the error that stops the
 * session (then nothing of ours stays registered). */
static int _stp_nf_register(void)
{
	size_t i, n = 0;

	for (i = 0; i < _stp_probe_count; i++)
		if (_stp_probe_table[i].kind == STP_PROBE_NETFILTER)
			n++;
	if (!n)
		return 0;
	_stp_nf_probes = kcalloc(n, sizeof(*_stp_nf_probes), GFP_KERNEL);
	if (!_stp_nf_probes)
		return -ENOMEM;
	for (i = 0; i < _stp_probe_count; i++) {
		const struct _stp_probe_desc *p = &_stp_probe_table[i];
		struct _stp_nf_probe *nf;
		int rc;

		if (p->kind != STP_PROBE_NETFILTER)
			continue;
		nf = &_stp_nf_probes[_stp_nnf++];
		nf->ops.hook = _stp_nf_hook;
		nf->ops.priv = (void *)p;
		nf->ops.pf = (u8)p->nf_pf;
		nf->ops.hooknum = (unsigned int)p->nf_hook;
		nf->ops.priority = p->nf_priority;
		rc = nf_register_net_hook(&init_net, &nf->ops);
		if (rc == 0) {
			nf->registered = true;
			continue;
		}
		_stp_warn("probe %s registration error (rc %d)", p->pp, rc);
		if (!p->optional) {
			_stp_nf_unregister();
			return rc;
		}
	}
	return 0;
}
