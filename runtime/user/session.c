/*
 * user/session.c - the user-space session (--runtime=user): runs a
 * generated script's probes in one process, the way a loaded module and
 * stapio would.
 *
 * Order: begin probes by sequence number, then timer probes (real sleeps)
 * until exit(), a signal or too many errors, then end probes (error probes
 * instead when the session ends because of errors).  Each handler's output
 * is flushed to stdout (or the -o file) after it returns; run-time errors
 * go to stderr as "ERROR: msg near ...".  The exit status is 1 after
 * errors, else 0.
 *
 * Command line: SCRIPT [-o FILE] [NAME=VALUE...] (the -G settings)
 */
#include "../session/session.h"
#include "kcompat.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#define STP_USER_OUTBUF (1 << 20)

static char _stp_out_mem[STP_USER_OUTBUF];
static struct _stp_buf _stp_out;
static FILE *_stp_out_file;
static volatile sig_atomic_t _stp_signalled;
static int _stp_state = STP_SESSION_STARTING;
static bool _stp_exit_requested;
static struct _stp_session_counts _stp_counts;

struct _stp_buf *_stp_output(void)
{
	return &_stp_out;
}

void _stp_print_flush(void)
{
	if (_stp_out.len)
		fwrite(_stp_out.data, 1, _stp_out.len, _stp_out_file);
	fflush(_stp_out_file);
	_stp_buf_reset(&_stp_out);
}

void _stp_exit(void)
{
	_stp_exit_requested = true;
	if (_stp_state == STP_SESSION_STARTING ||
	    _stp_state == STP_SESSION_RUNNING)
		_stp_state = STP_SESSION_STOPPING;
}

void _stp_session_printf(const char *fmt, ...)
{
	char tmp[MAXSTRINGLEN * 2];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n > 0)
		_stp_buf_write(&_stp_out, tmp,
			       (size_t)n < sizeof(tmp) ? (size_t)n :
							 sizeof(tmp) - 1);
}

