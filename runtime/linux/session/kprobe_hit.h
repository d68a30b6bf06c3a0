/*
 * linux/session/kprobe_hit.h - the path of one kprobe hit, inlined into the
 * pre-handler pass 3 writes for each kprobe.function / kernel.function
 * probe (struct _stp_probe_desc's kprobe_pre; session.c's _stp_kprobe_pre
 * runs probes without one, and every other kind of probe, through the
 * generic _stp_run).
 *
 * A hit does what session.c's _stp_run does, minus what the handler
 * cannot observe (bench/probe_hit.sh counts the instructions):
 *
 *  - the handler is called directly (and usually inlined), not through the
 *    probe table;
 *  - the context's fields that only embedded C reads (pp(), pn(),
 *    probe_type(), the registers, the last =~ match) are set, and the
 *    registers show the probed address (as in _stp_kprobe_pre), only when
 *    the translator says embedded C that names CONTEXT is reachable
 *    (STP_HIT_CONTEXT); the values are constants of the probe;
 *  - the print buffer is flushed only when the handler can print
 *    (STP_HIT_PRINTS);
 *  - the error state is not reset per hit: between hits a cpu's context is
 *    idle (no error pending, lock_timeout and aborted false, no function
 *    active, no frame in use) and _stp_hit_failed(), which reports a
 *    failed or skipped hit, puts it back that way.
 *
 * What stays the same for every probe: nothing runs unless the session is
 * RUNNING; interrupts are off while the handler runs (a timer or softirq
 * probe on this cpu waits instead of being skipped); a hit that finds this
 * cpu busy (a probe nesting in another) is skipped and counted as
 * reentrancy; MAXACTION is per hit.
 */
#ifndef _STP_RUNTIME_LINUX_SESSION_KPROBE_HIT_H_
#define _STP_RUNTIME_LINUX_SESSION_KPROBE_HIT_H_

#include <linux/kprobes.h>
#include <linux/percpu.h>
#include <linux/irqflags.h>
#include <linux/ptrace.h>

#include "../../session/session.h"

/* What a handler needs from its hit (pass 3 computes them per probe). */
#define STP_HIT_CONTEXT 1u	/* set pp/pn/probe_type/registers/regex */
#define STP_HIT_PRINTS	2u	/* flush the print buffer afterwards */

/* session.c's */
extern int _stp_state;
extern struct _stp_probe_ctx __percpu *_stp_contexts;
extern int __percpu *_stp_busy;	/* 1 while a handler runs on the cpu */
/* A hit found its cpu busy: count it (interrupts are off). */
void _stp_hit_reentrant(void);
/* A hit ended with an error or a lock timeout: report or count it, and
 * leave the context idle. */
void _stp_hit_failed(struct _stp_probe_ctx *pc);

static __always_inline void
_stp_kprobe_hit(const struct _stp_probe_desc *p, struct kprobe *kp,
		struct pt_regs *regs,
		void (*handler)(struct _stp_probe_ctx *pc), unsigned int needs)
{
	struct _stp_probe_ctx *pc;
	unsigned long flags, ip = 0;

	if (unlikely(READ_ONCE(_stp_state) != STP_SESSION_RUNNING))
		return;
	local_irq_save(flags);
	if (unlikely(__this_cpu_read(*_stp_busy))) {
		_stp_hit_reentrant();
		local_irq_restore(flags);
		return;
	}
	__this_cpu_write(*_stp_busy, 1);
	pc = this_cpu_ptr(_stp_contexts);
	pc->ctx.actionremaining = MAXACTION;
	if (needs & STP_HIT_CONTEXT) {
		pc->ctx.probe_point = p->pp;
		pc->probe_point = p->pp;
		pc->probe_name = p->pn;
		pc->probe_type = "kprobe";
		pc->is_return_probe = 0;
		pc->user_mode_p = 0;
		pc->kregs = regs;
		pc->uregs = NULL;
		pc->regex = NULL;
		/* x86 reports the probed address + 1; the kernel needs it back */
		ip = instruction_pointer(regs);
		instruction_pointer_set(regs, (unsigned long)kp->addr);
	}
	handler(pc);
	if (needs & STP_HIT_CONTEXT)
		instruction_pointer_set(regs, ip);
	if (needs & STP_HIT_PRINTS)
		_stp_print_flush();
	if (unlikely(pc->ctx.last_error))
		_stp_hit_failed(pc);
	__this_cpu_write(*_stp_busy, 0);
	local_irq_restore(flags);
}

#endif /* _STP_RUNTIME_LINUX_SESSION_KPROBE_HIT_H_ */
