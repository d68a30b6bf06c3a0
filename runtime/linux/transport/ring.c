/*
 * transport/ring.c - per-cpu output rings and the trace<N> files.
 *
 * A ring is a byte ring of whole records (struct _stp_trace + text); a
 * record is written entirely or not at all.  Writers (probes, any context,
 * possibly NMI) take the ring's raw lock with a bounded trylock loop and
 * drop the record rather than spin forever; the reader (staprun, process
 * context) takes it only to copy bytes out into a bounce buffer.  A reader
 * sees a byte stream and may get a record in pieces.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/mm.h>
#include <linux/cpumask.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/poll.h>
#include <linux/uaccess.h>
#include <linux/cred.h>
#include <linux/atomic.h>
#include <linux/sched.h>

#include "internal.h"

#define STP_RING_BOUNCE (64 * 1024)
#define STP_RING_TRYLOCK 10000

struct _stp_ring {
	raw_spinlock_t lock;
	char *data;
	size_t size;
	size_t rd;		/* offset of the oldest byte */
	size_t used;		/* bytes stored */
	u64 lost;		/* bytes dropped: ring full or lock busy */
	struct mutex read_mutex;	/* one reader at a time */
	char *bounce;
	struct proc_dir_entry *file;
};

static struct _stp_ring **_stp_rings;
static atomic_t _stp_ring_seq = ATOMIC_INIT(0);
static DECLARE_WAIT_QUEUE_HEAD(_stp_ring_wq);

static void _stp_ring_put(struct _stp_ring *r, size_t at, const void *p,
			  size_t n)
{
	size_t first = min(n, r->size - at);

	memcpy(r->data + at, p, first);
	if (n > first)
		memcpy(r->data, (const char *)p + first, n - first);
}

void _stp_transport_write(const void *data, size_t len)
{
	struct _stp_ring *r;
	struct _stp_trace hdr;
	unsigned long flags;
	size_t need, wr;
	int tries = 0;

	if (!_stp_rings || !len)
		return;
	if (len > STP_TRACE_PDU_MAX)
		len = STP_TRACE_PDU_MAX;
	local_irq_save(flags);
	r = _stp_rings[raw_smp_processor_id()];
	if (unlikely(!r)) {
		local_irq_restore(flags);
		return;
	}
	while (!raw_spin_trylock(&r->lock)) {
		if (++tries >= STP_RING_TRYLOCK) {
			/* Racy, but only a statistic. */
			WRITE_ONCE(r->lost, r->lost + len);
			local_irq_restore(flags);
			return;
		}
		cpu_relax();
	}
	need = sizeof(hdr) + len;
	if (need > r->size - r->used) {
		r->lost += len;
	} else {
		hdr.sequence = (u32)atomic_inc_return(&_stp_ring_seq) - 1;
		hdr.pdu_len = (u32)len;
		wr = r->rd + r->used;
		if (wr >= r->size)
			wr -= r->size;
		_stp_ring_put(r, wr, &hdr, sizeof(hdr));
		wr += sizeof(hdr);
		if (wr >= r->size)
			wr -= r->size;
		_stp_ring_put(r, wr, data, len);
		WRITE_ONCE(r->used, r->used + need);
	}
	raw_spin_unlock(&r->lock);
	local_irq_restore(flags);
}

/* Move up to n bytes out of r into r->bounce; returns the count. */
static size_t _stp_ring_take(struct _stp_ring *r, size_t n)
{
	unsigned long flags;
	size_t first;

	raw_spin_lock_irqsave(&r->lock, flags);
	n = min(n, r->used);
	first = min(n, r->size - r->rd);
	memcpy(r->bounce, r->data + r->rd, first);
	if (n > first)
		memcpy(r->bounce + first, r->data, n - first);
	r->rd += n;
	if (r->rd >= r->size)
		r->rd -= r->size;
	r->used -= n;
	raw_spin_unlock_irqrestore(&r->lock, flags);
	return n;
}

