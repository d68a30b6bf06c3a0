/*
 * test_stat.c - statistics and histograms (runtime/stat.c, stat_print.c).
 *
 * The printed histograms follow the examples of the SystemTap Language
 * Reference (sections 8.4.1 and 8.4.2) and a published run of
 * print(@hist_log(...)) with small counts; see stat.h for the rules.
 */
#include "test.h"

struct stat_box {
	struct _stp_stat_spec spec;
	union {
		struct _stp_stat st;
		char mem[sizeof(struct _stp_stat) +
			 sizeof(int64_t) * STP_MAX_HIST_BUCKETS];
	} u;
};

static struct _stp_stat *box_init(struct stat_box *b)
{
	_stp_stat_clear(&b->u.st, &b->spec);
	return &b->u.st;
}

static int64_t get(const struct stat_box *b, enum _stp_stat_op op)
{
	int64_t v = -12345;

	CHECK_EQ(_stp_stat_get(&b->u.st, &b->spec, op, &v), 0);
	return v;
}

static void add_n(struct stat_box *b, int64_t v, int n)
{
	while (n-- > 0)
		_stp_stat_add(&b->u.st, &b->spec, v);
}

static const char *print_hist(const struct stat_box *b)
{
	static char mem[8192];
	struct _stp_buf out;

	_stp_buf_init(&out, mem, sizeof(mem));
	_stp_stat_print_hist(&out, &b->u.st, &b->spec);
	return mem;
}

TEST(stat_basic_extractors)
{
	struct stat_box b;
	int64_t v;

	_stp_stat_spec_plain(&b.spec, 0);
	box_init(&b);
	CHECK_EQ(_stp_stat_get(&b.u.st, &b.spec, STP_STAT_COUNT, &v), 0);
	CHECK_EQ(v, 0);
	CHECK_EQ(_stp_stat_get(&b.u.st, &b.spec, STP_STAT_SUM, &v), -ENOENT);
	CHECK_EQ(_stp_stat_get(&b.u.st, &b.spec, STP_STAT_MIN, &v), -ENOENT);
	CHECK_EQ(_stp_stat_get(&b.u.st, &b.spec, STP_STAT_AVG, &v), -ENOENT);
	CHECK_EQ(_stp_stat_get(&b.u.st, &b.spec, STP_STAT_VARIANCE, &v), -ENOENT);

	add_n(&b, 1, 1);
	add_n(&b, 2, 1);
	add_n(&b, 3, 1);
	add_n(&b, 4, 1);
	add_n(&b, 5, 1);
	CHECK_EQ(get(&b, STP_STAT_COUNT), 5);
	CHECK_EQ(get(&b, STP_STAT_SUM), 15);
	CHECK_EQ(get(&b, STP_STAT_MIN), 1);
	CHECK_EQ(get(&b, STP_STAT_MAX), 5);
	CHECK_EQ(get(&b, STP_STAT_AVG), 3);

	/* Negative samples; @avg truncates towards zero like C. */
	box_init(&b);
	add_n(&b, -7, 1);
	add_n(&b, 0, 1);
	CHECK_EQ(get(&b, STP_STAT_SUM), -7);
	CHECK_EQ(get(&b, STP_STAT_MIN), -7);
	CHECK_EQ(get(&b, STP_STAT_MAX), 0);
	CHECK_EQ(get(&b, STP_STAT_AVG), -3);

	box_init(&b);
	add_n(&b, _STP_S64_MIN, 1);
	CHECK_EQ(get(&b, STP_STAT_MIN), _STP_S64_MIN);
	CHECK_EQ(get(&b, STP_STAT_MAX), _STP_S64_MIN);
}

TEST(stat_variance_as_documented)
{
	struct stat_box b;
	int i;

	/* stap(1): for(i=1;i<=5;i++) x<<<i  gives @variance(x) 12 and
	 * @variance(x,1) 2. */
	_stp_stat_spec_plain(&b.spec, 0);
	box_init(&b);
	for (i = 1; i <= 5; i++)
		add_n(&b, i, 1);
	CHECK_EQ(get(&b, STP_STAT_VARIANCE), 12);

	_stp_stat_spec_plain(&b.spec, 1);
	box_init(&b);
	for (i = 1; i <= 5; i++)
		add_n(&b, i, 1);
	CHECK_EQ(get(&b, STP_STAT_VARIANCE), 2);
}

