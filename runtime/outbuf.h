/*
 * outbuf.h - a bounded output buffer.
 *
 * Everything the runtime formats (printf, print of values, histograms) goes
 * into a struct _stp_buf: a caller-owned byte array that is never overrun.
 * Output past the end is dropped and remembered in ->truncated.  The text is
 * kept NUL-terminated, so a buffer of MAXSTRINGLEN bytes is exactly a script
 * string (sprintf); binary output (%b, %c of 0) may contain NUL bytes, so
 * transports use ->len, not strlen.
 */
#ifndef _STP_RUNTIME_OUTBUF_H_
#define _STP_RUNTIME_OUTBUF_H_

#include "platform.h"

struct _stp_buf {
	char *data;
	size_t size;		/* bytes of data[], including the NUL */
	size_t len;		/* bytes written, excluding the NUL */
	bool truncated;		/* some output did not fit */
};

/* Use mem[0..size) as an empty buffer (size 0 is allowed: drops all). */
void _stp_buf_init(struct _stp_buf *b, char *mem, size_t size);
/* Forget the contents, keep the memory. */
void _stp_buf_reset(struct _stp_buf *b);
/* Bytes that can still be written. */
size_t _stp_buf_room(const struct _stp_buf *b);

void _stp_buf_putc(struct _stp_buf *b, char c);
void _stp_buf_write(struct _stp_buf *b, const void *p, size_t n);
void _stp_buf_puts(struct _stp_buf *b, const char *s);
/* n copies of c. */
void _stp_buf_fill(struct _stp_buf *b, char c, size_t n);

/* print() of a long and of a string. */
void _stp_buf_put_long(struct _stp_buf *b, int64_t v);
void _stp_buf_put_ulong(struct _stp_buf *b, uint64_t v);

#endif /* _STP_RUNTIME_OUTBUF_H_ */
