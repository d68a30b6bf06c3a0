/*
 * printf.c - printf of the script language into a bounded buffer.
 */
#include "printf.h"

/* ---- integers ----------------------------------------------------------- */

/* Digits of v in base (8, 10 or 16), most significant first, into tmp
 * (which holds 24 bytes); returns the count (0 for v == 0). */
static int _stp_fmt_digits(char *tmp, uint64_t v, unsigned base, bool upper)
{
	const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char rev[24];
	int n = 0, i;

	while (v) {
		rev[n++] = set[_stp_rem_u64(v, base)];
		v = _stp_div_u64(v, base);
	}
	for (i = 0; i < n; i++)
		tmp[i] = rev[n - 1 - i];
	return n;
}

/* Lay out [sign][prefix][zeros][digits] in a field of width. */
static void _stp_fmt_number_field(struct _stp_buf *out, unsigned flags,
				  int width, int prec, const char *sign,
				  const char *prefix, const char *digits,
				  int ndigits)
{
	size_t nsign = strlen(sign), npre = strlen(prefix);
	size_t zeros = prec > ndigits ? (size_t)(prec - ndigits) : 0;
	size_t body = nsign + npre + zeros + ndigits;
	size_t pad = width > 0 && (size_t)width > body ? width - body : 0;

	if (flags & STP_FMT_F_LEFT) {
		_stp_buf_puts(out, sign);
		_stp_buf_puts(out, prefix);
		_stp_buf_fill(out, '0', zeros);
		_stp_buf_write(out, digits, ndigits);
		_stp_buf_fill(out, ' ', pad);
		return;
	}
	/* '0' pads with zeros, unless a precision was given. */
	if ((flags & STP_FMT_F_ZERO) && prec < 0) {
		_stp_buf_puts(out, sign);
		_stp_buf_puts(out, prefix);
		_stp_buf_fill(out, '0', pad + zeros);
	} else {
		_stp_buf_fill(out, ' ', pad);
		_stp_buf_puts(out, sign);
		_stp_buf_puts(out, prefix);
		_stp_buf_fill(out, '0', zeros);
	}
	_stp_buf_write(out, digits, ndigits);
}

static void _stp_fmt_integer(struct _stp_buf *out, enum _stp_fmt_conv conv,
			     unsigned flags, int width, int prec, int64_t v)
{
	char digits[24];
	const char *sign = "", *prefix = "";
	uint64_t mag = (uint64_t)v;
	unsigned base = 10;
	bool upper = false;
	int n;

	switch (conv) {
	case STP_FMT_SIGNED:
		if (v < 0) {
			sign = "-";
			mag = 0 - (uint64_t)v;
		} else if (flags & STP_FMT_F_PLUS) {
			sign = "+";
		} else if (flags & STP_FMT_F_SPACE) {
			sign = " ";
		}
		break;
	case STP_FMT_OCTAL:
		base = 8;
		break;
	case STP_FMT_HEX_UPPER:
		upper = true;
		fallthrough;
	case STP_FMT_HEX:
		base = 16;
		if ((flags & STP_FMT_F_ALT) && mag)
			prefix = upper ? "0X" : "0x";
		break;
	case STP_FMT_POINTER:
		base = 16;
		prefix = "0x";
		break;
	default:
		break;
	}

	n = _stp_fmt_digits(digits, mag, base, upper);
	/* The default precision is 1: zero prints as "0", except for "%.0d". */
	if (prec < 0 && n == 0)
		digits[n++] = '0';
	/* '#' for octal: the first digit is a 0. */
	if (conv == STP_FMT_OCTAL && (flags & STP_FMT_F_ALT) &&
	    (n == 0 || digits[0] != '0') && prec <= n)
		prec = n + 1;
	_stp_fmt_number_field(out, flags, width, prec, sign, prefix, digits, n);
}

/* ---- characters ---------------------------------------------------------- */

int _stp_char_escape(char out[5], unsigned char c)
{
	char e = 0;

	switch (c) {
	case '\a':
		e = 'a';
		break;
	case '\b':
		e = 'b';
		break;
	case '\f':
		e = 'f';
		break;
	case '\n':
		e = 'n';
		break;
	case '\r':
		e = 'r';
		break;
	case '\t':
		e = 't';
		break;
	case '\v':
		e = 'v';
		break;
	case '"':
	case '\\':
		e = (char)c;
		break;
	default:
		break;
	}
	if (e) {
		out[0] = '\\';
		out[1] = e;
		out[2] = '\0';
		return 2;
	}
	if (c >= 32 && c < 127) {
		out[0] = (char)c;
		out[1] = '\0';
		return 1;
	}
	out[0] = '\\';
	out[1] = (char)('0' + ((c >> 6) & 7));
	out[2] = (char)('0' + ((c >> 3) & 7));
	out[3] = (char)('0' + (c & 7));
	out[4] = '\0';
	return 4;
}