static int64_t variance_of(const int64_t *xs, int n, int shift)
{
	struct stat_box b;
	int i;

	_stp_stat_spec_plain(&b.spec, shift);
	box_init(&b);
	for (i = 0; i < n; i++)
		add_n(&b, xs[i], 1);
	return get(&b, STP_STAT_VARIANCE);
}

TEST(stat_variance_precision_and_edges)
{
	/* Sample variance 32/7 = 4.57; integer steps need the bit-shift. */
	static const int64_t d[] = { 2, 4, 4, 4, 5, 5, 7, 9 };
	static const int64_t neg[] = { -10, -20, -30 };
	static const int64_t big[] = { 1000000, 1000001, 1000002 };
	static const int64_t same[] = { 4, 4, 4 };
	static const int64_t one[] = { 77 };

	CHECK_EQ(variance_of(d, 8, 0), 13);
	CHECK_EQ(variance_of(d, 8, 1), 8);
	CHECK_EQ(variance_of(d, 8, 4), 4);
	CHECK_EQ(variance_of(d, 8, 8), 4);
	CHECK_EQ(variance_of(d, 8, 16), 4);
	CHECK_EQ(variance_of(neg, 3, 0), 100);
	CHECK_EQ(variance_of(neg, 3, 4), 100);
	CHECK_EQ(variance_of(big, 3, 0), 4);
	CHECK_EQ(variance_of(big, 3, 10), 1);
	CHECK_EQ(variance_of(same, 3, 0), 0);
	CHECK_EQ(variance_of(one, 1, 0), 0);
	/* The bit-shift range is 0..62. */
	{
		struct _stp_stat_spec s;

		CHECK_EQ(_stp_stat_spec_plain(&s, 62), 0);
		CHECK_EQ(_stp_stat_spec_plain(&s, 63), -EINVAL);
		CHECK_EQ(_stp_stat_spec_plain(&s, -1), -EINVAL);
		CHECK_EQ(_stp_stat_spec_log(&s, 63), -EINVAL);
	}
}

TEST(stat_per_cpu_aggregation)
{
	struct _stp_stat_spec spec;
	struct _stp_pstat *ps;
	const struct _stp_stat *agg;
	int64_t v;

	_stp_stat_spec_log(&spec, 0);
	ps = _stp_pstat_new(&spec);
	CHECK(ps != NULL);
	if (!ps)
		return;
	_stp_user_set_cpu(0);
	_stp_pstat_add(ps, 1);
	_stp_pstat_add(ps, 2);
	_stp_user_set_cpu(1);
	_stp_pstat_add(ps, 3);
	_stp_user_set_cpu(2);
	_stp_pstat_add(ps, 4);
	_stp_pstat_add(ps, 5);
	_stp_user_set_cpu(0);

	agg = _stp_pstat_aggregate(ps);
	CHECK_EQ(agg->count, 5);
	CHECK_EQ(agg->sum, 15);
	CHECK_EQ(agg->min, 1);
	CHECK_EQ(agg->max, 5);
	_stp_stat_get(agg, &spec, STP_STAT_AVG, &v);
	CHECK_EQ(v, 3);
	/* Partials {1,2} {3} {4,5} combine (at their exact means) to M2 = 8. */
	_stp_stat_get(agg, &spec, STP_STAT_VARIANCE, &v);
	CHECK_EQ(v, 2);
	CHECK_EQ(agg->histogram[STP_HIST_LOG_ZERO + 1], 1);
	CHECK_EQ(agg->histogram[STP_HIST_LOG_ZERO + 2], 2);
	CHECK_EQ(agg->histogram[STP_HIST_LOG_ZERO + 3], 2);

	/* Aggregating twice gives the same; clearing empties every cpu. */
	agg = _stp_pstat_aggregate(ps);
	CHECK_EQ(agg->count, 5);
	_stp_pstat_clear(ps);
	agg = _stp_pstat_aggregate(ps);
	CHECK_EQ(agg->count, 0);
	CHECK_EQ(_stp_stat_get(agg, &spec, STP_STAT_MIN, &v), -ENOENT);
	_stp_pstat_free(ps);
}

