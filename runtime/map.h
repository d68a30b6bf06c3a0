/*
 * map.h - associative arrays of the script language.
 *
 * A map has 1..STP_MAX_KEYS key columns, each a long or a string, and a
 * value that is a long, a string or a statistic.  All storage is allocated
 * by _stp_map_new() at module init: a fixed number of entries (the array's
 * declared size, else MAXMAPENTRIES), a hash index and the buffers used for
 * sorting, so that nothing allocates in probe context.  String keys and
 * values are truncated to MAXSTRINGLEN - 1 characters.
 *
 * When every entry is in use, inserting a new key fails with -E2BIG
 * ("array full"), unless the map wraps (global a%[N]): then the oldest
 * entry (first inserted among those present) is replaced.
 *
 * Keys are passed as an array of union _stp_key, one per column, in the
 * column types given at creation.
 *
 * Iteration (foreach) visits entries unsorted, in insertion order, or sorted
 * by one key column or by the value (for statistics, by an extractor; the
 * default is @count), ascending or descending, optionally only the first
 * `limit` of them, optionally only the entries matching a slice
 * (a[k1, *, k3]).  The sort is stable: equal entries keep insertion order.
 * The map must not be modified while iterated (the translator forbids it).
 *
 * Locking is the caller's: generated code guards each global with its lock.
 */
#ifndef _STP_RUNTIME_MAP_H_
#define _STP_RUNTIME_MAP_H_

#include "platform.h"
#include "stat.h"

enum _stp_type {
	STP_TYPE_LONG = 1,
	STP_TYPE_STRING = 2,
	STP_TYPE_STAT = 3,
};

/* One key column's value. */
union _stp_key {
	int64_t n;
	const char *s;
};

struct _stp_map_entry;		/* opaque: use the accessors below */

struct _stp_map {
	unsigned nkeys;
	enum _stp_type key_type[STP_MAX_KEYS];
	size_t key_off[STP_MAX_KEYS];	/* offsets inside an entry */
	enum _stp_type value_type;
	size_t value_off;
	size_t entry_size;
	struct _stp_stat_spec stat;	/* for STP_TYPE_STAT values */

	uint32_t max_entries;
	uint32_t count;
	bool wrap;

	uint32_t hash_mask;		/* hash table size - 1 */
	int32_t *hash;			/* first entry of each chain, -1 */
	char *entries;			/* max_entries * entry_size */
	int32_t free_list;
	int32_t oldest, newest;		/* insertion-order list */
	int32_t *order;			/* sorted iteration */
	int32_t *scratch;		/* merge sort */
};

/*
 * Create a map.  key_types[0..nkeys) are STP_TYPE_LONG or STP_TYPE_STRING;
 * value_type is any type (stat_spec gives the shape of STP_TYPE_STAT values
 * and is ignored otherwise).  max_entries 0 means MAXMAPENTRIES.  Returns
 * NULL for bad arguments or when out of memory.
 */
struct _stp_map *_stp_map_new(unsigned nkeys, const enum _stp_type *key_types,
			      enum _stp_type value_type,
			      const struct _stp_stat_spec *stat_spec,
			      uint32_t max_entries, bool wrap);
void _stp_map_free(struct _stp_map *m);

/* delete a (every entry). */
void _stp_map_clear(struct _stp_map *m);
static inline uint32_t _stp_map_size(const struct _stp_map *m)
{
	return m->count;
}

/* The entry with these keys, or NULL. */
struct _stp_map_entry *_stp_map_find(struct _stp_map *m,
				     const union _stp_key *keys);
/*
 * The entry with these keys, created (value 0, "" or an empty stat) when
 * missing.  NULL with *err = -E2BIG when the map is full and does not wrap.
 */
struct _stp_map_entry *_stp_map_find_or_add(struct _stp_map *m,
					    const union _stp_key *keys,
					    int *err);
/* Remove one entry (it must belong to m). */
void _stp_map_remove(struct _stp_map *m, struct _stp_map_entry *e);

/* Entry accessors. */
int64_t _stp_map_key_long(const struct _stp_map *m,
			  const struct _stp_map_entry *e, unsigned col);
const char *_stp_map_key_str(const struct _stp_map *m,
			     const struct _stp_map_entry *e, unsigned col);
/* All of an entry's keys (strings point into the entry). */
void _stp_map_keys(const struct _stp_map *m, const struct _stp_map_entry *e,
		   union _stp_key *keys);
int64_t *_stp_map_val_long(const struct _stp_map *m, struct _stp_map_entry *e);
/* A MAXSTRINGLEN buffer. */
char *_stp_map_val_str(const struct _stp_map *m, struct _stp_map_entry *e);
struct _stp_stat *_stp_map_val_stat(const struct _stp_map *m,
				    struct _stp_map_entry *e);

/* ---- the script operations ------------------------------------------------ */

/* a[k] (0 / "" when absent; strings are copied into dst, MAXSTRINGLEN). */
int64_t _stp_map_get_long(struct _stp_map *m, const union _stp_key *keys);
void _stp_map_get_str(struct _stp_map *m, const union _stp_key *keys,
		      char *dst);
