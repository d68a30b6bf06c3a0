/*
 * A hand-written module in the exact shape of pass 3's output (the
 * runtime/session/session.h contract), for the guest test of the kernel
 * session (runtime/linux/session/session.c) independent of pass 3:
 *
 *   global n
 *   probe begin { println("hello world") }
 *   probe timer.ms(20) { n++; if (n == 5) exit() }
 *   probe end { printf("timer fired %d times\n", n) }
 *   probe end(1) { println(10 / (n - 5)) }     <- division by 0: an error
 */
#include "runtime/runtime.h"
#include "runtime/session/tapset.h"

static int64_t g_n;

static void probe_begin(struct _stp_probe_ctx *pc)
{
	_stp_buf_puts(_stp_output(), "hello world\n");
}

static void probe_timer(struct _stp_probe_ctx *pc)
{
	if (++g_n == 5)
		_stp_exit();
}

static void probe_end(struct _stp_probe_ctx *pc)
{
	_stp_session_printf("timer fired %lld times\n", (long long)g_n);
}

static void probe_end1(struct _stp_probe_ctx *pc)
{
	struct _stp_context *c = &pc->ctx;
	int64_t q = _stp_ctx_div(c, 10, g_n - 5);

	STP_CHECK(c, out);
	_stp_buf_put_long(_stp_output(), q);
out:
	return;
}

const struct _stp_probe_desc _stp_probe_table[] = {
	{ .kind = STP_PROBE_END, .sequence = 1, .pp = "end(1)", .pn = "end(1)",
	  .handler = probe_end1 },
	{ .kind = STP_PROBE_BEGIN, .pp = "begin", .pn = "begin",
	  .handler = probe_begin },
	{ .kind = STP_PROBE_TIMER, .interval_ns = 20000000,
	  .pp = "timer.ms(20)", .pn = "timer.ms(20)", .handler = probe_timer },
	{ .kind = STP_PROBE_END, .pp = "end", .pn = "end", .handler = probe_end },
};
const size_t _stp_probe_count = ARRAY_SIZE(_stp_probe_table);
/* The handlers allocate no frames (runtime/frame.h). */
const size_t _stp_frame_arena_size = STP_FRAME_SIZE(0);

int _stp_script_init(void)
{
	g_n = 0;
	return 0;
}

void _stp_script_exit(void)
{
}
