/*
 * A hand-written module in the shape pass 3 will generate, for the staprun
 * guest test: begin prints "hello world", warns and calls exit(); end
 * prints a goodbye and 200 numbered lines (several records); module
 * parameter msg=... changes the greeting's suffix; autoexit=0 leaves out
 * the exit() (the run then ends on staprun's SIGINT/SIGTERM or -c CMD).
 */
#include <linux/module.h>
#include <linux/init.h>
#include <linux/preempt.h>

#include "runtime/runtime.h"
#include "runtime/linux/transport/transport.h"

static char msg[MAXSTRINGLEN] = "";
module_param_string(msg, msg, sizeof(msg), 0);
static int autoexit = 1;
module_param(autoexit, int, 0);

static int hello_start(void)
{
	struct _stp_buf *b;

	preempt_disable();
	b = _stp_print_buf();
	_stp_printf(b, NULL, "hello world%s\n", msg);
	_stp_print_flush();
	preempt_enable();
	_stp_warn("a warning from begin");
	if (autoexit)
		_stp_request_exit();
	return 0;
}

static void hello_stop(void)
{
	int64_t i;

	preempt_disable();
	_stp_print("end probe ran\n");
	for (i = 1; i <= 200; i++) {
		_stp_printf(_stp_print_buf(), NULL, "line %d target=%d\n", i,
			    (int64_t)_stp_target);
		_stp_print_flush();
	}
	preempt_enable();
}

static const struct _stp_session_ops hello_ops = {
	.start = hello_start,
	.stop = hello_stop,
};

static int __init hello_init(void)
{
	return _stp_transport_init(&hello_ops);
}

static void __exit hello_exit(void)
{
	_stp_transport_exit();
}

module_init(hello_init);
module_exit(hello_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("cxxtap staprun guest test");
