/*
 * linux/session/backtrace.h - backtraces and kernel symbols for tapset
 * embedded C (tapset-cpp/README.md, "Runtime symbols"), defined in
 * backtrace.c.
 */
#ifndef _STP_RUNTIME_LINUX_BACKTRACE_H_
#define _STP_RUNTIME_LINUX_BACKTRACE_H_

#include <linux/types.h>

struct _stp_probe_ctx;

/* Kernel frames at the probe hit, innermost (the probed address) first, at
 * most max: the count (0 when none). */
int _stp_kernel_backtrace(struct _stp_probe_ctx *pc, unsigned long *pcs,
			  int max);
/* The same for the current task's user stack. */
int _stp_user_backtrace(struct _stp_probe_ctx *pc, unsigned long *pcs,
			int max);
/* Kernel address addr as text: detail 0 "name", 1 "name+0xoff/0xsize
 * [module]" ("[kernel]" for the core image); "0x..." when no symbol covers
 * it.  The length written. */
int _stp_ksym_format(char *buf, size_t len, unsigned long addr, int detail);

#endif /* _STP_RUNTIME_LINUX_BACKTRACE_H_ */
