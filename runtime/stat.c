/*
 * stat.c - statistics aggregates and their extractors.
 *
 * Variance.  Each partial stat (one per cpu) runs Welford's method on the
 * samples scaled by 2^s (s = the bit-shift), in integer arithmetic:
 *
 *	x = v << s;  n += 1;  d = x - avg_s;  avg_s += d / n;
 *	m2_s += d * (x - avg_s)
 *
 * The running mean avg_s truncates at every step.  A partial is read (and
 * merged) around the exact integer mean of its samples, mean = (sum << s)/n,
 * by adding n * (avg_s - mean)^2 to m2_s; two partials a and b then combine
 * with the parallel form of Welford's method:
 *
 *	M2 = M2_a + M2_b + (mean_b - mean_a)^2 * n_a * n_b / N
 *	@variance = (M2 / (N - 1)) >> 2s
 *
 * and a single partial is read the same way.  For the samples 1..5 this
 * gives 12 with s = 0 and 2 with s = 1, as stap documents.  Products wrap
 * (two's complement) instead of being undefined, so overflow shows as a
 * wrong, possibly negative, variance, also as documented.
 */
#include "stat.h"

static int64_t _stp_wrap_mul(int64_t a, int64_t b)
{
	return (int64_t)((uint64_t)a * (uint64_t)b);
}

static int64_t _stp_wrap_shl(int64_t a, int s)
{
	return (int64_t)((uint64_t)a << s);
}

/* 1-based index of the highest set bit; 0 for 0. */
static int _stp_fls64(uint64_t v)
{
	return v ? 64 - __builtin_clzll(v) : 0;
}

int _stp_stat_spec_plain(struct _stp_stat_spec *spec, int bit_shift)
{
	memset(spec, 0, sizeof(*spec));
	if (bit_shift < 0 || bit_shift > 62)
		return -EINVAL;
	spec->hist = STP_HIST_NONE;
	spec->bit_shift = bit_shift;
	return 0;
}

int _stp_stat_spec_log(struct _stp_stat_spec *spec, int bit_shift)
{
	int rc = _stp_stat_spec_plain(spec, bit_shift);

	if (rc)
		return rc;
	spec->hist = STP_HIST_LOG;
	spec->buckets = STP_HIST_LOG_BUCKETS;
	return 0;
}

int _stp_stat_spec_linear(struct _stp_stat_spec *spec, int64_t start,
			  int64_t stop, int64_t interval, int bit_shift)
{
	uint64_t n;
	int rc = _stp_stat_spec_plain(spec, bit_shift);

	if (rc)
		return rc;
	if (interval <= 0 || stop <= start)
		return -EINVAL;
	n = _stp_div_u64((uint64_t)stop - (uint64_t)start, (uint64_t)interval) + 1;
	if (n > STP_MAX_HIST_BUCKETS - 2)
		return -EINVAL;
	spec->hist = STP_HIST_LINEAR;
	spec->start = start;
	spec->stop = stop;
	spec->interval = interval;
	spec->buckets = (int)n + 2;
	return 0;
}

size_t _stp_stat_size(const struct _stp_stat_spec *spec)
{
	return sizeof(struct _stp_stat) + sizeof(int64_t) * spec->buckets;
}

void _stp_stat_clear(struct _stp_stat *st, const struct _stp_stat_spec *spec)
{
	memset(st, 0, _stp_stat_size(spec));
}

int _stp_stat_bucket(const struct _stp_stat_spec *spec, int64_t v)
{
	uint64_t idx;

	switch (spec->hist) {
	case STP_HIST_LOG:
		if (v == 0)
			return STP_HIST_LOG_ZERO;
		if (v > 0)
			return STP_HIST_LOG_ZERO + _stp_fls64((uint64_t)v);
		return STP_HIST_LOG_ZERO - _stp_fls64(0 - (uint64_t)v);
	case STP_HIST_LINEAR:
		if (v < spec->start)
			return 0;
		idx = _stp_div_u64((uint64_t)v - (uint64_t)spec->start,
				   (uint64_t)spec->interval);
		if (idx >= (uint64_t)spec->buckets - 2)
			return spec->buckets - 1;
		return (int)idx + 1;
	default:
		return -1;
	}
}

void _stp_stat_add(struct _stp_stat *st, const struct _stp_stat_spec *spec,
		   int64_t v)
{
	int64_t x = _stp_wrap_shl(v, spec->bit_shift), d;
	int b;

	if (st->count == 0) {
		st->min = v;
		st->max = v;
	} else {
		if (v < st->min)
			st->min = v;
		if (v > st->max)
			st->max = v;
	}
	st->count++;
	st->sum = (int64_t)((uint64_t)st->sum + (uint64_t)v);

	d = x - st->avg_s;
	st->avg_s += _stp_div_s64(d, st->count);
	st->m2_s = (int64_t)((uint64_t)st->m2_s +
			     (uint64_t)_stp_wrap_mul(d, x - st->avg_s));

	b = _stp_stat_bucket(spec, v);
	if (b >= 0)
		st->histogram[b]++;
}

/* (sum << s) / count: the exact mean of the samples, scaled. */
static int64_t _stp_stat_mean_s(const struct _stp_stat *st,
				const struct _stp_stat_spec *spec)
{
	return _stp_div_s64(_stp_wrap_shl(st->sum, spec->bit_shift), st->count);
}