static void _stp_fmt_field(struct _stp_buf *out, unsigned flags, int width,
			   const char *text, size_t n)
{
	size_t pad = width > 0 && (size_t)width > n ? width - n : 0;

	if (!(flags & STP_FMT_F_LEFT))
		_stp_buf_fill(out, ' ', pad);
	_stp_buf_write(out, text, n);
	if (flags & STP_FMT_F_LEFT)
		_stp_buf_fill(out, ' ', pad);
}

static void _stp_fmt_char(struct _stp_buf *out, unsigned flags, int width,
			  int64_t v)
{
	char text[5];
	size_t n = 1;

	if (flags & STP_FMT_F_ALT)
		n = _stp_char_escape(text, (unsigned char)v);
	else
		text[0] = (char)(unsigned char)v;
	_stp_fmt_field(out, flags, width, text, n);
}

/* ---- %b ------------------------------------------------------------------ */

static void _stp_fmt_binary(struct _stp_buf *out, int width, int64_t v)
{
	union {
		int64_t v64;
		int32_t v32;
		int16_t v16;
		int8_t v8;
	} u;

	switch (width) {
	case 1:
		u.v8 = (int8_t)v;
		break;
	case 2:
		u.v16 = (int16_t)v;
		break;
	case 4:
		u.v32 = (int32_t)v;
		break;
	default:
		width = 8;
		u.v64 = v;
		break;
	}
	_stp_buf_write(out, &u, width);
}

/* ---- entry points ---------------------------------------------------------- */

/* A resolved width below zero left-justifies (as a negative '*' width does
 * in C); a precision below zero means none. */
static void _stp_fmt_normalize(unsigned *flags, int *width, int *prec)
{
	if (*width < 0) {
		*flags |= STP_FMT_F_LEFT;
		*width = *width < -STP_FMT_MAX_NUMBER ? STP_FMT_MAX_NUMBER :
			 -*width;
	}
	if (*prec < 0)
		*prec = -1;
}

void _stp_fmt_long(struct _stp_buf *out, const struct _stp_fmt_spec *spec,
		   int width, int prec, int64_t v)
{
	unsigned flags = spec->flags;

	_stp_fmt_normalize(&flags, &width, &prec);
	switch (spec->conv) {
	case STP_FMT_CHAR:
		_stp_fmt_char(out, flags, width, v);
		break;
	case STP_FMT_BINARY:
		_stp_fmt_binary(out, width, v);
		break;
	case STP_FMT_SIGNED:
	case STP_FMT_UNSIGNED:
	case STP_FMT_OCTAL:
	case STP_FMT_HEX:
	case STP_FMT_HEX_UPPER:
	case STP_FMT_POINTER:
		_stp_fmt_integer(out, spec->conv, flags, width, prec, v);
		break;
	default:
		break;
	}
}

void _stp_fmt_string(struct _stp_buf *out, const struct _stp_fmt_spec *spec,
		     int width, int prec, const char *s)
{
	unsigned flags = spec->flags;
	size_t n;

	_stp_fmt_normalize(&flags, &width, &prec);
	if (!s)
		s = "";
	n = prec >= 0 ? strnlen(s, prec) : strlen(s);
	_stp_fmt_field(out, flags, width, s, n);
}

int _stp_fmt_memory(struct _stp_buf *out, const struct _stp_fmt_spec *spec,
		    int width, int prec, unsigned long addr,
		    unsigned long *fault_addr)
{
	static const char hex[] = "0123456789abcdef";
	unsigned flags = spec->flags;
	bool as_hex = spec->conv == STP_FMT_MEMORY_HEX;
	size_t saved_len = out->len, nbytes, room, done, chunk, i, textlen, pad;
	unsigned char bytes[64];
	char text[2 * sizeof(bytes)];
	int rc;

	_stp_fmt_normalize(&flags, &width, &prec);
	nbytes = prec >= 0 ? (size_t)prec : 1;
	/* Reading what cannot be written is pointless. */
	room = _stp_buf_room(out);
	if (nbytes > (as_hex ? room / 2 + 1 : room + 1))
		nbytes = as_hex ? room / 2 + 1 : room + 1;
	textlen = as_hex ? 2 * nbytes : nbytes;
	pad = width > 0 && (size_t)width > textlen ? width - textlen : 0;

	if (!(flags & STP_FMT_F_LEFT))
		_stp_buf_fill(out, ' ', pad);
	for (done = 0; done < nbytes; done += chunk) {
		chunk = nbytes - done;
		if (chunk > sizeof(bytes))
			chunk = sizeof(bytes);
		if (flags & STP_FMT_F_ALT)
			rc = _stp_read_user(bytes, addr + done, chunk);
		else
			rc = _stp_read_kernel(bytes, addr + done, chunk);
		if (rc) {
			if (fault_addr)
				*fault_addr = addr + done;
			out->len = saved_len;
			if (out->size)
				out->data[saved_len] = '\0';
			return -EFAULT;
		}
		if (as_hex) {
			for (i = 0; i < chunk; i++) {
				text[2 * i] = hex[bytes[i] >> 4];
				text[2 * i + 1] = hex[bytes[i] & 15];
			}
			_stp_buf_write(out, text, 2 * chunk);
		} else {
			_stp_buf_write(out, bytes, chunk);
		}
	}
	if (flags & STP_FMT_F_LEFT)
		_stp_buf_fill(out, ' ', pad);
	return 0;
}

