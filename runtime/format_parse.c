/*
 * format_parse.c - the printf format language of the script language.
 */
#include "format_parse.h"

static int _stp_fmt_fail(struct _stp_fmt_error *err, const char *msg,
			 size_t column, size_t directive)
{
	if (err) {
		err->msg = msg;
		err->column = column;
		err->directive = directive;
	}
	return -1;
}

static int _stp_fmt_isdigit(char c)
{
	return c >= '0' && c <= '9';
}

/* Digits at fmt[*i, len) to a saturating int; advances *i. */
static int _stp_fmt_number(const char *fmt, size_t len, size_t *i)
{
	long n = 0;

	while (*i < len && _stp_fmt_isdigit(fmt[*i])) {
		if (n < STP_FMT_MAX_NUMBER)
			n = n * 10 + (fmt[*i] - '0');
		(*i)++;
	}
	return n > STP_FMT_MAX_NUMBER ? STP_FMT_MAX_NUMBER : (int)n;
}

static int _stp_fmt_conversion(char c, enum _stp_fmt_conv *conv)
{
	switch (c) {
	case 'd':
	case 'i':
		*conv = STP_FMT_SIGNED;
		return 1;
	case 'u':
		*conv = STP_FMT_UNSIGNED;
		return 1;
	case 'o':
		*conv = STP_FMT_OCTAL;
		return 1;
	case 'x':
		*conv = STP_FMT_HEX;
		return 1;
	case 'X':
		*conv = STP_FMT_HEX_UPPER;
		return 1;
	case 'p':
		*conv = STP_FMT_POINTER;
		return 1;
	case 's':
		*conv = STP_FMT_STRING;
		return 1;
	case 'c':
		*conv = STP_FMT_CHAR;
		return 1;
	case 'b':
		*conv = STP_FMT_BINARY;
		return 1;
	case 'm':
		*conv = STP_FMT_MEMORY;
		return 1;
	case 'M':
		*conv = STP_FMT_MEMORY_HEX;
		return 1;
	default:
		return 0;
	}
}

static unsigned _stp_fmt_flag(char c)
{
	switch (c) {
	case '-':
		return STP_FMT_F_LEFT;
	case '+':
		return STP_FMT_F_PLUS;
	case ' ':
		return STP_FMT_F_SPACE;
	case '#':
		return STP_FMT_F_ALT;
	case '0':
		return STP_FMT_F_ZERO;
	default:
		return 0;
	}
}

/* A directive starting at fmt[start] == '%'. */
static int _stp_fmt_directive(const char *fmt, size_t len, size_t start,
			      struct _stp_fmt_spec *spec,
			      struct _stp_fmt_error *err)
{
	size_t i = start + 1;

	spec->flags = 0;
	spec->width = STP_FMT_NONE;
	spec->prec = STP_FMT_NONE;
	spec->start = start;

	/* A lone '%' at the very end has no conversion at all. */
	if (i == len)
		return _stp_fmt_fail(err, STP_FMT_MSG_BAD_CONVERSION, i, start);

	if (fmt[i] == '%') {
		spec->conv = STP_FMT_PERCENT;
		spec->end = i + 1;
		return 1;
	}

	/* One flag at most. */
	spec->flags = _stp_fmt_flag(fmt[i]);
	if (spec->flags)
		i++;

	if (i < len && fmt[i] == '*') {
		spec->width = STP_FMT_STAR;
		i++;
	} else if (i < len && _stp_fmt_isdigit(fmt[i])) {
		spec->width = _stp_fmt_number(fmt, len, &i);
	}

	if (i < len && fmt[i] == '.') {
		i++;
		if (i < len && fmt[i] == '*') {
			spec->prec = STP_FMT_STAR;
			i++;
		} else {
			spec->prec = _stp_fmt_number(fmt, len, &i);
		}
	}

	if (i < len && fmt[i] == 'l')
		i++;

	if (i == len)
		return _stp_fmt_fail(err, STP_FMT_MSG_INCOMPLETE, i, start);
	if (!_stp_fmt_conversion(fmt[i], &spec->conv))
		return _stp_fmt_fail(err, STP_FMT_MSG_BAD_CONVERSION, i, start);
	spec->end = i + 1;
	return 1;
}

int _stp_fmt_next(const char *fmt, size_t len, size_t *pos,
		  struct _stp_fmt_spec *spec, struct _stp_fmt_error *err)
{
	size_t i = *pos;
	int rc;

	if (i >= len)
		return 0;

	if (fmt[i] != '%') {
		spec->conv = STP_FMT_LITERAL;
		spec->flags = 0;
		spec->width = STP_FMT_NONE;
		spec->prec = STP_FMT_NONE;
		spec->start = i;
		while (i < len && fmt[i] != '%')
			i++;
		spec->end = i;
		*pos = i;
		return 1;
	}

	rc = _stp_fmt_directive(fmt, len, i, spec, err);
	if (rc > 0)
		*pos = spec->end;
	return rc;
}

int _stp_fmt_spec_args(const struct _stp_fmt_spec *spec, unsigned char kinds[3])
{
	int n = 0;

	if (spec->conv == STP_FMT_LITERAL || spec->conv == STP_FMT_PERCENT)
		return 0;
	if (spec->width == STP_FMT_STAR)
		kinds[n++] = STP_FMT_ARG_LONG;
	if (spec->prec == STP_FMT_STAR)
		kinds[n++] = STP_FMT_ARG_LONG;
	kinds[n++] = spec->conv == STP_FMT_STRING ? STP_FMT_ARG_STRING :
						    STP_FMT_ARG_LONG;
	return n;
}

int _stp_fmt_check(const char *fmt, size_t len, unsigned char *kinds,
		   size_t max_kinds, size_t *nkinds, struct _stp_fmt_error *err)
{
	struct _stp_fmt_spec spec;
	unsigned char k[3];
	size_t pos = 0, count = 0;
	int rc, n, j;

	while ((rc = _stp_fmt_next(fmt, len, &pos, &spec, err)) > 0) {
		n = _stp_fmt_spec_args(&spec, k);
		for (j = 0; j < n; j++, count++)
			if (count < max_kinds)
				kinds[count] = k[j];
	}
	if (nkinds)
		*nkinds = count;
	return rc < 0 ? -1 : 0;
}
