/*
 * transport/ctl.c - the .cmd control file.
 *
 * Messages to staprun wait in a fixed queue of STP_CTL_SLOTS slots (no
 * allocation on the probe path); one read() returns one message.  Messages
 * from staprun are handled in its write(), under a mutex: STP_START and
 * STP_EXIT run the session's start and stop hooks there.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/poll.h>
#include <linux/uaccess.h>
#include <linux/cred.h>
#include <linux/atomic.h>
#include <linux/sched.h>
#include <linux/stdarg.h>

#include "internal.h"

#ifndef STP_CTL_SLOTS
#define STP_CTL_SLOTS 256
#endif
#define STP_CTL_TRYLOCK 10000

struct _stp_ctl_msg {
	u32 type;
	u32 len;
	char data[STP_CTL_BUFFER_SIZE];
};

enum _stp_ctl_state {
	STP_CTL_IDLE,	/* loaded, START not yet received */
	STP_CTL_RUNNING,	/* start hook succeeded */
	STP_CTL_STOPPED,	/* stop hook ran, or start failed */
};

int _stp_target;
/* Minus tm_gmtoff of staprun's time zone (STP_TZINFO), for the tapsets. */
s64 _stp_tz_gmtoff;
char _stp_tz_name[64];
/* stp_pid(): the process of staprun, which opens the control channel. */
pid_t _stp_pid;

static const struct _stp_session_ops *_stp_ops;
static enum _stp_ctl_state _stp_ctl_now = STP_CTL_IDLE;
static DEFINE_MUTEX(_stp_ctl_mutex);	/* message handling, session state */
static atomic_t _stp_ctl_opened = ATOMIC_INIT(0);
static atomic_t _stp_exit_requested = ATOMIC_INIT(0);
static struct proc_dir_entry *_stp_ctl_file;
static DECLARE_WAIT_QUEUE_HEAD(_stp_ctl_wq);

static DEFINE_RAW_SPINLOCK(_stp_ctl_lock);
static struct _stp_ctl_msg *_stp_ctl_queue;	/* STP_CTL_SLOTS slots */
static unsigned int _stp_ctl_head, _stp_ctl_count;
static u32 _stp_ctl_dropped;
static char *_stp_ctl_inbuf;	/* STP_CTL_WRITE_MAX, under _stp_ctl_mutex */

bool _stp_ctl_send(u32 type, const void *data, size_t len)
{
	struct _stp_ctl_msg *m;
	unsigned long flags;
	int tries = 0;

	if (!_stp_ctl_queue)
		return false;
	if (len > STP_CTL_BUFFER_SIZE)
		len = STP_CTL_BUFFER_SIZE;
	local_irq_save(flags);
	while (!raw_spin_trylock(&_stp_ctl_lock)) {
		if (++tries >= STP_CTL_TRYLOCK) {
			local_irq_restore(flags);
			return false;
		}
		cpu_relax();
	}
	if (_stp_ctl_count == STP_CTL_SLOTS) {
		_stp_ctl_dropped++;
		raw_spin_unlock(&_stp_ctl_lock);
		local_irq_restore(flags);
		return false;
	}
	m = &_stp_ctl_queue[(_stp_ctl_head + _stp_ctl_count) % STP_CTL_SLOTS];
	m->type = type;
	m->len = (u32)len;
	if (len)
		memcpy(m->data, data, len);
	_stp_ctl_count++;
	raw_spin_unlock(&_stp_ctl_lock);
	local_irq_restore(flags);
	return true;
}

static bool _stp_ctl_pending(void)
{
	return READ_ONCE(_stp_ctl_count) != 0;
}

void _stp_ctl_wake(void)
{
	if (_stp_ctl_pending() || READ_ONCE(_stp_transport_closing))
		wake_up_interruptible_all(&_stp_ctl_wq);
}

/* Take the oldest message into *out; false when there is none. */
static bool _stp_ctl_take(struct _stp_ctl_msg *out)
{
	unsigned long flags;
	bool ok = false;

	raw_spin_lock_irqsave(&_stp_ctl_lock, flags);
	if (_stp_ctl_count) {
		struct _stp_ctl_msg *m = &_stp_ctl_queue[_stp_ctl_head];

		out->type = m->type;
		out->len = m->len;
		memcpy(out->data, m->data, m->len);
		_stp_ctl_head = (_stp_ctl_head + 1) % STP_CTL_SLOTS;
		_stp_ctl_count--;
		ok = true;
	}
	raw_spin_unlock_irqrestore(&_stp_ctl_lock, flags);
	return ok;
}

