/*
 * test.h - a tiny test harness for the runtime's C tests.
 *
 * TEST(name) { ... } defines and registers a test; the CHECK macros record
 * a failure (with file:line and the values) and carry on.
 */
#ifndef STP_TEST_H
#define STP_TEST_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "runtime/runtime.h"

struct stp_test {
	const char *name;
	void (*fn)(void);
	struct stp_test *next;
};

void stp_test_register(struct stp_test *t);
void stp_test_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void stp_test_pass(void);
/* Printable form of n bytes (escapes), in a rotating static buffer. */
const char *stp_test_show(const char *s, size_t n);

#define TEST(name)							\
	static void name(void);						\
	static struct stp_test name##_reg = { #name, name, NULL };	\
	__attribute__((constructor)) static void name##_ctor(void)	\
	{								\
		stp_test_register(&name##_reg);				\
	}								\
	static void name(void)

#define CHECK(cond)							\
	do {								\
		if (cond)						\
			stp_test_pass();				\
		else							\
			stp_test_fail(__FILE__, __LINE__, "%s", #cond);	\
	} while (0)

#define CHECK_EQ(a, b)							\
	do {								\
		long long a_ = (long long)(a), b_ = (long long)(b);	\
		if (a_ == b_)						\
			stp_test_pass();				\
		else							\
			stp_test_fail(__FILE__, __LINE__,		\
				      "%s == %s: %lld != %lld", #a, #b,	\
				      a_, b_);				\
	} while (0)

/* Compare n bytes exactly (binary-safe). */
#define CHECK_MEM(got, got_len, want, want_len)				\
	do {								\
		size_t gl_ = (got_len), wl_ = (want_len);		\
		if (gl_ == wl_ && memcmp((got), (want), gl_) == 0)	\
			stp_test_pass();				\
		else							\
			stp_test_fail(__FILE__, __LINE__,		\
				      "%s:\n  got  \"%s\"\n  want \"%s\"", \
				      #got, stp_test_show((got), gl_),	\
				      stp_test_show((want), wl_));	\
	} while (0)

#define CHECK_STR(got, want)						\
	do {								\
		const char *g_ = (got), *w_ = (want);			\
		CHECK_MEM(g_, strlen(g_), w_, strlen(w_));		\
	} while (0)

#endif /* STP_TEST_H */