/* The spread of a partial around mean_s: m2_s + n * (avg_s - mean_s)^2. */
static int64_t _stp_stat_spread(const struct _stp_stat *st, int64_t mean_s)
{
	int64_t d = st->avg_s - mean_s;

	return (int64_t)((uint64_t)st->m2_s +
			 (uint64_t)_stp_wrap_mul(st->count, _stp_wrap_mul(d, d)));
}

void _stp_stat_merge(struct _stp_stat *dst, const struct _stp_stat *src,
		     const struct _stp_stat_spec *spec)
{
	int i;

	if (src->count == 0)
		return;
	if (dst->count == 0) {
		dst->min = src->min;
		dst->max = src->max;
	} else {
		if (src->min < dst->min)
			dst->min = src->min;
		if (src->max > dst->max)
			dst->max = src->max;
	}
	for (i = 0; i < spec->buckets; i++)
		dst->histogram[i] += src->histogram[i];

	/*
	 * Bring both sides to their exact means, then combine around the new
	 * exact mean (the parallel form of Welford).  With one partial this is
	 * the same as reading it alone.
	 */
	if (dst->count) {
		int64_t dm = _stp_stat_mean_s(dst, spec);
		int64_t sm = _stp_stat_mean_s(src, spec);
		int64_t m2 = (int64_t)((uint64_t)_stp_stat_spread(dst, dm) +
				       (uint64_t)_stp_stat_spread(src, sm));
		int64_t n = dst->count + src->count;
		int64_t d = sm - dm;

		/* d^2 * n_dst * n_src / n, ordered to keep precision. */
		m2 = (int64_t)((uint64_t)m2 + (uint64_t)_stp_div_s64(
			_stp_wrap_mul(_stp_wrap_mul(d, d),
				      _stp_wrap_mul(dst->count, src->count)), n));
		dst->count = n;
		dst->sum = (int64_t)((uint64_t)dst->sum + (uint64_t)src->sum);
		dst->m2_s = m2;
	} else {
		dst->count = src->count;
		dst->sum = src->sum;
		dst->m2_s = _stp_stat_spread(src, _stp_stat_mean_s(src, spec));
	}
	dst->avg_s = _stp_stat_mean_s(dst, spec);
}

static int64_t _stp_stat_variance(const struct _stp_stat *st,
				  const struct _stp_stat_spec *spec)
{
	int64_t m2, var;
	int shift = 2 * spec->bit_shift;

	if (st->count < 2)
		return 0;
	m2 = _stp_stat_spread(st, _stp_stat_mean_s(st, spec));
	var = _stp_div_s64(m2, st->count - 1);
	if (shift > 63)
		shift = 63;
	/* An arithmetic shift: gcc defines >> of a negative value so. */
	return var >> shift;
}

int _stp_stat_get(const struct _stp_stat *st, const struct _stp_stat_spec *spec,
		  enum _stp_stat_op op, int64_t *out)
{
	*out = 0;
	if (op == STP_STAT_COUNT) {
		*out = st->count;
		return 0;
	}
	if (st->count == 0)
		return -ENOENT;
	switch (op) {
	case STP_STAT_SUM:
		*out = st->sum;
		break;
	case STP_STAT_MIN:
		*out = st->min;
		break;
	case STP_STAT_MAX:
		*out = st->max;
		break;
	case STP_STAT_AVG:
		*out = _stp_div_s64(st->sum, st->count);
		break;
	case STP_STAT_VARIANCE:
		*out = _stp_stat_variance(st, spec);
		break;
	default:
		return -EINVAL;
	}
	return 0;
}

int _stp_stat_hist_get(const struct _stp_stat *st,
		       const struct _stp_stat_spec *spec, int64_t i,
		       int64_t *out)
{
	*out = 0;
	if (i < 0 || i >= spec->buckets)
		return -ERANGE;
	*out = st->histogram[i];
	return 0;
}

/* ---- per-cpu scalars ------------------------------------------------------- */

struct _stp_pstat *_stp_pstat_new(const struct _stp_stat_spec *spec)
{
	struct _stp_pstat *ps = _stp_alloc(sizeof(*ps));

	if (!ps)
		return NULL;
	ps->spec = *spec;
	ps->percpu = _stp_percpu_alloc(_stp_stat_size(spec));
	ps->agg = _stp_alloc(_stp_stat_size(spec));
	if (!ps->percpu || !ps->agg) {
		_stp_pstat_free(ps);
		return NULL;
	}
	_stp_pstat_clear(ps);
	return ps;
}

void _stp_pstat_free(struct _stp_pstat *ps)
{
	if (!ps)
		return;
	if (ps->percpu)
		_stp_percpu_free(ps->percpu);
	_stp_free(ps->agg);
	_stp_free(ps);
}

void _stp_pstat_add(struct _stp_pstat *ps, int64_t v)
{
	_stp_stat_add(_stp_percpu_ptr(ps->percpu, _stp_cpu()), &ps->spec, v);
}

const struct _stp_stat *_stp_pstat_aggregate(struct _stp_pstat *ps)
{
	int cpu;

	_stp_stat_clear(ps->agg, &ps->spec);
	_stp_for_each_cpu(cpu)
		_stp_stat_merge(ps->agg, _stp_percpu_ptr(ps->percpu, cpu),
				&ps->spec);
	return ps->agg;
}

void _stp_pstat_clear(struct _stp_pstat *ps)
{
	int cpu;

	_stp_for_each_cpu(cpu)
		_stp_stat_clear(_stp_percpu_ptr(ps->percpu, cpu), &ps->spec);
	_stp_stat_clear(ps->agg, &ps->spec);
}
