/*
 * stat.h - statistics aggregates (x <<< v) and their extractors.
 *
 * A struct _stp_stat accumulates samples: count, sum, min, max, the Welford
 * running mean and sum of squared differences (for @variance), and the
 * buckets of at most one histogram.  Its shape (histogram kind and size,
 * variance bit-shift) is a struct _stp_stat_spec shared by all the stats of
 * one script global.  A struct _stp_stat is stat_size(spec) bytes long.
 *
 * Scalars are kept per cpu (struct _stp_pstat): <<< touches only the
 * current cpu's copy; reading combines the copies into an aggregate.
 *
 * Histograms.  Linear, from start to stop by interval: bucket 0 counts the
 * samples below start, buckets 1..N cover [start + (i-1)*interval,
 * start + i*interval) with N = (stop - start) / interval + 1, bucket N+1
 * counts the samples past bucket N.  Log (base 2): STP_HIST_LOG_BUCKETS
 * buckets; STP_HIST_LOG_ZERO counts 0, bucket ZERO+k (k >= 1) counts
 * [2^(k-1), 2^k), bucket ZERO-k counts [-(2^k - 1), -2^(k-1)] (so -1, -2..-3,
 * -4..-7, ...; bucket 0 holds INT64_MIN).  These indices are what
 * @hist_*(x)[i] and foreach over a histogram see.
 */
#ifndef _STP_RUNTIME_STAT_H_
#define _STP_RUNTIME_STAT_H_

#include "platform.h"
#include "outbuf.h"

enum _stp_hist_type {
	STP_HIST_NONE = 0,
	STP_HIST_LINEAR,
	STP_HIST_LOG,
};

#define STP_HIST_LOG_BUCKETS 128
#define STP_HIST_LOG_ZERO 64

/* The extractors, also the sort keys of foreach over statistics. */
enum _stp_stat_op {
	STP_STAT_COUNT = 0,
	STP_STAT_SUM,
	STP_STAT_MIN,
	STP_STAT_MAX,
	STP_STAT_AVG,
	STP_STAT_VARIANCE,
};

struct _stp_stat_spec {
	enum _stp_hist_type hist;
	int64_t start, stop, interval;	/* linear only */
	int buckets;			/* histogram buckets, 0 without */
	int bit_shift;			/* @variance(x, shift): 0..62 */
};

struct _stp_stat {
	int64_t count;
	int64_t sum;
	int64_t min;
	int64_t max;
	int64_t avg_s;		/* running mean << bit_shift */
	int64_t m2_s;		/* sum of squared differences << 2*bit_shift */
	int64_t histogram[];	/* spec->buckets */
};

/*
 * Shapes.  _stp_stat_spec_linear returns -EINVAL unless interval > 0,
 * stop > start and the buckets fit STP_MAX_HIST_BUCKETS; the bit-shift must
 * be 0..62 (else -EINVAL).
 */
int _stp_stat_spec_plain(struct _stp_stat_spec *spec, int bit_shift);
int _stp_stat_spec_log(struct _stp_stat_spec *spec, int bit_shift);
int _stp_stat_spec_linear(struct _stp_stat_spec *spec, int64_t start,
			  int64_t stop, int64_t interval, int bit_shift);

size_t _stp_stat_size(const struct _stp_stat_spec *spec);

/* An empty stat. */
void _stp_stat_clear(struct _stp_stat *st, const struct _stp_stat_spec *spec);
/* st <<< v. */
void _stp_stat_add(struct _stp_stat *st, const struct _stp_stat_spec *spec,
		   int64_t v);
/* dst += src (dst aggregates another partial stat, e.g. another cpu's). */
void _stp_stat_merge(struct _stp_stat *dst, const struct _stp_stat *src,
		     const struct _stp_stat_spec *spec);

/*
 * An extractor.  @count of an empty stat is 0; any other extractor of an
 * empty stat returns -ENOENT (the caller reports stap's "aggregate element
 * not found" / empty aggregate error) and sets *out to 0.  @avg divides
 * with truncation towards zero.  @variance is the sample variance computed
 * with integer Welford steps and a parallel combination, scaled by
 * bit_shift (see stat.c); 0 for fewer than two samples.
 */
int _stp_stat_get(const struct _stp_stat *st, const struct _stp_stat_spec *spec,
		  enum _stp_stat_op op, int64_t *out);

/* The bucket a value falls in. */
int _stp_stat_bucket(const struct _stp_stat_spec *spec, int64_t v);
/* @hist_*(x)[i]: 0, or -ERANGE when i is not a bucket. */
int _stp_stat_hist_get(const struct _stp_stat *st,
		       const struct _stp_stat_spec *spec, int64_t i,
		       int64_t *out);

/*
 * print(@hist_linear(...)) / print(@hist_log(...)): the ASCII bar chart.
 *
 *	value |-------------------------------------------------- count
 *	    8 |                                                    0
 *	   16 |@@                                                  2
 *	   32 |@                                                   1
 *
 * The value column is right-aligned and as wide as its widest label (at
 * least "value").  A bar has one '@' per sample while the largest count is
 * at most the bar width, else it is scaled to it.  Counts are right-aligned
 * to the widest count; for counts of five digits and more the bar area
 * shrinks by the extra digits (HIST_WIDTH - (digits - 4)).  Around the data,
 * HIST_ELISION empty buckets are kept on each side and inner runs of more
 * than 2 * HIST_ELISION empty buckets print HIST_ELISION rows, a "~" line
 * and HIST_ELISION rows (HIST_ELISION < 0: no elision).  The out-of-range
 * buckets of a linear histogram print as "<start" / ">stop" rows only when
 * they are not empty; a log histogram without negative samples starts at the
 * 0 bucket at the lowest.  An empty histogram prints only the header.
 */
void _stp_stat_print_hist(struct _stp_buf *out, const struct _stp_stat *st,
			  const struct _stp_stat_spec *spec);

/* ---- per-cpu scalars ------------------------------------------------------- */

struct _stp_pstat {
	struct _stp_stat_spec spec;
	_stp_percpu_t percpu;		/* one struct _stp_stat per cpu */
	struct _stp_stat *agg;		/* the last aggregate */
};

/* Allocate (module init); NULL when out of memory. */
struct _stp_pstat *_stp_pstat_new(const struct _stp_stat_spec *spec);
void _stp_pstat_free(struct _stp_pstat *ps);
/* x <<< v on the current cpu (the caller holds x's lock shared, with
 * preemption disabled). */
void _stp_pstat_add(struct _stp_pstat *ps, int64_t v);
/* Combine all cpus into ps->agg and return it (the caller holds x's lock
 * exclusively). */
const struct _stp_stat *_stp_pstat_aggregate(struct _stp_pstat *ps);
/* delete x. */
void _stp_pstat_clear(struct _stp_pstat *ps);

#endif /* _STP_RUNTIME_STAT_H_ */
