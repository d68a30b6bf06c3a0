/*
 * printf.h - printf of the script language into a bounded buffer.
 *
 * Two ways in:
 *  - the translator splits a literal format at translation time with
 *    _stp_fmt_next() and emits one _stp_fmt_long/_string/_memory call per
 *    directive (fastest: no parsing in probe context);
 *  - _stp_printf_args()/_stp_printf() parse the format at run time, for
 *    embedded C (STAP_PRINTF) and simple code generation.
 *
 * Numbers are int64 throughout.  Integer conversions follow C: precision is
 * the minimum number of digits (and cancels the '0' flag), "%.0d" of 0 prints
 * nothing, '#' gives 0 / 0x / 0X prefixes for %o %x %X.  %p prints "0x" and
 * lowercase hex.  %c with '#' escapes a non-printing character, a double
 * quote or a backslash (\n, \t, \", \\, ..., else \ooo).  %b writes 1, 2 or 4 bytes for those widths and 8 bytes
 * otherwise, in native byte order.  %m copies 'precision' bytes (default 1)
 * of kernel memory (user memory with '#') and %M writes them as lowercase
 * hex; a width pads the field with spaces.
 */
#ifndef _STP_RUNTIME_PRINTF_H_
#define _STP_RUNTIME_PRINTF_H_

#include "platform.h"
#include "outbuf.h"
#include "format_parse.h"

#ifdef __KERNEL__
#if LINUX_VERSION_CODE >= KERNEL_VERSION(5, 15, 0)
#include <linux/stdarg.h>
#else
#include <stdarg.h>
#endif
#else
#include <stdarg.h>
#endif

/* One argument of a printf: a long, or a string for %s. */
union _stp_fmt_value {
	int64_t n;
	const char *s;
};

/*
 * The per-directive formatters take a resolved width and precision: width 0
 * is none and a negative width left-justifies (a negative '*' argument does
 * that, as in C); a negative precision is none.  Without '*', pass
 * _stp_fmt_spec_width(spec) and _stp_fmt_spec_prec(spec).
 */
static inline int _stp_fmt_spec_width(const struct _stp_fmt_spec *spec)
{
	return spec->width >= 0 ? spec->width : 0;
}

static inline int _stp_fmt_spec_prec(const struct _stp_fmt_spec *spec)
{
	return spec->prec >= 0 ? spec->prec : -1;
}

void _stp_fmt_long(struct _stp_buf *out, const struct _stp_fmt_spec *spec,
		   int width, int prec, int64_t v);
void _stp_fmt_string(struct _stp_buf *out, const struct _stp_fmt_spec *spec,
		     int width, int prec, const char *s);
/* %m / %M.  Returns 0, or -EFAULT with *fault_addr set and nothing written. */
int _stp_fmt_memory(struct _stp_buf *out, const struct _stp_fmt_spec *spec,
		    int width, int prec, unsigned long addr,
		    unsigned long *fault_addr);

/*
 * Format fmt[0, fmt_len) with args[0, nargs).  Returns 0; -EINVAL for a
 * malformed format or a wrong number of arguments (nothing useful written);
 * -EFAULT when %m/%M could not read memory (*fault_addr set; the output up
 * to that directive is kept).  The caller checked the argument kinds.
 */
int _stp_printf_args(struct _stp_buf *out, const char *fmt, size_t fmt_len,
		     const union _stp_fmt_value *args, size_t nargs,
		     unsigned long *fault_addr);

/*
 * The same with C varargs: pass every long as int64_t and every string as
 * const char *.  fmt is NUL-terminated.
 */
int _stp_vprintf(struct _stp_buf *out, unsigned long *fault_addr,
		 const char *fmt, va_list ap);
int _stp_printf(struct _stp_buf *out, unsigned long *fault_addr,
		const char *fmt, ...);

/* sprintf into a script string (MAXSTRINGLEN bytes, truncating). */
int _stp_sprintf(char *dst, unsigned long *fault_addr, const char *fmt, ...);

/* The escape of a character for %#c and text_str: its printable form into
 * out[0..4] (NUL-terminated); returns its length (1 to 4).  \a \b \f \n \r
 * \t \v, \" and \\, other bytes below 32 or above 126 as \ooo (octal). */
int _stp_char_escape(char out[5], unsigned char c);

#endif /* _STP_RUNTIME_PRINTF_H_ */
