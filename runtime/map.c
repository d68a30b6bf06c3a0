/*
 * map.c - associative arrays: storage, hashing and the script operations.
 *
 * Entries live in one preallocated array and are named by their index.
 * Each entry is on a hash chain and on a doubly linked list in insertion
 * order (the unsorted foreach order, and the eviction order of wrapping
 * maps); free entries are on a free list.
 */
#include "map_impl.h"
#include "string.h"

/* ---- hashing --------------------------------------------------------------- */

static uint64_t _stp_mix64(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

static uint64_t _stp_hash_str(uint64_t h, const char *s)
{
	size_t i;

	/* FNV-1a over the characters a stored key keeps. */
	for (i = 0; i < MAXSTRINGLEN - 1 && s[i]; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

static uint32_t _stp_map_hash(const struct _stp_map *m,
			      const union _stp_key *keys)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	unsigned c;

	for (c = 0; c < m->nkeys; c++) {
		if (m->key_type[c] == STP_TYPE_STRING)
			h = _stp_hash_str(h, keys[c].s ? keys[c].s : "");
		else
			h = _stp_mix64(h ^ (uint64_t)keys[c].n);
		h = _stp_mix64(h + c);
	}
	return (uint32_t)(h ^ (h >> 32));
}

/* ---- layout ---------------------------------------------------------------- */

static bool _stp_map_key_equal(const struct _stp_map *m,
			       const struct _stp_map_entry *e, unsigned c,
			       const union _stp_key *key)
{
	const char *p = (const char *)e + m->key_off[c];

	if (m->key_type[c] == STP_TYPE_STRING)
		return strncmp(p, key->s ? key->s : "", MAXSTRINGLEN - 1) == 0;
	return *(const int64_t *)p == key->n;
}

static bool _stp_map_keys_equal(const struct _stp_map *m,
				const struct _stp_map_entry *e,
				const union _stp_key *keys)
{
	unsigned c;

	for (c = 0; c < m->nkeys; c++)
		if (!_stp_map_key_equal(m, e, c, &keys[c]))
			return false;
	return true;
}

int64_t _stp_map_key_long(const struct _stp_map *m,
			  const struct _stp_map_entry *e, unsigned col)
{
	return *(const int64_t *)((const char *)e + m->key_off[col]);
}

const char *_stp_map_key_str(const struct _stp_map *m,
			     const struct _stp_map_entry *e, unsigned col)
{
	return (const char *)e + m->key_off[col];
}

void _stp_map_keys(const struct _stp_map *m, const struct _stp_map_entry *e,
		   union _stp_key *keys)
{
	unsigned c;

	for (c = 0; c < m->nkeys; c++) {
		if (m->key_type[c] == STP_TYPE_STRING)
			keys[c].s = _stp_map_key_str(m, e, c);
		else
			keys[c].n = _stp_map_key_long(m, e, c);
	}
}

int64_t *_stp_map_val_long(const struct _stp_map *m, struct _stp_map_entry *e)
{
	return (int64_t *)((char *)e + m->value_off);
}

char *_stp_map_val_str(const struct _stp_map *m, struct _stp_map_entry *e)
{
	return (char *)e + m->value_off;
}

struct _stp_stat *_stp_map_val_stat(const struct _stp_map *m,
				    struct _stp_map_entry *e)
{
	return (struct _stp_stat *)((char *)e + m->value_off);
}

static size_t _stp_type_size(const struct _stp_map *m, enum _stp_type t)
{
	switch (t) {
	case STP_TYPE_LONG:
		return sizeof(int64_t);
	case STP_TYPE_STRING:
		return _STP_ALIGN8(MAXSTRINGLEN);
	case STP_TYPE_STAT:
		return _STP_ALIGN8(_stp_stat_size(&m->stat));
	default:
		return 0;
	}
}

/* ---- life cycle ------------------------------------------------------------ */

struct _stp_map *_stp_map_new(unsigned nkeys, const enum _stp_type *key_types,
			      enum _stp_type value_type,
			      const struct _stp_stat_spec *stat_spec,
			      uint32_t max_entries, bool wrap)
{
	struct _stp_map *m;
	size_t off = _STP_ALIGN8(sizeof(struct _stp_map_entry));
	uint32_t nhash = 1;
	unsigned c;

	if (nkeys < 1 || nkeys > STP_MAX_KEYS)
		return NULL;
	if (value_type != STP_TYPE_LONG && value_type != STP_TYPE_STRING &&
	    value_type != STP_TYPE_STAT)
		return NULL;
	if (value_type == STP_TYPE_STAT && !stat_spec)
		return NULL;
	if (max_entries == 0)
		max_entries = MAXMAPENTRIES;
	if (max_entries > 0x7fffffff / 2)
		return NULL;

	m = _stp_alloc(sizeof(*m));
	if (!m)
		return NULL;
	m->nkeys = nkeys;
	m->value_type = value_type;
	if (value_type == STP_TYPE_STAT)
		m->stat = *stat_spec;
	for (c = 0; c < nkeys; c++) {
		if (key_types[c] != STP_TYPE_LONG &&
		    key_types[c] != STP_TYPE_STRING)
			goto fail;
		m->key_type[c] = key_types[c];
		m->key_off[c] = off;
		off += _stp_type_size(m, key_types[c]);
	}
	m->value_off = off;
	off += _stp_type_size(m, value_type);
	m->entry_size = off;

	m->max_entries = max_entries;
	m->wrap = wrap;
	while (nhash < max_entries)
		nhash <<= 1;
	m->hash_mask = nhash - 1;

	m->hash = _stp_alloc(sizeof(int32_t) * nhash);
	m->entries = _stp_alloc(m->entry_size * max_entries);
	m->order = _stp_alloc(sizeof(int32_t) * max_entries);
	m->scratch = _stp_alloc(sizeof(int32_t) * max_entries);
	if (!m->hash || !m->entries || !m->order || !m->scratch)
		goto fail;
	_stp_map_clear(m);
	return m;
fail:
	_stp_map_free(m);
	return NULL;
}

void _stp_map_free(struct _stp_map *m)
{
	if (!m)
		return;
	_stp_free(m->hash);
	_stp_free(m->entries);
	_stp_free(m->order);
	_stp_free(m->scratch);
	_stp_free(m);
}

void _stp_map_clear(struct _stp_map *m)
{
	uint32_t i;

	for (i = 0; i <= m->hash_mask; i++)
		m->hash[i] = -1;
	for (i = 0; i < m->max_entries; i++)
		_stp_map_at(m, i)->hnext =
			i + 1 < m->max_entries ? (int32_t)i + 1 : -1;
	m->free_list = 0;
	m->oldest = -1;
	m->newest = -1;
	m->count = 0;
}

/* ---- lookup, insertion, removal ---------------------------------------------- */

static struct _stp_map_entry *_stp_map_lookup(struct _stp_map *m,
					      const union _stp_key *keys,
					      uint32_t hash)
{
	int32_t i;

	for (i = m->hash[hash & m->hash_mask]; i >= 0; ) {
		struct _stp_map_entry *e = _stp_map_at(m, i);

		if (e->hash == hash && _stp_map_keys_equal(m, e, keys))
			return e;
		i = e->hnext;
	}
	return NULL;
}

struct _stp_map_entry *_stp_map_find(struct _stp_map *m,
				     const union _stp_key *keys)
{
	return _stp_map_lookup(m, keys, _stp_map_hash(m, keys));
}

void _stp_map_remove(struct _stp_map *m, struct _stp_map_entry *e)
{
	int32_t idx = _stp_map_index(m, e);
	int32_t *link = &m->hash[e->hash & m->hash_mask];

	while (*link != idx)
		link = &_stp_map_at(m, *link)->hnext;
	*link = e->hnext;

	if (e->prev >= 0)
		_stp_map_at(m, e->prev)->next = e->next;
	else
		m->oldest = e->next;
	if (e->next >= 0)
		_stp_map_at(m, e->next)->prev = e->prev;
	else
		m->newest = e->prev;

	e->hnext = m->free_list;
	m->free_list = idx;
	m->count--;
}

static void _stp_map_init_entry(struct _stp_map *m, struct _stp_map_entry *e,
				const union _stp_key *keys)
{
	unsigned c;

	for (c = 0; c < m->nkeys; c++) {
		char *p = (char *)e + m->key_off[c];

		if (m->key_type[c] == STP_TYPE_STRING)
			_stp_strlcpy(p, keys[c].s ? keys[c].s : "", MAXSTRINGLEN);
		else
			*(int64_t *)p = keys[c].n;
	}
	memset((char *)e + m->value_off, 0, _stp_type_size(m, m->value_type));
}

struct _stp_map_entry *_stp_map_find_or_add(struct _stp_map *m,
					    const union _stp_key *keys,
					    int *err)
{
	uint32_t hash = _stp_map_hash(m, keys);
	struct _stp_map_entry *e = _stp_map_lookup(m, keys, hash);
	int32_t idx;

	if (e)
		return e;
	if (m->free_list < 0) {
		if (!m->wrap) {
			if (err)
				*err = -E2BIG;
			return NULL;
		}
		_stp_map_remove(m, _stp_map_at(m, m->oldest));
	}
	idx = m->free_list;
	e = _stp_map_at(m, idx);
	m->free_list = e->hnext;

	_stp_map_init_entry(m, e, keys);
	e->hash = hash;
	e->hnext = m->hash[hash & m->hash_mask];
	m->hash[hash & m->hash_mask] = idx;
	e->next = -1;
	e->prev = m->newest;
	if (m->newest >= 0)
		_stp_map_at(m, m->newest)->next = idx;
	else
		m->oldest = idx;
	m->newest = idx;
	m->count++;
	return e;
}

/* ---- the script operations ------------------------------------------------ */

int64_t _stp_map_get_long(struct _stp_map *m, const union _stp_key *keys)
{
	struct _stp_map_entry *e = _stp_map_find(m, keys);

	return e ? *_stp_map_val_long(m, e) : 0;
}

void _stp_map_get_str(struct _stp_map *m, const union _stp_key *keys,
		      char *dst)
{
	struct _stp_map_entry *e = _stp_map_find(m, keys);

	_stp_strlcpy(dst, e ? _stp_map_val_str(m, e) : "", MAXSTRINGLEN);
}

int _stp_map_set_long(struct _stp_map *m, const union _stp_key *keys,
		      int64_t v)
{
	int err = 0;
	struct _stp_map_entry *e = _stp_map_find_or_add(m, keys, &err);

	if (e)
		*_stp_map_val_long(m, e) = v;
	return err;
}

int _stp_map_set_str(struct _stp_map *m, const union _stp_key *keys,
		     const char *v)
{
	int err = 0;
	struct _stp_map_entry *e = _stp_map_find_or_add(m, keys, &err);

	if (e)
		_stp_strlcpy(_stp_map_val_str(m, e), v, MAXSTRINGLEN);
	return err;
}

int _stp_map_add_long(struct _stp_map *m, const union _stp_key *keys,
		      int64_t delta, int64_t *result)
{
	int err = 0;
	struct _stp_map_entry *e = _stp_map_find_or_add(m, keys, &err);
	int64_t *p;

	if (!e)
		return err;
	p = _stp_map_val_long(m, e);
	*p = (int64_t)((uint64_t)*p + (uint64_t)delta);
	if (result)
		*result = *p;
	return 0;
}

int _stp_map_add_stat(struct _stp_map *m, const union _stp_key *keys,
		      int64_t v)
{
	int err = 0;
	struct _stp_map_entry *e = _stp_map_find_or_add(m, keys, &err);

	if (!e)
		return err;
	_stp_stat_add(_stp_map_val_stat(m, e), &m->stat, v);
	return 0;
}

bool _stp_map_exists(struct _stp_map *m, const union _stp_key *keys)
{
	return _stp_map_find(m, keys) != NULL;
}

void _stp_map_delete(struct _stp_map *m, const union _stp_key *keys)
{
	struct _stp_map_entry *e = _stp_map_find(m, keys);

	if (e)
		_stp_map_remove(m, e);
}

/* ---- slices ------------------------------------------------------------------ */

bool _stp_map_entry_matches(const struct _stp_map *m,
			    const struct _stp_map_entry *e,
			    const union _stp_key *keys, uint32_t wild)
{
	unsigned c;

	for (c = 0; c < m->nkeys; c++)
		if (!(wild & (1u << c)) && !_stp_map_key_equal(m, e, c, &keys[c]))
			return false;
	return true;
}

bool _stp_map_exists_slice(struct _stp_map *m, const union _stp_key *keys,
			   uint32_t wild)
{
	int32_t i;

	if (!(wild & ((1u << m->nkeys) - 1)))
		return _stp_map_exists(m, keys);
	for (i = m->oldest; i >= 0; i = _stp_map_at(m, i)->next)
		if (_stp_map_entry_matches(m, _stp_map_at(m, i), keys, wild))
			return true;
	return false;
}

uint32_t _stp_map_delete_slice(struct _stp_map *m, const union _stp_key *keys,
			       uint32_t wild)
{
	uint32_t deleted = 0;
	int32_t i, next;

	if (!(wild & ((1u << m->nkeys) - 1))) {
		struct _stp_map_entry *e = _stp_map_find(m, keys);

		if (!e)
			return 0;
		_stp_map_remove(m, e);
		return 1;
	}
	for (i = m->oldest; i >= 0; i = next) {
		struct _stp_map_entry *e = _stp_map_at(m, i);

		next = e->next;
		if (_stp_map_entry_matches(m, e, keys, wild)) {
			_stp_map_remove(m, e);
			deleted++;
		}
	}
	return deleted;
}
