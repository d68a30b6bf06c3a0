/*
 * test_map.c - associative arrays and foreach (runtime/map.c, map_iter.c,
 * pmap.c).
 */
#include "test.h"

static const enum _stp_type K_LONG[] = { STP_TYPE_LONG };
static const enum _stp_type K_STR[] = { STP_TYPE_STRING };
static const enum _stp_type K_LS[] = { STP_TYPE_LONG, STP_TYPE_STRING };

static union _stp_key kl(int64_t n)
{
	union _stp_key k;

	k.n = n;
	return k;
}

static union _stp_key ks(const char *s)
{
	union _stp_key k;

	k.s = s;
	return k;
}

/* The keys (first column) an iteration visits, as "k1 k2 ...". */
static const char *visit(struct _stp_map *m, int dir, unsigned col,
			 enum _stp_stat_op op, int64_t limit,
			 const union _stp_key *slice, uint32_t wild)
{
	static char text[1024];
	struct _stp_buf out;
	struct _stp_map_iter it;
	struct _stp_map_entry *e;

	_stp_buf_init(&out, text, sizeof(text));
	_stp_map_iter_start(&it, m, dir, col, op, limit, slice, wild, NULL);
	while ((e = _stp_map_iter_next(&it)) != NULL) {
		if (out.len)
			_stp_buf_putc(&out, ' ');
		if (m->key_type[0] == STP_TYPE_STRING)
			_stp_buf_puts(&out, _stp_map_key_str(m, e, 0));
		else
			_stp_buf_put_long(&out, _stp_map_key_long(m, e, 0));
		if (m->nkeys > 1) {
			_stp_buf_putc(&out, ',');
			if (m->key_type[1] == STP_TYPE_STRING)
				_stp_buf_puts(&out, _stp_map_key_str(m, e, 1));
			else
				_stp_buf_put_long(&out, _stp_map_key_long(m, e, 1));
		}
	}
	return text;
}

#define UNSORTED(m) visit((m), 0, 0, STP_STAT_COUNT, -1, NULL, 0)

TEST(map_insert_lookup_delete)
{
	struct _stp_map *m = _stp_map_new(1, K_LONG, STP_TYPE_LONG, NULL, 4,
					  false);
	union _stp_key k;
	int i;

	CHECK(m != NULL);
	CHECK_EQ(_stp_map_size(m), 0);
	for (i = 1; i <= 4; i++) {
		k = kl(i * 10);
		CHECK_EQ(_stp_map_set_long(m, &k, i), 0);
	}
	CHECK_EQ(_stp_map_size(m), 4);
	k = kl(30);
	CHECK_EQ(_stp_map_get_long(m, &k), 3);
	CHECK(_stp_map_exists(m, &k));
	k = kl(31);
	CHECK_EQ(_stp_map_get_long(m, &k), 0);
	CHECK(!_stp_map_exists(m, &k));

	/* Full: a fifth key is refused, existing keys still update. */
	k = kl(50);
	CHECK_EQ(_stp_map_set_long(m, &k, 5), -E2BIG);
	CHECK(!_stp_map_exists(m, &k));
	k = kl(10);
	CHECK_EQ(_stp_map_set_long(m, &k, 100), 0);
	CHECK_EQ(_stp_map_get_long(m, &k), 100);
	CHECK_EQ(_stp_map_add_long(m, &k, 5, NULL), 0);
	CHECK_EQ(_stp_map_get_long(m, &k), 105);

	/* Deleting frees a slot; a re-added key goes to the end. */
	k = kl(20);
	_stp_map_delete(m, &k);
	CHECK(!_stp_map_exists(m, &k));
	CHECK_EQ(_stp_map_size(m), 3);
	_stp_map_delete(m, &k);
	CHECK_EQ(_stp_map_size(m), 3);
	k = kl(50);
	CHECK_EQ(_stp_map_set_long(m, &k, 5), 0);
	k = kl(20);
	CHECK_EQ(_stp_map_set_long(m, &k, 2), 0 - E2BIG);
	CHECK_STR(UNSORTED(m), "10 30 40 50");

	/* A value of 0 is still an element. */
	k = kl(30);
	_stp_map_set_long(m, &k, 0);
	CHECK(_stp_map_exists(m, &k));

	_stp_map_clear(m);
	CHECK_EQ(_stp_map_size(m), 0);
	CHECK_STR(UNSORTED(m), "");
	k = kl(20);
	CHECK_EQ(_stp_map_set_long(m, &k, 2), 0);
	CHECK_STR(UNSORTED(m), "20");
	_stp_map_free(m);
}

