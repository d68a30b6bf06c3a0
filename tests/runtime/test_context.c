/*
 * test_context.c - run-time errors, try/catch and limits (runtime/context.c).
 */
#include "test.h"

static struct _stp_context ctx;

TEST(context_division)
{
	struct _stp_context *c = &ctx;

	_stp_ctx_start(c, "begin", MAXACTION);
	CHECK_EQ(_stp_ctx_div(c, 7, 2), 3);
	CHECK_EQ(_stp_ctx_div(c, -7, 2), -3);
	CHECK_EQ(_stp_ctx_mod(c, -7, 2), -1);
	CHECK_EQ(_stp_ctx_mod(c, 7, -2), 1);
	CHECK_EQ(_stp_ctx_div(c, _STP_S64_MIN, -1), _STP_S64_MIN);
	CHECK_EQ(_stp_ctx_mod(c, _STP_S64_MIN, -1), 0);
	CHECK(c->last_error == NULL);
	CHECK_EQ(_stp_ctx_div(c, 1, 0), 0);
	CHECK_STR(c->last_error, "division by 0");
	/* The first error of a hit is the one kept. */
	_stp_ctx_error(c, "second");
	CHECK_STR(c->last_error, "division by 0");
	CHECK_EQ(_stp_ctx_mod(c, 1, 0), 0);
}

/* A handler as the translator would write it. */
static int64_t handler(struct _stp_context *c, int64_t a, int64_t b,
		       int *reached_end)
{
	int64_t q;

	*reached_end = 0;
	STP_ACTIONS(c, out, 1);
	q = _stp_ctx_div(c, a, b);
	STP_CHECK(c, out);
	*reached_end = 1;
	return q;
out:
	return -1;
}

TEST(context_goto_unwinding)
{
	int end;

	_stp_ctx_start(&ctx, "probe", MAXACTION);
	CHECK_EQ(handler(&ctx, 10, 5, &end), 2);
	CHECK_EQ(end, 1);
	CHECK_EQ(handler(&ctx, 10, 0, &end), -1);
	CHECK_EQ(end, 0);
	CHECK_STR(ctx.last_error, STP_MSG_DIV0);
}

/* try { q = a / b } catch (msg) { q = -2 } ; q += 100 */
static int64_t try_catch(struct _stp_context *c, int64_t a, int64_t b,
			 char *msg)
{
	int64_t q = 0;

	{
		q = _stp_ctx_div(c, a, b);
		STP_CHECK(c, catch_1);
	}
	goto after_1;
catch_1:
	STP_CATCH(c, msg, out);
	q = -2;
after_1:
	q += 100;
	return q;
out:
	return -999;
}

TEST(context_try_catch)
{
	char msg[MAXSTRINGLEN] = "";

	_stp_ctx_start(&ctx, "probe", MAXACTION);
	CHECK_EQ(try_catch(&ctx, 6, 3, msg), 102);
	CHECK_STR(msg, "");
	CHECK_EQ(try_catch(&ctx, 6, 0, msg), 98);
	CHECK_STR(msg, "division by 0");
	CHECK(ctx.last_error == NULL);
	/* catch without a message variable */
	_stp_ctx_error(&ctx, "boom");
	CHECK(_stp_ctx_catch(&ctx, NULL));
	CHECK(!_stp_ctx_catch(&ctx, NULL));
}

TEST(context_maxaction_is_not_catchable)
{
	char msg[MAXSTRINGLEN] = "";
	int n = 0;

	_stp_ctx_start(&ctx, "probe", 3);
	for (;;) {
		STP_ACTIONS(&ctx, out, 1);
		n++;
	}
out:
	CHECK_EQ(n, 3);
	CHECK_STR(ctx.last_error, STP_MSG_MAXACTION);
	CHECK(ctx.error_fatal);
	CHECK(!_stp_ctx_catch(&ctx, msg));
	CHECK_STR(ctx.last_error, "MAXACTION exceeded");
	/* A new hit starts clean. */
	_stp_ctx_start(&ctx, "probe", 3);
	CHECK(ctx.last_error == NULL);
	CHECK(!ctx.error_fatal);
	CHECK_EQ(ctx.actionremaining, 3);
}

