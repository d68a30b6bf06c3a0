/*
 * session/regex.c - the =~ operator and what matched(), matched_str() and
 * ngroups() read, for both runtimes: the translator's program runs on the
 * runtime's matcher (../regex.c) and the result is kept in the probe
 * context (one per cpu in the kernel), so it lasts until the handler ends.
 */
#include "session.h"

int _stp_regex_match(struct _stp_probe_ctx *pc,
		     const struct _stp_regex_prog *re, const char *s,
		     void *work, size_t worksize)
{
	struct _stp_regex_state *st = &pc->regex_state;
	size_t len = strnlen(s, MAXSTRINGLEN - 1);
	int rc;

	pc->regex = st;
	st->matched = false;
	rc = _stp_regex_exec(re, s, len, work, worksize, st->start, st->end,
			     STP_REGEX_GROUPS);
	if (rc < 0) {
		_stp_ctx_error(&pc->ctx,
			       "regular expression: no room to match it");
		return -EINVAL;
	}
	if (!rc)
		return 0;
	st->matched = true;
	memcpy(st->subject, s, len);
	st->subject[len] = '\0';
	st->ngroups = re->ngroups < STP_REGEX_GROUPS ? re->ngroups :
						      STP_REGEX_GROUPS;
	return 1;
}

static void _stp_regex_copy(char *dst, size_t len, const char *s, int from,
			    int to)
{
	size_t n = from >= 0 && to >= from ? (size_t)(to - from) : 0;

	if (len == 0)
		return;
	if (n > len - 1)
		n = len - 1;
	if (n)
		memcpy(dst, s + from, n);
	dst[n] = '\0';
}

int _stp_regex_subject(struct _stp_probe_ctx *pc, char *dst, size_t len)
{
	struct _stp_regex_state *st = pc->regex;

	if (!st || !st->matched)
		return -1;
	_stp_regex_copy(dst, len, st->subject, 0,
			(int)strnlen(st->subject, MAXSTRINGLEN));
	return 0;
}

int _stp_regex_group(struct _stp_probe_ctx *pc, int64_t n, char *dst,
		     size_t len)
{
	struct _stp_regex_state *st = pc->regex;

	if (!st || !st->matched)
		return -1;
	if (n < 0 || n >= st->ngroups)
		return -2;
	_stp_regex_copy(dst, len, st->subject, st->start[n], st->end[n]);
	return 0;
}

int _stp_regex_ngroups(struct _stp_probe_ctx *pc)
{
	struct _stp_regex_state *st = pc->regex;

	if (!st || !st->matched)
		return -1;
	return st->ngroups;
}
