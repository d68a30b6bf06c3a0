/*
 * A module with known functions and data for the guest kprobe tests
 * (tests/guest/run-kprobes.sh).  Every function below is noinline and is
 * reached by writing one command to /proc/cxxtap_kp_target:
 *
 *   N            cxxtap_kp_target_fn(N), which returns 2 * N + 1
 *                (kprobe.module("cxxtap_kp_target").function(...) and its
 *                .return see a known argument and return value)
 *   point        cxxtap_kp_point_fn(&{x = 3, y = 4}, "origin", 5)  -> 12
 *   record       cxxtap_kp_record_fn(&cxxtap_kp_global_record)      -> 7
 *   lookup N     cxxtap_kp_lookup(N): &cxxtap_kp_global_record for 7,
 *                &cxxtap_kp_second_record for 8, else NULL
 *   args         cxxtap_kp_args_fn('A', -2, -3, 1000000000000,
 *                0xfedcba9876543210, "args-string")                 -> 1
 *   union        cxxtap_kp_union_fn(&{.l = 0x0102030405060708},
 *                CXXTAP_KP_BLUE)                                    -> 4
 *   recurse N    cxxtap_kp_recurse(N): calls itself down to 0 and
 *                returns N (N at most 16)
 *   bad          cxxtap_kp_bad_fn((char *)16, (long *)-8,
 *                (struct cxxtap_kp_point *)0x10)                   -> -14
 *                (the pointers are never dereferenced here: for
 *                bad-pointer tests of the scripts' readers)
 *   global       bumps the static cxxtap_kp_counter, then
 *                cxxtap_kp_global_fn() returns it
 *   lines N      cxxtap_kp_lines_fn(N): sum of 11 * (i + 1), i < N
 *                (N at most 100), plus 1: kernel.statement lines
 *   label N      cxxtap_kp_label_fn(N): 3N + 1, or 3N when N < 0,
 *                through the label "negative"
 *
 * Each command also sets cxxtap_kp_last to the function's result.  An
 * unknown command fails the write with -EINVAL.  The data is described for
 * target-variable tests ($p->x, $r->inner->c, $r->values[2], @var...):
 *
 * cxxtap_kp_global_record (static) = {
 *   .id = 7, .name = "record-seven", .origin = { 3, -4 },
 *   .inner = { .a = 100, .b = -2, .c = 'z' },
 *   .target = &cxxtap_kp_target_point (= { 11, 22 }),
 *   .label = "the label", .values = { 10, 20, 30, 40 },
 *   .flag_a = 1, .flag_b = 5, .flag_c = 9, .color = CXXTAP_KP_GREEN,
 *   .num = { .l = 0x0102030405060708 }, .next = &cxxtap_kp_second_record }
 * cxxtap_kp_second_record = { .id = 8, .name = "record-eight",
 *   .origin = { -1, -2 }, .inner = { 1, 2, 'y' }, .target = NULL,
 *   .label = NULL, .values = { 1, 2, 3, 4 }, .flag_a = 0, .flag_b = 7,
 *   .flag_c = 15, .color = CXXTAP_KP_RED, .num = { .l = -1 }, .next = NULL }
 * struct cxxtap_kp_record on x86-64: id@0 name@4 origin@24 inner@40 (a@40
 *   b@44 c@46) target@48 label@56 values@64 bitfields@96 (flag_a bit 0,
 *   flag_b bits 1-3, flag_c bits 4-7: the byte is 0x9b in the global
 *   record) color@100 num@104 next@112, sizeof 120
 * cxxtap_kp_greeting (static char [32]) = "hello from cxxtap"
 * cxxtap_kp_counter (static long): the number of "global" commands since the
 *   module was loaded (it is not reset between scripts)
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/proc_fs.h>
#include <linux/string.h>
#include <linux/uaccess.h>

/*
 * noinline is not enough: GCC may still clone a function for constant
 * arguments (.constprop) and call the clone, which a probe on the name
 * would never see.  noipa keeps each function whole and really called.
 */
#if __has_attribute(__noipa__)
#define KP_FN noinline __attribute__((__noipa__))
#else
#define KP_FN noinline
#endif

enum cxxtap_kp_color {
	CXXTAP_KP_RED = 1,
	CXXTAP_KP_GREEN = 2,
	CXXTAP_KP_BLUE = 4,
};

struct cxxtap_kp_point {
	long x;
	long y;
};