static int recurse(struct _stp_context *c, int depth)
{
	int r;

	STP_NEST_ENTER(c, out);
	r = depth < 100 ? recurse(c, depth + 1) : depth;
	STP_NEST_LEAVE(c);
	return r;
out:
	return depth;
}

TEST(context_maxnesting)
{
	_stp_ctx_start(&ctx, "probe", MAXACTION);
	/* MAXNESTING calls may be active; the next one fails. */
	CHECK_EQ(recurse(&ctx, 0), MAXNESTING);
	CHECK_STR(ctx.last_error, "MAXNESTING exceeded");
	CHECK_EQ(ctx.nesting, 0);
}

TEST(context_error_messages)
{
	char mem[256];
	struct _stp_buf out;

	_stp_ctx_start(&ctx, "probe", MAXACTION);
	_stp_ctx_error_array_full(&ctx, 10, true);
	CHECK_STR(ctx.last_error, "Array overflow, check size limit (10)");
	_stp_ctx_start(&ctx, "probe", MAXACTION);
	_stp_ctx_error_array_full(&ctx, MAXMAPENTRIES, false);
	CHECK_STR(ctx.last_error, "Array overflow, check MAXMAPENTRIES");
	_stp_ctx_start(&ctx, "probe", MAXACTION);
	_stp_ctx_errorf(&ctx, "%s read fault at 0x%x", "kernel", (int64_t)0x10);
	CHECK_STR(ctx.last_error, "kernel read fault at 0x10");

	_stp_ctx_start(&ctx, "probe", MAXACTION);
	ctx.last_stmt = "operator '/' at <input>:1:27";
	_stp_ctx_div(&ctx, 1, 0);
	_stp_buf_init(&out, mem, sizeof(mem));
	_stp_ctx_format_error(&ctx, &out);
	CHECK_STR(mem, "ERROR: division by 0 near operator '/' at <input>:1:27\n");
	_stp_ctx_start(&ctx, "probe", MAXACTION);
	_stp_ctx_error(&ctx, STP_MSG_AGG_NOT_FOUND);
	_stp_buf_init(&out, mem, sizeof(mem));
	_stp_ctx_format_error(&ctx, &out);
	CHECK_STR(mem, "ERROR: aggregate element not found\n");
}

TEST(context_session_counts)
{
	struct _stp_session_counts s;
	char mem[256];
	struct _stp_buf out;
	int i, stop_at = -1;

	memset(&s, 0, sizeof(s));
	_stp_buf_init(&out, mem, sizeof(mem));
	_stp_session_format_counts(&s, &out);
	CHECK_EQ(out.len, 0);
	/* MAXERRORS 0: the first error ends the session. */
	CHECK(_stp_session_error(&s) == (MAXERRORS == 0));
	/* MAXSKIPPED 100: the 101st skip does. */
	for (i = 1; i <= MAXSKIPPED + 1 && stop_at < 0; i++)
		if (_stp_session_skipped(&s, i == 1 ? STP_SKIP_REENTRANT
						    : STP_SKIP_LOCK))
			stop_at = i;
	CHECK_EQ(stop_at, MAXSKIPPED + 1);
	_stp_session_format_counts(&s, &out);
	CHECK_STR(mem, "WARNING: Skipped due to global lock timeout: 100\n"
		       "WARNING: Skipped due to reentrancy: 1\n"
		       "WARNING: Number of errors: 1, skipped probes: 101\n");
}

TEST(context_lock_helpers)
{
	_stp_rwlock_t l;

	_stp_rwlock_init(&l);
	CHECK(_stp_read_lock_try(&l));
	CHECK(_stp_read_lock_try(&l));
	/* Shared holders keep a writer out: it gives up. */
	CHECK(!_stp_write_lock_try(&l));
	_stp_read_unlock(&l);
	_stp_read_unlock(&l);
	CHECK(_stp_write_lock_try(&l));
	CHECK(!_stp_read_lock_try(&l));
	_stp_write_unlock(&l);
}
