/*
 * transport/transport.c - module init/exit of the transport: the
 * /proc/systemtap/<name> directory, the _stp_bufsize parameter, the wake-up
 * timer.
 *
 * /proc/systemtap itself is shared by every loaded module and procfs has no
 * exported way to look an entry up or to ask whether a directory is empty,
 * so the first module creates it and nobody removes it: it stays, empty,
 * after the last module is gone.
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/namei.h>
#include <linux/path.h>
#include <linux/timer.h>
#include <linux/version.h>

#include "internal.h"

int _stp_bufsize;
module_param(_stp_bufsize, int, 0);
MODULE_PARM_DESC(_stp_bufsize, "MiB of output buffer per cpu (0: default)");

struct proc_dir_entry *_stp_proc_dir;
bool _stp_transport_closing;
static struct timer_list _stp_wake_timer;

static void _stp_wake_fn(struct timer_list *t)
{
	_stp_ring_wake();
	_stp_ctl_wake();
	if (!READ_ONCE(_stp_transport_closing))
		mod_timer(&_stp_wake_timer,
			  jiffies + max(1UL, msecs_to_jiffies(STP_WAKE_MS)));
}

static size_t _stp_ring_bytes(void)
{
	u64 mb = _stp_bufsize > 0 ? (u64)_stp_bufsize : STP_DEFAULT_BUFSIZE_MB;
	u64 bytes = mb << 20;
	/* At most a quarter of memory for all cpus together. */
	u64 cap = ((u64)totalram_pages() << PAGE_SHIFT) / 4 /
		  max(1U, num_possible_cpus());

	if (bytes > cap)
		bytes = cap;
	return (size_t)max_t(u64, bytes, 64 * 1024);
}

static int _stp_make_dir(void)
{
	const char *name = THIS_MODULE->name;
	struct proc_dir_entry *top;
	char path[MODULE_NAME_LEN + 16];
	struct path p;

	if (kern_path("/proc/systemtap", LOOKUP_DIRECTORY, &p) == 0) {
		path_put(&p);
		snprintf(path, sizeof(path), "systemtap/%s", name);
		_stp_proc_dir = proc_mkdir(path, NULL);
	} else {
		top = proc_mkdir("systemtap", NULL);
		if (top)
			_stp_proc_dir = proc_mkdir(name, top);
	}
	return _stp_proc_dir ? 0 : -ENOMEM;
}

static void _stp_cleanup(void)
{
	WRITE_ONCE(_stp_transport_closing, true);
	_stp_ring_wake();
	_stp_ctl_wake();
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
	timer_delete_sync(&_stp_wake_timer);
#else
	del_timer_sync(&_stp_wake_timer);
#endif
	_stp_ctl_exit();
	_stp_ring_exit();
	_stp_print_exit();
	if (_stp_proc_dir)
		proc_remove(_stp_proc_dir);
	_stp_proc_dir = NULL;
}

int _stp_transport_init(const struct _stp_session_ops *ops)
{
	int rc;

	timer_setup(&_stp_wake_timer, _stp_wake_fn, 0);
	rc = _stp_make_dir();
	if (!rc)
		rc = _stp_print_init();
	if (!rc)
		rc = _stp_ring_init(_stp_ring_bytes());
	if (!rc)
		rc = _stp_ctl_init(ops);
	if (rc) {
		_stp_cleanup();
		return rc;
	}
	mod_timer(&_stp_wake_timer, jiffies + 1);
	return 0;
}

void _stp_transport_exit(void)
{
	_stp_ctl_stop_session();
	_stp_cleanup();
}
