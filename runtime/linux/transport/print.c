/*
 * transport/print.c - the per-cpu print buffers of probe handlers.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/cpumask.h>
#include <linux/irqflags.h>

#include "internal.h"

struct _stp_print_cpu {
	struct _stp_buf buf;
	char mem[STP_PRINT_BUF_SIZE];
};

static struct _stp_print_cpu **_stp_print_cpus;

static struct _stp_buf *_stp_print_cpu_buf(int cpu)
{
	return _stp_print_cpus ? &_stp_print_cpus[cpu]->buf : NULL;
}

static void _stp_print_flush_buf(struct _stp_buf *b)
{
	if (b && b->len) {
		_stp_transport_write(b->data, b->len);
		_stp_buf_reset(b);
	}
}

struct _stp_buf *_stp_print_buf(void)
{
	struct _stp_buf *b = _stp_print_cpu_buf(raw_smp_processor_id());

	if (b && _stp_buf_room(b) < STP_PRINT_BUF_SIZE / 2)
		_stp_print_flush_buf(b);
	return b;
}

void _stp_print_flush(void)
{
	_stp_print_flush_buf(_stp_print_cpu_buf(raw_smp_processor_id()));
}

void _stp_print(const char *s)
{
	struct _stp_buf *b = _stp_print_buf();

	if (b)
		_stp_buf_puts(b, s);
}

void _stp_print_flush_all(void)
{
	unsigned long flags;
	int cpu;

	if (!_stp_print_cpus)
		return;
	for_each_possible_cpu(cpu) {
		local_irq_save(flags);
		_stp_print_flush_buf(_stp_print_cpu_buf(cpu));
		local_irq_restore(flags);
	}
}

int _stp_print_init(void)
{
	int cpu;

	_stp_print_cpus = kcalloc(nr_cpu_ids, sizeof(*_stp_print_cpus),
				  GFP_KERNEL);
	if (!_stp_print_cpus)
		return -ENOMEM;
	for_each_possible_cpu(cpu) {
		struct _stp_print_cpu *p = kzalloc(sizeof(*p), GFP_KERNEL);

		if (!p) {
			_stp_print_exit();
			return -ENOMEM;
		}
		_stp_buf_init(&p->buf, p->mem, sizeof(p->mem));
		_stp_print_cpus[cpu] = p;
	}
	return 0;
}

void _stp_print_exit(void)
{
	int cpu;

	if (!_stp_print_cpus)
		return;
	for_each_possible_cpu(cpu)
		kfree(_stp_print_cpus[cpu]);
	kfree(_stp_print_cpus);
	_stp_print_cpus = NULL;
}
