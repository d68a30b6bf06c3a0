// SPDX-License-Identifier: GPL-2.0
/*
 * cxxtap guest smoke test: proves that an out-of-tree module built against
 * Debian's headers loads in the QEMU guest and that a kprobe resolved by
 * symbol name fires. Hand-written for cxxtap.
 */
#include <linux/atomic.h>
#include <linux/kprobes.h>
#include <linux/module.h>

static atomic_long_t hits = ATOMIC_LONG_INIT(0);

static int on_vfs_read(struct kprobe *p, struct pt_regs *regs)
{
	atomic_long_inc(&hits);
	return 0;
}

static struct kprobe probe = {
	.symbol_name = "vfs_read",
	.pre_handler = on_vfs_read,
};

static int __init hello_init(void)
{
	int rc;

	pr_info("cxxtap_hello: hello from the guest\n");
	rc = register_kprobe(&probe);
	if (rc < 0) {
		pr_err("cxxtap_hello: register_kprobe(vfs_read) failed: %d\n", rc);
		return rc;
	}
	pr_info("cxxtap_hello: kprobe on vfs_read at %px\n", probe.addr);
	return 0;
}

static void __exit hello_exit(void)
{
	unregister_kprobe(&probe);
	pr_info("cxxtap_hello: vfs_read hits=%ld\n", atomic_long_read(&hits));
}

module_init(hello_init);
module_exit(hello_exit);
/* register_kprobe is exported GPL-only. */
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("cxxtap guest smoke test: printk and a kprobe on vfs_read");
