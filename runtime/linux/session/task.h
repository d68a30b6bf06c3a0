/*
 * linux/session/task.h - facts about the current task for tapset embedded C
 * (tapset-cpp/README.md, "Runtime symbols"), defined in task.c.
 */
#ifndef _STP_RUNTIME_LINUX_TASK_H_
#define _STP_RUNTIME_LINUX_TASK_H_

/* The current task belongs to the user running the script. */
int _stp_is_myproc(void);
/* The current task is a 32-bit task on a 64-bit kernel. */
int _stp_is_compat_task(void);

#endif /* _STP_RUNTIME_LINUX_TASK_H_ */
