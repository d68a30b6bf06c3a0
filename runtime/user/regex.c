/*
 * user/regex.c - the =~ operator for the user-space session, on the C
 * library's POSIX extended regular expressions.  Compiled expressions are
 * cached by their text (scripts use a handful of literal patterns).
 */
#include "../session/session.h"

#include <regex.h>

#define STP_REGEX_CACHE 32

static struct {
	const char *text;	/* the pattern literal (generated code's) */
	regex_t re;
} _stp_regex_cache[STP_REGEX_CACHE];
static int _stp_regex_cached;

static regex_t *_stp_regex_compile(const char *text)
{
	int i;

	for (i = 0; i < _stp_regex_cached; i++)
		if (strcmp(_stp_regex_cache[i].text, text) == 0)
			return &_stp_regex_cache[i].re;
	if (_stp_regex_cached == STP_REGEX_CACHE)
		return NULL;
	if (regcomp(&_stp_regex_cache[i].re, text, REG_EXTENDED) != 0)
		return NULL;
	_stp_regex_cache[i].text = text;
	_stp_regex_cached++;
	return &_stp_regex_cache[i].re;
}

int _stp_regex_match(struct _stp_probe_ctx *pc, const char *re, const char *s)
{
	static struct _stp_regex_state state;
	regmatch_t m[STP_REGEX_GROUPS];
	regex_t *r = _stp_regex_compile(re);
	int i;

	if (!r) {
		_stp_ctx_error(&pc->ctx, "invalid regular expression");
		return -EINVAL;
	}
	pc->regex = &state;
	state.matched = regexec(r, s, STP_REGEX_GROUPS, m, 0) == 0;
	if (!state.matched)
		return 0;
	_stp_str_copy(state.subject, s);
	state.ngroups = (int)r->re_nsub + 1;
	if (state.ngroups > STP_REGEX_GROUPS)
		state.ngroups = STP_REGEX_GROUPS;
	for (i = 0; i < STP_REGEX_GROUPS; i++) {
		state.start[i] = (int)m[i].rm_so;
		state.end[i] = (int)m[i].rm_eo;
	}
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
	return _stp_regex_group(pc, 0, dst, len) < 0 ? -1 : 0;
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