void _stp_warn(const char *fmt, ...)
{
	va_list ap;

	_stp_print_flush();
	fputs("WARNING: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void _stp_system(const char *cmd)
{
	_stp_print_flush();
	if (system(cmd) < 0)
		_stp_warn("system(\"%s\") failed", cmd);
}

void _stp_ctx_cerrorf(struct _stp_context *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->error_buffer, sizeof(c->error_buffer), fmt, ap);
	va_end(ap);
	_stp_ctx_error(c, c->error_buffer);
}

/* Run one handler and report its error, if any. */
static void _stp_run(const struct _stp_probe_desc *p, int64_t maxaction)
{
	static struct _stp_probe_ctx pc;
	char msg[MAXSTRINGLEN * 2];
	struct _stp_buf b;

	memset(&pc, 0, sizeof(pc));
	_stp_ctx_start(&pc.ctx, p->pp, maxaction);
	pc.probe_point = p->pp;
	pc.probe_name = p->pn;
	pc.probe_type = p->kind == STP_PROBE_TIMER ? "timer" : "begin";
	p->handler(&pc);
	_stp_print_flush();
	if (pc.lock_timeout) {
		if (_stp_session_skipped(&_stp_counts, STP_SKIP_LOCK)) {
			_stp_state = STP_SESSION_ERROR;
			_stp_exit_requested = true;
		}
		return;
	}
	if (!pc.ctx.last_error || pc.aborted)
		return;
	_stp_buf_init(&b, msg, sizeof(msg));
	_stp_ctx_format_error(&pc.ctx, &b);
	fwrite(b.data, 1, b.len, stderr);
	fflush(stderr);
	if (_stp_session_error(&_stp_counts)) {
		_stp_state = STP_SESSION_ERROR;
		_stp_exit_requested = true;
	}
}

/* The probes of one kind, stably ordered by sequence number. */
static void _stp_run_kind(enum _stp_probe_kind kind, int state)
{
	size_t i, j, n = 0;
	const struct _stp_probe_desc **v;

	v = calloc(_stp_probe_count + 1, sizeof(*v));
	if (!v)
		return;
	for (i = 0; i < _stp_probe_count; i++)
		if (_stp_probe_table[i].kind == kind)
			v[n++] = &_stp_probe_table[i];
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && v[j - 1]->sequence > v[j]->sequence; j--) {
			const struct _stp_probe_desc *t = v[j];

			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	for (i = 0; i < n && _stp_state == state; i++)
		_stp_run(v[i], MAXACTION_INTERRUPTIBLE);
	free(v);
}

/* -G NAME=VALUE: set a scalar global; -1 when there is no such global, -2
 * when VALUE is not a number for a long one (the kernel's module parameter
 * refuses it the same way, and the module does not load). */
static int _stp_set_global(const char *setting)
{
	const char *eq = strchr(setting, '=');
	size_t i, n;

	if (!eq)
		return -1;
	n = (size_t)(eq - setting);
	for (i = 0; i < _stp_global_count; i++) {
		const struct _stp_global_desc *g = &_stp_global_table[i];

		if (strlen(g->name) != n || strncmp(g->name, setting, n) != 0)
			continue;
		if (g->num) {
			if (_stp_str_to_number(eq + 1, g->num) != 0)
				return -2;
		} else
			_stp_str_copy(g->str, eq + 1);
		return 0;
	}
	return -1;
}

static void _stp_on_signal(int sig)
{
	(void)sig;
	_stp_signalled = 1;
}

static int64_t _stp_next_interval(const struct _stp_probe_desc *p)
{
	int64_t ns = p->interval_ns;

	if (p->randomize_ns > 0)
		ns += (int64_t)(random() % (2 * p->randomize_ns + 1)) -
		      p->randomize_ns;
	return ns > 0 ? ns : 1;
}

/* Timers until exit(), a signal or too many errors. */
static void _stp_run_timers(void)
{
	size_t i, ntimers = 0;
	uint64_t *due = calloc(_stp_probe_count + 1, sizeof(*due));
	uint64_t now = _stp_time_ns();

	if (!due)
		return;
	for (i = 0; i < _stp_probe_count; i++)
		if (_stp_probe_table[i].kind == STP_PROBE_TIMER) {
			due[i] = now + _stp_next_interval(&_stp_probe_table[i]);
			ntimers++;
		}
	while (_stp_state == STP_SESSION_RUNNING && !_stp_signalled) {
		uint64_t next = UINT64_MAX;
		size_t which = 0;

		for (i = 0; i < _stp_probe_count; i++)
			if (_stp_probe_table[i].kind == STP_PROBE_TIMER &&
			    due[i] < next) {
				next = due[i];
				which = i;
			}
		if (!ntimers) {
			pause();
			continue;
		}
		now = _stp_time_ns();
		if (next > now) {
			struct timespec ts;
			uint64_t d = next - now;

			ts.tv_sec = (time_t)(d / 1000000000u);
			ts.tv_nsec = (long)(d % 1000000000u);
			nanosleep(&ts, NULL);
			continue;
		}
		due[which] = next + _stp_next_interval(&_stp_probe_table[which]);
		_stp_run(&_stp_probe_table[which], MAXACTION);
	}
	free(due);
}

int main(int argc, char **argv)
{
	struct sigaction sa;
	int i;

	_stp_out_file = stdout;
	for (i = 1; i + 1 < argc; i++)
		if (strcmp(argv[i], "-o") == 0) {
			_stp_out_file = fopen(argv[++i], "w");
			if (!_stp_out_file) {
				fprintf(stderr, "ERROR: cannot open %s\n",
					argv[i]);
				return 1;
			}
		}
	_stp_pid = getpid();
	_stp_buf_init(&_stp_out, _stp_out_mem, sizeof(_stp_out_mem));
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = _stp_on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	if (_stp_script_init() != 0) {
		fprintf(stderr, "ERROR: couldn't initialize the session\n");
		return 1;
	}
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-o") == 0) {
			i++;
			continue;
		}
		switch (_stp_set_global(argv[i])) {
		case -1:
			fprintf(stderr, "ERROR: no global variable to set for '%s'\n",
				argv[i]);
			return 1;
		case -2:
			fprintf(stderr, "ERROR: '%s': the value is not a number\n",
				argv[i]);
			return 1;
		}
	}

	_stp_run_kind(STP_PROBE_BEGIN, STP_SESSION_STARTING);
	if (_stp_state == STP_SESSION_STARTING)
		_stp_state = STP_SESSION_RUNNING;
	_stp_run_timers();
	if (_stp_state == STP_SESSION_RUNNING)
		_stp_state = STP_SESSION_STOPPING;
	if (_stp_state == STP_SESSION_STOPPING)
		_stp_run_kind(STP_PROBE_END, STP_SESSION_STOPPING);
	if (_stp_state == STP_SESSION_ERROR)
		_stp_run_kind(STP_PROBE_ERROR, STP_SESSION_ERROR);

	_stp_print_flush();
	_stp_script_exit();
	if (_stp_out_file != stdout)
		fclose(_stp_out_file);
	_stp_buf_init(&_stp_out, _stp_out_mem, sizeof(_stp_out_mem));
	_stp_session_format_counts(&_stp_counts, &_stp_out);
	fwrite(_stp_out.data, 1, _stp_out.len, stderr);
	return _stp_out.len ? 1 : 0;
}
