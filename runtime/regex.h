/*
 * regex.h - the matcher of the =~ and !~ operators, for both runtimes.
 *
 * Patterns are POSIX extended regular expressions, always string literals,
 * so the translator compiles each one into a program (translator/translate/
 * regex_compile.cpp) and emits it as static const data; this file only runs
 * programs.  The matcher is a Pike VM (a breadth-first simulation of the
 * NFA): no recursion, no allocation, time O(len(subject) * threads * insns),
 * and all of its memory in a caller-supplied work area whose size the
 * translator computes with STP_REGEX_WORK_BYTES (generated code keeps it in
 * the handler's frame, which _stp_frame_alloc allocates).
 *
 * Semantics: a search (the match may start anywhere unless the pattern says
 * ^); the overall match is the leftmost-longest one, as POSIX requires.
 * Among the ways to match that same text, the groups report the one a
 * backtracking matcher would find first: repetition is greedy, the left
 * alternative is tried first, and a loop iteration that matches nothing
 * ends the loop (allowed only as its first iteration).  This is what the
 * C library's regexec reports for the patterns scripts use (see
 * tests/unit/translate/regex_engine_test.cpp); POSIX's rule that each
 * subexpression is itself the longest possible is not followed, and neither
 * does glibc (runtime/README.md).
 *
 * Program: instructions (struct _stp_regex_insn), character classes as
 * 256-bit maps, and tag slots: 2g-2 and 2g-1 hold the start and end of
 * group g (group_tag[g-1] = g-1 names that pair), the slots after the
 * groups' are the loops' bookkeeping.

 * Plain C, no platform dependency, usable from C++ (the translator's tests
 * run the same matcher).
 */
#ifndef _STP_RUNTIME_REGEX_H_
#define _STP_RUNTIME_REGEX_H_

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include <stddef.h>
#include <stdint.h>
#endif

#ifdef __cplusplus
extern "C" {
#endif

enum _stp_regex_op {
	STP_RE_CHAR,	/* consume the byte c */
	STP_RE_ANY,	/* consume any byte */
	STP_RE_CLASS,	/* consume a byte of classes[x] */
	STP_RE_MATCH,	/* the pattern matched */
	STP_RE_SPLIT,	/* continue at x (preferred) and at y */
	STP_RE_JMP,	/* continue at x */
	STP_RE_SAVE,	/* tag slot x = position (an even slot, a group's
			 * start, also clears its end: the group is open) */
	STP_RE_MARK,	/* tag slot x = position (and nothing else) */
	STP_RE_LOOP,	/* the end of an unbounded loop's body: slot x holds
			 * where this iteration started, slot x+1 where the
			 * loop was entered.  After a non-empty iteration:
			 * continue at y (the loop) and at the next insn; an
			 * empty one only leaves the loop, and only when it
			 * was the first (c & 1: the loop may match nothing).
			 * c & 2: a bounded repetition's optional copy, which
			 * never loops back (y unused) */
	STP_RE_BOL,	/* ^: at the start of the subject */
	STP_RE_EOL,	/* $: at its end */
	STP_RE_WORDB,	/* \b: between a word and a non-word byte */
	STP_RE_NWORDB,	/* \B: not there */
	STP_RE_BOW,	/* \<: a word starts here */
	STP_RE_EOW,	/* \>: a word ends here */
};

struct _stp_regex_insn {
	uint8_t op;
	uint8_t c;
	uint16_t x;
	uint16_t y;
};

struct _stp_regex_prog {
	const struct _stp_regex_insn *insn;
	const uint8_t (*classes)[32];	/* bit b of byte b/8: byte b is in */
	const uint8_t *group_tag;	/* group g (1..ngroups-1): slot pair
					 * group_tag[g - 1] */
	uint16_t ninsn;
	uint16_t nthreads;	/* consuming and match instructions */
	uint16_t ntags;		/* tag slots: 2 per group, 2 per loop */
	uint16_t ngroups;	/* parenthesized groups + 1 (the whole match) */
};

/* Limits the translator enforces ("regular expression too complex"). */
#define STP_REGEX_MAX_INSN	4000
#define STP_REGEX_MAX_TAGS	128
#define STP_REGEX_MAX_GROUPS	63
#define STP_REGEX_MAX_WORK	16384

/* Bytes of work area a program needs (keep in step with regex.c). */
#define STP_REGEX_THREAD_BYTES(ntags) (4 + 2 * (size_t)(ntags))
#define STP_REGEX_WORK_BYTES(ninsn, nthreads, ntags)			\
	(18 * (size_t)(ninsn) + 8 + 4 * (size_t)(ntags) +		\
	 2 * (size_t)(nthreads) * STP_REGEX_THREAD_BYTES(ntags) + 16)

/*
 * Runs p over s[0, len).  On a match returns 1 and stores the offsets of
 * group g in start[g], end[g] for g < n (-1, -1: the group took no part;
 * groups past p->ngroups are -1 too); returns 0 when nothing matches, and
 * -1 when work (aligned to 8) is smaller than STP_REGEX_WORK_BYTES or the
 * program is malformed.  Subjects are at most 32767 bytes.
 */
int _stp_regex_exec(const struct _stp_regex_prog *p, const char *s,
		    size_t len, void *work, size_t worksize, int *start,
		    int *end, int n);

#ifdef __cplusplus
}
#endif

#endif /* _STP_RUNTIME_REGEX_H_ */
