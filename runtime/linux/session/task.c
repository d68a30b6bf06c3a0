/*
 * linux/session/task.c - facts about the current task that tapset bodies
 * ask for (task.h).
 */
#include <linux/cred.h>
#include <linux/sched.h>
#include <linux/thread_info.h>
#include <linux/uidgid.h>

#include "task.h"

/*
 * Only root can load a script's module (staprun has no unprivileged mode
 * yet), so "the user running the script" is root: its processes are the
 * ones with effective uid 0.
 */
int _stp_is_myproc(void)
{
	return uid_eq(current_euid(), GLOBAL_ROOT_UID);
}

int _stp_is_compat_task(void)
{
#if defined(CONFIG_COMPAT) && defined(CONFIG_X86_64)
	/* Set by the ia32 personality (32-bit address space). */
	return current->mm && test_thread_flag(TIF_ADDR32);
#else
	return 0;
#endif
}
