/*
 * test_string.c - bounded strings (runtime/string.c).
 */
#include "test.h"

static char *repeat(char c, size_t n)
{
	static char s[2048];

	memset(s, c, n);
	s[n] = '\0';
	return s;
}

TEST(string_strlcpy_strlcat)
{
	char b[8];

	CHECK_EQ(_stp_strlcpy(b, "hello", 3), 5);
	CHECK_STR(b, "he");
	CHECK_EQ(_stp_strlcpy(b, "hi", sizeof(b)), 2);
	CHECK_STR(b, "hi");
	b[0] = 'Z';
	CHECK_EQ(_stp_strlcpy(b, "abc", 0), 3);
	CHECK_EQ(b[0], 'Z');
	_stp_strlcpy(b, "ab", sizeof(b));
	CHECK_EQ(_stp_strlcat(b, "cdefgh", 5), 8);
	CHECK_STR(b, "abcd");
	CHECK_EQ(_stp_strlcat(b, "x", 3), 4);
	CHECK_STR(b, "abcd");
	/* The strlcpy/strlcat names map onto ours (kernel >= 6.8 and glibc
	 * before 2.38 have none). */
	CHECK_EQ(strlcpy(b, "mapped!!", sizeof(b)), 8);
	CHECK_STR(b, "mapped!");
	_stp_strlcpy(b, "a", sizeof(b));
	CHECK_EQ(strlcat(b, "bc", sizeof(b)), 3);
	CHECK_STR(b, "abc");
}

TEST(string_truncation_to_maxstringlen)
{
	char s[MAXSTRINGLEN];
	char long_text[1000];

	memset(long_text, 'x', sizeof(long_text) - 1);
	long_text[sizeof(long_text) - 1] = '\0';
	CHECK(_stp_str_copy(s, long_text));
	CHECK_EQ(strlen(s), MAXSTRINGLEN - 1);
	CHECK(!_stp_str_copy(s, "short"));
	CHECK_STR(s, "short");

	_stp_str_copy(s, repeat('a', MAXSTRINGLEN - 2));
	CHECK(_stp_str_append(s, "bcd"));
	CHECK_EQ(strlen(s), MAXSTRINGLEN - 1);
	CHECK_EQ(s[MAXSTRINGLEN - 2], 'b');
	CHECK(_stp_str_append(s, "more"));
	CHECK_EQ(strlen(s), MAXSTRINGLEN - 1);

	_stp_str_copy(s, "ab");
	CHECK(!_stp_str_concat(s, s, "cd"));
	CHECK_STR(s, "abcd");
	CHECK(!_stp_str_concat(s, "x", "y"));
	CHECK_STR(s, "xy");
	CHECK(_stp_str_concat(s, repeat('q', 400), repeat('q', 400)));
	CHECK_EQ(strlen(s), MAXSTRINGLEN - 1);
}

TEST(string_from_long)
{
	char s[MAXSTRINGLEN];

	_stp_str_from_long(s, 0);
	CHECK_STR(s, "0");
	_stp_str_from_long(s, -5);
	CHECK_STR(s, "-5");
	_stp_str_from_long(s, 1234567890123LL);
	CHECK_STR(s, "1234567890123");
	_stp_str_from_long(s, _STP_S64_MIN);
	CHECK_STR(s, "-9223372036854775808");
}

TEST(string_substr)
{
	char s[MAXSTRINGLEN];

	_stp_str_substr(s, "hello", 1, 3);
	CHECK_STR(s, "ell");
	_stp_str_substr(s, "hello", 0, 100);
	CHECK_STR(s, "hello");
	_stp_str_substr(s, "hello", 4, 10);
	CHECK_STR(s, "o");
	_stp_str_substr(s, "hello", 5, 1);
	CHECK_STR(s, "");
	_stp_str_substr(s, "hello", -1, 2);
	CHECK_STR(s, "");
	_stp_str_substr(s, "hello", 2, 0);
	CHECK_STR(s, "");
	_stp_str_substr(s, "hello", 2, -1);
	CHECK_STR(s, "");
	_stp_str_substr(s, "hello", 1000, 1);
	CHECK_STR(s, "");
	/* In place. */
	_stp_str_copy(s, "abcdef");
	_stp_str_substr(s, s, 2, 3);
	CHECK_STR(s, "cde");
}