struct cxxtap_kp_inner {
	int a;
	short b;
	char c;
};

union cxxtap_kp_num {
	long l;
	int i[2];
	unsigned char bytes[8];
};

struct cxxtap_kp_record {
	int id;
	char name[16];
	struct cxxtap_kp_point origin;
	struct cxxtap_kp_inner inner;
	struct cxxtap_kp_point *target;
	const char *label;
	long values[4];
	unsigned int flag_a : 1;
	unsigned int flag_b : 3;
	unsigned int flag_c : 4;
	enum cxxtap_kp_color color;
	union cxxtap_kp_num num;
	struct cxxtap_kp_record *next;
};

static struct cxxtap_kp_point cxxtap_kp_target_point = { .x = 11, .y = 22 };

static struct cxxtap_kp_record cxxtap_kp_second_record = {
	.id = 8,
	.name = "record-eight",
	.origin = { .x = -1, .y = -2 },
	.inner = { .a = 1, .b = 2, .c = 'y' },
	.values = { 1, 2, 3, 4 },
	.flag_a = 0,
	.flag_b = 7,
	.flag_c = 15,
	.color = CXXTAP_KP_RED,
	.num = { .l = -1 },
};

static struct cxxtap_kp_record cxxtap_kp_global_record = {
	.id = 7,
	.name = "record-seven",
	.origin = { .x = 3, .y = -4 },
	.inner = { .a = 100, .b = -2, .c = 'z' },
	.target = &cxxtap_kp_target_point,
	.label = "the label",
	.values = { 10, 20, 30, 40 },
	.flag_a = 1,
	.flag_b = 5,
	.flag_c = 9,
	.color = CXXTAP_KP_GREEN,
	.num = { .l = 0x0102030405060708L },
	.next = &cxxtap_kp_second_record,
};

static char cxxtap_kp_greeting[32] = "hello from cxxtap";
static long cxxtap_kp_counter;
static long cxxtap_kp_last;

KP_FN long cxxtap_kp_target_fn(long n);
KP_FN long cxxtap_kp_target_fn(long n)
{
	barrier();
	return 2 * n + 1;
}
EXPORT_SYMBOL_GPL(cxxtap_kp_target_fn);

KP_FN long cxxtap_kp_point_fn(struct cxxtap_kp_point *p, const char *name,
				 int arr_len);
KP_FN long cxxtap_kp_point_fn(struct cxxtap_kp_point *p, const char *name,
				 int arr_len)
{
	barrier();
	return READ_ONCE(p->x) + READ_ONCE(p->y) + arr_len + (name[0] ? 0 : 1);
}

KP_FN int cxxtap_kp_record_fn(struct cxxtap_kp_record *r);
KP_FN int cxxtap_kp_record_fn(struct cxxtap_kp_record *r)
{
	barrier();
	return READ_ONCE(r->id);
}

KP_FN struct cxxtap_kp_record *cxxtap_kp_lookup(int id);
KP_FN struct cxxtap_kp_record *cxxtap_kp_lookup(int id)
{
	barrier();
	if (id == cxxtap_kp_global_record.id)
		return &cxxtap_kp_global_record;
	if (id == cxxtap_kp_second_record.id)
		return &cxxtap_kp_second_record;
	return NULL;
}

KP_FN long cxxtap_kp_args_fn(char c, short s, int i, long l,
				unsigned long ul, const char *str);
KP_FN long cxxtap_kp_args_fn(char c, short s, int i, long l,
				unsigned long ul, const char *str)
{
	barrier();
	return c == 'A' && s == -2 && i == -3 && l == 1000000000000L &&
	       ul == 0xfedcba9876543210UL && str[0] == 'a';
}

KP_FN long cxxtap_kp_union_fn(union cxxtap_kp_num *u,
				 enum cxxtap_kp_color color);
KP_FN long cxxtap_kp_union_fn(union cxxtap_kp_num *u,
				 enum cxxtap_kp_color color)
{
	barrier();
	return u->bytes[0] == 8 ? (long)color : -1;
}

KP_FN long cxxtap_kp_recurse(int depth);
KP_FN long cxxtap_kp_recurse(int depth)
{
	long r = 0;

	if (depth > 0)
		r = cxxtap_kp_recurse(depth - 1) + 1;
	/* Keeps the call a real call (no tail-recursion loop). */
	WRITE_ONCE(cxxtap_kp_last, r);
	return r;
}

