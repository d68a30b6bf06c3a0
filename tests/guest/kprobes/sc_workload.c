/*
 * sc_workload: the -c workload of the syscall_* and nd_syscall guest cases.
 * Each mode makes a fixed series of system calls through syscall(2), so the
 * C library cannot substitute another call (glibc's open() is openat, its
 * fork() a clone with more flags...). Quiet on stdout: staprun's stdout is
 * what the cases compare. run-kprobes.sh builds it statically into the batch.
 *
 *   sc_workload open|rw|exec|clone|net|fd|path|mm|task|sock|fail
 *
 * The modes fd, path, mm, task and sock start with close(-42), a marker
 * that tells their cases where the workload's own calls begin (after the C
 * library's start-up, which calls brk, mmap, mprotect...).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <time.h>
#include <netinet/tcp.h>
#include <sys/wait.h>
#include <unistd.h>

static long sc(long nr, long a, long b, long c, long d, long e, long f)
{
	return syscall(nr, a, b, c, d, e, f);
}
#define SC0(n) sc(SYS_##n, 0, 0, 0, 0, 0, 0)
#define SC1(n, a) sc(SYS_##n, (long)(a), 0, 0, 0, 0, 0)
#define SC2(n, a, b) sc(SYS_##n, (long)(a), (long)(b), 0, 0, 0, 0)
#define SC3(n, a, b, c) sc(SYS_##n, (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define SC4(n, a, b, c, d) sc(SYS_##n, (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)
#define SC5(n, a, b, c, d, e) sc(SYS_##n, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), 0)
#define SC6(n, a, b, c, d, e, f)                                                   \
	sc(SYS_##n, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))

static void do_open(void)
{
	static const char made[] = "/tmp/sc_new\tx";
	long fd;

	unlink(made);
	fd = SC3(open, "/proc/version", O_RDONLY, 0);
	SC1(close, fd);
	fd = SC3(open, "/tmp/sc_open", O_WRONLY | O_CREAT | O_TRUNC, 0640);
	SC1(close, fd);
	SC3(open, "/no/such/file", O_RDONLY, 0);
	fd = SC4(openat, AT_FDCWD, "/proc/version", O_RDONLY | O_CLOEXEC, 0);
	SC1(close, fd);
	fd = SC4(openat, AT_FDCWD, "/proc", O_RDONLY | O_DIRECTORY, 0);
	SC1(close, SC4(openat, fd, "version", O_RDONLY | O_NONBLOCK, 0));
	SC1(close, fd);
	SC1(close, SC4(openat, AT_FDCWD, made, O_RDWR | O_CREAT | O_EXCL | O_APPEND, 0600));
	SC4(openat, AT_FDCWD, made, O_RDWR | O_CREAT | O_EXCL, 0600);
}

static void do_rw(void)
{
	static const char data[] = "hello\n\tworld\0!";
	char buf[64];
	long fd = SC3(open, "/proc/version", O_RDONLY, 0);
	long null = SC3(open, "/dev/null", O_WRONLY, 0);

	SC3(read, fd, buf, 7);
	SC3(write, null, data, sizeof(data) - 1);
	SC3(write, null, "0123456789abcdefghijklmnopqrstuvwxyz", 36);
	SC3(read, 99, buf, 1);
	SC3(write, 99, "x", 1);
	SC1(close, fd);
	SC1(close, null);
	SC1(close, 99);
}

static void do_exec(char **argv)
{
	char *args[] = { argv[0], "exit", "with\ttab", NULL };
	char *env[] = { "A=1", "B=2", NULL };

	SC3(execve, "/no/such/program", args, env);
	SC3(execve, argv[0], args, env);
}

static void do_clone(void)
{
	long pid = SC6(clone, SIGCHLD, 0, 0, 0, 0, 0);

	if (pid == 0)
		SC1(exit_group, 5);
	if (pid > 0)
		waitpid(pid, NULL, 0);
}

static void lo_up(void)
{
	struct ifreq ifr;
	int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	if (s < 0)
		return;
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	if (ioctl(s, SIOCGIFFLAGS, &ifr) == 0 && !(ifr.ifr_flags & IFF_UP)) {
		ifr.ifr_flags |= IFF_UP;
		ioctl(s, SIOCSIFFLAGS, &ifr);
	}
	close(s);
}

static void do_net(void)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(4242) };
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	char buf[64];
	int one = 1;
	long ls, c, a, u;

	lo_up();
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ls = SC3(socket, AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	bind(ls, (struct sockaddr *)&sin, sizeof(sin));
	listen(ls, 4);
	c = SC3(socket, AF_INET, SOCK_STREAM, IPPROTO_TCP);
	SC3(connect, c, &sin, sizeof(sin));
	a = SC4(accept4, ls, 0, 0, SOCK_CLOEXEC);
	SC6(sendto, c, "ping", 4, MSG_NOSIGNAL, 0, 0);
	SC6(recvfrom, a, buf, sizeof(buf), 0, 0, 0);
	SC1(close, a);
	SC1(close, c);
	c = SC3(socket, AF_INET, SOCK_STREAM, 0);
	SC3(connect, c, &sin, sizeof(sin));
	a = SC3(accept, ls, 0, 0);
	SC1(close, a);
	SC1(close, c);
	SC1(close, ls);
	u = SC3(socket, AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
	sin.sin_port = htons(4243);
	SC6(sendto, u, "udp\n", 4, MSG_DONTWAIT, &sin, sizeof(sin));
	SC6(recvfrom, u, buf, sizeof(buf), MSG_DONTWAIT | MSG_PEEK, 0, 0);
	SC1(close, u);
	u = SC3(socket, AF_UNIX, SOCK_STREAM, 0);
	strcpy(sun.sun_path, "/tmp/no.sock");
	SC3(connect, u, &sun, sizeof(sun));
	SC1(close, u);
}

static void marker(void)
{
	SC1(close, -42);
}

static void do_fd(void)
{
	char buf[16];
	struct iovec iov[2] = { { "ab", 2 }, { "cde", 3 } };
	struct iovec in = { buf, sizeof(buf) };
	struct pollfd pfd;
	struct epoll_event ev = { .events = EPOLLOUT }, evs[4];
	struct timeval tv = { 0, 1000 };
	int p[2];
	long fd, ep;

	marker();
	fd = SC3(open, "/tmp/sc_fd", O_RDWR | O_CREAT | O_TRUNC, 0600);
	SC4(pwrite64, fd, "abcdef", 6, 10);
	SC4(pread64, fd, buf, 4, 12);
	SC3(lseek, fd, 0, SEEK_END);
	SC1(dup, fd);
	SC2(dup2, fd, 10);
	SC3(dup3, fd, 11, O_CLOEXEC);
	SC3(fcntl, fd, F_SETFD, FD_CLOEXEC);
	SC3(fcntl, fd, F_GETFD, 0);
	SC2(ftruncate, fd, 100);
	SC1(fsync, fd);
	SC1(fdatasync, fd);
	SC2(pipe2, p, O_NONBLOCK | O_CLOEXEC);
	SC3(writev, p[1], iov, 2);
	SC3(readv, p[0], &in, 1);
	pfd.fd = p[1];
	pfd.events = POLLOUT;
	SC3(poll, &pfd, 1, 0);
	ep = epoll_create1(0);
	SC4(epoll_ctl, ep, EPOLL_CTL_ADD, p[1], &ev);
	SC4(epoll_wait, ep, evs, 4, 0);
	SC5(select, 0, 0, 0, 0, &tv);
	SC3(ioctl, 99, FIONREAD, 0);
	SC1(pipe, 0);
	SC3(lseek, fd, 0, 7);
}

static void do_path(void)
{
	struct stat st;
	char stx[256], buf[64];
	long fd;

	marker();
	SC2(mkdir, "/tmp/sc_d", 0755);
	SC3(mkdirat, AT_FDCWD, "/tmp/sc_d/sub", 0700);
	SC2(mkdir, "/tmp/sc_d", 0755);
	SC1(chdir, "/tmp/sc_d");
	SC2(getcwd, buf, sizeof(buf));
	fd = SC3(open, "f", O_WRONLY | O_CREAT | O_TRUNC, 0600);
	SC2(stat, "f", &st);
	SC2(lstat, "/no/such", &st);
	SC2(fstat, fd, &st);
	SC4(newfstatat, AT_FDCWD, "f", &st, AT_SYMLINK_NOFOLLOW);
	SC5(statx, AT_FDCWD, "f", AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS | STATX_BTIME, stx);
	SC2(access, "f", R_OK | W_OK);
	SC3(faccessat, AT_FDCWD, "f", X_OK);
	SC2(chmod, "f", 0640);
	SC2(fchmod, fd, 0600);
	SC3(chown, "f", 0, -1);
	SC3(fchown, fd, -1, 0);
	SC1(umask, 022);
	SC1(umask, 027);
	SC1(umask, 022);
	SC2(truncate, "f", 4096);
	SC1(fchdir, fd);
	SC2(rename, "f", "g");
	SC4(renameat, AT_FDCWD, "g", AT_FDCWD, "h");
	SC5(renameat2, AT_FDCWD, "h", AT_FDCWD, "sub", RENAME_NOREPLACE);
	SC1(unlink, "h");
	SC3(unlinkat, AT_FDCWD, "sub", AT_REMOVEDIR);
	SC1(chdir, "/");
	SC1(rmdir, "/tmp/sc_d");
	SC1(close, fd);
}

static void do_mm(void)
{
	long p;

	marker();
	p = SC6(mmap, 0, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	SC3(mprotect, p, 4096, PROT_READ);
	SC3(madvise, p, 8192, MADV_DONTNEED);
	SC2(munmap, p, 8192);
	SC6(mmap, 0, 4096, PROT_NONE, MAP_SHARED, 99, 0);
	SC1(brk, 0);
}

static void do_task(void)
{
	struct timespec req = { 0, 1000000 };
	struct { /* the kernel's struct sigaction on x86-64 */
		void *handler;
		unsigned long flags;
		void *restorer;
		unsigned long mask;
	} sa = { SIG_IGN, 0, 0, 0 };
	unsigned long set = 1UL << (SIGUSR2 - 1), old;
	int status;
	long pid;

	marker();
	SC0(getpid);
	SC0(getppid);
	SC0(gettid);
	SC0(getuid);
	SC0(geteuid);
	SC0(getgid);
	SC0(getegid);
	pid = SC0(fork);
	if (pid == 0)
		SC1(exit, 3);
	SC4(wait4, pid, &status, 0, 0);
	SC4(wait4, -1, 0, WNOHANG, 0);
	SC2(nanosleep, &req, 0);
	SC4(clock_nanosleep, CLOCK_MONOTONIC, 0, &req, 0);
	SC2(kill, 0, 0);
	SC2(kill, 999999, SIGTERM);
	SC2(tkill, 999999, 34);
	SC3(tgkill, 999999, 999999, SIGUSR1);
	SC4(rt_sigaction, SIGUSR1, &sa, 0, 8);
	SC4(rt_sigaction, SIGUSR1, &sa, 0, 4);
	SC4(rt_sigprocmask, SIG_BLOCK, &set, 0, 8);
	SC4(rt_sigprocmask, SIG_SETMASK, 0, &old, 8);
}