TEST(map_add_returns_new_value)
{
	struct _stp_map *m = _stp_map_new(1, K_STR, STP_TYPE_LONG, NULL, 0,
					  false);
	union _stp_key k = ks("count");
	int64_t r = 0;

	CHECK_EQ(m->max_entries, MAXMAPENTRIES);
	CHECK_EQ(_stp_map_add_long(m, &k, 1, &r), 0);
	CHECK_EQ(r, 1);
	CHECK_EQ(_stp_map_add_long(m, &k, 1, &r), 0);
	CHECK_EQ(r, 2);
	CHECK_EQ(_stp_map_add_long(m, &k, -5, &r), 0);
	CHECK_EQ(r, -3);
	_stp_map_free(m);
}

TEST(map_string_keys_and_values)
{
	struct _stp_map *m = _stp_map_new(1, K_STR, STP_TYPE_STRING, NULL, 8,
					  false);
	char a[700], b[700], v[MAXSTRINGLEN];
	union _stp_key k;

	k = ks("alice");
	CHECK_EQ(_stp_map_set_str(m, &k, "1234"), 0);
	k = ks("bob");
	CHECK_EQ(_stp_map_set_str(m, &k, "4567"), 0);
	_stp_map_get_str(m, &k, v);
	CHECK_STR(v, "4567");
	k = ks("carol");
	_stp_map_get_str(m, &k, v);
	CHECK_STR(v, "");
	k = ks("");
	CHECK_EQ(_stp_map_set_str(m, &k, "empty key"), 0);
	_stp_map_get_str(m, &k, v);
	CHECK_STR(v, "empty key");

	/* Keys are cut to MAXSTRINGLEN - 1 characters: two long keys that
	 * differ only past that are one key. */
	memset(a, 'k', sizeof(a) - 1);
	a[sizeof(a) - 1] = '\0';
	memcpy(b, a, sizeof(b));
	b[600] = 'Z';
	k = ks(a);
	CHECK_EQ(_stp_map_set_str(m, &k, a), 0);
	k = ks(b);
	CHECK(_stp_map_exists(m, &k));
	_stp_map_get_str(m, &k, v);
	CHECK_EQ(strlen(v), MAXSTRINGLEN - 1);
	CHECK_EQ(strlen(_stp_map_key_str(m, _stp_map_find(m, &k), 0)),
		 MAXSTRINGLEN - 1);
	b[100] = 'Z';
	CHECK(!_stp_map_exists(m, &k));
	_stp_map_free(m);
}

TEST(map_multiple_keys)
{
	static const enum _stp_type kt[] = { STP_TYPE_STRING, STP_TYPE_LONG,
					     STP_TYPE_STRING };
	struct _stp_map *m = _stp_map_new(3, kt, STP_TYPE_LONG, NULL, 16,
					  false);
	union _stp_key k[3], got[3];
	struct _stp_map_entry *e;

	k[0] = ks("read");
	k[1] = kl(42);
	k[2] = ks("/etc");
	CHECK_EQ(_stp_map_set_long(m, k, 7), 0);
	k[1] = kl(43);
	CHECK(!_stp_map_exists(m, k));
	CHECK_EQ(_stp_map_set_long(m, k, 8), 0);
	k[2] = ks("/tmp");
	CHECK(!_stp_map_exists(m, k));
	k[1] = kl(42);
	k[2] = ks("/etc");
	CHECK_EQ(_stp_map_get_long(m, k), 7);
	e = _stp_map_find(m, k);
	_stp_map_keys(m, e, got);
	CHECK_STR(got[0].s, "read");
	CHECK_EQ(got[1].n, 42);
	CHECK_STR(got[2].s, "/etc");
	_stp_map_free(m);
}

