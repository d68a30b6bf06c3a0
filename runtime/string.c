/*
 * string.c - bounded strings of the script language.
 */
#include "string.h"
#include "printf.h"

size_t _stp_strlcpy(char *dst, const char *src, size_t size)
{
	size_t len;

#ifdef __KERNEL__
	/*
	 * One pass a word at a time when src fits (almost always), instead of
	 * strlen() then memmove(): a copy is on many probe paths (execname(),
	 * string arguments and results).  strscpy copies forwards, which is
	 * only safe when dst does not start inside src.
	 */
	if (size && (dst <= src || dst >= src + size)) {
		ssize_t n = strscpy(dst, src, size);

		if (n >= 0)
			return (size_t)n;
		return size - 1 + strlen(src + size - 1);
	}
#endif
	len = strlen(src);

	if (size) {
		size_t n = len < size - 1 ? len : size - 1;

		memmove(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

size_t _stp_strlcat(char *dst, const char *src, size_t size)
{
	size_t used = strnlen(dst, size);

	if (used == size)
		return size + strlen(src);
	return used + _stp_strlcpy(dst + used, src, size - used);
}

bool _stp_str_copy(char *dst, const char *src)
{
	return _stp_strlcpy(dst, src, MAXSTRINGLEN) >= MAXSTRINGLEN;
}

bool _stp_str_append(char *dst, const char *src)
{
	return _stp_strlcat(dst, src, MAXSTRINGLEN) >= MAXSTRINGLEN;
}

bool _stp_str_concat(char *dst, const char *a, const char *b)
{
	bool cut = false;

	if (dst != a)
		cut = _stp_str_copy(dst, a);
	return _stp_str_append(dst, b) || cut;
}

void _stp_str_from_long(char *dst, int64_t v)
{
	struct _stp_buf b;

	_stp_buf_init(&b, dst, MAXSTRINGLEN);
	_stp_buf_put_long(&b, v);
}

void _stp_str_substr(char *dst, const char *str, int64_t start,
		     int64_t length)
{
	size_t len = strlen(str), n;

	if (start < 0 || length <= 0 || (uint64_t)start >= len) {
		dst[0] = '\0';
		return;
	}
	n = len - (size_t)start;
	if ((uint64_t)length < n)
		n = (size_t)length;
	if (n > MAXSTRINGLEN - 1)
		n = MAXSTRINGLEN - 1;
	memmove(dst, str + start, n);
	dst[n] = '\0';
}

static int _stp_digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

/* _stp_str_to_long, also saying where the digits stopped (*end). */
static int _stp_str_parse_long(const char *str, int64_t base, int64_t *out,
			       const char **end)
{
	const char *p = str;
	bool negative = false;
	uint64_t v = 0;
	int d;

	if (base != 0 && (base < 2 || base > 36))
		return -EINVAL;
	if (*p == '-') {
		negative = true;
		p++;
	}
	if (base == 0) {
		if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X') &&
		    _stp_digit_value(p[2]) < 16) {
			base = 16;
			p += 2;
		} else if (p[0] == '0') {
			base = 8;
		} else {
			base = 10;
		}
	} else if (base == 16 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		p += 2;
	}
	while ((d = _stp_digit_value(*p)) < base) {
		v = v * (uint64_t)base + (uint64_t)d;
		p++;
	}
	*out = (int64_t)(negative ? 0 - v : v);
	*end = p;
	return 0;
}

int _stp_str_to_long(const char *str, int64_t base, int64_t *out)
{
	const char *end;

	return _stp_str_parse_long(str, base, out, &end);
}

int _stp_str_to_number(const char *str, int64_t *out)
{
	const char *end;
	int64_t v;

	if (*str == '+' && *++str == '-')
		return -EINVAL;
	if (_stp_digit_value(str[*str == '-']) >= 10)
		return -EINVAL;
	_stp_str_parse_long(str, 0, &v, &end);
	if (*end == '\n')
		end++;
	if (*end)
		return -EINVAL;
	*out = v;
	return 0;
}

int64_t _stp_str_find(const char *s1, const char *s2)
{
	const char *hit = strstr(s1, s2);

	return hit ? (int64_t)(hit - s1) : -1;
}

int _stp_str_char_at(const char *str, int64_t pos, int64_t *out)
{
	if (pos < 0 || (uint64_t)pos >= strlen(str))
		return -EINVAL;
	*out = (unsigned char)str[pos];
	return 0;
}

void _stp_str_replace(char *dst, const char *str, const char *from,
		      const char *to)
{
	struct _stp_buf b;
	size_t flen = strlen(from), tlen = strlen(to);
	const char *hit;

	/* dst is written through a buffer; it must not alias the inputs. */
	char tmp[MAXSTRINGLEN];

	_stp_buf_init(&b, tmp, sizeof(tmp));
	if (flen == 0) {
		_stp_buf_puts(&b, str);
	} else {
		while ((hit = strstr(str, from)) != NULL) {
			_stp_buf_write(&b, str, hit - str);
			_stp_buf_write(&b, to, tlen);
			str = hit + flen;
		}
		_stp_buf_puts(&b, str);
	}
	memcpy(dst, tmp, b.len + 1);
}

void _stp_str_escape(char *dst, const char *input, int64_t len, bool quoted)
{
	size_t limit = MAXSTRINGLEN - 1, used = 0;
	const unsigned char *p = (const unsigned char *)input;
	char esc[5];
	int n;

	if (len > 0 && (uint64_t)len < limit)
		limit = (size_t)len;
	/* Leave room for the quotes and the "..." after them. */
	if (quoted)
		limit = limit > MAXSTRINGLEN - 1 - 5 ? MAXSTRINGLEN - 1 - 5 : limit;
	if (quoted)
		dst[used++] = '"';
	for (; *p; p++) {
		n = _stp_char_escape(esc, *p);
		if ((size_t)n > limit - (used - (quoted ? 1 : 0)))
			break;
		memcpy(dst + used, esc, n);
		used += n;
	}
	if (quoted) {
		dst[used++] = '"';
		if (*p) {
			memcpy(dst + used, "...", 3);
			used += 3;
		}
	}
	dst[used] = '\0';
}

size_t _stp_escape_text(char *out, size_t outlen, const char *in,
			size_t inlen, bool quoted, bool nul_is_data)
{
	size_t room, used = 0, cut, i, dots;
	char esc[5];
	int n;

	if (outlen == 0)
		return 0;
	room = outlen - 1;
	if (quoted) {
		if (room < 2) {
			out[0] = '\0';
			return 0;
		}
		out[used++] = '"';
	}
	/* Where the text ends if the rest is left out: room for "... after. */
	cut = used;
	for (i = 0; i < inlen && (nul_is_data || in[i]); i++) {
		n = _stp_char_escape(esc, (unsigned char)in[i]);
		if (used + n + (quoted ? 1 : 0) > room)
			break;
		memcpy(out + used, esc, n);
		used += n;
		if (used + 4 <= room)
			cut = used;
	}
	if (quoted) {
		if (i == inlen || (!nul_is_data && !in[i])) {
			out[used++] = '"';
		} else {
			used = cut;
			dots = room - used < 4 ? room - used : 4;
			memcpy(out + used, "\"...", dots);
			used += dots;
		}
	}
	out[used] = '\0';
	return used;
}

int _stp_text_escape(char *out, size_t outlen, const char *in, size_t inlen,
		     int quoted)
{
	return (int)_stp_escape_text(out, outlen < MAXSTRINGLEN ? outlen
							      : MAXSTRINGLEN,
				     in, inlen, quoted != 0, false);
}
