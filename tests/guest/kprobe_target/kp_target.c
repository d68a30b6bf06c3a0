/*
 * A module with a known function for the guest kprobe tests
 * (tests/guest/run-kprobes.sh): writing N to /proc/cxxtap_kp_target calls
 * cxxtap_kp_target_fn(N), which returns 2 * N + 1, so that
 * kprobe.module("cxxtap_kp_target").function("cxxtap_kp_target_fn") and its
 * .return see a known argument and return value.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/proc_fs.h>
#include <linux/uaccess.h>

noinline long cxxtap_kp_target_fn(long n);
noinline long cxxtap_kp_target_fn(long n)
{
	barrier();
	return 2 * n + 1;
}
EXPORT_SYMBOL_GPL(cxxtap_kp_target_fn);

static long cxxtap_kp_last;

static ssize_t kp_write(struct file *f, const char __user *buf, size_t len,
			loff_t *off)
{
	char tmp[24];
	long n;

	if (len >= sizeof(tmp))
		return -EINVAL;
	if (copy_from_user(tmp, buf, len))
		return -EFAULT;
	tmp[len] = '\0';
	if (kstrtol(strim(tmp), 0, &n))
		return -EINVAL;
	WRITE_ONCE(cxxtap_kp_last, cxxtap_kp_target_fn(n));
	return len;
}

static const struct proc_ops kp_ops = {
	.proc_write = kp_write,
};

static int __init kp_init(void)
{
	return proc_create("cxxtap_kp_target", 0200, NULL, &kp_ops) ? 0 : -ENOMEM;
}

static void __exit kp_exit(void)
{
	remove_proc_entry("cxxtap_kp_target", NULL);
}

module_init(kp_init);
module_exit(kp_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("cxxtap kprobe test target");
