/*
 * outbuf.c - a bounded output buffer.
 */
#include "outbuf.h"

void _stp_buf_init(struct _stp_buf *b, char *mem, size_t size)
{
	b->data = mem;
	b->size = size;
	_stp_buf_reset(b);
}

void _stp_buf_reset(struct _stp_buf *b)
{
	b->len = 0;
	b->truncated = false;
	if (b->size)
		b->data[0] = '\0';
}

size_t _stp_buf_room(const struct _stp_buf *b)
{
	return b->size ? b->size - 1 - b->len : 0;
}

void _stp_buf_write(struct _stp_buf *b, const void *p, size_t n)
{
	size_t room = _stp_buf_room(b);

	if (n > room) {
		n = room;
		b->truncated = true;
	}
	if (n) {
		memcpy(b->data + b->len, p, n);
		b->len += n;
		b->data[b->len] = '\0';
	}
}

void _stp_buf_putc(struct _stp_buf *b, char c)
{
	_stp_buf_write(b, &c, 1);
}

void _stp_buf_puts(struct _stp_buf *b, const char *s)
{
	_stp_buf_write(b, s, strlen(s));
}

void _stp_buf_fill(struct _stp_buf *b, char c, size_t n)
{
	size_t room = _stp_buf_room(b);

	if (n > room) {
		n = room;
		b->truncated = true;
	}
	if (n) {
		memset(b->data + b->len, c, n);
		b->len += n;
		b->data[b->len] = '\0';
	}
}

void _stp_buf_put_ulong(struct _stp_buf *b, uint64_t v)
{
	char tmp[24];
	int i = sizeof(tmp);

	do {
		tmp[--i] = (char)('0' + (int)_stp_rem_u64(v, 10));
		v = _stp_div_u64(v, 10);
	} while (v);
	_stp_buf_write(b, tmp + i, sizeof(tmp) - i);
}

void _stp_buf_put_long(struct _stp_buf *b, int64_t v)
{
	if (v < 0) {
		_stp_buf_putc(b, '-');
		/* Negate in unsigned arithmetic: INT64_MIN has no positive twin. */
		_stp_buf_put_ulong(b, 0 - (uint64_t)v);
	} else {
		_stp_buf_put_ulong(b, (uint64_t)v);
	}
}