TEST(string_strtol)
{
	int64_t v = 99;

#define STRTOL(str, base, want)						\
	do {								\
		v = 99;							\
		CHECK_EQ(_stp_str_to_long((str), (base), &v), 0);	\
		CHECK_EQ(v, (want));					\
	} while (0)
	STRTOL("123", 10, 123);
	STRTOL("-123", 10, -123);
	STRTOL("ff", 16, 255);
	STRTOL("FF", 16, 255);
	STRTOL("0xff", 16, 255);
	STRTOL("0x", 16, 0);
	STRTOL("0x1f", 0, 31);
	STRTOL("0X1F", 0, 31);
	STRTOL("017", 0, 15);
	STRTOL("0", 0, 0);
	STRTOL("17", 0, 17);
	STRTOL("-0x10", 0, -16);
	STRTOL("101", 2, 5);
	STRTOL("777", 8, 511);
	STRTOL("z", 36, 35);
	STRTOL("12abc", 10, 12);
	STRTOL("19", 8, 1);
	STRTOL("abc", 10, 0);
	STRTOL("", 10, 0);
	/* As the kernel's simple_strtol: no white space, no '+'. */
	STRTOL(" 12", 10, 0);
	STRTOL("+5", 10, 0);
	STRTOL("9223372036854775807", 10, _STP_S64_MAX);
	STRTOL("18446744073709551615", 10, -1);
#undef STRTOL
	CHECK_EQ(_stp_str_to_long("1", 1, &v), -EINVAL);
	CHECK_EQ(_stp_str_to_long("1", 37, &v), -EINVAL);
	CHECK_EQ(_stp_str_to_long("1", -16, &v), -EINVAL);
}

TEST(string_to_number)
{
	static const char *const bad[] = {
		"", "abc", "12abc", " 7", "7 ", "-", "+", "+-5", "0x", "09",
		"1\n\n", "--1",
	};
	int64_t v = 0;
	size_t i;

	/* Whole strings only, as a module parameter is parsed. */
	CHECK_EQ(_stp_str_to_number("42", &v), 0);
	CHECK_EQ(v, 42);
	CHECK_EQ(_stp_str_to_number("-0x10", &v), 0);
	CHECK_EQ(v, -16);
	CHECK_EQ(_stp_str_to_number("+017", &v), 0);
	CHECK_EQ(v, 15);
	CHECK_EQ(_stp_str_to_number("5\n", &v), 0);
	CHECK_EQ(v, 5);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		v = 99;
		CHECK_EQ(_stp_str_to_number(bad[i], &v), -EINVAL);
		CHECK_EQ(v, 99);
	}
}

TEST(string_find_and_char_at)
{
	int64_t c = 0;

	CHECK_EQ(_stp_str_find("hello", "ll"), 2);
	CHECK_EQ(_stp_str_find("hello", "he"), 0);
	CHECK_EQ(_stp_str_find("hello", "x"), -1);
	CHECK_EQ(_stp_str_find("hello", ""), 0);
	CHECK_EQ(_stp_str_find("", "a"), -1);

	CHECK_EQ(_stp_str_char_at("abc", 1, &c), 0);
	CHECK_EQ(c, 'b');
	CHECK_EQ(_stp_str_char_at("\xff", 0, &c), 0);
	CHECK_EQ(c, 255);
	CHECK_EQ(_stp_str_char_at("abc", 3, &c), -EINVAL);
	CHECK_EQ(_stp_str_char_at("abc", -1, &c), -EINVAL);
}

TEST(string_replace)
{
	char s[MAXSTRINGLEN];

	_stp_str_replace(s, "a.b.c", ".", "--");
	CHECK_STR(s, "a--b--c");
	_stp_str_replace(s, "aaa", "aa", "b");
	CHECK_STR(s, "ba");
	_stp_str_replace(s, "abc", "", "x");
	CHECK_STR(s, "abc");
	_stp_str_replace(s, "abc", "abc", "");
	CHECK_STR(s, "");
	_stp_str_replace(s, "nothing", "z", "y");
	CHECK_STR(s, "nothing");
	_stp_str_replace(s, repeat('a', 300), "a", "bb");
	CHECK_EQ(strlen(s), MAXSTRINGLEN - 1);
	CHECK_EQ(s[0], 'b');
	/* In place. */
	_stp_str_copy(s, "x-y");
	_stp_str_replace(s, s, "-", "+");
	CHECK_STR(s, "x+y");
}