TEST(stat_merge_is_reading_alone)
{
	/* One partial merged into an empty stat reads the same. */
	struct stat_box a, b;
	int i;

	_stp_stat_spec_plain(&a.spec, 0);
	b.spec = a.spec;
	box_init(&a);
	box_init(&b);
	for (i = 1; i <= 5; i++)
		add_n(&a, i, 1);
	_stp_stat_merge(&b.u.st, &a.u.st, &b.spec);
	CHECK_EQ(get(&b, STP_STAT_VARIANCE), get(&a, STP_STAT_VARIANCE));
	CHECK_EQ(get(&b, STP_STAT_AVG), 3);
	/* Merging an empty partial changes nothing. */
	box_init(&a);
	_stp_stat_merge(&b.u.st, &a.u.st, &b.spec);
	CHECK_EQ(get(&b, STP_STAT_COUNT), 5);
	CHECK_EQ(get(&b, STP_STAT_VARIANCE), 12);
}

TEST(stat_linear_buckets)
{
	struct stat_box b;
	int64_t v;

	/* 0..100 by 10: 11 buckets [0,10) .. [100,110), plus two. */
	CHECK_EQ(_stp_stat_spec_linear(&b.spec, 0, 100, 10, 0), 0);
	CHECK_EQ(b.spec.buckets, 13);
	CHECK_EQ(_stp_stat_bucket(&b.spec, -1), 0);
	CHECK_EQ(_stp_stat_bucket(&b.spec, _STP_S64_MIN), 0);
	CHECK_EQ(_stp_stat_bucket(&b.spec, 0), 1);
	CHECK_EQ(_stp_stat_bucket(&b.spec, 9), 1);
	CHECK_EQ(_stp_stat_bucket(&b.spec, 10), 2);
	CHECK_EQ(_stp_stat_bucket(&b.spec, 100), 11);
	CHECK_EQ(_stp_stat_bucket(&b.spec, 109), 11);
	CHECK_EQ(_stp_stat_bucket(&b.spec, 110), 12);
	CHECK_EQ(_stp_stat_bucket(&b.spec, _STP_S64_MAX), 12);

	/* stap(1): @hist_linear(x,1,3,1) of -100 1 2 3 100 has one low
	 * bucket, three payload buckets and one high bucket. */
	CHECK_EQ(_stp_stat_spec_linear(&b.spec, 1, 3, 1, 0), 0);
	CHECK_EQ(b.spec.buckets, 5);
	box_init(&b);
	add_n(&b, -100, 1);
	add_n(&b, 1, 1);
	add_n(&b, 2, 1);
	add_n(&b, 3, 1);
	add_n(&b, 100, 1);
	for (v = 0; v < 5; v++) {
		int64_t c = -1;

		CHECK_EQ(_stp_stat_hist_get(&b.u.st, &b.spec, v, &c), 0);
		CHECK_EQ(c, 1);
	}
	CHECK_EQ(_stp_stat_hist_get(&b.u.st, &b.spec, 5, &v), -ERANGE);
	CHECK_EQ(_stp_stat_hist_get(&b.u.st, &b.spec, -1, &v), -ERANGE);

	/* Negative ranges work; bad shapes are refused. */
	CHECK_EQ(_stp_stat_spec_linear(&b.spec, -50, 50, 25, 0), 0);
	CHECK_EQ(_stp_stat_bucket(&b.spec, -50), 1);
	CHECK_EQ(_stp_stat_bucket(&b.spec, -26), 1);
	CHECK_EQ(_stp_stat_bucket(&b.spec, -25), 2);
	CHECK_EQ(_stp_stat_spec_linear(&b.spec, 0, 100, 0, 0), -EINVAL);
	CHECK_EQ(_stp_stat_spec_linear(&b.spec, 0, 100, -5, 0), -EINVAL);
	CHECK_EQ(_stp_stat_spec_linear(&b.spec, 10, 10, 1, 0), -EINVAL);
	CHECK_EQ(_stp_stat_spec_linear(&b.spec, 10, 0, 1, 0), -EINVAL);
	CHECK_EQ(_stp_stat_spec_linear(&b.spec, 0, 1000000, 1, 0), -EINVAL);
	CHECK_EQ(_stp_stat_spec_linear(&b.spec, _STP_S64_MIN, _STP_S64_MAX,
				       _STP_S64_MAX, 0), 0);
	CHECK_EQ(b.spec.buckets, 5);
}

