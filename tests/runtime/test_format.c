/*
 * test_format.c - the printf format checker (runtime/format_parse.c).
 *
 * The accepted syntax and the error messages were established by running
 * the reference stap at -p1/-p2 on each format (see format_parse.h).
 */
#include "test.h"

/* Kinds of a valid format as a string of 'L'/'S'; "!" when it is invalid. */
static const char *kinds(const char *fmt)
{
	static char out[32];
	unsigned char k[16];
	size_t n = 0, i;
	struct _stp_fmt_error err;

	if (_stp_fmt_check(fmt, strlen(fmt), k, sizeof(k), &n, &err))
		return "!";
	for (i = 0; i < n && i < sizeof(k); i++)
		out[i] = k[i] == STP_FMT_ARG_STRING ? 'S' : 'L';
	out[i] = '\0';
	return out;
}

static void check_error(const char *fmt, const char *msg, size_t column,
			size_t directive, int line)
{
	struct _stp_fmt_error err = { NULL, 0, 0 };
	size_t n;
	int rc = _stp_fmt_check(fmt, strlen(fmt), NULL, 0, &n, &err);

	if (rc != -1 || !err.msg || strcmp(err.msg, msg) ||
	    err.column != column || err.directive != directive)
		stp_test_fail(__FILE__, line,
			      "format \"%s\": rc %d, \"%s\" at %zu (directive %zu)",
			      fmt, rc, err.msg ? err.msg : "(none)", err.column,
			      err.directive);
	else
		stp_test_pass();
}

#define CHECK_ERROR(fmt, msg, col, dir) check_error(fmt, msg, col, dir, __LINE__)
#define BAD STP_FMT_MSG_BAD_CONVERSION
#define INCOMPLETE STP_FMT_MSG_INCOMPLETE

TEST(format_valid_kinds)
{
	CHECK_STR(kinds(""), "");
	CHECK_STR(kinds("hello\n"), "");
	CHECK_STR(kinds("100%%"), "");
	CHECK_STR(kinds("%d %s"), "LS");
	CHECK_STR(kinds("%i %u %o %x %X %p %c %b"), "LLLLLLLL");
	CHECK_STR(kinds("%1b%2b%4b%8b%3b"), "LLLLL");
	CHECK_STR(kinds("%m %M"), "LL");
	CHECK_STR(kinds("%*.*s"), "LLS");
	CHECK_STR(kinds("%*d"), "LL");
	CHECK_STR(kinds("%.*M"), "LL");
	CHECK_STR(kinds("%*.*M"), "LLL");
	CHECK_STR(kinds("%ld %lx %lu %lX %ls %lc %lp %lb"), "LLLLSLLL");
	CHECK_STR(kinds("%-10s|%+d|% d|%#x|%05d|%0d"), "SLLLLL");
	CHECK_STR(kinds("%-010d %+05d % 5d %#08x %00d"), "LLLLL");
	CHECK_STR(kinds("%.d %.s %.5ld %0.0d"), "LSLL");
	CHECK_STR(kinds("%99999999999d %.99999999999d"), "LL");
	CHECK_STR(kinds("%%d"), "");
	CHECK_STR(kinds("%#c %+c %.3c %.3p %#p %+u %#M %#s %05s %-5b"),
		  "LLLLLLLSSL");
}