TEST(map_arity_limits)
{
	enum _stp_type kt[STP_MAX_KEYS + 1];
	union _stp_key k[STP_MAX_KEYS];
	struct _stp_map *m;
	int i;

	for (i = 0; i <= STP_MAX_KEYS; i++)
		kt[i] = i % 2 ? STP_TYPE_STRING : STP_TYPE_LONG;
	m = _stp_map_new(STP_MAX_KEYS, kt, STP_TYPE_LONG, NULL, 4, false);
	CHECK(m != NULL);
	for (i = 0; i < STP_MAX_KEYS; i++) {
		if (kt[i] == STP_TYPE_STRING)
			k[i] = ks("s");
		else
			k[i] = kl(i);
	}
	CHECK_EQ(_stp_map_set_long(m, k, 9), 0);
	CHECK_EQ(_stp_map_get_long(m, k), 9);
	k[8] = kl(100);
	CHECK(!_stp_map_exists(m, k));
	_stp_map_free(m);

	CHECK(_stp_map_new(STP_MAX_KEYS + 1, kt, STP_TYPE_LONG, NULL, 4,
			   false) == NULL);
	CHECK(_stp_map_new(0, kt, STP_TYPE_LONG, NULL, 4, false) == NULL);
	CHECK(_stp_map_new(1, kt, STP_TYPE_STAT, NULL, 4, false) == NULL);
	kt[0] = STP_TYPE_STAT;
	CHECK(_stp_map_new(1, kt, STP_TYPE_LONG, NULL, 4, false) == NULL);
}

TEST(map_wrap_replaces_oldest)
{
	struct _stp_map *m = _stp_map_new(1, K_STR, STP_TYPE_LONG, NULL, 3,
					  true);
	union _stp_key k;

	k = ks("a");
	CHECK_EQ(_stp_map_set_long(m, &k, 1), 0);
	k = ks("b");
	CHECK_EQ(_stp_map_set_long(m, &k, 2), 0);
	k = ks("c");
	CHECK_EQ(_stp_map_set_long(m, &k, 3), 0);
	k = ks("d");
	CHECK_EQ(_stp_map_set_long(m, &k, 4), 0);
	CHECK_EQ(_stp_map_size(m), 3);
	CHECK_STR(UNSORTED(m), "b c d");
	k = ks("a");
	CHECK(!_stp_map_exists(m, &k));

	/* Updating does not make an entry younger. */
	k = ks("b");
	_stp_map_set_long(m, &k, 20);
	k = ks("e");
	CHECK_EQ(_stp_map_set_long(m, &k, 5), 0);
	CHECK_STR(UNSORTED(m), "c d e");

	/* Wrapping many times keeps the newest three. */
	{
		char name[8];
		int i;

		for (i = 0; i < 100; i++) {
			name[0] = 'A' + i % 26;
			name[1] = 'a' + i / 26;
			name[2] = '\0';
			k = ks(name);
			CHECK_EQ(_stp_map_set_long(m, &k, i), 0);
		}
	}
	CHECK_STR(UNSORTED(m), "Td Ud Vd");
	_stp_map_free(m);
}

static struct _stp_map *sample_map(void)
{
	/* keys (long, string) -> long, inserted in this order */
	struct _stp_map *m = _stp_map_new(2, K_LS, STP_TYPE_LONG, NULL, 16,
					  false);
	static const struct {
		int64_t n;
		const char *s;
		int64_t v;
	} rows[] = {
		{ 3, "c", 30 }, { 1, "z", 10 }, { 2, "a", 30 },
		{ 1, "b", 5 }, { 5, "m", 20 },
	};
	union _stp_key k[2];
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		k[0] = kl(rows[i].n);
		k[1] = ks(rows[i].s);
		_stp_map_set_long(m, k, rows[i].v);
	}
	return m;
}

