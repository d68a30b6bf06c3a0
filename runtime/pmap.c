/*
 * pmap.c - per-cpu maps of statistics.
 */
#include "map_impl.h"

struct _stp_pmap *_stp_pmap_new(unsigned nkeys, const enum _stp_type *key_types,
				const struct _stp_stat_spec *stat_spec,
				uint32_t max_entries, bool wrap)
{
	struct _stp_pmap *pm = _stp_alloc(sizeof(*pm));
	int cpu;

	if (!pm)
		return NULL;
	pm->cpu = _stp_alloc(sizeof(*pm->cpu) * _stp_cpu_ids());
	pm->agg = _stp_map_new(nkeys, key_types, STP_TYPE_STAT, stat_spec,
			       max_entries, wrap);
	pm->one = stat_spec ? _stp_alloc(_stp_stat_size(stat_spec)) : NULL;
	if (!pm->cpu || !pm->agg || !pm->one)
		goto fail;
	_stp_for_each_cpu(cpu) {
		pm->cpu[cpu] = _stp_map_new(nkeys, key_types, STP_TYPE_STAT,
					    stat_spec, max_entries, wrap);
		if (!pm->cpu[cpu])
			goto fail;
	}
	return pm;
fail:
	_stp_pmap_free(pm);
	return NULL;
}

void _stp_pmap_free(struct _stp_pmap *pm)
{
	int cpu;

	if (!pm)
		return;
	if (pm->cpu) {
		_stp_for_each_cpu(cpu)
			_stp_map_free(pm->cpu[cpu]);
		_stp_free(pm->cpu);
	}
	_stp_map_free(pm->agg);
	_stp_free(pm->one);
	_stp_free(pm);
}

int _stp_pmap_add_stat(struct _stp_pmap *pm, const union _stp_key *keys,
		       int64_t v)
{
	return _stp_map_add_stat(pm->cpu[_stp_cpu()], keys, v);
}

struct _stp_map *_stp_pmap_aggregate(struct _stp_pmap *pm, int *err)
{
	struct _stp_map *agg = pm->agg;
	union _stp_key keys[STP_MAX_KEYS];
	int cpu, rc;
	int32_t i;

	_stp_map_clear(agg);
	if (err)
		*err = 0;
	_stp_for_each_cpu(cpu) {
		struct _stp_map *m = pm->cpu[cpu];

		for (i = m->oldest; i >= 0; i = _stp_map_at(m, i)->next) {
			struct _stp_map_entry *e = _stp_map_at(m, i), *a;

			_stp_map_keys(m, e, keys);
			rc = 0;
			a = _stp_map_find_or_add(agg, keys, &rc);
			if (!a) {
				if (err)
					*err = rc;
				continue;
			}
			_stp_stat_merge(_stp_map_val_stat(agg, a),
					_stp_map_val_stat(m, e), &agg->stat);
		}
	}
	return agg;
}

struct _stp_stat *_stp_pmap_get_stat(struct _stp_pmap *pm,
				     const union _stp_key *keys)
{
	struct _stp_map_entry *e;
	bool found = false;
	int cpu;

	_stp_stat_clear(pm->one, &pm->agg->stat);
	_stp_for_each_cpu(cpu) {
		e = _stp_map_find(pm->cpu[cpu], keys);
		if (e) {
			_stp_stat_merge(pm->one, _stp_map_val_stat(pm->cpu[cpu], e),
					&pm->agg->stat);
			found = true;
		}
	}
	return found ? pm->one : NULL;
}

void _stp_pmap_delete(struct _stp_pmap *pm, const union _stp_key *keys)
{
	int cpu;

	_stp_for_each_cpu(cpu)
		_stp_map_delete(pm->cpu[cpu], keys);
	_stp_map_delete(pm->agg, keys);
}

bool _stp_pmap_exists(struct _stp_pmap *pm, const union _stp_key *keys)
{
	int cpu;

	_stp_for_each_cpu(cpu)
		if (_stp_map_exists(pm->cpu[cpu], keys))
			return true;
	return false;
}

void _stp_pmap_clear(struct _stp_pmap *pm)
{
	int cpu;

	_stp_for_each_cpu(cpu)
		_stp_map_clear(pm->cpu[cpu]);
	_stp_map_clear(pm->agg);
}