TEST(format_errors_say_where)
{
	CHECK_ERROR("%", BAD, 1, 0);
	CHECK_ERROR("abc%", BAD, 4, 3);
	CHECK_ERROR("%5", INCOMPLETE, 2, 0);
	CHECK_ERROR("%-", INCOMPLETE, 2, 0);
	CHECK_ERROR("x%-", INCOMPLETE, 3, 1);
	CHECK_ERROR("%*", INCOMPLETE, 2, 0);
	CHECK_ERROR("%5.", INCOMPLETE, 3, 0);
	CHECK_ERROR("%.*", INCOMPLETE, 3, 0);
	CHECK_ERROR("%5.3", INCOMPLETE, 4, 0);
	CHECK_ERROR("%#", INCOMPLETE, 2, 0);
	CHECK_ERROR("%0", INCOMPLETE, 2, 0);
	CHECK_ERROR("%5l", INCOMPLETE, 3, 0);
	CHECK_ERROR("%.5l", INCOMPLETE, 4, 0);
	/* One flag only. */
	CHECK_ERROR("%-+d", BAD, 2, 0);
	CHECK_ERROR("%+ d", BAD, 2, 0);
	CHECK_ERROR("%--d", BAD, 2, 0);
	CHECK_ERROR("%-#x", BAD, 2, 0);
	CHECK_ERROR("%0-5d", BAD, 2, 0);
	/* 'l' is the only length modifier, once. */
	CHECK_ERROR("%lld", BAD, 2, 0);
	CHECK_ERROR("%hd", BAD, 1, 0);
	CHECK_ERROR("%hhd", BAD, 1, 0);
	CHECK_ERROR("%Lu", BAD, 1, 0);
	CHECK_ERROR("%zd", BAD, 1, 0);
	CHECK_ERROR("%jd", BAD, 1, 0);
	CHECK_ERROR("%qd", BAD, 1, 0);
	CHECK_ERROR("%l.d", BAD, 2, 0);
	/* Unknown conversions. */
	CHECK_ERROR("%q", BAD, 1, 0);
	CHECK_ERROR("%n", BAD, 1, 0);
	CHECK_ERROR("%e", BAD, 1, 0);
	CHECK_ERROR("%f", BAD, 1, 0);
	CHECK_ERROR("%D", BAD, 1, 0);
	CHECK_ERROR("%S", BAD, 1, 0);
	CHECK_ERROR("%lk", BAD, 2, 0);
	CHECK_ERROR("%5k", BAD, 2, 0);
	CHECK_ERROR("%.k", BAD, 2, 0);
	CHECK_ERROR("%-k", BAD, 2, 0);
	/* "%%" admits nothing in between. */
	CHECK_ERROR("%5%", BAD, 2, 0);
	CHECK_ERROR("%-%", BAD, 2, 0);
	CHECK_ERROR("%.3%", BAD, 3, 0);
	CHECK_ERROR("% %", BAD, 2, 0);
	CHECK_ERROR("%l%", BAD, 2, 0);
	/* '*' is the whole width or precision. */
	CHECK_ERROR("%*5d", BAD, 2, 0);
	CHECK_ERROR("%5*d", BAD, 2, 0);
	CHECK_ERROR("%.*5d", BAD, 3, 0);
	CHECK_ERROR("%.5*d", BAD, 3, 0);
	CHECK_ERROR("%1.2.3d", BAD, 4, 0);
	CHECK_ERROR("%3$d", BAD, 2, 0);
	/* The first bad directive is reported, wherever it is. */
	CHECK_ERROR("ok %d then %k", BAD, 12, 11);
	CHECK_ERROR("%-5s%", BAD, 5, 4);
}

