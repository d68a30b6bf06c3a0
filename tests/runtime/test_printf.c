/*
 * test_printf.c - printf of the script language (runtime/printf.c).
 *
 * Expected strings are written from the documented semantics: stap(1)'s
 * printf section and examples, the language reference's tables and its %b
 * examples, and C's printf rules where stap says "similar to C".
 */
#include <stdarg.h>

#include "test.h"

#define L(v) ((int64_t)(v))

static char out_mem[2048];
static struct _stp_buf out;
static int last_rc;
static unsigned long last_fault;

/* printf into a fresh buffer; the text is out_mem, the length out.len. */
static const char *pf(const char *fmt, ...)
{
	va_list ap;

	_stp_buf_init(&out, out_mem, sizeof(out_mem));
	last_fault = 0;
	va_start(ap, fmt);
	last_rc = _stp_vprintf(&out, &last_fault, fmt, ap);
	va_end(ap);
	return out_mem;
}

TEST(printf_man_page_examples)
{
	int64_t p = 0x1234abcd, j = -1;

	CHECK_STR(pf("%c is %s; %x or %X or %p; %d or %u\n", L(97), "alice",
		     p, p, p, j, j),
		  "a is alice; 1234abcd or 1234ABCD or 0x1234abcd; "
		  "-1 or 18446744073709551615\n");
	CHECK_STR(pf("%#o %#x %#X\n", L(1), L(2), L(3)), "01 0x2 0X3\n");
	CHECK_STR(pf("%#c %#c %#c\n", L(0), L(9), L(42)), "\\000 \\t *\n");
	pf("%4b", p);
	CHECK_MEM(out_mem, out.len, "\xcd\xab\x34\x12", 4);
}

TEST(printf_langref_binary_examples)
{
	CHECK_STR(pf("%3d: %1b%1b%1b\n", L(97), L(97), L(97 - 32), L(97 - 64)),
		  " 97: aA!\n");
	CHECK_STR(pf("%1b%1b%1blo %1b%1brld\n", L(72), L(101), L(108), L(87),
		     L(111)),
		  "Hello World\n");
	pf("%b%b", L(0xc0dedbad), L(0x12345678));
	CHECK_MEM(out_mem, out.len,
		  "\xad\xdb\xde\xc0\0\0\0\0\x78\x56\x34\x12\0\0\0\0", 16);
}

TEST(printf_signed)
{
	CHECK_STR(pf("%d", L(0)), "0");
	CHECK_STR(pf("%d", L(42)), "42");
	CHECK_STR(pf("%i", L(-42)), "-42");
	CHECK_STR(pf("%ld", L(7)), "7");
	CHECK_STR(pf("%d", _STP_S64_MIN), "-9223372036854775808");
	CHECK_STR(pf("%d", _STP_S64_MAX), "9223372036854775807");
	CHECK_STR(pf("%5d|", L(42)), "   42|");
	CHECK_STR(pf("%-5d|", L(42)), "42   |");
	CHECK_STR(pf("%05d", L(42)), "00042");
	CHECK_STR(pf("%05d", L(-42)), "-0042");
	CHECK_STR(pf("%+d %+d", L(42), L(-42)), "+42 -42");
	CHECK_STR(pf("% d|% d", L(42), L(-42)), " 42|-42");
	CHECK_STR(pf("%#d", L(5)), "5");
	CHECK_STR(pf("%1d", L(12345)), "12345");
	/* Precision: minimum digits; it cancels the '0' flag. */
	CHECK_STR(pf("%.5d", L(42)), "00042");
	CHECK_STR(pf("%.5d", L(-42)), "-00042");
	CHECK_STR(pf("%8.5d|", L(42)), "   00042|");
	CHECK_STR(pf("%-8.5d|", L(42)), "00042   |");
	CHECK_STR(pf("%08.5d|", L(42)), "   00042|");
	CHECK_STR(pf("%.0d|", L(0)), "|");
	CHECK_STR(pf("%.d|", L(0)), "|");
	CHECK_STR(pf("%3.0d|", L(0)), "   |");
	CHECK_STR(pf("%.0d", L(7)), "7");
	CHECK_STR(pf("%.2d", L(12345)), "12345");
	/* One flag only: in "%+05d" the 0 belongs to the width. */
	CHECK_STR(pf("%+05d|", L(1)), "   +1|");
	CHECK_STR(pf("%-010d|", L(1)), "1         |");
	CHECK_STR(pf("%00d|", L(3)), "3|");
}