void _stp_oob(const char *text, size_t len)
{
	_stp_ctl_send(STP_OOB_DATA, text, len);
}

static __printf(2, 0) void _stp_oob_vprintf(const char *prefix, const char *fmt,
					     va_list ap)
{
	char msg[STP_CTL_BUFFER_SIZE];
	size_t n;
	int k;

	n = strscpy(msg, prefix, sizeof(msg));
	k = vsnprintf(msg + n, sizeof(msg) - n, fmt, ap);
	n = min(n + (size_t)max(k, 0), sizeof(msg) - 1);
	if (n && msg[n - 1] != '\n' && n < sizeof(msg) - 1)
		msg[n++] = '\n';
	_stp_oob(msg, n);
}

void _stp_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	_stp_oob_vprintf("WARNING: ", fmt, ap);
	va_end(ap);
}

void _stp_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	_stp_oob_vprintf("ERROR: ", fmt, ap);
	va_end(ap);
}

void _stp_send_system(const char *cmd)
{
	char msg[128] = "";

	strscpy(msg, cmd, sizeof(msg));
	_stp_ctl_send(STP_SYSTEM, msg, sizeof(msg));
}

void _stp_request_exit(void)
{
	if (atomic_cmpxchg(&_stp_exit_requested, 0, 1) == 0)
		_stp_ctl_send(STP_REQUEST_EXIT, NULL, 0);
}

bool _stp_ctl_running(void)
{
	return READ_ONCE(_stp_ctl_now) == STP_CTL_RUNNING;
}

/* Stop the session: end probes, then every byte of output into the rings,
 * then the loss report.  Under _stp_ctl_mutex. */
static void _stp_ctl_stop_locked(void)
{
	u64 lost;

	if (_stp_ctl_now == STP_CTL_RUNNING) {
		_stp_ops->stop();
		_stp_ctl_now = STP_CTL_STOPPED;
	}
	_stp_print_flush_all();
	lost = _stp_ring_lost();
	if (lost)
		_stp_warn("%llu bytes of output lost: the transport buffer was full (raise it with staprun -b MB)",
			  (unsigned long long)lost);
	if (_stp_ctl_dropped)
		_stp_warn("%u control messages lost: the message queue was full",
			  _stp_ctl_dropped);
}

void _stp_ctl_stop_session(void)
{
	mutex_lock(&_stp_ctl_mutex);
	_stp_ctl_stop_locked();
	mutex_unlock(&_stp_ctl_mutex);
}

/* Flush this cpu's print buffer (begin probes ran here); other cpus may
 * be running probes already, so leave theirs alone. */
static void _stp_print_flush_local(void)
{
	unsigned long flags;

	local_irq_save(flags);
	_stp_print_flush();
	local_irq_restore(flags);
}

static ssize_t _stp_ctl_handle(u32 type, const char *p, size_t len)
{
	struct _stp_msg_start st;

	switch (type) {
	case STP_READY:
		return 0;
	case STP_BULK:
		return -EINVAL;		/* no bulk mode: one ordered stream */
	case STP_START:
		if (len < sizeof(st))
			return -EINVAL;
		memcpy(&st, p, sizeof(st));
		if (_stp_ctl_now == STP_CTL_IDLE) {
			_stp_target = st.target;
			st.res = _stp_ops->start();
			_stp_ctl_now = st.res ? STP_CTL_STOPPED :
					      STP_CTL_RUNNING;
			_stp_print_flush_local();
		} else {
			st.res = -EALREADY;
		}
		_stp_ctl_send(STP_START, &st, sizeof(st));
		return 0;
	case STP_EXIT:
		_stp_ctl_stop_locked();
		_stp_ctl_send(STP_EXIT, NULL, 0);
		return 0;
	case STP_RELOCATION:
	case STP_TZINFO:
	case STP_PRIVILEGE_CREDENTIALS:
	case STP_REMOTE_ID:
		if (!uid_eq(current_euid(), GLOBAL_ROOT_UID))
			return -EPERM;
		if (type == STP_TZINFO && len >= sizeof(s64))
			memcpy(&_stp_tz_gmtoff, p, sizeof(s64));
		if (type == STP_TZINFO && len >= sizeof(struct _stp_msg_tzinfo)) {
			memcpy(_stp_tz_name, p + sizeof(s64), sizeof(_stp_tz_name));
			_stp_tz_name[sizeof(_stp_tz_name) - 1] = '\0';
		}
		return 0;
	case STP_NAMESPACES_PID:
		return 0;
	default:
		return -EINVAL;
	}
}

