/*
 * linux/session/tapset_support.c - the kernel side of the contract tapset
 * embedded C relies on (tapset-cpp/README.md, "Runtime symbols"): fault-
 * tolerant string copies and the namespaces -x/-c targets live in.  The
 * declarations are in tapset_support.h.
 */
#include <linux/kernel.h>
#include <linux/uaccess.h>
#include <linux/pid_namespace.h>
#include <linux/user_namespace.h>
#include <linux/string.h>

#include "../../session/session.h"
#include "tapset_support.h"

/*
 * The kernel's strncpy_from_*_nofault are not exported to modules: copy
 * page by page with the exported fault-tolerant readers instead (within one
 * page, reading past the string's NUL cannot fault where the NUL did not).
 */
static long _stp_strncpy_nofault(char *dst, unsigned long addr, long n,
				 bool user)
{
	long done = 0;

	if (n <= 0)
		return 0;
	while (done < n - 1) {
		size_t chunk = PAGE_SIZE - ((addr + done) & ~PAGE_MASK);
		char *nul;
		int rc;

		chunk = min_t(size_t, chunk, (size_t)(n - 1 - done));
		rc = user ? _stp_read_user(dst + done, addr + done, chunk)
			  : _stp_read_kernel(dst + done, addr + done, chunk);
		if (rc) {
			dst[0] = '\0';
			return -EFAULT;
		}
		nul = memchr(dst + done, '\0', chunk);
		if (nul)
			return nul - dst;
		done += chunk;
	}
	dst[done] = '\0';
	return done;
}

long _stp_strncpy_from_kernel(char *dst, unsigned long addr, long n)
{
	return _stp_strncpy_nofault(dst, addr, n, false);
}

long _stp_strncpy_from_user(char *dst, unsigned long addr, long n)
{
	return _stp_strncpy_nofault(dst, addr, n, true);
}

int _stp_buffer_quoted(char *out, size_t outlen, unsigned long addr,
		       long inlen, int user)
{
	size_t n;
	char *buf;
	int rc = 0;

	if (outlen == 0)
		return 0;
	out[0] = '\0';
	outlen = min_t(size_t, outlen, MAXSTRINGLEN);
	/*
	 * A byte takes at least one character: of more than outlen bytes the
	 * rest could not show, and reading them is what leaves them out.
	 */
	n = inlen > 0 ? min_t(size_t, inlen, outlen) : 0;
	buf = _stp_frame_push(n);	/* a string: too much for the stack */
	if (!buf)
		return -ENOMEM;
	if (n)
		rc = user ? _stp_read_user(buf, addr, n)
			  : _stp_read_kernel(buf, addr, n);
	if (!rc)
		_stp_escape_text(out, outlen, buf, n, true, true);
	_stp_frame_free(buf);
	return rc ? -EFAULT : 0;
}

void _stp_tv_appendf(char *buf, const char *fmt, ...)
{
	size_t used = strnlen(buf, MAXSTRINGLEN - 1);
	va_list args;

	va_start(args, fmt);
	vsnprintf(buf + used, MAXSTRINGLEN - used, fmt, args);
	va_end(args);
}

int _stp_tv_append_string(char *buf, unsigned long addr, long size)
{
	char s[64];
	size_t used = strnlen(buf, MAXSTRINGLEN - 1);
	long n = _stp_strncpy_nofault(s, addr, min_t(long, size + 1, sizeof(s)),
				      false);

	if (n < 0)
		return -EFAULT;
	/* "%*pE" escapes what is not printable, as stap's quoting does. */
	snprintf(buf + used, MAXSTRINGLEN - used, "\"%*pE\"", (int)n, s);
	return 0;
}

/* No --target-namespaces yet: the initial namespaces, as stap without it. */
struct pid_namespace *_stp_target_pid_ns(void)
{
	return &init_pid_ns;
}

struct user_namespace *_stp_target_user_ns(void)
{
	return &init_user_ns;
}