TEST(map_foreach_orders)
{
	struct _stp_map *m = sample_map();

	/* foreach ([n, s] in a) */
	CHECK_STR(visit(m, 0, 0, STP_STAT_COUNT, -1, NULL, 0),
		  "3,c 1,z 2,a 1,b 5,m");
	/* foreach ([n+, s] in a): ties keep insertion order */
	CHECK_STR(visit(m, 1, 1, STP_STAT_COUNT, -1, NULL, 0),
		  "1,z 1,b 2,a 3,c 5,m");
	/* foreach ([n-, s] in a) */
	CHECK_STR(visit(m, -1, 1, STP_STAT_COUNT, -1, NULL, 0),
		  "5,m 3,c 2,a 1,z 1,b");
	/* foreach ([n, s+] in a) */
	CHECK_STR(visit(m, 1, 2, STP_STAT_COUNT, -1, NULL, 0),
		  "2,a 1,b 3,c 5,m 1,z");
	/* foreach ([n, s-] in a) */
	CHECK_STR(visit(m, -1, 2, STP_STAT_COUNT, -1, NULL, 0),
		  "1,z 5,m 3,c 1,b 2,a");
	/* foreach ([n, s] in a+) / foreach (v = [n, s] in a) with v+ */
	CHECK_STR(visit(m, 1, STP_SORT_VALUE, STP_STAT_COUNT, -1, NULL, 0),
		  "1,b 1,z 5,m 3,c 2,a");
	/* foreach ([n, s] in a-) */
	CHECK_STR(visit(m, -1, STP_SORT_VALUE, STP_STAT_COUNT, -1, NULL, 0),
		  "3,c 2,a 5,m 1,z 1,b");
	_stp_map_free(m);
}

TEST(map_foreach_limit_and_slices)
{
	struct _stp_map *m = sample_map();
	union _stp_key slice[2];

	/* limit counts visited entries, sorted or not */
	CHECK_STR(visit(m, -1, STP_SORT_VALUE, STP_STAT_COUNT, 2, NULL, 0),
		  "3,c 2,a");
	CHECK_STR(visit(m, 0, 0, STP_STAT_COUNT, 3, NULL, 0), "3,c 1,z 2,a");
	CHECK_STR(visit(m, 1, 1, STP_STAT_COUNT, 0, NULL, 0), "");
	CHECK_STR(visit(m, 1, 1, STP_STAT_COUNT, 100, NULL, 0),
		  "1,z 1,b 2,a 3,c 5,m");

	/* foreach ([n, s] in a[1, *]) */
	slice[0] = kl(1);
	slice[1] = ks(NULL);
	CHECK_STR(visit(m, 0, 0, STP_STAT_COUNT, -1, slice, 2), "1,z 1,b");
	CHECK_STR(visit(m, 1, 2, STP_STAT_COUNT, -1, slice, 2), "1,b 1,z");
	CHECK_STR(visit(m, 1, 2, STP_STAT_COUNT, 1, slice, 2), "1,b");
	/* foreach ([n, s] in a[*, "a"]) */
	slice[1] = ks("a");
	CHECK_STR(visit(m, 0, 0, STP_STAT_COUNT, -1, slice, 1), "2,a");
	/* [*, *] is everything; no match is nothing */
	CHECK_STR(visit(m, 0, 0, STP_STAT_COUNT, -1, slice, 3),
		  "3,c 1,z 2,a 1,b 5,m");
	slice[0] = kl(9);
	CHECK_STR(visit(m, 0, 0, STP_STAT_COUNT, -1, slice, 2), "");

	/* [1, *] in a;  delete a[1, *] */
	slice[0] = kl(1);
	CHECK(_stp_map_exists_slice(m, slice, 2));
	slice[0] = kl(4);
	CHECK(!_stp_map_exists_slice(m, slice, 2));
	slice[0] = kl(1);
	slice[1] = ks("b");
	CHECK(_stp_map_exists_slice(m, slice, 0));
	CHECK_EQ(_stp_map_delete_slice(m, slice, 2), 2);
	CHECK_STR(UNSORTED(m), "3,c 2,a 5,m");
	slice[0] = kl(3);
	slice[1] = ks("c");
	CHECK_EQ(_stp_map_delete_slice(m, slice, 0), 1);
	CHECK_EQ(_stp_map_delete_slice(m, slice, 0), 0);
	CHECK_EQ(_stp_map_delete_slice(m, slice, 3), 2);
	CHECK_EQ(_stp_map_size(m), 0);
	_stp_map_free(m);
}