TEST(stat_log_buckets)
{
	struct _stp_stat_spec s;

	_stp_stat_spec_log(&s, 0);
	CHECK_EQ(s.buckets, STP_HIST_LOG_BUCKETS);
	CHECK_EQ(_stp_stat_bucket(&s, 0), STP_HIST_LOG_ZERO);
	CHECK_EQ(_stp_stat_bucket(&s, 1), STP_HIST_LOG_ZERO + 1);
	CHECK_EQ(_stp_stat_bucket(&s, 2), STP_HIST_LOG_ZERO + 2);
	CHECK_EQ(_stp_stat_bucket(&s, 3), STP_HIST_LOG_ZERO + 2);
	CHECK_EQ(_stp_stat_bucket(&s, 4), STP_HIST_LOG_ZERO + 3);
	CHECK_EQ(_stp_stat_bucket(&s, 1023), STP_HIST_LOG_ZERO + 10);
	CHECK_EQ(_stp_stat_bucket(&s, 1024), STP_HIST_LOG_ZERO + 11);
	CHECK_EQ(_stp_stat_bucket(&s, _STP_S64_MAX), STP_HIST_LOG_BUCKETS - 1);
	CHECK_EQ(_stp_stat_bucket(&s, -1), STP_HIST_LOG_ZERO - 1);
	CHECK_EQ(_stp_stat_bucket(&s, -2), STP_HIST_LOG_ZERO - 2);
	CHECK_EQ(_stp_stat_bucket(&s, -3), STP_HIST_LOG_ZERO - 2);
	CHECK_EQ(_stp_stat_bucket(&s, -4), STP_HIST_LOG_ZERO - 3);
	CHECK_EQ(_stp_stat_bucket(&s, _STP_S64_MIN), 0);
}

/* One histogram row: label, bar of `at` '@' in a bar area of `width`,
 * count right-aligned to `cw` digits. */
#define ROW5(label, bar, count) label " |" bar " " count "\n"

#define BAR50_EMPTY "                                                  "
#define HEADER "value |-------------------------------------------------- count\n"

TEST(stat_print_log_small_counts)
{
	/* As a published run: 2 samples in [32,64), 1 in [64,128), 4 in
	 * [1024,2048).  Two empty buckets before and after; the three empty
	 * buckets between 64 and 1024 are all shown. */
	struct stat_box b;

	_stp_stat_spec_log(&b.spec, 0);
	box_init(&b);
	add_n(&b, 40, 1);
	add_n(&b, 50, 1);
	add_n(&b, 100, 1);
	add_n(&b, 1100, 4);
	CHECK_STR(print_hist(&b),
		  HEADER
		  "    8 |                                                   0\n"
		  "   16 |                                                   0\n"
		  "   32 |@@                                                 2\n"
		  "   64 |@                                                  1\n"
		  "  128 |                                                   0\n"
		  "  256 |                                                   0\n"
		  "  512 |                                                   0\n"
		  " 1024 |@@@@                                               4\n"
		  " 2048 |                                                   0\n"
		  " 4096 |                                                   0\n");
}

TEST(stat_print_langref_linear)
{
	/* Language reference 8.4.1: @hist_linear(reads, 0, 10240, 200). */
	struct stat_box b;

	_stp_stat_spec_linear(&b.spec, 0, 10240, 200, 0);
	box_init(&b);
	add_n(&b, 64, 1650);
	add_n(&b, 300, 8);
	add_n(&b, 1500, 1);
	CHECK_STR(print_hist(&b),
		  HEADER
		  "    0 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@ 1650\n"
		  "  200 |                                                      8\n"
		  "  400 |                                                      0\n"
		  "  600 |                                                      0\n"
		  "     ~\n"
		  " 1000 |                                                      0\n"
		  " 1200 |                                                      0\n"
		  " 1400 |                                                      1\n"
		  " 1600 |                                                      0\n"
		  " 1800 |                                                      0\n");
}

TEST(stat_print_langref_log)
{
	/* Language reference 8.4.2: five-digit counts narrow the bar area to
	 * 49 columns; bars are scaled to the largest count. */
	struct stat_box b;

	_stp_stat_spec_log(&b.spec, 0);
	box_init(&b);
	add_n(&b, 40, 254);
	add_n(&b, 100, 3);
	add_n(&b, 200, 2);
	add_n(&b, 300, 2);
	add_n(&b, 600, 4);
	add_n(&b, 1500, 16689);
	CHECK_STR(print_hist(&b),
		  HEADER
		  "    8 |                                                      0\n"
		  "   16 |                                                      0\n"
		  "   32 |                                                    254\n"
		  "   64 |                                                      3\n"
		  "  128 |                                                      2\n"
		  "  256 |                                                      2\n"
		  "  512 |                                                      4\n"
		  " 1024 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@ 16689\n"
		  " 2048 |                                                      0\n"
		  " 4096 |                                                      0\n");
}

