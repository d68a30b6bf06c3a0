/*
 * linux/session/backtrace.c - kernel (and current-task user) backtraces and
 * kernel symbols for the tapset (symbols.stp: backtrace(), print_backtrace(),
 * sprint_backtrace(), callers(), caller_addr(); usymbols.stp: ubacktrace()).
 *
 * The kernel stack is walked by the kernel's own unwinder, from the
 * registers of the probe hit:
 *
 *   - stack_trace_save_regs() is what we would like, but it is not exported
 *     to modules (6.1, 6.12);
 *   - on x86 the unwinder interface itself (__unwind_start,
 *     unwind_next_frame, unwind_get_return_address, asm/unwind.h) is
 *     exported (GPL) for every unwinder (ORC on Debian's kernels, frame
 *     pointer, guess), so we use it exactly the way arch_stack_walk() does:
 *     the hit's instruction pointer first, then one return address per
 *     frame.  ORC reads only within the task's known stacks, crosses
 *     exception/irq frames, recovers kretprobe and ftrace trampolines, and
 *     is what perf uses from NMIs: no read here can fault or loop (depth
 *     bounded by max, i.e. MAXBACKTRACE);
 *   - with no registers (begin, end, timer probes) the stack of the handler
 *     itself is taken with the exported stack_trace_save() and our own
 *     module's frames (the handler, the session) are dropped from its top,
 *     so the trace starts in the kernel code that ran the probe.
 *
 * In a kprobe handler the session presents regs->ip as the probed address
 * (session.c), so the first frame is "func+0x0/...", as stap prints.
 * Symbols come from kallsyms (%pS), so no debuginfo is needed.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/sched/task_stack.h>
#include <linux/stacktrace.h>
#include <linux/string.h>
#ifdef CONFIG_X86
#include <asm/unwind.h>
#endif

#include "../../session/session.h"
#include "backtrace.h"

/* The stack here, without the frames of this module: count. */
static int _stp_backtrace_here(unsigned long *pcs, int max)
{
#ifdef CONFIG_STACKTRACE
	unsigned int n = stack_trace_save(pcs, max, 0), i = 0, j;

	/* Up to and through the first run of our own frames. */
	while (i < n && !within_module(pcs[i], THIS_MODULE))
		i++;
	while (i < n && within_module(pcs[i], THIS_MODULE))
		i++;
	if (i == n)		/* never reached ours: keep all */
		return n;
	for (j = 0; i < n; i++, j++)
		pcs[j] = pcs[i];
	return j;
#else
	return 0;
#endif
}

int _stp_kernel_backtrace(struct _stp_probe_ctx *pc, unsigned long *pcs,
			  int max)
{
	struct pt_regs *regs = pc->kregs;
	int n = 0;

	if (max <= 0)
		return 0;
	if (!regs || user_mode(regs))
		return _stp_backtrace_here(pcs, max);
	pcs[n++] = instruction_pointer(regs);
#ifdef CONFIG_X86
	{
		struct unwind_state state;

		for (unwind_start(&state, current, regs, NULL);
		     !unwind_done(&state) && n < max;
		     unwind_next_frame(&state)) {
			unsigned long a = unwind_get_return_address(&state);

			if (!a)
				break;
			/* An unwinder that does not step over the regs
			 * frame itself gives the hit's address again. */
			if (n == 1 && a == pcs[0])
				continue;
			pcs[n++] = a;
		}
	}
#endif
	return n;
}

/*
 * The current task's user stack: only the address it was executing in user
 * space (user code is built without frame pointers and we have no user
 * unwind tables yet), nothing for kernel threads.
 */
int _stp_user_backtrace(struct _stp_probe_ctx *pc, unsigned long *pcs,
			int max)
{
	struct pt_regs *regs = pc->user_mode_p ? pc->uregs : NULL;

	if (max <= 0)
		return 0;
	if (!regs) {
		if (!current->mm || (current->flags & PF_KTHREAD))
			return 0;
		regs = task_pt_regs(current);
	}
	if (!regs || !user_mode(regs))
		return 0;
	pcs[0] = instruction_pointer(regs);
	return 1;
}

int _stp_ksym_format(char *buf, size_t len, unsigned long addr, int detail)
{
	int n;

	if (!len)
		return 0;
	if (!detail) {
		/* %ps says "name [module]" for a module's symbol. */
		char *space;

		n = scnprintf(buf, len, "%ps", (void *)addr);
		space = strchr(buf, ' ');
		if (space) {
			*space = '\0';
			n = space - buf;
		}
		return n;
	}
	n = scnprintf(buf, len, "%pS", (void *)addr);
	/* The core image has no "[module]" from %pS: stap says [kernel]. */
	if (strncmp(buf, "0x", 2) && !strchr(buf, '['))
		n += scnprintf(buf + n, len - n, " [kernel]");
	return n;
}
