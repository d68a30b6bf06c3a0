/*
 * map_impl.h - the entry layout shared by map.c, map_iter.c and pmap.c.
 * Not for generated code: use map.h.
 */
#ifndef _STP_RUNTIME_MAP_IMPL_H_
#define _STP_RUNTIME_MAP_IMPL_H_

#include "map.h"

struct _stp_map_entry {
	int32_t hnext;		/* next in hash chain, or in the free list */
	int32_t prev, next;	/* insertion order, -1 at the ends */
	uint32_t hash;
	/* key columns and the value follow, 8-byte aligned */
};

#define _STP_ALIGN8(n) (((n) + 7) & ~(size_t)7)

static inline struct _stp_map_entry *_stp_map_at(const struct _stp_map *m,
						 int32_t i)
{
	return (struct _stp_map_entry *)(m->entries + (size_t)i * m->entry_size);
}

static inline int32_t _stp_map_index(const struct _stp_map *m,
				     const struct _stp_map_entry *e)
{
	return (int32_t)_stp_div_u64((uint64_t)((const char *)e - m->entries),
				     m->entry_size);
}

#endif /* _STP_RUNTIME_MAP_IMPL_H_ */
