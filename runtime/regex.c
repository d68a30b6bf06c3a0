/*
 * regex.c - the Pike VM that runs the translator's regex programs (see
 * regex.h for the program and the match rules).
 *
 * A thread is (instruction, start of its match, tags).  The threads waiting
 * to consume the byte at pos form one list; each step consumes that byte
 * and follows the epsilon instructions (jumps, splits, saves, assertions) of
 * the survivors into the next list, which holds at most one thread per
 * instruction: the first thread to arrive there keeps it (the list is in
 * priority order), unless a later one's match starts earlier.  The epsilon
 * closure of each thread is walked with an explicit stack; saves push the
 * old tag values so that the other branch of a split sees them again.
 */
#include "regex.h"

#ifdef __KERNEL__
#include <linux/string.h>
#else
#include <string.h>
#endif

/* One entry of the closure stack: an instruction to visit (slot < 0) or a
 * tag slot to restore. */
struct _stp_re_frame {
	int16_t pc;
	int16_t slot;
	int16_t v0, v1;
};

struct _stp_re_vm {
	const struct _stp_regex_prog *p;
	const unsigned char *s;
	int len;
	uint32_t *visited;	/* == stamp: seen in this closure */
	uint32_t *listgen;	/* == gen: has a thread in the next list */
	uint16_t *slot;		/* its index there */
	struct _stp_re_frame *stack;
	int16_t *cur;		/* the tags of the thread being followed */
	int16_t *next;		/* the next list: threads of stride int16s */
	int nnext;
	int stride;		/* 2 + ntags: pc, start, tags */
	uint32_t stamp, gen;
};

