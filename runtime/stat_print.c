/*
 * stat_print.c - the ASCII bar chart of a histogram (see stat.h).
 */
#include "stat.h"

/* The rows of one chart: which buckets print, and the column widths. */
struct _stp_hist_layout {
	int lo, hi;		/* payload buckets printed: [lo, hi] */
	int under, over;	/* out-of-range bucket to print, or -1 */
	int value_width, count_width, bar_width;
	int64_t max_count;
};

static int _stp_dec_width(int64_t v)
{
	int n = v < 0 ? 2 : 1;
	uint64_t m = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;

	while (m >= 10) {
		m = _stp_div_u64(m, 10);
		n++;
	}
	return n;
}

/* The label of payload bucket b, into text (>= 24 bytes). */
static void _stp_hist_label(char *text, const struct _stp_stat_spec *spec,
			    int b)
{
	struct _stp_buf lb;
	int64_t v;

	_stp_buf_init(&lb, text, 24);
	if (spec->hist == STP_HIST_LINEAR) {
		if (b == 0) {
			_stp_buf_putc(&lb, '<');
			_stp_buf_put_long(&lb, spec->start);
			return;
		}
		if (b == spec->buckets - 1) {
			_stp_buf_putc(&lb, '>');
			_stp_buf_put_long(&lb, spec->stop);
			return;
		}
		v = (int64_t)((uint64_t)spec->start +
			      (uint64_t)(b - 1) * (uint64_t)spec->interval);
	} else if (b == STP_HIST_LOG_ZERO) {
		v = 0;
	} else if (b > STP_HIST_LOG_ZERO) {
		v = (int64_t)1 << (b - STP_HIST_LOG_ZERO - 1);
	} else {
		v = (int64_t)(0 - ((uint64_t)1 << (STP_HIST_LOG_ZERO - b - 1)));
	}
	_stp_buf_put_long(&lb, v);
}

static void _stp_hist_consider(struct _stp_hist_layout *lay,
			       const struct _stp_stat *st,
			       const struct _stp_stat_spec *spec, int b)
{
	char label[24];
	int w;

	_stp_hist_label(label, spec, b);
	w = (int)strlen(label);
	if (w > lay->value_width)
		lay->value_width = w;
	w = _stp_dec_width(st->histogram[b]);
	if (w > lay->count_width)
		lay->count_width = w;
	if (st->histogram[b] > lay->max_count)
		lay->max_count = st->histogram[b];
}

/* Returns false when no payload bucket prints. */
static bool _stp_hist_plan(struct _stp_hist_layout *lay,
			   const struct _stp_stat *st,
			   const struct _stp_stat_spec *spec)
{
	int first = -1, last = -1, lo_bound, hi_bound, b;

	if (spec->hist == STP_HIST_LINEAR) {
		lo_bound = 1;
		hi_bound = spec->buckets - 2;
	} else {
		lo_bound = 0;
		hi_bound = spec->buckets - 1;
	}
	for (b = lo_bound; b <= hi_bound; b++) {
		if (st->histogram[b]) {
			if (first < 0)
				first = b;
			last = b;
		}
	}

	lay->under = -1;
	lay->over = -1;
	if (spec->hist == STP_HIST_LINEAR) {
		if (st->histogram[0])
			lay->under = 0;
		if (st->histogram[spec->buckets - 1])
			lay->over = spec->buckets - 1;
	} else if (first >= 0) {
		/* No negative rows without negative samples, and back. */
		if (first >= STP_HIST_LOG_ZERO)
			lo_bound = STP_HIST_LOG_ZERO;
		if (last <= STP_HIST_LOG_ZERO)
			hi_bound = STP_HIST_LOG_ZERO;
	}

	if (first < 0) {
		lay->lo = 1;
		lay->hi = 0;
		return false;
	}
	if (HIST_ELISION < 0 && spec->hist == STP_HIST_LINEAR) {
		lay->lo = lo_bound;
		lay->hi = hi_bound;
	} else if (HIST_ELISION < 0) {
		lay->lo = first < STP_HIST_LOG_ZERO ? first : STP_HIST_LOG_ZERO;
		lay->hi = last > STP_HIST_LOG_ZERO ? last : STP_HIST_LOG_ZERO;
	} else {
		lay->lo = first - HIST_ELISION < lo_bound ? lo_bound :
			  first - HIST_ELISION;
		lay->hi = last + HIST_ELISION > hi_bound ? hi_bound :
			  last + HIST_ELISION;
	}
	return true;
}

