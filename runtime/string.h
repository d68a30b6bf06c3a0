/*
 * string.h - bounded strings of the script language.
 *
 * A script string is a char array of MAXSTRINGLEN bytes holding at most
 * MAXSTRINGLEN - 1 characters and a NUL; every helper here truncates
 * silently to that bound, as stap does.
 *
 * Include as "string.h" from inside runtime/ or as "runtime/string.h"; never
 * put runtime/ itself on the include path (it would shadow <string.h>).
 */
#ifndef _STP_RUNTIME_STRING_H_
#define _STP_RUNTIME_STRING_H_

#include "platform.h"

/*
 * strlcpy/strlcat with the BSD contract: copy/append with truncation to
 * size - 1 characters, always NUL-terminate (when size > 0), and return the
 * length the result would have had.  Linux 6.8 removed strlcpy and glibc
 * before 2.38 has neither, so tapset embedded C that calls them is mapped
 * onto these (function-like macros: taking the address still names libc's
 * or the kernel's own, where it exists).
 */
size_t _stp_strlcpy(char *dst, const char *src, size_t size);
size_t _stp_strlcat(char *dst, const char *src, size_t size);

#undef strlcpy
#define strlcpy(dst, src, size) _stp_strlcpy((dst), (src), (size))
#ifndef __KERNEL__
#undef strlcat
#define strlcat(dst, src, size) _stp_strlcat((dst), (src), (size))
#endif

/* dst = src, truncated to a script string; returns true when it was cut. */
bool _stp_str_copy(char *dst, const char *src);
/* dst .= src (the '.' operator), truncated; returns true when it was cut. */
bool _stp_str_append(char *dst, const char *src);
/* dst = a . b; dst may be a (not b). */
bool _stp_str_concat(char *dst, const char *a, const char *b);

/* Decimal text of a long (print, sprint, string(n)). */
void _stp_str_from_long(char *dst, int64_t v);

/*
 * substr(str, start, length): up to length characters from position start
 * (0-based).  A negative start or length, or a start at or past the end,
 * gives "".
 */
void _stp_str_substr(char *dst, const char *str, int64_t start,
		     int64_t length);

/*
 * strtol(str, base) as the tapset expects from the kernel's simple_strtol:
 * an optional '-', for base 16 (or 0) an optional "0x"/"0X", for base 0 a
 * leading 0 meaning octal, then digits up to the first character that is not
 * one; no leading white space is skipped; nothing parsed gives 0; overflow
 * wraps.  Returns 0, or -EINVAL when base is neither 0 nor 2..36.
 */
int _stp_str_to_long(const char *str, int64_t base, int64_t *out);

/*
 * A whole string as a number, as the kernel's kstrtoll(str, 0) takes a
 * module parameter: an optional sign, then decimal, 0x hex or 0 octal
 * digits and nothing else (one trailing newline allowed).  Returns 0 with
 * *out set, or -EINVAL (*out untouched).
 */
int _stp_str_to_number(const char *str, int64_t *out);

/* strpos: offset of the first s2 in s1, or -1.  isinstr: strpos >= 0. */
int64_t _stp_str_find(const char *s1, const char *s2);

/*
 * stringat(str, pos): the character at pos.  Returns 0 with *out set, or
 * -EINVAL when pos is outside [0, strlen(str)).
 */
int _stp_str_char_at(const char *str, int64_t pos, int64_t *out);

/* str_replace: every non-overlapping occurrence of from (non-empty) in str
 * replaced by to, truncated to a script string. */
void _stp_str_replace(char *dst, const char *str, const char *from,
		      const char *to);

/*
 * text_strn(input, len, quoted): input with non-printing characters
 * escaped (see _stp_char_escape), cut to len characters of output (0 or
 * more than MAXSTRINGLEN - 1 means MAXSTRINGLEN - 1) without splitting an
 * escape.  With quoted, the result is in double quotes and "..." follows
 * the closing quote when the input did not fit.  text_str(s) is
 * text_strn(s, 0, 0).
 */
void _stp_str_escape(char *dst, const char *input, int64_t len, bool quoted);

/*
 * The escaper of the tapset contract's quoting helpers: the bytes in[0 ..
 * inlen) (stopping at a NUL unless nul_is_data) escaped as _stp_char_escape
 * does, into out: at most outlen - 1 characters and a NUL, never a partial
 * escape.  With quoted, the text is in double quotes and, when the rest of
 * the input did not fit, the closing quote is followed by "..." (all within
 * outlen - 1 characters).  Returns the length written.
 */
size_t _stp_escape_text(char *out, size_t outlen, const char *in,
			size_t inlen, bool quoted, bool nul_is_data);

/*
 * The tapset contract's text escaper: _stp_escape_text of a string (up to
 * inlen bytes, stopping at its NUL), into out (outlen bytes, at most
 * MAXSTRINGLEN used); returns the length written.
 */
int _stp_text_escape(char *out, size_t outlen, const char *in, size_t inlen,
		     int quoted);

#endif /* _STP_RUNTIME_STRING_H_ */