/* a[k] = v.  0 or -E2BIG. */
int _stp_map_set_long(struct _stp_map *m, const union _stp_key *keys,
		      int64_t v);
int _stp_map_set_str(struct _stp_map *m, const union _stp_key *keys,
		     const char *v);
/* a[k] += delta, *result (may be NULL) = the new value.  0 or -E2BIG. */
int _stp_map_add_long(struct _stp_map *m, const union _stp_key *keys,
		      int64_t delta, int64_t *result);
/* a[k] <<< v.  0 or -E2BIG. */
int _stp_map_add_stat(struct _stp_map *m, const union _stp_key *keys,
		      int64_t v);
/* [k] in a. */
bool _stp_map_exists(struct _stp_map *m, const union _stp_key *keys);
/* delete a[k] (nothing when absent). */
void _stp_map_delete(struct _stp_map *m, const union _stp_key *keys);

/*
 * Slices: bit c of wild set means column c is '*'.  An entry matches when
 * every other column equals keys[c].
 */
bool _stp_map_entry_matches(const struct _stp_map *m,
			    const struct _stp_map_entry *e,
			    const union _stp_key *keys, uint32_t wild);
/* [k, *] in a. */
bool _stp_map_exists_slice(struct _stp_map *m, const union _stp_key *keys,
			   uint32_t wild);
/* delete a[k, *]; returns how many were deleted. */
uint32_t _stp_map_delete_slice(struct _stp_map *m, const union _stp_key *keys,
			       uint32_t wild);

/* ---- iteration ------------------------------------------------------------- */

/* Sort column: 0 is the value, 1..nkeys the key columns. */
#define STP_SORT_VALUE 0

struct _stp_map_iter {
	struct _stp_map *m;
	int32_t *order;		/* sorted indices, NULL: insertion order */
	uint32_t n, pos;	/* order[0..n) */
	int32_t next;		/* unsorted: next entry index, -1 at end */
	int64_t remaining;	/* limit; < 0: none */
	const union _stp_key *slice;
	uint32_t wild;
};

/*
 * Start an iteration.  sort_dir: 0 unsorted, 1 ascending ('+'), -1
 * descending ('-').  sort_col: STP_SORT_VALUE or a key column 1..nkeys.
 * stat_op: the extractor sorted on for statistics values.  limit: stop after
 * that many entries (< 0: no limit).  slice/wild: visit only matching
 * entries (slice NULL: all; it must outlive the iteration).  order: NULL
 * to keep the sorted order in the map's own buffer, or, for a sorted
 * foreach nested inside another sorted foreach of the same map, a buffer of
 * _stp_map_order_len(m) int32_t allocated at init.
 */
void _stp_map_iter_start(struct _stp_map_iter *it, struct _stp_map *m,
			 int sort_dir, unsigned sort_col,
			 enum _stp_stat_op stat_op, int64_t limit,
			 const union _stp_key *slice, uint32_t wild,
			 int32_t *order);
/* The next entry, or NULL at the end. */
struct _stp_map_entry *_stp_map_iter_next(struct _stp_map_iter *it);

static inline size_t _stp_map_order_len(const struct _stp_map *m)
{
	return m->max_entries;
}

/* ---- per-cpu maps of statistics (a[k] <<< v) -------------------------------- */

/*
 * One map per cpu plus an aggregate map of the same shape.  <<< updates the
 * current cpu's map; reading first aggregates every cpu into ->agg, which
 * is then read and iterated like any map.
 */
struct _stp_pmap {
	struct _stp_map **cpu;		/* indexed by cpu id */
	struct _stp_map *agg;
	struct _stp_stat *one;		/* _stp_pmap_get_stat's result */
};

struct _stp_pmap *_stp_pmap_new(unsigned nkeys, const enum _stp_type *key_types,
				const struct _stp_stat_spec *stat_spec,
				uint32_t max_entries, bool wrap);
void _stp_pmap_free(struct _stp_pmap *pm);
/* a[k] <<< v on this cpu.  0 or -E2BIG. */
int _stp_pmap_add_stat(struct _stp_pmap *pm, const union _stp_key *keys,
		       int64_t v);
/*
 * Combine the cpus into pm->agg and return it.  -E2BIG in *err when more
 * distinct keys exist than the aggregate holds (stap's "aggregation
 * overflow"; a wrapping array keeps the newest instead).
 */
struct _stp_map *_stp_pmap_aggregate(struct _stp_pmap *pm, int *err);
/* The aggregated stat of one key (NULL when absent), after aggregating
 * only that key. */
struct _stp_stat *_stp_pmap_get_stat(struct _stp_pmap *pm,
				     const union _stp_key *keys);
void _stp_pmap_delete(struct _stp_pmap *pm, const union _stp_key *keys);
bool _stp_pmap_exists(struct _stp_pmap *pm, const union _stp_key *keys);
void _stp_pmap_clear(struct _stp_pmap *pm);

#endif /* _STP_RUNTIME_MAP_H_ */
