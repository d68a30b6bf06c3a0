/*
 * sc_workload: the -c workload of the syscall_* and nd_syscall guest cases.
 * Each mode makes a fixed series of system calls through syscall(2), so the
 * C library cannot substitute another call (glibc's open() is openat, its
 * fork() a clone with more flags...). Quiet on stdout: staprun's stdout is
 * what the cases compare. run-kprobes.sh builds it statically into the batch.
 *
 *   sc_workload open|rw|exec|clone|net|fail
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
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
	else if (!strcmp(mode, "exit"))
		SC1(exit_group, 0);
	else
		return 2;
	return 0;
}