TEST(string_escape)
{
	char s[MAXSTRINGLEN];

	_stp_str_escape(s, "a\tb\n", 0, false);
	CHECK_STR(s, "a\\tb\\n");
	_stp_str_escape(s, "\x01z\x7f", 0, false);
	CHECK_STR(s, "\\001z\\177");
	/* Quotes and backslashes are escaped, as stap's text_str does. */
	_stp_str_escape(s, "say \"hi\" \\o/", 0, false);
	CHECK_STR(s, "say \\\"hi\\\" \\\\o/");
	_stp_str_escape(s, "hi", 0, true);
	CHECK_STR(s, "\"hi\"");
	_stp_str_escape(s, "abcdef", 3, false);
	CHECK_STR(s, "abc");
	_stp_str_escape(s, "abcdef", 3, true);
	CHECK_STR(s, "\"abc\"...");
	_stp_str_escape(s, "abc", 3, true);
	CHECK_STR(s, "\"abc\"");
	/* An escape is never split. */
	_stp_str_escape(s, "a\n", 2, false);
	CHECK_STR(s, "a");
	_stp_str_escape(s, "a\n", 3, false);
	CHECK_STR(s, "a\\n");
	/* Everything non-printing doubles or quadruples: still bounded. */
	_stp_str_escape(s, repeat('\x01', 400), 0, false);
	CHECK_EQ(strlen(s), 508);
	_stp_str_escape(s, repeat('y', 600), 0, true);
	CHECK_EQ(strlen(s), MAXSTRINGLEN - 1);
	CHECK_STR(s + MAXSTRINGLEN - 1 - 4, "\"...");
}

/* string_quoted, text_str and text_strn go through _stp_text_escape. */
TEST(string_text_escape)
{
	char s[MAXSTRINGLEN];
	static const char quotes[] = "a\"b\\c'd\n";
	size_t n;

	CHECK_EQ(_stp_text_escape(s, sizeof(s), quotes, sizeof(s), 1), 13);
	CHECK_STR(s, "\"a\\\"b\\\\c'd\\n\"");
	_stp_text_escape(s, sizeof(s), quotes, sizeof(s), 0);
	CHECK_STR(s, "a\\\"b\\\\c'd\\n");
	/* Stops at the string's NUL, or after inlen bytes. */
	_stp_text_escape(s, sizeof(s), "ab\0cd", 5, 1);
	CHECK_STR(s, "\"ab\"");
	_stp_text_escape(s, sizeof(s), "abcdef", 3, 1);
	CHECK_STR(s, "\"abc\"");
	/* text_strn(s, len, 1): quotes and "..." within len characters. */
	_stp_text_escape(s, 10 + 1, "abcdefghijk", MAXSTRINGLEN, 1);
	CHECK_STR(s, "\"abcde\"...");
	_stp_text_escape(s, 10 + 1, "abcdefgh", MAXSTRINGLEN, 1);
	CHECK_STR(s, "\"abcdefgh\"");
	/* An escape is never split, not even by the "...". */
	_stp_text_escape(s, 10 + 1, "ab\"\"\"\"\"", MAXSTRINGLEN, 1);
	CHECK_STR(s, "\"ab\\\"\"...");
	_stp_text_escape(s, 4 + 1, "a\n", MAXSTRINGLEN, 0);
	CHECK_STR(s, "a\\n");
	_stp_text_escape(s, 2 + 1, "a\n", MAXSTRINGLEN, 0);
	CHECK_STR(s, "a");
	/* Too small for the text: as much of ""... as fits. */
	_stp_text_escape(s, 4 + 1, "abcdef", MAXSTRINGLEN, 1);
	CHECK_STR(s, "\"\"..");
	_stp_text_escape(s, 1 + 1, "abcdef", MAXSTRINGLEN, 1);
	CHECK_STR(s, "");
	/* At most MAXSTRINGLEN - 1 characters, whatever outlen says. */
	n = _stp_text_escape(s, 4 * MAXSTRINGLEN, repeat('y', 600), 600, 1);
	CHECK_EQ(n, MAXSTRINGLEN - 1);
	CHECK_STR(s + MAXSTRINGLEN - 1 - 4, "\"...");
	/* A string that fits with its quotes exactly is not cut. */
	n = _stp_text_escape(s, sizeof(s), repeat('y', MAXSTRINGLEN - 3),
			     MAXSTRINGLEN, 1);
	CHECK_EQ(n, MAXSTRINGLEN - 1);
	CHECK_EQ(s[MAXSTRINGLEN - 2], '"');
}

/* The buffer readers' escaping: NUL bytes are data. */
TEST(string_escape_text_buffers)
{
	char s[MAXSTRINGLEN];
	static const char buf[] = { 7, 0, 0, 'o', 'k', 0, '"', '\\' };

	CHECK_EQ(_stp_escape_text(s, sizeof(s), buf, sizeof(buf), true, true),
		 22);
	CHECK_STR(s, "\"\\a\\000\\000ok\\000\\\"\\\\\"");
	_stp_escape_text(s, 12 + 1, buf, sizeof(buf), true, true);
	CHECK_STR(s, "\"\\a\\000\"...");
	_stp_escape_text(s, sizeof(s), buf, 0, true, true);
	CHECK_STR(s, "\"\"");
	/* Without nul_is_data a NUL ends the text. */
	_stp_escape_text(s, sizeof(s), buf + 3, 5, true, false);
	CHECK_STR(s, "\"ok\"");
	CHECK_EQ(_stp_escape_text(s, 0, buf, sizeof(buf), true, true), 0);
}
