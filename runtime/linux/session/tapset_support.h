/*
 * linux/session/tapset_support.h - kernel-side symbols of the contract
 * tapset embedded C relies on (tapset-cpp/README.md, "Runtime symbols"),
 * defined in tapset_support.c and linux/transport/ctl.c.  Kept apart from
 * session/tapset.h, whose macros (_stp_printf...) must not reach runtime
 * sources: pass 4 compiles the runtime as one translation unit.
 */
#ifndef _STP_RUNTIME_LINUX_TAPSET_SUPPORT_H_
#define _STP_RUNTIME_LINUX_TAPSET_SUPPORT_H_

#include <linux/types.h>
#include <linux/uaccess.h>

struct pid_namespace;
struct user_namespace;
/* From staprun's STP_TZINFO: seconds west of UTC and the zone's name. */
extern s64 _stp_tz_gmtoff;
extern char _stp_tz_name[64];
/* The pid of staprun (stp_pid()), set when it opens the control channel. */
extern pid_t _stp_pid;
/* At most n-1 bytes of the string at addr, NUL-terminated, never faulting:
 * its length, or -EFAULT (dst then ""). */
long _stp_strncpy_from_kernel(char *dst, unsigned long addr, long n);
long _stp_strncpy_from_user(char *dst, unsigned long addr, long n);
/* The inlen bytes at addr (kernel memory, or the current task's user memory
 * when user; none when inlen <= 0), NUL bytes included, escaped and quoted
 * into out as _stp_escape_text does (at most outlen - 1 characters, outlen
 * at most MAXSTRINGLEN): 0, or -EFAULT (out then "") when they cannot be
 * read. */
int _stp_buffer_quoted(char *out, size_t outlen, unsigned long addr,
		       long inlen, int user);
struct pid_namespace *_stp_target_pid_ns(void);

/*
 * Target variables ($var, $var->field, $$parms, $var$): the bodies pass 2
 * generates (translator/debuginfo/target_code.cpp) read kernel memory only
 * through _stp_tv_read (0, or non-zero when the read faults) and build
 * their strings with the two appenders, which never write past
 * MAXSTRINGLEN.  _stp_tv_append_string appends the string of at most
 * `size` bytes at addr, quoted and escaped; -EFAULT when it cannot be read.
 */
#define _stp_tv_read(dst, addr, n)					\
	_stp_read_kernel((dst), (unsigned long)(addr), (n))
/*
 * Guru-mode writes of target variables: n (1, 2, 4 or 8) bytes from src to
 * kernel address addr; 0, or -EFAULT when addr is not a kernel address or
 * the store faults.  copy_to_kernel_nofault is not exported to modules;
 * __put_kernel_nofault is a macro whose fixup lands in our own exception
 * table.
 */
static inline int _stp_tv_write(unsigned long addr, const void *src, size_t n)
{
	if (addr < TASK_SIZE_MAX)
		return -EFAULT;
	pagefault_disable();
	switch (n) {
	case 1: __put_kernel_nofault((void *)addr, src, u8, fault); break;
	case 2: __put_kernel_nofault((void *)addr, src, u16, fault); break;
	case 4: __put_kernel_nofault((void *)addr, src, u32, fault); break;
	case 8: __put_kernel_nofault((void *)addr, src, u64, fault); break;
	default: goto fault;
	}
	pagefault_enable();
	return 0;
fault:
	pagefault_enable();
	return -EFAULT;
}
void _stp_tv_appendf(char *buf, const char *fmt, ...) __printf(2, 3);
int _stp_tv_append_string(char *buf, unsigned long addr, long size);
struct user_namespace *_stp_target_user_ns(void);

#endif /* _STP_RUNTIME_LINUX_TAPSET_SUPPORT_H_ */