TEST(map_foreach_string_values_and_keys)
{
	struct _stp_map *m = _stp_map_new(1, K_STR, STP_TYPE_STRING, NULL, 8,
					  false);
	union _stp_key k;

	k = ks("pear");
	_stp_map_set_str(m, &k, "yellow");
	k = ks("apple");
	_stp_map_set_str(m, &k, "red");
	k = ks("Banana");
	_stp_map_set_str(m, &k, "yellow");
	k = ks("kiwi");
	_stp_map_set_str(m, &k, "green");

	/* strcmp order: upper case first */
	CHECK_STR(visit(m, 1, 1, STP_STAT_COUNT, -1, NULL, 0),
		  "Banana apple kiwi pear");
	CHECK_STR(visit(m, -1, 1, STP_STAT_COUNT, -1, NULL, 0),
		  "pear kiwi apple Banana");
	CHECK_STR(visit(m, 1, STP_SORT_VALUE, STP_STAT_COUNT, -1, NULL, 0),
		  "kiwi apple pear Banana");
	CHECK_STR(visit(m, -1, STP_SORT_VALUE, STP_STAT_COUNT, -1, NULL, 0),
		  "pear Banana apple kiwi");
	_stp_map_free(m);
}

TEST(map_foreach_statistics)
{
	struct _stp_stat_spec spec;
	struct _stp_map *m;
	union _stp_key k;

	_stp_stat_spec_plain(&spec, 0);
	m = _stp_map_new(1, K_STR, STP_TYPE_STAT, &spec, 8, false);
	/* a: 3 samples sum 30 min 5 max 15 avg 10
	 * b: 1 sample  sum 100 min 100 max 100 avg 100
	 * c: 2 samples sum -4 min -9 max 5 avg -2 */
	k = ks("a");
	_stp_map_add_stat(m, &k, 10);
	_stp_map_add_stat(m, &k, 5);
	_stp_map_add_stat(m, &k, 15);
	k = ks("b");
	_stp_map_add_stat(m, &k, 100);
	k = ks("c");
	_stp_map_add_stat(m, &k, 5);
	_stp_map_add_stat(m, &k, -9);

	CHECK_STR(visit(m, 1, STP_SORT_VALUE, STP_STAT_COUNT, -1, NULL, 0),
		  "b c a");
	CHECK_STR(visit(m, -1, STP_SORT_VALUE, STP_STAT_COUNT, -1, NULL, 0),
		  "a c b");
	CHECK_STR(visit(m, 1, STP_SORT_VALUE, STP_STAT_SUM, -1, NULL, 0),
		  "c a b");
	CHECK_STR(visit(m, 1, STP_SORT_VALUE, STP_STAT_MIN, -1, NULL, 0),
		  "c a b");
	CHECK_STR(visit(m, -1, STP_SORT_VALUE, STP_STAT_MAX, -1, NULL, 0),
		  "b a c");
	CHECK_STR(visit(m, 1, STP_SORT_VALUE, STP_STAT_AVG, -1, NULL, 0),
		  "c a b");
	/* variances: a 25, b 0 (one sample), c 98 */
	CHECK_STR(visit(m, -1, STP_SORT_VALUE, STP_STAT_VARIANCE, -1, NULL, 0),
		  "c a b");
	CHECK_STR(visit(m, -1, 1, STP_STAT_COUNT, 2, NULL, 0), "c b");
	{
		int64_t v;
		struct _stp_map_entry *e;

		k = ks("c");
		e = _stp_map_find(m, &k);
		CHECK_EQ(_stp_stat_get(_stp_map_val_stat(m, e), &m->stat,
				       STP_STAT_VARIANCE, &v), 0);
		CHECK_EQ(v, 98);
	}
	_stp_map_free(m);
}

