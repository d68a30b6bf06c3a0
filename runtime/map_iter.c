/*
 * map_iter.c - foreach over associative arrays: unsorted, sorted, sliced,
 * limited.
 */
#include "map_impl.h"

struct _stp_sort_key {
	const struct _stp_map *m;
	unsigned col;		/* STP_SORT_VALUE or 1..nkeys */
	int dir;		/* 1 ascending, -1 descending */
	enum _stp_stat_op op;
};

static int _stp_cmp_long(int64_t a, int64_t b)
{
	return a < b ? -1 : a > b;
}

static int _stp_map_compare(const struct _stp_sort_key *k, int32_t ia,
			    int32_t ib)
{
	const struct _stp_map *m = k->m;
	struct _stp_map_entry *a = _stp_map_at(m, ia), *b = _stp_map_at(m, ib);
	int64_t va, vb;
	int r;

	if (k->col != STP_SORT_VALUE) {
		unsigned c = k->col - 1;

		if (m->key_type[c] == STP_TYPE_STRING)
			r = strcmp(_stp_map_key_str(m, a, c),
				   _stp_map_key_str(m, b, c));
		else
			r = _stp_cmp_long(_stp_map_key_long(m, a, c),
					  _stp_map_key_long(m, b, c));
	} else if (m->value_type == STP_TYPE_STRING) {
		r = strcmp(_stp_map_val_str(m, a), _stp_map_val_str(m, b));
	} else if (m->value_type == STP_TYPE_STAT) {
		/* An empty stat sorts as 0 whatever the extractor. */
		_stp_stat_get(_stp_map_val_stat(m, a), &m->stat, k->op, &va);
		_stp_stat_get(_stp_map_val_stat(m, b), &m->stat, k->op, &vb);
		r = _stp_cmp_long(va, vb);
	} else {
		r = _stp_cmp_long(*_stp_map_val_long(m, a),
				  *_stp_map_val_long(m, b));
	}
	return k->dir < 0 ? -r : r;
}

/* Stable bottom-up merge sort of order[0..n) with scratch[0..n). */
static void _stp_map_sort(const struct _stp_sort_key *k, int32_t *order,
			  int32_t *scratch, uint32_t n)
{
	int32_t *src = order, *dst = scratch, *tmp;
	uint32_t width, lo, mid, hi, i, j, o;

	for (width = 1; width < n; width *= 2) {
		for (lo = 0; lo < n; lo += 2 * width) {
			mid = lo + width < n ? lo + width : n;
			hi = lo + 2 * width < n ? lo + 2 * width : n;
			i = lo;
			j = mid;
			o = lo;
			while (i < mid && j < hi) {
				/* Take from the left on ties: stable. */
				if (_stp_map_compare(k, src[j], src[i]) < 0)
					dst[o++] = src[j++];
				else
					dst[o++] = src[i++];
			}
			while (i < mid)
				dst[o++] = src[i++];
			while (j < hi)
				dst[o++] = src[j++];
		}
		tmp = src;
		src = dst;
		dst = tmp;
	}
	if (src != order)
		memcpy(order, src, sizeof(int32_t) * n);
}

static bool _stp_map_iter_wants(const struct _stp_map_iter *it,
				const struct _stp_map_entry *e)
{
	return !it->slice || _stp_map_entry_matches(it->m, e, it->slice, it->wild);
}

void _stp_map_iter_start(struct _stp_map_iter *it, struct _stp_map *m,
			 int sort_dir, unsigned sort_col,
			 enum _stp_stat_op stat_op, int64_t limit,
			 const union _stp_key *slice, uint32_t wild,
			 int32_t *order)
{
	struct _stp_sort_key key = {
		.m = m, .col = sort_col, .dir = sort_dir, .op = stat_op,
	};
	int32_t i;

	it->m = m;
	it->order = NULL;
	it->n = 0;
	it->pos = 0;
	it->next = m->oldest;
	it->remaining = limit;
	it->slice = slice;
	it->wild = wild;
	if (sort_dir == 0 || sort_col > m->nkeys)
		return;

	it->order = order ? order : m->order;
	for (i = m->oldest; i >= 0; i = _stp_map_at(m, i)->next)
		if (_stp_map_iter_wants(it, _stp_map_at(m, i)))
			it->order[it->n++] = i;
	_stp_map_sort(&key, it->order, m->scratch, it->n);
}

struct _stp_map_entry *_stp_map_iter_next(struct _stp_map_iter *it)
{
	struct _stp_map_entry *e = NULL;

	if (it->remaining == 0)
		return NULL;
	if (it->order) {
		if (it->pos < it->n)
			e = _stp_map_at(it->m, it->order[it->pos++]);
	} else {
		while (it->next >= 0) {
			struct _stp_map_entry *c = _stp_map_at(it->m, it->next);

			it->next = c->next;
			if (_stp_map_iter_wants(it, c)) {
				e = c;
				break;
			}
		}
	}
	if (e && it->remaining > 0)
		it->remaining--;
	return e;
}