static int _stp_fmt_clamp(int64_t v)
{
	if (v > STP_FMT_MAX_NUMBER)
		return STP_FMT_MAX_NUMBER;
	if (v < -STP_FMT_MAX_NUMBER)
		return -STP_FMT_MAX_NUMBER;
	return (int)v;
}

/* Where the arguments of a run-time printf come from. */
struct _stp_fmt_source {
	const union _stp_fmt_value *args;	/* array form, or NULL */
	size_t nargs, next;
	va_list *ap;				/* varargs form */
};

static int _stp_fmt_take(struct _stp_fmt_source *src, unsigned char kind,
			 union _stp_fmt_value *v)
{
	if (src->args) {
		if (src->next >= src->nargs)
			return -EINVAL;
		*v = src->args[src->next++];
		return 0;
	}
	if (kind == STP_FMT_ARG_STRING)
		v->s = va_arg(*src->ap, const char *);
	else
		v->n = va_arg(*src->ap, int64_t);
	src->next++;
	return 0;
}

static int _stp_fmt_run(struct _stp_buf *out, const char *fmt, size_t len,
			struct _stp_fmt_source *src, unsigned long *fault_addr)
{
	struct _stp_fmt_spec spec;
	union _stp_fmt_value v = { .n = 0 };
	unsigned char kinds[3];
	size_t pos = 0;
	int rc, width, prec, n, k;

	while ((rc = _stp_fmt_next(fmt, len, &pos, &spec, NULL)) > 0) {
		if (spec.conv == STP_FMT_LITERAL) {
			_stp_buf_write(out, fmt + spec.start,
				       spec.end - spec.start);
			continue;
		}
		if (spec.conv == STP_FMT_PERCENT) {
			_stp_buf_putc(out, '%');
			continue;
		}
		n = _stp_fmt_spec_args(&spec, kinds);
		width = _stp_fmt_spec_width(&spec);
		prec = _stp_fmt_spec_prec(&spec);
		for (k = 0; k < n; k++) {
			if (_stp_fmt_take(src, kinds[k], &v))
				return -EINVAL;
			if (k == n - 1)
				break;
			if (k == 0 && spec.width == STP_FMT_STAR)
				width = _stp_fmt_clamp(v.n);
			else
				prec = _stp_fmt_clamp(v.n);
		}
		switch (spec.conv) {
		case STP_FMT_STRING:
			_stp_fmt_string(out, &spec, width, prec, v.s);
			break;
		case STP_FMT_MEMORY:
		case STP_FMT_MEMORY_HEX:
			rc = _stp_fmt_memory(out, &spec, width, prec,
					     (unsigned long)v.n, fault_addr);
			if (rc)
				return rc;
			break;
		default:
			_stp_fmt_long(out, &spec, width, prec, v.n);
			break;
		}
	}
	if (rc < 0)
		return -EINVAL;
	if (src->args && src->next != src->nargs)
		return -EINVAL;
	return 0;
}

int _stp_printf_args(struct _stp_buf *out, const char *fmt, size_t fmt_len,
		     const union _stp_fmt_value *args, size_t nargs,
		     unsigned long *fault_addr)
{
	struct _stp_fmt_source src = { .args = args, .nargs = nargs };
	size_t needed;

	/* Check the whole format first, so that a bad one prints nothing. */
	if (_stp_fmt_check(fmt, fmt_len, NULL, 0, &needed, NULL) ||
	    needed != nargs)
		return -EINVAL;
	return _stp_fmt_run(out, fmt, fmt_len, &src, fault_addr);
}

int _stp_vprintf(struct _stp_buf *out, unsigned long *fault_addr,
		 const char *fmt, va_list ap)
{
	struct _stp_fmt_source src = { .args = NULL };
	size_t len = strlen(fmt);
	va_list copy;
	int rc;

	if (_stp_fmt_check(fmt, len, NULL, 0, NULL, NULL))
		return -EINVAL;
	va_copy(copy, ap);
	src.ap = &copy;
	rc = _stp_fmt_run(out, fmt, len, &src, fault_addr);
	va_end(copy);
	return rc;
}

int _stp_printf(struct _stp_buf *out, unsigned long *fault_addr,
		const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = _stp_vprintf(out, fault_addr, fmt, ap);
	va_end(ap);
	return rc;
}

int _stp_sprintf(char *dst, unsigned long *fault_addr, const char *fmt, ...)
{
	struct _stp_buf b;
	va_list ap;
	int rc;

	_stp_buf_init(&b, dst, MAXSTRINGLEN);
	va_start(ap, fmt);
	rc = _stp_vprintf(&b, fault_addr, fmt, ap);
	va_end(ap);
	return rc;
}