TEST(map_nested_sorted_foreach)
{
	/* foreach (x in a+) foreach (y in a-): the inner loop sorts into its
	 * own buffer and leaves the outer order alone. */
	struct _stp_map *m = _stp_map_new(1, K_LONG, STP_TYPE_LONG, NULL, 8,
					  false);
	int32_t inner_order[8];
	struct _stp_map_iter outer, inner;
	struct _stp_map_entry *e, *f;
	char text[256];
	struct _stp_buf out;
	union _stp_key k;
	int i;

	for (i = 3; i >= 1; i--) {
		k = kl(i);
		_stp_map_set_long(m, &k, i);
	}
	CHECK_EQ(_stp_map_order_len(m), 8);
	_stp_buf_init(&out, text, sizeof(text));
	_stp_map_iter_start(&outer, m, 1, 1, STP_STAT_COUNT, -1, NULL, 0, NULL);
	while ((e = _stp_map_iter_next(&outer)) != NULL) {
		_stp_map_iter_start(&inner, m, -1, 1, STP_STAT_COUNT, -1, NULL,
				    0, inner_order);
		while ((f = _stp_map_iter_next(&inner)) != NULL) {
			_stp_buf_put_long(&out, _stp_map_key_long(m, e, 0));
			_stp_buf_put_long(&out, _stp_map_key_long(m, f, 0));
			_stp_buf_putc(&out, ' ');
		}
	}
	CHECK_STR(text, "13 12 11 23 22 21 33 32 31 ");
	_stp_map_free(m);
}

TEST(map_many_entries)
{
	struct _stp_map *m = _stp_map_new(1, K_LONG, STP_TYPE_LONG, NULL, 0,
					  false);
	union _stp_key k;
	int i, bad = 0;
	int64_t prev = -1;
	struct _stp_map_iter it;
	struct _stp_map_entry *e;

	for (i = 0; i < MAXMAPENTRIES; i++) {
		k = kl((int64_t)i * 7919);
		bad += _stp_map_set_long(m, &k, i) != 0;
	}
	CHECK_EQ(bad, 0);
	k = kl(-1);
	CHECK_EQ(_stp_map_set_long(m, &k, 0), -E2BIG);
	for (i = 0; i < MAXMAPENTRIES; i++) {
		k = kl((int64_t)i * 7919);
		bad += _stp_map_get_long(m, &k) != i;
	}
	CHECK_EQ(bad, 0);
	for (i = 0; i < MAXMAPENTRIES; i += 2) {
		k = kl((int64_t)i * 7919);
		_stp_map_delete(m, &k);
	}
	CHECK_EQ(_stp_map_size(m), MAXMAPENTRIES / 2);
	for (i = 0; i < MAXMAPENTRIES; i++) {
		k = kl((int64_t)i * 7919);
		bad += _stp_map_exists(m, &k) != (i % 2 == 1);
	}
	CHECK_EQ(bad, 0);
	/* Sorted descending by value: strictly decreasing. */
	_stp_map_iter_start(&it, m, -1, STP_SORT_VALUE, STP_STAT_COUNT, -1,
			    NULL, 0, NULL);
	i = 0;
	while ((e = _stp_map_iter_next(&it)) != NULL) {
		int64_t v = *_stp_map_val_long(m, e);

		bad += i && v >= prev;
		prev = v;
		i++;
	}
	CHECK_EQ(i, MAXMAPENTRIES / 2);
	CHECK_EQ(bad, 0);
	_stp_map_free(m);
}