TEST(printf_star_width_and_precision)
{
	CHECK_STR(pf("%*d|", L(5), L(42)), "   42|");
	CHECK_STR(pf("%*d|", L(-5), L(42)), "42   |");
	CHECK_STR(pf("%-*d|", L(4), L(1)), "1   |");
	CHECK_STR(pf("%0*d", L(4), L(7)), "0007");
	CHECK_STR(pf("%.*d", L(3), L(7)), "007");
	CHECK_STR(pf("%.*d", L(-1), L(7)), "7");
	CHECK_STR(pf("%*.*d|", L(6), L(3), L(-7)), "  -007|");
	CHECK_STR(pf("%*s|", L(4), "ab"), "  ab|");
	CHECK_STR(pf("%-*s|", L(4), "ab"), "ab  |");
	CHECK_STR(pf("%.*s|", L(1), "ab"), "a|");
	CHECK_STR(pf("%*.*s|", L(3), L(1), "xyz"), "  x|");
	CHECK_STR(pf("%*d|", L(0), L(5)), "5|");
}

TEST(printf_unsigned_octal_hex)
{
	CHECK_STR(pf("%u", L(-1)), "18446744073709551615");
	CHECK_STR(pf("%u", L(42)), "42");
	CHECK_STR(pf("%+u % u", L(42), L(42)), "42 42");
	CHECK_STR(pf("%5u|", L(3)), "    3|");
	CHECK_STR(pf("%lu", _STP_S64_MIN), "9223372036854775808");

	CHECK_STR(pf("%o", L(8)), "10");
	CHECK_STR(pf("%o", L(-1)), "1777777777777777777777");
	CHECK_STR(pf("%#o", L(1)), "01");
	CHECK_STR(pf("%#o", L(0)), "0");
	CHECK_STR(pf("%#o", L(8)), "010");
	CHECK_STR(pf("%#.5o", L(8)), "00010");
	CHECK_STR(pf("%#6o|", L(8)), "   010|");

	CHECK_STR(pf("%x %X", L(255), L(255)), "ff FF");
	CHECK_STR(pf("%x", L(-1)), "ffffffffffffffff");
	CHECK_STR(pf("%lX", L(0xabcdef)), "ABCDEF");
	CHECK_STR(pf("%#x", L(0)), "0");
	CHECK_STR(pf("%#x", L(255)), "0xff");
	CHECK_STR(pf("%#X", L(255)), "0XFF");
	CHECK_STR(pf("%08x", L(255)), "000000ff");
	/* One flag only: in "%#08x" the 0 belongs to the width. */
	CHECK_STR(pf("%#08x", L(255)), "    0xff");
	CHECK_STR(pf("%-6x|", L(255)), "ff    |");
	CHECK_STR(pf("%.4x", L(255)), "00ff");
	CHECK_STR(pf("%#10.4x|", L(255)), "    0x00ff|");
	CHECK_STR(pf("%+x", L(10)), "a");
}

TEST(printf_pointer)
{
	CHECK_STR(pf("%p", L(0x1234abcd)), "0x1234abcd");
	CHECK_STR(pf("%p", L(0)), "0x0");
	CHECK_STR(pf("%p", L(-1)), "0xffffffffffffffff");
	CHECK_STR(pf("%12p|", L(0x1234abcd)), "  0x1234abcd|");
	CHECK_STR(pf("%-12p|", L(0x1234abcd)), "0x1234abcd  |");
	CHECK_STR(pf("%012p", L(0xabc)), "0x0000000abc");
	CHECK_STR(pf("%.6p", L(0xabc)), "0x000abc");
	CHECK_STR(pf("%#p", L(16)), "0x10");
}

TEST(printf_char)
{
	CHECK_STR(pf("%c", L('a')), "a");
	CHECK_STR(pf("%3c|", L('a')), "  a|");
	CHECK_STR(pf("%-3c|", L('a')), "a  |");
	CHECK_STR(pf("%c", L(0x141)), "A");
	CHECK_STR(pf("%#c", L('\n')), "\\n");
	CHECK_STR(pf("%#c%#c%#c%#c%#c%#c", L('\a'), L('\b'), L('\f'), L('\r'),
		     L('\v'), L('\t')),
		  "\\a\\b\\f\\r\\v\\t");
	CHECK_STR(pf("%#c", L(200)), "\\310");
	CHECK_STR(pf("%#c", L(127)), "\\177");
	/* The escapes of text_str: a backslash and a double quote too. */
	CHECK_STR(pf("%#c%#c%#c", L('\\'), L('"'), L('\'')), "\\\\\\\"'");
	CHECK_STR(pf("%#5c|", L(1)), " \\001|");
	/* %c of 0 writes a NUL byte. */
	pf("a%cb", L(0));
	CHECK_MEM(out_mem, out.len, "a\0b", 3);
}

