/*
 * main.c - runs every registered runtime test.
 *
 * Usage: runtime_tests [substring]  (only tests whose name contains it)
 */
#include <stdarg.h>
#include <stdlib.h>

#include "test.h"

static struct stp_test *tests;
static int checks, failures, current_failed;
static const char *current;

void stp_test_register(struct stp_test *t)
{
	struct stp_test **p = &tests;

	/* Keep registration (file) order, sorted by name within the list. */
	while (*p && strcmp((*p)->name, t->name) < 0)
		p = &(*p)->next;
	t->next = *p;
	*p = t;
}

void stp_test_pass(void)
{
	checks++;
}

void stp_test_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	checks++;
	failures++;
	current_failed = 1;
	fprintf(stderr, "%s:%d: [%s] check failed: ", file, line, current);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

const char *stp_test_show(const char *s, size_t n)
{
	static char bufs[4][8192];
	static int which;
	char *out = bufs[which++ & 3];
	size_t o = 0, i;

	for (i = 0; i < n && o + 8 < sizeof(bufs[0]); i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\n') {
			out[o++] = '\\';
			out[o++] = 'n';
		} else if (c == '\\' || c == '"') {
			out[o++] = '\\';
			out[o++] = (char)c;
		} else if (c < 32 || c >= 127) {
			o += snprintf(out + o, 8, "\\x%02x", c);
		} else {
			out[o++] = (char)c;
		}
	}
	out[o] = '\0';
	return out;
}

int main(int argc, char **argv)
{
	struct stp_test *t;
	int ran = 0, passed = 0, failed = 0;

	for (t = tests; t; t = t->next) {
		if (argc > 1 && !strstr(t->name, argv[1]))
			continue;
		current = t->name;
		current_failed = 0;
		_stp_user_set_cpu(0);
		t->fn();
		ran++;
		if (current_failed)
			failed++;
		else
			passed++;
	}
	printf("%d checks in %d tests\n", checks, ran);
	printf("runtime: %d passed, %d failed\n", passed, failed);
	return failures || ran == 0 ? 1 : 0;
}