static ssize_t _stp_trace_read(struct file *file, char __user *buf,
			       size_t count, loff_t *ppos)
{
	struct _stp_ring *r = pde_data(file_inode(file));
	ssize_t ret;
	size_t n;

	if (!count)
		return 0;
	if (mutex_lock_interruptible(&r->read_mutex))
		return -ERESTARTSYS;
	while (!READ_ONCE(r->used)) {
		if (READ_ONCE(_stp_transport_closing)) {
			ret = 0;
			goto out;
		}
		if (file->f_flags & O_NONBLOCK) {
			ret = -EAGAIN;
			goto out;
		}
		if (wait_event_interruptible(_stp_ring_wq,
					     READ_ONCE(r->used) ||
					     READ_ONCE(_stp_transport_closing))) {
			ret = -ERESTARTSYS;
			goto out;
		}
	}
	n = _stp_ring_take(r, min_t(size_t, count, STP_RING_BOUNCE));
	ret = copy_to_user(buf, r->bounce, n) ? -EFAULT : (ssize_t)n;
out:
	mutex_unlock(&r->read_mutex);
	return ret;
}

static __poll_t _stp_trace_poll(struct file *file, poll_table *wait)
{
	struct _stp_ring *r = pde_data(file_inode(file));

	poll_wait(file, &_stp_ring_wq, wait);
	return READ_ONCE(r->used) ? (EPOLLIN | EPOLLRDNORM) : 0;
}

static const struct proc_ops _stp_trace_ops = {
	.proc_read = _stp_trace_read,
	.proc_poll = _stp_trace_poll,
	.proc_lseek = noop_llseek,
};

void _stp_ring_wake(void)
{
	int cpu;

	if (!_stp_rings)
		return;
	if (READ_ONCE(_stp_transport_closing)) {
		wake_up_interruptible_all(&_stp_ring_wq);
		return;
	}
	for_each_possible_cpu(cpu) {
		if (_stp_rings[cpu] && READ_ONCE(_stp_rings[cpu]->used)) {
			wake_up_interruptible_all(&_stp_ring_wq);
			return;
		}
	}
}

u64 _stp_ring_lost(void)
{
	u64 lost = 0;
	int cpu;

	if (!_stp_rings)
		return 0;
	for_each_possible_cpu(cpu)
		if (_stp_rings[cpu])
			lost += READ_ONCE(_stp_rings[cpu]->lost);
	return lost;
}

static void _stp_ring_free(struct _stp_ring *r)
{
	if (!r)
		return;
	vfree(r->data);
	kfree(r->bounce);
	kfree(r);
}

int _stp_ring_init(size_t bytes_per_cpu)
{
	char name[16];
	int cpu;

	_stp_rings = kcalloc(nr_cpu_ids, sizeof(*_stp_rings), GFP_KERNEL);
	if (!_stp_rings)
		return -ENOMEM;
	for_each_possible_cpu(cpu) {
		struct _stp_ring *r = kzalloc(sizeof(*r), GFP_KERNEL);

		if (!r)
			goto nomem;
		_stp_rings[cpu] = r;
		raw_spin_lock_init(&r->lock);
		mutex_init(&r->read_mutex);
		r->size = bytes_per_cpu;
		r->data = vmalloc(bytes_per_cpu);
		r->bounce = kmalloc(STP_RING_BOUNCE, GFP_KERNEL);
		if (!r->data || !r->bounce)
			goto nomem;
		snprintf(name, sizeof(name), "trace%d", cpu);
		r->file = proc_create_data(name, 0400, _stp_proc_dir,
					   &_stp_trace_ops, r);
		if (!r->file) {
			_stp_ring_exit();
			return -ENOMEM;
		}
		proc_set_user(r->file, current_uid(), current_gid());
	}
	return 0;
nomem:
	_stp_ring_exit();
	return -ENOMEM;
}

/* Called after the files are gone (or never made): no reader remains. */
void _stp_ring_exit(void)
{
	int cpu;

	if (!_stp_rings)
		return;
	for_each_possible_cpu(cpu) {
		if (_stp_rings[cpu] && _stp_rings[cpu]->file)
			proc_remove(_stp_rings[cpu]->file);
	}
	for_each_possible_cpu(cpu)
		_stp_ring_free(_stp_rings[cpu]);
	kfree(_stp_rings);
	_stp_rings = NULL;
}