static void _stp_hist_row(struct _stp_buf *out, const struct _stp_hist_layout *lay,
			  const struct _stp_stat *st,
			  const struct _stp_stat_spec *spec, int b)
{
	char label[24];
	int64_t count = st->histogram[b];
	uint64_t bar;
	size_t n;

	_stp_hist_label(label, spec, b);
	n = strlen(label);
	_stp_buf_fill(out, ' ', lay->value_width - n);
	_stp_buf_write(out, label, n);
	_stp_buf_puts(out, " |");

	if (lay->max_count <= lay->bar_width) {
		bar = (uint64_t)count;
	} else {
		uint64_t c = (uint64_t)count, m = (uint64_t)lay->max_count;

		/* Keep count * width inside 64 bits. */
		while (m > ((uint64_t)1 << 56)) {
			c >>= 1;
			m >>= 1;
		}
		bar = _stp_div_u64(c * (uint64_t)lay->bar_width, m);
	}
	_stp_buf_fill(out, '@', bar);
	_stp_buf_fill(out, ' ', lay->bar_width - bar);
	_stp_buf_putc(out, ' ');
	_stp_buf_fill(out, ' ', lay->count_width - _stp_dec_width(count));
	_stp_buf_put_long(out, count);
	_stp_buf_putc(out, '\n');
}

static void _stp_hist_tilde(struct _stp_buf *out,
			    const struct _stp_hist_layout *lay)
{
	_stp_buf_fill(out, ' ', lay->value_width);
	_stp_buf_puts(out, "~\n");
}

void _stp_stat_print_hist(struct _stp_buf *out, const struct _stp_stat *st,
			  const struct _stp_stat_spec *spec)
{
	struct _stp_hist_layout lay;
	bool payload;
	int b, run_end;

	if (spec->hist == STP_HIST_NONE)
		return;

	lay.value_width = 5;	/* strlen("value") */
	lay.count_width = 1;
	lay.max_count = 0;
	payload = _stp_hist_plan(&lay, st, spec);
	if (lay.under >= 0)
		_stp_hist_consider(&lay, st, spec, lay.under);
	for (b = lay.lo; b <= lay.hi; b++)
		_stp_hist_consider(&lay, st, spec, b);
	if (lay.over >= 0)
		_stp_hist_consider(&lay, st, spec, lay.over);
	lay.bar_width = HIST_WIDTH;
	if (lay.count_width > 4)
		lay.bar_width -= lay.count_width - 4;
	if (lay.bar_width < 1)
		lay.bar_width = 1;

	_stp_buf_fill(out, ' ', lay.value_width - 5);
	_stp_buf_puts(out, "value |");
	_stp_buf_fill(out, '-', HIST_WIDTH);
	_stp_buf_puts(out, " count\n");

	if (lay.under >= 0)
		_stp_hist_row(out, &lay, st, spec, lay.under);
	for (b = lay.lo; payload && b <= lay.hi; b++) {
		if (st->histogram[b] || HIST_ELISION < 0) {
			_stp_hist_row(out, &lay, st, spec, b);
			continue;
		}
		/* A run of empty buckets [b, run_end]. */
		for (run_end = b; run_end < lay.hi &&
		     !st->histogram[run_end + 1]; run_end++)
			;
		/* Runs at the ends are at most HIST_ELISION long already; an
		 * inner run longer than twice that keeps only its ends. */
		if (run_end - b + 1 > 2 * HIST_ELISION) {
			int k;

			for (k = 0; k < HIST_ELISION; k++)
				_stp_hist_row(out, &lay, st, spec, b + k);
			_stp_hist_tilde(out, &lay);
			for (k = HIST_ELISION; k > 0; k--)
				_stp_hist_row(out, &lay, st, spec,
					      run_end - k + 1);
		} else {
			for (; b <= run_end; b++)
				_stp_hist_row(out, &lay, st, spec, b);
		}
		b = run_end;
	}
	if (lay.over >= 0)
		_stp_hist_row(out, &lay, st, spec, lay.over);
}