static int _stp_re_word(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

/*
 * 1 when thread a (start sa) beats b, which reached the same instruction at
 * the same position first: only when its match starts earlier.  (Threads
 * are put in order of their starts, so this holds for none; the check keeps
 * the leftmost rule independent of that.)
 */
static int _stp_re_better(int sa, int sb)
{
	return sa < sb;
}

/* The thread (pc, start, vm->cur) waits at a consuming or match insn. */
static void _stp_re_put(struct _stp_re_vm *vm, int pc, int start)
{
	int16_t *t;
	int ntags = vm->p->ntags;

	if (vm->listgen[pc] == vm->gen) {
		t = vm->next + (size_t)vm->slot[pc] * vm->stride;
		if (!_stp_re_better(start, t[1]))
			return;
	} else {
		if (vm->nnext >= vm->p->nthreads)
			return;	/* cannot happen: one thread per insn */
		vm->listgen[pc] = vm->gen;
		vm->slot[pc] = (uint16_t)vm->nnext;
		t = vm->next + (size_t)vm->nnext++ * vm->stride;
		t[0] = (int16_t)pc;
	}
	t[1] = (int16_t)start;
	memcpy(t + 2, vm->cur, (size_t)ntags * sizeof(int16_t));
}

/* 1 when the assertion op holds at pos. */
static int _stp_re_assert(const struct _stp_re_vm *vm, int op, int pos)
{
	int before = pos > 0 && _stp_re_word(vm->s[pos - 1]);
	int after = pos < vm->len && _stp_re_word(vm->s[pos]);

	switch (op) {
	case STP_RE_BOL:
		return pos == 0;
	case STP_RE_EOL:
		return pos == vm->len;
	case STP_RE_WORDB:
		return before != after;
	case STP_RE_NWORDB:
		return before == after;
	case STP_RE_BOW:
		return !before && after;
	case STP_RE_EOW:
		return before && !after;
	default:
		return 0;
	}
}

/* Follows the epsilon instructions from pc at pos with the tags in
 * vm->cur (restored on return) and puts the threads it reaches. */
static void _stp_re_add(struct _stp_re_vm *vm, int pc, int pos, int start)
{
	const struct _stp_regex_insn *insn = vm->p->insn;
	struct _stp_re_frame *stack = vm->stack;
	int cap = vm->p->ninsn + 1, top = 0;

	vm->stamp++;
	stack[top].pc = (int16_t)pc;
	stack[top++].slot = -1;
	while (top) {
		struct _stp_re_frame f = stack[--top];

		if (f.slot >= 0) {
			vm->cur[f.slot] = f.v0;
			if (!(f.slot & 1))
				vm->cur[f.slot + 1] = f.v1;
			continue;
		}
		pc = f.pc;
		while (vm->visited[pc] != vm->stamp) {
			const struct _stp_regex_insn *in = &insn[pc];

			vm->visited[pc] = vm->stamp;
			if (in->op == STP_RE_JMP) {
				pc = in->x;
			} else if (in->op == STP_RE_SPLIT) {
				if (top >= cap)
					break;
				stack[top].pc = (int16_t)in->y;
				stack[top++].slot = -1;
				pc = in->x;
			} else if (in->op == STP_RE_SAVE ||
				   in->op == STP_RE_MARK) {
				if (top >= cap)
					break;
				stack[top].pc = 0;
				stack[top].slot = (int16_t)in->x;
				stack[top].v0 = vm->cur[in->x];
				stack[top++].v1 = (in->x & 1) ? 0 :
						  vm->cur[in->x + 1];
				vm->cur[in->x] = (int16_t)pos;
				if (in->op == STP_RE_SAVE && !(in->x & 1))
					vm->cur[in->x + 1] = -1;
				pc++;
			} else if (in->op == STP_RE_LOOP) {
				if (pos != vm->cur[in->x] && (in->c & 2)) {
					pc++;
				} else if (pos != vm->cur[in->x]) {
					if (top >= cap)
						break;
					stack[top].pc = (int16_t)(pc + 1);
					stack[top++].slot = -1;
					pc = in->y;
				} else if ((in->c & 1) &&
					   pos == vm->cur[in->x + 1]) {
					pc++;
				} else {
					break;	/* empty iteration */
				}
			} else if (in->op >= STP_RE_BOL) {
				if (!_stp_re_assert(vm, in->op, pos))
					break;
				pc++;
			} else {
				_stp_re_put(vm, pc, start);
				break;
			}
		}
	}
}

/* 1 when the consuming insn in accepts byte c. */
static int _stp_re_consumes(const struct _stp_regex_prog *p,
			    const struct _stp_regex_insn *in, unsigned char c)
{
	switch (in->op) {
	case STP_RE_CHAR:
		return in->c == c;
	case STP_RE_ANY:
		return 1;
	case STP_RE_CLASS:
		return (p->classes[in->x][c >> 3] >> (c & 7)) & 1;
	default:
		return 0;
	}
}

/* 0 when every jump, split and save of p stays inside it. */
static int _stp_re_check(const struct _stp_regex_prog *p)
{
	int i;

	if (p->ninsn == 0 || p->ninsn > STP_REGEX_MAX_INSN ||
	    p->ntags > STP_REGEX_MAX_TAGS || (p->ntags & 1) ||
	    p->nthreads == 0)
		return -1;
	for (i = 0; i < p->ninsn; i++) {
		const struct _stp_regex_insn *in = &p->insn[i];

		if (in->op == STP_RE_MATCH)
			continue;
		if (in->op == STP_RE_SPLIT || in->op == STP_RE_JMP) {
			if (in->x >= p->ninsn ||
			    (in->op == STP_RE_SPLIT && in->y >= p->ninsn))
				return -1;
			continue;
		}
		if (((in->op == STP_RE_SAVE || in->op == STP_RE_MARK) &&
		     in->x >= p->ntags) ||
		    (in->op == STP_RE_LOOP &&
		     (in->y >= p->ninsn || in->x + 1 >= p->ntags)) ||
		    (in->op == STP_RE_CLASS && !p->classes) ||
		    in->op > STP_RE_EOW)
			return -1;
		if (i + 1 >= p->ninsn)
			return -1;
	}
	for (i = 1; i < p->ngroups; i++)
		if (2 * p->group_tag[i - 1] + 1 >= p->ntags)
			return -1;
	return 0;
}

int _stp_regex_exec(const struct _stp_regex_prog *p, const char *s,
		    size_t len, void *work, size_t worksize, int *start,
		    int *end, int n)
{
	struct _stp_re_vm vm;
	unsigned char *w = work;
	int16_t *lists[2], *clist, *best;
	int nclist, pos, i, best_start = -1, best_end = -1;
	size_t ninsn = p->ninsn, ntags = p->ntags;
	int which = 0;

	for (i = 0; i < n; i++)
		start[i] = end[i] = -1;
	if (_stp_re_check(p) ||
	    worksize < STP_REGEX_WORK_BYTES(ninsn, p->nthreads, ntags) ||
	    ((uintptr_t)work & 7))
		return -1;
	if (len > 32767)
		len = 32767;

	memset(&vm, 0, sizeof(vm));
	vm.p = p;
	vm.s = (const unsigned char *)s;
	vm.len = (int)len;
	vm.stride = 2 + (int)ntags;
	vm.visited = (uint32_t *)w;
	vm.listgen = vm.visited + ninsn;
	memset(w, 0, 8 * ninsn);
	vm.stack = (struct _stp_re_frame *)(vm.listgen + ninsn);
	vm.slot = (uint16_t *)(vm.stack + ninsn + 1);
	vm.cur = (int16_t *)(vm.slot + ninsn);
	best = vm.cur + ntags;
	lists[0] = best + ntags;
	lists[1] = lists[0] + (size_t)p->nthreads * vm.stride;

	/* The threads at position 0: a match may start here. */
	vm.gen = 1;
	vm.next = lists[0];
	memset(vm.cur, 0xff, ntags * sizeof(int16_t));
	_stp_re_add(&vm, 0, 0, 0);
	clist = lists[0];
	nclist = vm.nnext;

	for (pos = 0;; pos++) {
		unsigned char c = pos < vm.len ? vm.s[pos] : 0;

		which ^= 1;
		vm.next = lists[which];
		vm.nnext = 0;
		vm.gen++;
		for (i = 0; i < nclist; i++) {
			const int16_t *t = clist + (size_t)i * vm.stride;
			const struct _stp_regex_insn *in = &p->insn[t[0]];

			if (best_start >= 0 && t[1] > best_start)
				continue;	/* cannot be leftmost */
			if (in->op == STP_RE_MATCH) {
				if (best_start < 0 || t[1] < best_start ||
				    pos > best_end) {
					best_start = t[1];
					best_end = pos;
					memcpy(best, t + 2, ntags * sizeof(int16_t));
				}
				continue;
			}
			if (pos >= vm.len || !_stp_re_consumes(p, in, c))
				continue;
			memcpy(vm.cur, t + 2, ntags * sizeof(int16_t));
			_stp_re_add(&vm, t[0] + 1, pos + 1, t[1]);
		}
		if (pos >= vm.len)
			break;
		if (best_start < 0) {
			/* Not matched yet: a match may start at pos + 1. */
			memset(vm.cur, 0xff, ntags * sizeof(int16_t));
			_stp_re_add(&vm, 0, pos + 1, pos + 1);
		}
		clist = vm.next;
		nclist = vm.nnext;
		if (!nclist && best_start >= 0)
			break;
	}
	if (best_start < 0)
		return 0;
	if (n > 0) {
		start[0] = best_start;
		end[0] = best_end;
	}
	for (i = 1; i < n && i < p->ngroups; i++) {
		int k = 2 * p->group_tag[i - 1];

		if (best[k] >= 0 && best[k + 1] >= best[k]) {
			start[i] = best[k];
			end[i] = best[k + 1];
		}
	}
	return 1;
}
