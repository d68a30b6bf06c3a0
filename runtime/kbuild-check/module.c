/*
 * kbuild-check/module.c - the module check-kernel-build.sh builds around the
 * runtime: it calls every public function once at load, so that the build
 * proves the runtime compiles and links as kernel code.  Not part of
 * generated modules.
 */
#include <linux/module.h>
#include <linux/init.h>

#include "runtime/runtime.h"

static int __init stp_check_init(void)
{
	static char text[MAXSTRINGLEN];
	static char mem[2048];
	static char mem2[128];
	static struct _stp_context ctx;
	static struct _stp_session_counts counts;
	static _stp_rwlock_t lock;
	enum _stp_type keys[2] = { STP_TYPE_LONG, STP_TYPE_STRING };
	union _stp_key k[2] = { { .n = 1 }, { .s = "x" } };
	struct _stp_stat_spec spec;
	struct _stp_map_iter it;
	struct _stp_fmt_spec fs;
	struct _stp_fmt_error fe;
	struct _stp_buf b, b2;
	struct _stp_map *m;
	struct _stp_pmap *pm;
	struct _stp_pstat *ps;
	unsigned long fault = 0;
	unsigned char kinds[4];
	size_t nk, pos = 0;
	int64_t v = 0;
	int err = 0;

	_stp_sprintf(text, NULL, "%s", "xyz");
	_stp_buf_init(&b, mem, sizeof(mem));
	_stp_printf(&b, &fault, "%d %s %5.2x %.2m %#.2m\n", (int64_t)-1, "s",
		    (int64_t)255, (int64_t)(unsigned long)text,
		    (int64_t)(unsigned long)text);
	_stp_fmt_check("%d", 2, kinds, 4, &nk, &fe);
	_stp_printf(&b, &fault, "[%.4M]\n", (int64_t)16);
	_stp_printf(&b, NULL, "fault at %d\n", (int64_t)fault);
	if (_stp_fmt_next("%-3s", 4, &pos, &fs, &fe) > 0)
		_stp_fmt_string(&b, &fs, _stp_fmt_spec_width(&fs),
				_stp_fmt_spec_prec(&fs), "a");
	_stp_str_concat(text, text, "y");
	_stp_str_substr(text, "hello", 1, 2);
	_stp_str_to_long("0x10", 0, &v);
	_stp_str_replace(text, "aXb", "X", "Y");
	_stp_str_escape(text, "a\nb", 0, true);
	strlcpy(text, "strlcpy", sizeof(text));

	_stp_ctx_start(&ctx, "begin", MAXACTION);
	v = _stp_ctx_div(&ctx, 1, 0);
	_stp_ctx_catch(&ctx, text);
	_stp_ctx_errorf(&ctx, "%s at 0x%x", "fault", (int64_t)16);
	_stp_ctx_format_error(&ctx, &b);
	_stp_session_error(&counts);
	_stp_session_skipped(&counts, STP_SKIP_LOCK);
	/* Not printed: the guest harness treats "WARNING:" as a kernel problem. */
	_stp_buf_init(&b2, mem2, sizeof(mem2));
	_stp_session_format_counts(&counts, &b2);
	_stp_rwlock_init(&lock);
	if (_stp_write_lock_try(&lock))
		_stp_write_unlock(&lock);

	if (_stp_stat_spec_log(&spec, 0))
		return -EINVAL;
	ps = _stp_pstat_new(&spec);
	if (ps) {
		_stp_pstat_add(ps, 5);
		_stp_pstat_add(ps, 40);
		_stp_pstat_add(ps, -3);
		_stp_stat_print_hist(&b, _stp_pstat_aggregate(ps), &spec);
		_stp_pstat_free(ps);
	}
	m = _stp_map_new(2, keys, STP_TYPE_LONG, NULL, 16, false);
	if (m) {
		_stp_map_set_long(m, k, 3);
		_stp_map_iter_start(&it, m, -1, STP_SORT_VALUE, STP_STAT_COUNT,
				    -1, NULL, 0, NULL);
		while (_stp_map_iter_next(&it))
			;
		_stp_map_free(m);
	}
	pm = _stp_pmap_new(2, keys, &spec, 16, true);
	if (pm) {
		_stp_pmap_add_stat(pm, k, 7);
		_stp_pmap_aggregate(pm, &err);
		_stp_pmap_free(pm);
	}
	pr_info("stp_check: %zu bytes of output, %lld\n", b.len, (long long)v);
	/* The output, line by line, for a run in a guest kernel to compare. */
	{
		char *line = mem, *nl;

		while ((nl = strchr(line, '\n')) != NULL) {
			*nl = '\0';
			pr_info("stp_check| %s\n", line);
			line = nl + 1;
		}
	}
	return 0;
}

static void __exit stp_check_exit(void)
{
}

module_init(stp_check_init);
module_exit(stp_check_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("cxxtap runtime build check");