static void do_sock(void)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(4244) };
	struct sockaddr_in name;
	struct iovec iov = { "hi", 2 };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
	char buf[8];
	struct iovec in = { buf, sizeof(buf) };
	struct msghdr mi = { .msg_iov = &in, .msg_iovlen = 1 };
	socklen_t len = sizeof(name);
	int one = 1, err, sv[2];
	long s, c, a;

	lo_up();
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	marker();
	s = SC3(socket, AF_INET, SOCK_STREAM, 0);
	SC5(setsockopt, s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	SC5(setsockopt, s, SOL_TCP, TCP_NODELAY, &one, sizeof(one));
	SC3(bind, s, &sin, sizeof(sin));
	SC2(listen, s, 8);
	SC3(getsockname, s, &name, &len);
	c = SC3(socket, AF_INET, SOCK_STREAM, 0);
	SC3(connect, c, &sin, sizeof(sin));
	a = SC3(accept, s, 0, 0);
	len = sizeof(name);
	SC3(getpeername, a, &name, &len);
	len = sizeof(err);
	SC5(getsockopt, c, SOL_SOCKET, SO_ERROR, &err, &len);
	SC3(sendmsg, c, &mh, MSG_NOSIGNAL);
	SC3(recvmsg, a, &mi, 0);
	SC2(shutdown, c, SHUT_RDWR);
	SC2(shutdown, 99, SHUT_WR);
	SC4(socketpair, AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv);
	SC3(bind, s, &sin, sizeof(sin));
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";

	/* Descriptors from 3 on, whatever the guest's shell left open: gone,
	 * so the ones the cases print are always the same (close_range is not
	 * one of the probed calls). */
	SC3(close_range, 3, ~0U, 0);

	if (!strcmp(mode, "open"))
		do_open();
	else if (!strcmp(mode, "rw"))
		do_rw();
	else if (!strcmp(mode, "exec"))
		do_exec(argv);
	else if (!strcmp(mode, "clone"))
		do_clone();
	else if (!strcmp(mode, "net"))
		do_net();
	else if (!strcmp(mode, "fd"))
		do_fd();
	else if (!strcmp(mode, "path"))
		do_path();
	else if (!strcmp(mode, "mm"))
		do_mm();
	else if (!strcmp(mode, "task"))
		do_task();
	else if (!strcmp(mode, "sock"))
		do_sock();
	else if (!strcmp(mode, "exit"))
		SC1(exit_group, 0);
	else
		return 2;
	return 0;
}
