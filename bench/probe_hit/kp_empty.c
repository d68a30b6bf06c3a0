/*
 * bench/probe_hit.sh's baseline probe: a kprobe on vfs_read with an empty
 * pre_handler, the least any kprobe-based probe can cost per hit.
 */
#include <linux/module.h>
#include <linux/kprobes.h>

static int kp_empty_pre(struct kprobe *p, struct pt_regs *regs)
{
	return 0;
}

static struct kprobe kp_empty = {
	.symbol_name = "vfs_read",
	.pre_handler = kp_empty_pre,
};

static int __init kp_empty_init(void)
{
	return register_kprobe(&kp_empty);
}

static void __exit kp_empty_exit(void)
{
	unregister_kprobe(&kp_empty);
}

module_init(kp_empty_init);
module_exit(kp_empty_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("cxxtap bench: empty kprobe on vfs_read");