TEST(stat_print_log_negative_and_zero)
{
	struct stat_box b;

	_stp_stat_spec_log(&b.spec, 0);
	box_init(&b);
	add_n(&b, -5, 1);
	add_n(&b, -1, 1);
	add_n(&b, 0, 1);
	add_n(&b, 3, 1);
	CHECK_STR(print_hist(&b),
		  HEADER
		  "  -16 |                                                   0\n"
		  "   -8 |                                                   0\n"
		  "   -4 |@                                                  1\n"
		  "   -2 |                                                   0\n"
		  "   -1 |@                                                  1\n"
		  "    0 |@                                                  1\n"
		  "    1 |                                                   0\n"
		  "    2 |@                                                  1\n"
		  "    4 |                                                   0\n"
		  "    8 |                                                   0\n");

	/* Without negative samples nothing below the 0 row prints. */
	box_init(&b);
	add_n(&b, 1, 3);
	CHECK_STR(print_hist(&b),
		  HEADER
		  "    0 |                                                   0\n"
		  "    1 |@@@                                                3\n"
		  "    2 |                                                   0\n"
		  "    4 |                                                   0\n");

	/* A run of exactly four empty buckets is not elided. */
	box_init(&b);
	add_n(&b, 1, 1);
	add_n(&b, 32, 1);
	CHECK_STR(print_hist(&b),
		  HEADER
		  "    0 |                                                   0\n"
		  "    1 |@                                                  1\n"
		  "    2 |                                                   0\n"
		  "    4 |                                                   0\n"
		  "    8 |                                                   0\n"
		  "   16 |                                                   0\n"
		  "   32 |@                                                  1\n"
		  "   64 |                                                   0\n"
		  "  128 |                                                   0\n");
}

TEST(stat_print_linear_out_of_range_and_widths)
{
	struct stat_box b;

	/* 0..30 by 10: payload 0, 10, 20, 30; out-of-range rows only when
	 * not empty, labelled <start and >stop. */
	_stp_stat_spec_linear(&b.spec, 0, 30, 10, 0);
	box_init(&b);
	add_n(&b, -5, 1);
	add_n(&b, 5, 2);
	add_n(&b, 45, 1);
	CHECK_STR(print_hist(&b),
		  HEADER
		  "   <0 |@                                                  1\n"
		  "    0 |@@                                                 2\n"
		  "   10 |                                                   0\n"
		  "   20 |                                                   0\n"
		  "  >30 |@                                                  1\n");

	/* Only out-of-range samples: just those rows. */
	box_init(&b);
	add_n(&b, 1000, 2);
	CHECK_STR(print_hist(&b),
		  HEADER
		  "  >30 |@@                                                 2\n");

	/* Labels wider than "value" widen the column. */
	_stp_stat_spec_linear(&b.spec, 1000000, 3000000, 1000000, 0);
	box_init(&b);
	add_n(&b, 2000000, 3);
	CHECK_STR(print_hist(&b),
		  "  value |-------------------------------------------------- count\n"
		  "1000000 |                                                   0\n"
		  "2000000 |@@@                                                3\n"
		  "3000000 |                                                   0\n");

	/* Counts above 50 scale the bars to 50 columns. */
	_stp_stat_spec_linear(&b.spec, 0, 10, 10, 0);
	box_init(&b);
	add_n(&b, 0, 100);
	add_n(&b, 10, 50);
	CHECK_STR(print_hist(&b),
		  HEADER
		  "    0 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@ 100\n"
		  "   10 |@@@@@@@@@@@@@@@@@@@@@@@@@                           50\n");
}

TEST(stat_print_empty_and_plain)
{
	struct stat_box b;
	char mem[64];
	struct _stp_buf out;

	_stp_stat_spec_log(&b.spec, 0);
	box_init(&b);
	CHECK_STR(print_hist(&b), HEADER);

	/* A stat without a histogram prints nothing. */
	_stp_stat_spec_plain(&b.spec, 0);
	box_init(&b);
	add_n(&b, 1, 1);
	_stp_buf_init(&out, mem, sizeof(mem));
	_stp_stat_print_hist(&out, &b.u.st, &b.spec);
	CHECK_EQ(out.len, 0);
}
