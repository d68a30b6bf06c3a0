/*
 * format_parse.h - the printf format language of the script language.
 *
 * One parser serves the runtime's printf (runtime/printf.c) and the
 * translator's format check (from C++: include this header and compile
 * format_parse.c as C), so that what the checker accepts is exactly what the
 * runtime prints.  No allocation, no platform dependencies.
 *
 * A directive is
 *	%[flag][width][.precision][l]conversion
 * with at most ONE flag of "-+ #0", a width of digits or '*', a precision of
 * '.' followed by digits, '*' or nothing (0), an optional 'l' that is
 * accepted and ignored, and a conversion of "diouxXpscbmM"; "%%" (nothing in
 * between) is a literal percent sign.  Example: "%-10s" and "%#x" are valid,
 * "%-+d" and "%lld" are not.  A '0' after a flag is part of the width:
 * "%+05d" has the flag '+' and width 5 and pads with spaces.
 *
 * Each '*' consumes a long argument before the value.  %s takes a string;
 * every other conversion takes a long (%m/%M take an address).
 */
#ifndef _STP_RUNTIME_FORMAT_PARSE_H_
#define _STP_RUNTIME_FORMAT_PARSE_H_

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include <stddef.h>
#endif

#ifdef __cplusplus
extern "C" {
#endif

enum _stp_fmt_conv {
	STP_FMT_LITERAL = 0,	/* text copied as is: fmt[start, end) */
	STP_FMT_PERCENT,	/* %% */
	STP_FMT_SIGNED,		/* %d %i */
	STP_FMT_UNSIGNED,	/* %u */
	STP_FMT_OCTAL,		/* %o */
	STP_FMT_HEX,		/* %x */
	STP_FMT_HEX_UPPER,	/* %X */
	STP_FMT_POINTER,	/* %p */
	STP_FMT_STRING,		/* %s */
	STP_FMT_CHAR,		/* %c */
	STP_FMT_BINARY,		/* %b: raw bytes of the value */
	STP_FMT_MEMORY,		/* %m: raw bytes of memory at an address */
	STP_FMT_MEMORY_HEX,	/* %M: hex of memory at an address */
};

/* Flags (a directive has at most one). */
#define STP_FMT_F_LEFT	0x01	/* '-' */
#define STP_FMT_F_PLUS	0x02	/* '+' */
#define STP_FMT_F_SPACE	0x04	/* ' ' */
#define STP_FMT_F_ALT	0x08	/* '#' */
#define STP_FMT_F_ZERO	0x10	/* '0' */

/* Values of width/prec besides a number. */
#define STP_FMT_NONE	(-1)	/* not given */
#define STP_FMT_STAR	(-2)	/* '*': taken from the argument list */

/* Widths and precisions written in the format saturate at this value. */
#define STP_FMT_MAX_NUMBER 0x7fffff

struct _stp_fmt_spec {
	enum _stp_fmt_conv conv;
	unsigned flags;		/* STP_FMT_F_* */
	int width;		/* >= 0, STP_FMT_NONE or STP_FMT_STAR */
	int prec;		/* >= 0, STP_FMT_NONE or STP_FMT_STAR */
	size_t start, end;	/* byte range in the format string */
};

struct _stp_fmt_error {
	const char *msg;	/* static text, stap's wording */
	size_t column;		/* byte offset of the offending character */
	size_t directive;	/* byte offset of the directive's '%' */
};

/* Messages (as the reference implementation words them). */
#define STP_FMT_MSG_BAD_CONVERSION "invalid or missing conversion specifier"
#define STP_FMT_MSG_INCOMPLETE "trailing incomplete print format conversion"

/*
 * Parse the piece of fmt[0, len) that starts at *pos: literal text up to the
 * next '%', or one directive.  Returns 1 and advances *pos past the piece,
 * 0 at the end of the format, or -1 with *err filled.
 */
int _stp_fmt_next(const char *fmt, size_t len, size_t *pos,
		  struct _stp_fmt_spec *spec, struct _stp_fmt_error *err);

/* Kinds of arguments. */
#define STP_FMT_ARG_LONG	1
#define STP_FMT_ARG_STRING	2

/*
 * The arguments one piece consumes, in order ('*' width, '*' precision, the
 * value), written to kinds[0..2].  Returns how many (0 to 3).
 */
int _stp_fmt_spec_args(const struct _stp_fmt_spec *spec, unsigned char kinds[3]);

/*
 * Check a whole format.  On success returns 0, sets *nkinds to the number of
 * arguments the format consumes and stores the first max_kinds of their
 * kinds (STP_FMT_ARG_*) in kinds[] (which may be NULL when max_kinds is 0).
 * On error returns -1 with *err filled.
 */
int _stp_fmt_check(const char *fmt, size_t len, unsigned char *kinds,
		   size_t max_kinds, size_t *nkinds, struct _stp_fmt_error *err);

#ifdef __cplusplus
}
#endif

#endif /* _STP_RUNTIME_FORMAT_PARSE_H_ */