TEST(map_per_cpu_statistics)
{
	struct _stp_stat_spec spec;
	struct _stp_pmap *pm;
	struct _stp_map *agg;
	struct _stp_stat *st;
	union _stp_key k;
	int err = 1;

	_stp_stat_spec_log(&spec, 0);
	pm = _stp_pmap_new(1, K_STR, &spec, 4, false);
	CHECK(pm != NULL);
	if (!pm)
		return;
	_stp_user_set_cpu(0);
	k = ks("x");
	CHECK_EQ(_stp_pmap_add_stat(pm, &k, 1), 0);
	k = ks("y");
	CHECK_EQ(_stp_pmap_add_stat(pm, &k, 100), 0);
	_stp_user_set_cpu(3);
	k = ks("x");
	CHECK_EQ(_stp_pmap_add_stat(pm, &k, 3), 0);
	k = ks("z");
	CHECK_EQ(_stp_pmap_add_stat(pm, &k, 7), 0);
	_stp_user_set_cpu(0);

	k = ks("x");
	CHECK(_stp_pmap_exists(pm, &k));
	st = _stp_pmap_get_stat(pm, &k);
	CHECK(st != NULL);
	if (st) {
		CHECK_EQ(st->count, 2);
		CHECK_EQ(st->sum, 4);
	}
	k = ks("nope");
	CHECK(_stp_pmap_get_stat(pm, &k) == NULL);
	CHECK(!_stp_pmap_exists(pm, &k));

	agg = _stp_pmap_aggregate(pm, &err);
	CHECK_EQ(err, 0);
	CHECK_EQ(_stp_map_size(agg), 3);
	CHECK_STR(UNSORTED(agg), "x y z");
	CHECK_STR(visit(agg, -1, STP_SORT_VALUE, STP_STAT_COUNT, -1, NULL, 0),
		  "x y z");
	CHECK_STR(visit(agg, -1, STP_SORT_VALUE, STP_STAT_SUM, -1, NULL, 0),
		  "y z x");

	k = ks("x");
	_stp_pmap_delete(pm, &k);
	CHECK(!_stp_pmap_exists(pm, &k));
	agg = _stp_pmap_aggregate(pm, &err);
	CHECK_STR(UNSORTED(agg), "y z");
	_stp_pmap_clear(pm);
	agg = _stp_pmap_aggregate(pm, &err);
	CHECK_EQ(_stp_map_size(agg), 0);
	_stp_pmap_free(pm);
}

TEST(map_per_cpu_aggregation_overflow)
{
	/* Each cpu holds 2 keys, but together there are 3: the aggregate of
	 * a non-wrapping array overflows ("aggregation overflow"). */
	struct _stp_stat_spec spec;
	struct _stp_pmap *pm;
	union _stp_key k;
	int err = 0;

	_stp_stat_spec_plain(&spec, 0);
	pm = _stp_pmap_new(1, K_LONG, &spec, 2, false);
	_stp_user_set_cpu(0);
	k = kl(1);
	_stp_pmap_add_stat(pm, &k, 1);
	k = kl(2);
	_stp_pmap_add_stat(pm, &k, 1);
	k = kl(3);
	CHECK_EQ(_stp_pmap_add_stat(pm, &k, 1), -E2BIG);
	_stp_user_set_cpu(1);
	CHECK_EQ(_stp_pmap_add_stat(pm, &k, 1), 0);
	_stp_user_set_cpu(0);
	_stp_pmap_aggregate(pm, &err);
	CHECK_EQ(err, -E2BIG);
	_stp_pmap_free(pm);
}