static ssize_t _stp_ctl_write(struct file *file, const char __user *buf,
			      size_t count, loff_t *ppos)
{
	ssize_t ret;
	u32 type;

	if (count < sizeof(u32) || count > STP_CTL_WRITE_MAX)
		return -EINVAL;
	if (mutex_lock_interruptible(&_stp_ctl_mutex))
		return -ERESTARTSYS;
	if (copy_from_user(_stp_ctl_inbuf, buf, count)) {
		ret = -EFAULT;
	} else {
		memcpy(&type, _stp_ctl_inbuf, sizeof(type));
		ret = _stp_ctl_handle(type, _stp_ctl_inbuf + sizeof(u32),
				      count - sizeof(u32));
		if (ret == 0)
			ret = count;
	}
	mutex_unlock(&_stp_ctl_mutex);
	_stp_ctl_wake();
	_stp_ring_wake();
	return ret;
}

static ssize_t _stp_ctl_read(struct file *file, char __user *buf,
			     size_t count, loff_t *ppos)
{
	struct _stp_ctl_msg *m;
	ssize_t ret;
	size_t n;

	m = kmalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return -ENOMEM;
	while (!_stp_ctl_take(m)) {
		if (READ_ONCE(_stp_transport_closing)) {
			ret = 0;
			goto out;
		}
		if (file->f_flags & O_NONBLOCK) {
			ret = -EAGAIN;
			goto out;
		}
		if (wait_event_interruptible(_stp_ctl_wq, _stp_ctl_pending() ||
					     READ_ONCE(_stp_transport_closing))) {
			ret = -ERESTARTSYS;
			goto out;
		}
	}
	/* The type, then the payload; a short buffer loses the rest. */
	if (count < sizeof(u32)) {
		ret = -EINVAL;
		goto out;
	}
	n = min(count - sizeof(u32), (size_t)m->len);
	if (copy_to_user(buf, &m->type, sizeof(u32)) ||
	    copy_to_user(buf + sizeof(u32), m->data, n))
		ret = -EFAULT;
	else
		ret = (ssize_t)(sizeof(u32) + n);
out:
	kfree(m);
	return ret;
}

static __poll_t _stp_ctl_poll(struct file *file, poll_table *wait)
{
	__poll_t mask = EPOLLPRI | EPOLLOUT | EPOLLWRNORM;

	poll_wait(file, &_stp_ctl_wq, wait);
	if (_stp_ctl_pending())
		mask |= EPOLLIN | EPOLLRDNORM;
	return mask;
}

static int _stp_ctl_open(struct inode *inode, struct file *file)
{
	if (atomic_cmpxchg(&_stp_ctl_opened, 0, 1) != 0)
		return -EBUSY;
	_stp_pid = current->tgid;
	return 0;
}

static int _stp_ctl_release(struct inode *inode, struct file *file)
{
	atomic_set(&_stp_ctl_opened, 0);
	return 0;
}

static const struct proc_ops _stp_ctl_ops = {
	.proc_open = _stp_ctl_open,
	.proc_release = _stp_ctl_release,
	.proc_read = _stp_ctl_read,
	.proc_write = _stp_ctl_write,
	.proc_poll = _stp_ctl_poll,
	.proc_lseek = noop_llseek,
};

int _stp_ctl_init(const struct _stp_session_ops *ops)
{
	_stp_ops = ops;
	_stp_ctl_queue = kcalloc(STP_CTL_SLOTS, sizeof(*_stp_ctl_queue),
				 GFP_KERNEL);
	_stp_ctl_inbuf = kmalloc(STP_CTL_WRITE_MAX, GFP_KERNEL);
	if (!_stp_ctl_queue || !_stp_ctl_inbuf)
		goto nomem;
	_stp_ctl_file = proc_create(".cmd", 0600, _stp_proc_dir, &_stp_ctl_ops);
	if (!_stp_ctl_file)
		goto nomem;
	proc_set_user(_stp_ctl_file, current_uid(), current_gid());
	_stp_ctl_send(STP_TRANSPORT, NULL, 0);
	return 0;
nomem:
	_stp_ctl_exit();
	return -ENOMEM;
}

void _stp_ctl_exit(void)
{
	if (_stp_ctl_file)
		proc_remove(_stp_ctl_file);
	_stp_ctl_file = NULL;
	kfree(_stp_ctl_queue);
	_stp_ctl_queue = NULL;
	kfree(_stp_ctl_inbuf);
	_stp_ctl_inbuf = NULL;
}