KP_FN long cxxtap_kp_bad_fn(const char *bad_str, long *bad_long,
			       struct cxxtap_kp_point *bad_point);
KP_FN long cxxtap_kp_bad_fn(const char *bad_str, long *bad_long,
			       struct cxxtap_kp_point *bad_point)
{
	barrier();
	return (long)bad_str - 30 + ((long)bad_long != -8) +
	       ((unsigned long)bad_point != 0x10);
}

KP_FN long cxxtap_kp_global_fn(void);
KP_FN long cxxtap_kp_global_fn(void)
{
	barrier();
	return READ_ONCE(cxxtap_kp_counter) +
	       (READ_ONCE(cxxtap_kp_greeting[0]) == 'h' ? 0 : 1000);
}

/*
 * For kernel.statement: the lines are probed relative to the declaration
 * (statement("cxxtap_kp_lines_fn@*kp_target.c+N")), so keep their offsets:
 * +4 the loop, +5 its body, +6 the line after it, +7 the return.
 */
KP_FN long cxxtap_kp_lines_fn(long n);
KP_FN long cxxtap_kp_lines_fn(long n)
{
	long sum = 0, i;

	for (i = 0; i < n; i++)
		sum += READ_ONCE(cxxtap_kp_target_point.x) * (i + 1);
	WRITE_ONCE(cxxtap_kp_last, sum);
	return sum + 1;
}

/* For .label("negative"): reached with r = 3n+1, or 3n when n < 0. */
KP_FN long cxxtap_kp_label_fn(long n);
KP_FN long cxxtap_kp_label_fn(long n)
{
	long r = n * 3;

	if (n < 0)
		goto negative;
	r += 1;
negative:
	WRITE_ONCE(cxxtap_kp_last, r);
	return r;
}

static long kp_command(char *cmd)
{
	struct cxxtap_kp_point point = { .x = 3, .y = 4 };
	union cxxtap_kp_num num = { .l = 0x0102030405060708L };
	char *arg = strchr(cmd, ' ');
	long n = 0;

	if (arg) {
		*arg++ = '\0';
		if (kstrtol(strim(arg), 0, &n))
			return -EINVAL;
	}
	if (!strcmp(cmd, "point"))
		return cxxtap_kp_point_fn(&point, "origin", 5);
	if (!strcmp(cmd, "record"))
		return cxxtap_kp_record_fn(&cxxtap_kp_global_record);
	if (!strcmp(cmd, "lookup")) {
		struct cxxtap_kp_record *r = cxxtap_kp_lookup(n);

		return r ? r->id : 0;
	}
	if (!strcmp(cmd, "args"))
		return cxxtap_kp_args_fn('A', -2, -3, 1000000000000L,
					 0xfedcba9876543210UL, "args-string");
	if (!strcmp(cmd, "union"))
		return cxxtap_kp_union_fn(&num, CXXTAP_KP_BLUE);
	if (!strcmp(cmd, "recurse"))
		return n >= 0 && n <= 16 ? cxxtap_kp_recurse(n) : -EINVAL;
	if (!strcmp(cmd, "bad"))
		return cxxtap_kp_bad_fn((const char *)16, (long *)-8,
					(struct cxxtap_kp_point *)0x10);
	if (!strcmp(cmd, "label"))
		return cxxtap_kp_label_fn(n);
	if (!strcmp(cmd, "lines"))
		return n >= 0 && n <= 100 ? cxxtap_kp_lines_fn(n) : -EINVAL;
	if (!strcmp(cmd, "global")) {
		WRITE_ONCE(cxxtap_kp_counter, cxxtap_kp_counter + 1);
		return cxxtap_kp_global_fn();
	}
	return -EINVAL;
}

static ssize_t kp_write(struct file *f, const char __user *buf, size_t len,
			loff_t *off)
{
	char tmp[64];
	char *cmd;
	long n;

	if (len >= sizeof(tmp))
		return -EINVAL;
	if (copy_from_user(tmp, buf, len))
		return -EFAULT;
	tmp[len] = '\0';
	cmd = strim(tmp);
	if (!kstrtol(cmd, 0, &n)) {
		n = cxxtap_kp_target_fn(n);
	} else {
		n = kp_command(cmd);
		if (n == -EINVAL)
			return -EINVAL;
	}
	WRITE_ONCE(cxxtap_kp_last, n);
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
