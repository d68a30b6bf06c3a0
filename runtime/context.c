/*
 * context.c - the per-probe context and run-time errors.
 */
#include "context.h"
#include "printf.h"
#include "string.h"

void _stp_ctx_start(struct _stp_context *c, const char *probe_point,
		    int64_t maxaction)
{
	c->probe_point = probe_point;
	c->last_stmt = NULL;
	c->last_error = NULL;
	c->error_fatal = false;
	c->actionremaining = maxaction;
	c->nesting = 0;
	c->error_buffer[0] = '\0';
}

void _stp_ctx_error(struct _stp_context *c, const char *msg)
{
	if (!c->last_error)
		c->last_error = msg;
}

void _stp_ctx_fatal(struct _stp_context *c, const char *msg)
{
	if (!c->last_error) {
		c->last_error = msg;
		c->error_fatal = true;
	}
}

void _stp_ctx_errorf(struct _stp_context *c, const char *fmt, ...)
{
	struct _stp_buf b;
	va_list ap;

	if (c->last_error)
		return;
	_stp_buf_init(&b, c->error_buffer, sizeof(c->error_buffer));
	va_start(ap, fmt);
	if (_stp_vprintf(&b, NULL, fmt, ap))
		_stp_strlcpy(c->error_buffer, fmt, sizeof(c->error_buffer));
	va_end(ap);
	c->last_error = c->error_buffer;
}

void _stp_ctx_error_array_full(struct _stp_context *c, uint32_t max_entries,
			       bool declared_size)
{
	if (declared_size)
		_stp_ctx_errorf(c, "Array overflow, check size limit (%d)",
				(int64_t)max_entries);
	else
		_stp_ctx_error(c, STP_MSG_ARRAY_FULL);
}

bool _stp_ctx_catch(struct _stp_context *c, char *msg)
{
	if (!c->last_error || c->error_fatal)
		return false;
	if (msg)
		_stp_strlcpy(msg, c->last_error, MAXSTRINGLEN);
	c->last_error = NULL;
	return true;
}

int64_t _stp_ctx_div(struct _stp_context *c, int64_t a, int64_t b)
{
	if (unlikely(b == 0)) {
		_stp_ctx_error(c, STP_MSG_DIV0);
		return 0;
	}
	if (unlikely(b == -1))
		return (int64_t)(0 - (uint64_t)a);
	return _stp_div_s64(a, b);
}

int64_t _stp_ctx_mod(struct _stp_context *c, int64_t a, int64_t b)
{
	if (unlikely(b == 0)) {
		_stp_ctx_error(c, STP_MSG_DIV0);
		return 0;
	}
	if (unlikely(b == -1))
		return 0;
	return _stp_rem_s64(a, b);
}

void _stp_ctx_format_error(const struct _stp_context *c, struct _stp_buf *out)
{
	if (!c->last_error)
		return;
	_stp_buf_puts(out, "ERROR: ");
	_stp_buf_puts(out, c->last_error);
	if (c->last_stmt) {
		_stp_buf_puts(out, " near ");
		_stp_buf_puts(out, c->last_stmt);
	}
	_stp_buf_putc(out, '\n');
}

bool _stp_session_error(struct _stp_session_counts *s)
{
	return _stp_atomic_inc_return(&s->errors) > MAXERRORS;
}

bool _stp_session_skipped(struct _stp_session_counts *s,
			  enum _stp_skip_reason why)
{
	_stp_atomic_inc_return(why == STP_SKIP_LOCK ? &s->skipped_lock
			       : why == STP_SKIP_MISSED ? &s->skipped_missed
						       : &s->skipped_reentrant);
	return _stp_atomic_inc_return(&s->skipped) > MAXSKIPPED;
}

static void _stp_skip_reason_line(struct _stp_buf *out, const char *why,
				  int n)
{
	if (!n)
		return;
	_stp_buf_puts(out, "WARNING: Skipped due to ");
	_stp_buf_puts(out, why);
	_stp_buf_puts(out, ": ");
	_stp_buf_put_long(out, n);
	_stp_buf_putc(out, '\n');
}

void _stp_session_format_counts(struct _stp_session_counts *s,
				struct _stp_buf *out)
{
	int errors = _stp_atomic_read(&s->errors);
	int skipped = _stp_atomic_read(&s->skipped);

	if (!errors && !skipped)
		return;
	_stp_skip_reason_line(out, "global lock timeout",
			      _stp_atomic_read(&s->skipped_lock));
	_stp_skip_reason_line(out, "reentrancy",
			      _stp_atomic_read(&s->skipped_reentrant));
	_stp_skip_reason_line(out, "missed kprobe hits",
			      _stp_atomic_read(&s->skipped_missed));
	_stp_buf_puts(out, "WARNING: Number of errors: ");
	_stp_buf_put_long(out, errors);
	_stp_buf_puts(out, ", skipped probes: ");
	_stp_buf_put_long(out, skipped);
	_stp_buf_putc(out, '\n');
}
