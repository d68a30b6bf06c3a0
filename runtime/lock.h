/*
 * lock.h - taking the locks of script globals from probe context.
 *
 * A probe never waits indefinitely for a global: it tries MAXTRYLOCK times
 * and, failing that, is skipped (the session counts it against
 * MAXSKIPPED).  Readers of a global take its lock shared; writers, and
 * readers of statistics (which aggregate), take it exclusively; x <<< v
 * takes it shared (each cpu only touches its own copy).
 */
#ifndef _STP_RUNTIME_LOCK_H_
#define _STP_RUNTIME_LOCK_H_

#include "platform.h"

/* Take l shared; false after MAXTRYLOCK failed attempts.  The first
 * attempt is the probe path; the retries stay out of its way. */
static inline bool _stp_read_lock_try(_stp_rwlock_t *l)
{
	int n;

	if (likely(_stp_read_trylock(l)))
		return true;
	for (n = 1; n < MAXTRYLOCK; n++) {
		_stp_cpu_relax();
		if (_stp_read_trylock(l))
			return true;
	}
	return false;
}

/* Take l exclusively; false after MAXTRYLOCK failed attempts. */
static inline bool _stp_write_lock_try(_stp_rwlock_t *l)
{
	int n;

	if (likely(_stp_write_trylock(l)))
		return true;
	for (n = 1; n < MAXTRYLOCK; n++) {
		_stp_cpu_relax();
		if (_stp_write_trylock(l))
			return true;
	}
	return false;
}

#endif /* _STP_RUNTIME_LOCK_H_ */