TEST(printf_string)
{
	CHECK_STR(pf("%s", "hello"), "hello");
	CHECK_STR(pf("%s|", ""), "|");
	CHECK_STR(pf("%10s|", "hello"), "     hello|");
	CHECK_STR(pf("%-10s|", "hello"), "hello     |");
	CHECK_STR(pf("%.3s|", "hello"), "hel|");
	CHECK_STR(pf("%10.3s|", "hello"), "       hel|");
	CHECK_STR(pf("%-6.2s|", "hello"), "he    |");
	CHECK_STR(pf("%.0s|", "hello"), "|");
	CHECK_STR(pf("%.10s|", "hi"), "hi|");
	CHECK_STR(pf("%2s|", "hello"), "hello|");
	CHECK_STR(pf("%05s|", "ab"), "   ab|");
	CHECK_STR(pf("%+s%#s% s", "a", "b", "c"), "abc");
	CHECK_STR(pf("%ls", "long"), "long");
}

TEST(printf_percent_and_literals)
{
	CHECK_STR(pf("100%%"), "100%");
	CHECK_STR(pf("%%d"), "%d");
	CHECK_STR(pf("a%%b%%%%c"), "a%b%%c");
	CHECK_STR(pf(""), "");
	CHECK_STR(pf("no directives\n"), "no directives\n");
}

TEST(printf_binary_widths)
{
	pf("%1b", L(0x141));
	CHECK_MEM(out_mem, out.len, "A", 1);
	pf("%2b", L(0x4142));
	CHECK_MEM(out_mem, out.len, "BA", 2);
	pf("%4b", L(0x41424344));
	CHECK_MEM(out_mem, out.len, "DCBA", 4);
	pf("%8b", L(1));
	CHECK_MEM(out_mem, out.len, "\1\0\0\0\0\0\0\0", 8);
	pf("%b", L(-2));
	CHECK_MEM(out_mem, out.len, "\xfe\xff\xff\xff\xff\xff\xff\xff", 8);
	/* Other widths write 8 bytes; flags and precision change nothing. */
	pf("%3b", L(1));
	CHECK_MEM(out_mem, out.len, "\1\0\0\0\0\0\0\0", 8);
	pf("%-1b%.3b", L('x'), L(2));
	CHECK_MEM(out_mem, out.len, "x\2\0\0\0\0\0\0\0", 9);
	pf("%*b", L(2), L(0x4142));
	CHECK_MEM(out_mem, out.len, "BA", 2);
}

TEST(printf_memory)
{
	static const char text[] = "ABCDEF";
	static const unsigned char hexy[] = { 0xde, 0xad, 0xbe, 0xef };
	int64_t a = (int64_t)(unsigned long)text;
	int64_t h = (int64_t)(unsigned long)hexy;

	CHECK_STR(pf("%m", a), "A");
	CHECK_STR(pf("%.3m", a), "ABC");
	CHECK_STR(pf("%5.2m|", a), "   AB|");
	CHECK_STR(pf("%-5.2m|", a), "AB   |");
	CHECK_STR(pf("%.*m", L(4), a), "ABCD");
	CHECK_STR(pf("%#.2m", a), "AB");
	CHECK_STR(pf("%M", a), "41");
	CHECK_STR(pf("%.3M", a), "414243");
	CHECK_STR(pf("%8.3M|", a), "  414243|");
	CHECK_STR(pf("%-8.3M|", a), "414243  |");
	CHECK_STR(pf("%10.4M|", h), "  deadbeef|");
	CHECK_STR(pf("%.*M", L(2), h), "dead");
	CHECK_STR(pf("%#.4M", h), "deadbeef");
	CHECK_EQ(last_rc, 0);
	/* 100 bytes: more than one internal chunk. */
	{
		static char big[100];
		int i;

		for (i = 0; i < 100; i++)
			big[i] = (char)('a' + i % 26);
		pf("%.100m", L((unsigned long)big));
		CHECK_MEM(out_mem, out.len, big, 100);
	}
}

TEST(printf_memory_fault)
{
	/* The first page is never mapped: nothing of the directive is kept. */
	CHECK_STR(pf("ab%5.4mcd", L(16)), "ab");
	CHECK_EQ(last_rc, -EFAULT);
	CHECK_EQ(last_fault, 16);
	CHECK_STR(pf("x%#Mz", L(8)), "x");
	CHECK_EQ(last_rc, -EFAULT);
}