TEST(format_pieces)
{
	const char *fmt = "a%-10sb%+05d%%%*.*x";
	struct _stp_fmt_spec s;
	struct _stp_fmt_error err;
	size_t pos = 0, len = strlen(fmt);
	unsigned char k[3];

	CHECK_EQ(_stp_fmt_next(fmt, len, &pos, &s, &err), 1);
	CHECK_EQ(s.conv, STP_FMT_LITERAL);
	CHECK_EQ(s.start, 0);
	CHECK_EQ(s.end, 1);

	CHECK_EQ(_stp_fmt_next(fmt, len, &pos, &s, &err), 1);
	CHECK_EQ(s.conv, STP_FMT_STRING);
	CHECK_EQ(s.flags, STP_FMT_F_LEFT);
	CHECK_EQ(s.width, 10);
	CHECK_EQ(s.prec, STP_FMT_NONE);
	CHECK_EQ(s.start, 1);
	CHECK_EQ(s.end, 6);
	CHECK_EQ(_stp_fmt_spec_args(&s, k), 1);
	CHECK_EQ(k[0], STP_FMT_ARG_STRING);

	CHECK_EQ(_stp_fmt_next(fmt, len, &pos, &s, &err), 1);
	CHECK_EQ(s.conv, STP_FMT_LITERAL);

	/* '+' is the flag; "05" is the width, so no zero padding. */
	CHECK_EQ(_stp_fmt_next(fmt, len, &pos, &s, &err), 1);
	CHECK_EQ(s.conv, STP_FMT_SIGNED);
	CHECK_EQ(s.flags, STP_FMT_F_PLUS);
	CHECK_EQ(s.width, 5);

	CHECK_EQ(_stp_fmt_next(fmt, len, &pos, &s, &err), 1);
	CHECK_EQ(s.conv, STP_FMT_PERCENT);
	CHECK_EQ(_stp_fmt_spec_args(&s, k), 0);

	CHECK_EQ(_stp_fmt_next(fmt, len, &pos, &s, &err), 1);
	CHECK_EQ(s.conv, STP_FMT_HEX);
	CHECK_EQ(s.width, STP_FMT_STAR);
	CHECK_EQ(s.prec, STP_FMT_STAR);
	CHECK_EQ(_stp_fmt_spec_args(&s, k), 3);

	CHECK_EQ(_stp_fmt_next(fmt, len, &pos, &s, &err), 0);
}

TEST(format_flags_and_numbers)
{
	struct _stp_fmt_spec s;
	size_t pos;

#define PARSE(f) (pos = 0, _stp_fmt_next((f), strlen(f), &pos, &s, NULL))
	CHECK_EQ(PARSE("%00d"), 1);
	CHECK_EQ(s.flags, STP_FMT_F_ZERO);
	CHECK_EQ(s.width, 0);
	CHECK_EQ(PARSE("%#08x"), 1);
	CHECK_EQ(s.flags, STP_FMT_F_ALT);
	CHECK_EQ(s.width, 8);
	CHECK_EQ(PARSE("% d"), 1);
	CHECK_EQ(s.flags, STP_FMT_F_SPACE);
	CHECK_EQ(PARSE("%.d"), 1);
	CHECK_EQ(s.prec, 0);
	CHECK_EQ(PARSE("%10.4M"), 1);
	CHECK_EQ(s.conv, STP_FMT_MEMORY_HEX);
	CHECK_EQ(s.width, 10);
	CHECK_EQ(s.prec, 4);
	CHECK_EQ(PARSE("%99999999999d"), 1);
	CHECK_EQ(s.width, STP_FMT_MAX_NUMBER);
	CHECK_EQ(PARSE("%i"), 1);
	CHECK_EQ(s.conv, STP_FMT_SIGNED);
#undef PARSE
}

TEST(format_length_is_explicit)
{
	/* The format is a (pointer, length) pair: no NUL needed, and text past
	 * the length is not read. */
	unsigned char k[4];
	size_t n = 9;

	CHECK_EQ(_stp_fmt_check("%d%s", 2, k, 4, &n, NULL), 0);
	CHECK_EQ(n, 1);
	CHECK_EQ(_stp_fmt_check("%d%", 2, k, 4, &n, NULL), 0);
	/* More kinds than room: the count is still right. */
	CHECK_EQ(_stp_fmt_check("%d%d%d%d%d", 10, k, 2, &n, NULL), 0);
	CHECK_EQ(n, 5);
}

/* format_from_cxx.cpp */
int stp_test_cxx_describe(const char *fmt, size_t len, char *out, size_t size);

TEST(format_checker_from_cxx)
{
	char out[64];
	/* A std::string_view need not be NUL-terminated. */
	const char fmt[] = { '%', '*', 'd', '%', 's', 'X' };

	CHECK_EQ(stp_test_cxx_describe(fmt, 5, out, sizeof(out)), 0);
	CHECK_STR(out, "LLS");
	CHECK_EQ(stp_test_cxx_describe("x %-+d", 6, out, sizeof(out)), 0);
	CHECK_STR(out, "error@4");
}