TEST(printf_bounded_output)
{
	char small[8];
	struct _stp_buf b;

	_stp_buf_init(&b, small, sizeof(small));
	CHECK_EQ(_stp_printf(&b, NULL, "%s", "hello world"), 0);
	CHECK_STR(small, "hello w");
	CHECK(b.truncated);
	CHECK_EQ(b.len, 7);
	_stp_buf_init(&b, small, sizeof(small));
	CHECK_EQ(_stp_printf(&b, NULL, "%20d", L(1)), 0);
	CHECK_STR(small, "       ");
	CHECK(b.truncated);
	/* A zero-sized buffer drops everything. */
	_stp_buf_init(&b, small, 0);
	CHECK_EQ(_stp_printf(&b, NULL, "%d", L(1)), 0);
	CHECK_EQ(b.len, 0);
}

TEST(printf_sprintf_is_a_script_string)
{
	char s[MAXSTRINGLEN];

	CHECK_EQ(_stp_sprintf(s, NULL, "%s-%d", "pid", L(42)), 0);
	CHECK_STR(s, "pid-42");
	CHECK_EQ(_stp_sprintf(s, NULL, "%600d", L(1)), 0);
	CHECK_EQ(strlen(s), MAXSTRINGLEN - 1);
	CHECK_EQ(s[MAXSTRINGLEN - 2], ' ');
}

TEST(printf_args_array)
{
	union _stp_fmt_value args[4];
	const char *fmt = "%s=%*d;";

	args[0].s = "x";
	args[1].n = 3;
	args[2].n = 5;
	_stp_buf_init(&out, out_mem, sizeof(out_mem));
	CHECK_EQ(_stp_printf_args(&out, fmt, strlen(fmt), args, 3, NULL), 0);
	CHECK_STR(out_mem, "x=  5;");
	/* Wrong argument count or a bad format: -EINVAL, nothing printed. */
	_stp_buf_init(&out, out_mem, sizeof(out_mem));
	CHECK_EQ(_stp_printf_args(&out, fmt, strlen(fmt), args, 2, NULL), -EINVAL);
	CHECK_EQ(_stp_printf_args(&out, fmt, strlen(fmt), args, 4, NULL), -EINVAL);
	CHECK_EQ(_stp_printf_args(&out, "%q", 2, args, 1, NULL), -EINVAL);
	CHECK_EQ(out.len, 0);
	CHECK_EQ(_stp_printf(&out, NULL, "%lld", L(1)), -EINVAL);
}

TEST(printf_per_directive_calls)
{
	/* The translator's way: split at translation time, call per piece. */
	const char *fmt = "[%-4s|%+.3d|%#x|%5.2m]";
	static const char mem[] = "QRS";
	struct _stp_fmt_spec s;
	size_t pos = 0, len = strlen(fmt);
	int n = 0;

	_stp_buf_init(&out, out_mem, sizeof(out_mem));
	while (_stp_fmt_next(fmt, len, &pos, &s, NULL) > 0) {
		int w = _stp_fmt_spec_width(&s), p = _stp_fmt_spec_prec(&s);

		switch (s.conv) {
		case STP_FMT_LITERAL:
			_stp_buf_write(&out, fmt + s.start, s.end - s.start);
			break;
		case STP_FMT_STRING:
			_stp_fmt_string(&out, &s, w, p, "ab");
			break;
		case STP_FMT_MEMORY:
			CHECK_EQ(_stp_fmt_memory(&out, &s, w, p,
						 (unsigned long)mem, NULL), 0);
			break;
		default:
			_stp_fmt_long(&out, &s, w, p, n++ ? 255 : 7);
			break;
		}
	}
	CHECK_STR(out_mem, "[ab  |+007|0xff|   QR]");
}

TEST(printf_char_escape_table)
{
	char e[5];

	CHECK_EQ(_stp_char_escape(e, 'x'), 1);
	CHECK_STR(e, "x");
	CHECK_EQ(_stp_char_escape(e, ' '), 1);
	CHECK_EQ(_stp_char_escape(e, '~'), 1);
	CHECK_EQ(_stp_char_escape(e, '\n'), 2);
	CHECK_STR(e, "\\n");
	CHECK_EQ(_stp_char_escape(e, 0x1b), 4);
	CHECK_STR(e, "\\033");
	CHECK_EQ(_stp_char_escape(e, 0xff), 4);
	CHECK_STR(e, "\\377");
	/* Quotes and backslashes, as stap's quoting escapes them. */
	CHECK_EQ(_stp_char_escape(e, '"'), 2);
	CHECK_STR(e, "\\\"");
	CHECK_EQ(_stp_char_escape(e, '\\'), 2);
	CHECK_STR(e, "\\\\");
	CHECK_EQ(_stp_char_escape(e, '\''), 1);
	CHECK_STR(e, "'");
}
