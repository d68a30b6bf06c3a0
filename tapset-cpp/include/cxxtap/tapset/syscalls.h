// The syscall.* and nd_syscall.* points of the DSL (part of
// <cxxtap/tapset/kernel.h>): each call's entry point with the locals its alias
// sets as typed members, and its .return. The aliases are in
// tapset-cpp/stap/syscalls_*.stp.
#pragma once

#include <cxxtap/dsl/probe.h>

namespace cxxtap::dsl {

// syscall.NAME and syscall.NAME.return (tapset-cpp/stap/syscalls_*.stp),
// also named nd_syscall.NAME: every entry point sets name and argstr, every
// .return name, retval and retstr; the points listed below add the call's
// arguments under stap's names.
struct SyscallReturn : Point {
  Var<String> name{"name"};
  Var<Long> retval{"retval"};
  Var<String> retstr{"retstr"};
  constexpr explicit SyscallReturn(Point p) : Point(p) {}
};
struct SyscallPoint : Point {
  Var<String> name{"name"};
  Var<String> argstr{"argstr"};
  constexpr explicit SyscallPoint(Point p) : Point(p) {}
  using Return = SyscallReturn;
  constexpr Return return_() const { return Return{then(word("return"))}; }
};
// open(filename, flags, mode)
struct SyscallOpen : SyscallPoint {
  Var<String> filename{"filename"};
  Var<String> filename_unquoted{"filename_unquoted"};
  Var<Long> flags{"flags"};
  Var<String> flags_str{"flags_str"};
  Var<Long> mode{"mode"};
  constexpr explicit SyscallOpen(Point p) : SyscallPoint(p) {}
};
// openat(dfd, filename, flags, mode)
struct SyscallOpenat : SyscallOpen {
  Var<Long> dfd{"dfd"};
  Var<String> dfd_str{"dfd_str"};
  constexpr explicit SyscallOpenat(Point p) : SyscallOpen(p) {}
};
// close(fd)
struct SyscallClose : SyscallPoint {
  Var<Long> fd{"fd"};
  constexpr explicit SyscallClose(Point p) : SyscallPoint(p) {}
};
// read(fd, buf, count)
struct SyscallRead : SyscallClose {
  Var<Long> buf_uaddr{"buf_uaddr"};
  Var<Long> count{"count"};
  constexpr explicit SyscallRead(Point p) : SyscallClose(p) {}
};
// write(fd, buf, count); buf_str is the data, quoted
struct SyscallWrite : SyscallRead {
  Var<String> buf_str{"buf_str"};
  constexpr explicit SyscallWrite(Point p) : SyscallRead(p) {}
};
// execve(filename, argv, envp)
struct SyscallExecve : SyscallPoint {
  Var<String> filename{"filename"};
  Var<String> args{"args"};
  Var<String> env_str{"env_str"};
  constexpr explicit SyscallExecve(Point p) : SyscallPoint(p) {}
};
// clone(flags, newsp, parent_tid, child_tid, tls)
struct SyscallClone : SyscallPoint {
  Var<Long> clone_flags{"clone_flags"};
  Var<Long> stack_start{"stack_start"};
  Var<Long> parent_tid_uaddr{"parent_tid_uaddr"};
  Var<Long> child_tid_uaddr{"child_tid_uaddr"};
  constexpr explicit SyscallClone(Point p) : SyscallPoint(p) {}
};
// exit_group(status)
struct SyscallExitGroup : SyscallPoint {
  Var<Long> status{"status"};
  constexpr explicit SyscallExitGroup(Point p) : SyscallPoint(p) {}
};
// socket(family, type, protocol)
struct SyscallSocket : SyscallPoint {
  Var<Long> family{"family"};
  Var<Long> type{"type"};
  Var<Long> protocol{"protocol"};
  Var<String> family_str{"family_str"};
  Var<String> type_str{"type_str"};
  Var<String> protocol_str{"protocol_str"};
  constexpr explicit SyscallSocket(Point p) : SyscallPoint(p) {}
};
// The decoded socket address of connect and bind (__sc_sockaddr in
// syscalls_net.stp).
struct SockaddrLocals {
  Var<String> uaddr_af{"uaddr_af"};
  Var<String> uaddr_ip{"uaddr_ip"};
  Var<String> uaddr_ip_port{"uaddr_ip_port"};
  Var<String> uaddr_ipv6_flowinfo{"uaddr_ipv6_flowinfo"};
  Var<String> uaddr_ipv6_scope_id{"uaddr_ipv6_scope_id"};
};
// connect(sockfd, serv_addr, addrlen); the address's parts are strings
struct SyscallConnect : SyscallPoint, SockaddrLocals {
  Var<Long> sockfd{"sockfd"};
  Var<Long> serv_addr_uaddr{"serv_addr_uaddr"};
  Var<Long> addrlen{"addrlen"};
  constexpr explicit SyscallConnect(Point p) : SyscallPoint(p) {}
};
// accept(sockfd, addr, addrlen)
struct SyscallAccept : SyscallPoint {
  Var<Long> sockfd{"sockfd"};
  Var<Long> addr_uaddr{"addr_uaddr"};
  Var<Long> addrlen_uaddr{"addrlen_uaddr"};
  constexpr explicit SyscallAccept(Point p) : SyscallPoint(p) {}
};
// accept4(sockfd, addr, addrlen, flags)
struct SyscallAccept4 : SyscallAccept {
  Var<Long> flags{"flags"};
  Var<String> flags_str{"flags_str"};
  constexpr explicit SyscallAccept4(Point p) : SyscallAccept(p) {}
};
// recvfrom(s, buf, len, flags, addr, addrlen)
struct SyscallRecvfrom : SyscallPoint {
  Var<Long> s{"s"};
  Var<Long> buf_uaddr{"buf_uaddr"};
  Var<Long> len{"len"};
  Var<Long> flags{"flags"};
  Var<String> flags_str{"flags_str"};
  Var<Long> addr_uaddr{"addr_uaddr"};
  Var<Long> addrlen_uaddr{"addrlen_uaddr"};
  constexpr explicit SyscallRecvfrom(Point p) : SyscallPoint(p) {}
};
// sendto(s, buf, len, flags, to, tolen); buf is the data, quoted
struct SyscallSendto : SyscallPoint {
  Var<Long> s{"s"};
  Var<Long> buf_uaddr{"buf_uaddr"};
  Var<Long> len{"len"};
  Var<Long> flags{"flags"};
  Var<String> flags_str{"flags_str"};
  Var<Long> to_uaddr{"to_uaddr"};
  Var<Long> tolen{"tolen"};
  Var<String> buf{"buf"};
  Var<String> to_str{"to_str"};
  constexpr explicit SyscallSendto(Point p) : SyscallPoint(p) {}
};
// pread(fd, buf, count, offset)
struct SyscallPread : SyscallPoint {
  Var<Long> fd{"fd"};
  Var<Long> buf_uaddr{"buf_uaddr"};
  Var<Long> count{"count"};
  Var<Long> offset{"offset"};
  constexpr explicit SyscallPread(Point p) : SyscallPoint(p) {}
};
// pwrite(fd, buf, count, offset)
struct SyscallPwrite : SyscallPoint {
  Var<Long> fd{"fd"};
  Var<Long> buf_uaddr{"buf_uaddr"};
  Var<Long> count{"count"};
  Var<Long> offset{"offset"};
  Var<String> buf_str{"buf_str"};
  constexpr explicit SyscallPwrite(Point p) : SyscallPoint(p) {}
};
// readv(fd, vector, count)
struct SyscallReadv : SyscallPoint {
  Var<Long> fd{"fd"};
  Var<Long> vector_uaddr{"vector_uaddr"};
  Var<Long> count{"count"};
  constexpr explicit SyscallReadv(Point p) : SyscallPoint(p) {}
};
// lseek(fildes, offset, whence)
struct SyscallLseek : SyscallPoint {
  Var<Long> fildes{"fildes"};
  Var<Long> offset{"offset"};
  Var<Long> whence{"whence"};
  Var<String> whence_str{"whence_str"};
  constexpr explicit SyscallLseek(Point p) : SyscallPoint(p) {}
};
// dup(oldfd)
struct SyscallDup : SyscallPoint {
  Var<Long> oldfd{"oldfd"};
  constexpr explicit SyscallDup(Point p) : SyscallPoint(p) {}
};
// dup2(oldfd, newfd)
struct SyscallDup2 : SyscallPoint {
  Var<Long> oldfd{"oldfd"};
  Var<Long> newfd{"newfd"};
  Var<Long> flags{"flags"};
  constexpr explicit SyscallDup2(Point p) : SyscallPoint(p) {}
};
// dup3(oldfd, newfd, flags)
struct SyscallDup3 : SyscallPoint {
  Var<Long> oldfd{"oldfd"};
  Var<Long> newfd{"newfd"};
  Var<Long> flags{"flags"};
  Var<String> flags_str{"flags_str"};
  constexpr explicit SyscallDup3(Point p) : SyscallPoint(p) {}
};
// pipe(fildes)
struct SyscallPipe : SyscallPoint {
  Var<Long> fildes_uaddr{"fildes_uaddr"};
  Var<Long> flags{"flags"};
  Var<String> flag_str{"flag_str"};
  constexpr explicit SyscallPipe(Point p) : SyscallPoint(p) {}
};
// fcntl(fd, cmd, arg)
struct SyscallFcntl : SyscallPoint {
  Var<Long> fd{"fd"};
  Var<Long> cmd{"cmd"};
  Var<String> cmd_str{"cmd_str"};
  Var<Long> arg{"arg"};
  constexpr explicit SyscallFcntl(Point p) : SyscallPoint(p) {}
};
// ioctl(fd, request, argp)
struct SyscallIoctl : SyscallPoint {
  Var<Long> fd{"fd"};
  Var<Long> request{"request"};
  Var<Long> argp{"argp"};
  constexpr explicit SyscallIoctl(Point p) : SyscallPoint(p) {}
};
// ftruncate(fd, length)
struct SyscallFtruncate : SyscallPoint {
  Var<Long> fd{"fd"};
  Var<Long> length{"length"};
  constexpr explicit SyscallFtruncate(Point p) : SyscallPoint(p) {}
};
// poll(ufds, nfds, timeout)
struct SyscallPoll : SyscallPoint {
  Var<Long> ufds_uaddr{"ufds_uaddr"};
  Var<Long> nfds{"nfds"};
  Var<Long> timeout{"timeout"};
  constexpr explicit SyscallPoll(Point p) : SyscallPoint(p) {}
};
// select(n, readfds, writefds, exceptfds, timeout)
struct SyscallSelect : SyscallPoint {
  Var<Long> n{"n"};
  Var<Long> readfds_uaddr{"readfds_uaddr"};
  Var<Long> writefds_uaddr{"writefds_uaddr"};
  Var<Long> exceptfds_uaddr{"exceptfds_uaddr"};
  Var<Long> timeout_uaddr{"timeout_uaddr"};
  Var<String> timeout_str{"timeout_str"};
  constexpr explicit SyscallSelect(Point p) : SyscallPoint(p) {}
};
// epoll_wait(epfd, events, maxevents, timeout)
struct SyscallEpollWait : SyscallPoint {
  Var<Long> epfd{"epfd"};
  Var<Long> events_uaddr{"events_uaddr"};
  Var<Long> maxevents{"maxevents"};
  Var<Long> timeout{"timeout"};
  constexpr explicit SyscallEpollWait(Point p) : SyscallPoint(p) {}
};
// epoll_ctl(epfd, op, fd, event)
struct SyscallEpollCtl : SyscallPoint {
  Var<Long> epfd{"epfd"};
  Var<Long> op{"op"};
  Var<String> op_str{"op_str"};
  Var<Long> fd{"fd"};
  Var<Long> event_uaddr{"event_uaddr"};
  constexpr explicit SyscallEpollCtl(Point p) : SyscallPoint(p) {}
};
// stat(filename, buf)
struct SyscallStat : SyscallPoint {
  Var<Long> filename_uaddr{"filename_uaddr"};
  Var<String> filename{"filename"};
  Var<Long> buf_uaddr{"buf_uaddr"};
  constexpr explicit SyscallStat(Point p) : SyscallPoint(p) {}
};
// lstat(path, buf)
struct SyscallLstat : SyscallPoint {
  Var<String> path{"path"};
  Var<Long> buf_uaddr{"buf_uaddr"};
  constexpr explicit SyscallLstat(Point p) : SyscallPoint(p) {}
};
// fstat(filedes, buf)
struct SyscallFstat : SyscallPoint {
  Var<Long> filedes{"filedes"};
  Var<Long> buf_uaddr{"buf_uaddr"};
  constexpr explicit SyscallFstat(Point p) : SyscallPoint(p) {}
};
// fstatat(dirfd, path, buf, flags)
struct SyscallFstatat : SyscallPoint {
  Var<Long> dirfd{"dirfd"};
  Var<String> dirfd_str{"dirfd_str"};
  Var<String> path{"path"};
  Var<Long> buf_uaddr{"buf_uaddr"};
  Var<Long> flags{"flags"};
  Var<String> flags_str{"flags_str"};
  constexpr explicit SyscallFstatat(Point p) : SyscallPoint(p) {}
};
// statx(dfd, filename, flags, mask, buf)
struct SyscallStatx : SyscallPoint {
  Var<Long> dfd{"dfd"};
  Var<String> dfd_str{"dfd_str"};
  Var<String> filename{"filename"};
  Var<Long> flags{"flags"};
  Var<String> flags_str{"flags_str"};
  Var<Long> mask{"mask"};
  Var<String> mask_str{"mask_str"};
  Var<Long> buf_uaddr{"buf_uaddr"};
  constexpr explicit SyscallStatx(Point p) : SyscallPoint(p) {}
};
// access(pathname, mode)
struct SyscallAccess : SyscallPoint {
  Var<String> pathname{"pathname"};
  Var<Long> mode{"mode"};
  Var<String> mode_str{"mode_str"};
  constexpr explicit SyscallAccess(Point p) : SyscallPoint(p) {}
};
// faccessat(dirfd, pathname, mode)
struct SyscallFaccessat : SyscallPoint {
  Var<Long> dirfd{"dirfd"};
  Var<String> dirfd_str{"dirfd_str"};
  Var<String> pathname{"pathname"};
  Var<Long> mode{"mode"};
  Var<String> mode_str{"mode_str"};
  constexpr explicit SyscallFaccessat(Point p) : SyscallPoint(p) {}
};
// mkdir(pathname, mode)
struct SyscallMkdir : SyscallPoint {
  Var<Long> pathname_uaddr{"pathname_uaddr"};
  Var<String> pathname{"pathname"};
  Var<Long> mode{"mode"};
  constexpr explicit SyscallMkdir(Point p) : SyscallPoint(p) {}
};
// mkdirat(dirfd, pathname, mode)
struct SyscallMkdirat : SyscallPoint {
  Var<Long> dirfd{"dirfd"};
  Var<String> dirfd_str{"dirfd_str"};
  Var<String> pathname{"pathname"};
  Var<Long> mode{"mode"};
  constexpr explicit SyscallMkdirat(Point p) : SyscallPoint(p) {}
};
// rmdir(pathname)
struct SyscallRmdir : SyscallPoint {
  Var<String> pathname{"pathname"};
  constexpr explicit SyscallRmdir(Point p) : SyscallPoint(p) {}
};
// unlink(pathname)
struct SyscallUnlink : SyscallPoint {
  Var<Long> pathname_uaddr{"pathname_uaddr"};
  Var<String> pathname{"pathname"};
  constexpr explicit SyscallUnlink(Point p) : SyscallPoint(p) {}
};
// unlinkat(dfd, pathname, flag)
struct SyscallUnlinkat : SyscallPoint {
  Var<Long> dfd{"dfd"};
  Var<String> dfd_str{"dfd_str"};
  Var<String> pathname{"pathname"};
  Var<Long> flag{"flag"};
  Var<String> flag_str{"flag_str"};
  constexpr explicit SyscallUnlinkat(Point p) : SyscallPoint(p) {}
};
// rename(oldpath, newpath)
struct SyscallRename : SyscallPoint {
  Var<String> oldpath{"oldpath"};
  Var<String> newpath{"newpath"};
  constexpr explicit SyscallRename(Point p) : SyscallPoint(p) {}
};
// renameat(olddfd, oldname, newdfd, newname)
struct SyscallRenameat : SyscallPoint {
  Var<Long> olddfd{"olddfd"};
  Var<String> olddfd_str{"olddfd_str"};
  Var<String> oldname{"oldname"};
  Var<Long> newdfd{"newdfd"};
  Var<String> newdfd_str{"newdfd_str"};
  Var<String> newname{"newname"};
  constexpr explicit SyscallRenameat(Point p) : SyscallPoint(p) {}
};
// renameat2(olddfd, oldname, newdfd, newname, flags)
struct SyscallRenameat2 : SyscallPoint {
  Var<Long> olddfd{"olddfd"};
  Var<String> olddfd_str{"olddfd_str"};
  Var<String> oldname{"oldname"};
  Var<Long> newdfd{"newdfd"};
  Var<String> newdfd_str{"newdfd_str"};
  Var<String> newname{"newname"};
  Var<Long> flags{"flags"};
  Var<String> flags_str{"flags_str"};
  constexpr explicit SyscallRenameat2(Point p) : SyscallPoint(p) {}
};
// chdir(path)
struct SyscallChdir : SyscallPoint {
  Var<String> path{"path"};
  constexpr explicit SyscallChdir(Point p) : SyscallPoint(p) {}
};
// getcwd(buf, size)
struct SyscallGetcwd : SyscallPoint {
  Var<Long> buf_uaddr{"buf_uaddr"};
  Var<Long> size{"size"};
  constexpr explicit SyscallGetcwd(Point p) : SyscallPoint(p) {}
};
// chmod(path, mode)
struct SyscallChmod : SyscallPoint {
  Var<String> path{"path"};
  Var<Long> mode{"mode"};
  constexpr explicit SyscallChmod(Point p) : SyscallPoint(p) {}
};
// fchmod(fildes, mode)
struct SyscallFchmod : SyscallPoint {
  Var<Long> fildes{"fildes"};
  Var<Long> mode{"mode"};
  constexpr explicit SyscallFchmod(Point p) : SyscallPoint(p) {}
};
// chown(path, owner, group)
struct SyscallChown : SyscallPoint {
  Var<String> path{"path"};
  Var<Long> owner{"owner"};
  Var<Long> group{"group"};
  constexpr explicit SyscallChown(Point p) : SyscallPoint(p) {}
};
// fchown(fd, owner, group)
struct SyscallFchown : SyscallPoint {
  Var<Long> fd{"fd"};
  Var<Long> owner{"owner"};
  Var<Long> group{"group"};
  constexpr explicit SyscallFchown(Point p) : SyscallPoint(p) {}
};
// umask(mask)
struct SyscallUmask : SyscallPoint {
  Var<Long> mask{"mask"};
  constexpr explicit SyscallUmask(Point p) : SyscallPoint(p) {}
};
// truncate(path, length)
struct SyscallTruncate : SyscallPoint {
  Var<Long> path_uaddr{"path_uaddr"};
  Var<String> path{"path"};
  Var<Long> length{"length"};
  constexpr explicit SyscallTruncate(Point p) : SyscallPoint(p) {}
};
// mmap(start, length, prot, flags, fd, offset)
struct SyscallMmap2 : SyscallPoint {
  Var<Long> start{"start"};
  Var<Long> length{"length"};
  Var<Long> prot{"prot"};
  Var<String> prot_str{"prot_str"};
  Var<Long> flags{"flags"};
  Var<String> flags_str{"flags_str"};
  Var<Long> fd{"fd"};
  Var<Long> pgoffset{"pgoffset"};
  constexpr explicit SyscallMmap2(Point p) : SyscallPoint(p) {}
};
// munmap(start, length)
struct SyscallMunmap : SyscallPoint {
  Var<Long> start{"start"};
  Var<Long> length{"length"};
  constexpr explicit SyscallMunmap(Point p) : SyscallPoint(p) {}
};
// mprotect(addr, len, prot)
struct SyscallMprotect : SyscallPoint {
  Var<Long> addr{"addr"};
  Var<Long> len{"len"};
  Var<Long> prot{"prot"};
  Var<String> prot_str{"prot_str"};
  constexpr explicit SyscallMprotect(Point p) : SyscallPoint(p) {}
};
// brk(brk)
struct SyscallBrk : SyscallPoint {
  Var<Long> brk{"brk"};
  constexpr explicit SyscallBrk(Point p) : SyscallPoint(p) {}
};
// madvise(start, len_in, behavior)
struct SyscallMadvise : SyscallPoint {
  Var<Long> start{"start"};
  Var<Long> len_in{"len_in"};
  Var<Long> behavior{"behavior"};
  Var<String> behavior_str{"behavior_str"};
  constexpr explicit SyscallMadvise(Point p) : SyscallPoint(p) {}
};
// wait4(pid, status, options, rusage)
struct SyscallWait4 : SyscallPoint {
  Var<Long> pid{"pid"};
  Var<Long> status_uaddr{"status_uaddr"};
  Var<Long> options{"options"};
  Var<String> options_str{"options_str"};
  Var<Long> rusage_uaddr{"rusage_uaddr"};
  constexpr explicit SyscallWait4(Point p) : SyscallPoint(p) {}
};
// exit(status)
struct SyscallExit : SyscallPoint {
  Var<Long> status{"status"};
  constexpr explicit SyscallExit(Point p) : SyscallPoint(p) {}
};
// nanosleep(req, rem)
struct SyscallNanosleep : SyscallPoint {
  Var<Long> req_uaddr{"req_uaddr"};
  Var<Long> rem_uaddr{"rem_uaddr"};
  Var<String> req_str{"req_str"};
  constexpr explicit SyscallNanosleep(Point p) : SyscallPoint(p) {}
};
// clock_nanosleep(which_clock, flags, rqtp, rmtp)
struct SyscallClockNanosleep : SyscallPoint {
  Var<Long> which_clock{"which_clock"};
  Var<String> which_clock_str{"which_clock_str"};
  Var<Long> flags{"flags"};
  Var<String> flags_str{"flags_str"};
  Var<Long> rqtp_uaddr{"rqtp_uaddr"};
  Var<Long> rmtp_uaddr{"rmtp_uaddr"};
  Var<String> req_str{"req_str"};
  constexpr explicit SyscallClockNanosleep(Point p) : SyscallPoint(p) {}
};
// kill(pid, sig)
struct SyscallKill : SyscallPoint {
  Var<Long> pid{"pid"};
  Var<Long> sig{"sig"};
  Var<String> sig_str{"sig_str"};
  constexpr explicit SyscallKill(Point p) : SyscallPoint(p) {}
};
// tgkill(tgid, pid, sig)
struct SyscallTgkill : SyscallPoint {
  Var<Long> tgid{"tgid"};
  Var<Long> pid{"pid"};
  Var<Long> sig{"sig"};
  Var<String> sig_str{"sig_str"};
  constexpr explicit SyscallTgkill(Point p) : SyscallPoint(p) {}
};
// rt_sigaction(sig, act, oact, sigsetsize)
struct SyscallRtSigaction : SyscallPoint {
  Var<Long> sig{"sig"};
  Var<String> sig_str{"sig_str"};
  Var<Long> act_uaddr{"act_uaddr"};
  Var<Long> oact_uaddr{"oact_uaddr"};
  Var<Long> sigsetsize{"sigsetsize"};
  constexpr explicit SyscallRtSigaction(Point p) : SyscallPoint(p) {}
};
// rt_sigprocmask(how, set, oldset, sigsetsize)
struct SyscallRtSigprocmask : SyscallPoint {
  Var<Long> how{"how"};
  Var<String> how_str{"how_str"};
  Var<Long> set_uaddr{"set_uaddr"};
  Var<Long> oldset_uaddr{"oldset_uaddr"};
  Var<Long> sigsetsize{"sigsetsize"};
  constexpr explicit SyscallRtSigprocmask(Point p) : SyscallPoint(p) {}
};
// bind(sockfd, my_addr, addrlen)
struct SyscallBind : SyscallPoint, SockaddrLocals {
  Var<Long> sockfd{"sockfd"};
  Var<Long> my_addr_uaddr{"my_addr_uaddr"};
  Var<Long> addrlen{"addrlen"};
  constexpr explicit SyscallBind(Point p) : SyscallPoint(p) {}
};
// listen(sockfd, backlog)
struct SyscallListen : SyscallPoint {
  Var<Long> sockfd{"sockfd"};
  Var<Long> backlog{"backlog"};
  constexpr explicit SyscallListen(Point p) : SyscallPoint(p) {}
};
// getsockname(s, name, namelen)
struct SyscallGetsockname : SyscallPoint {
  Var<Long> s{"s"};
  Var<Long> name_uaddr{"name_uaddr"};
  Var<Long> namelen_uaddr{"namelen_uaddr"};
  constexpr explicit SyscallGetsockname(Point p) : SyscallPoint(p) {}
};
// setsockopt(fd, level, optname, optval, optlen)
struct SyscallSetsockopt : SyscallPoint {
  Var<Long> fd{"fd"};
  Var<Long> level{"level"};
  Var<String> level_str{"level_str"};
  Var<Long> optname{"optname"};
  Var<String> optname_str{"optname_str"};
  Var<Long> optval_uaddr{"optval_uaddr"};
  Var<Long> optlen{"optlen"};
  constexpr explicit SyscallSetsockopt(Point p) : SyscallPoint(p) {}
};
// getsockopt(fd, level, optname, optval, optlen)
struct SyscallGetsockopt : SyscallPoint {
  Var<Long> fd{"fd"};
  Var<Long> level{"level"};
  Var<String> level_str{"level_str"};
  Var<Long> optname{"optname"};
  Var<String> optname_str{"optname_str"};
  Var<Long> optval_uaddr{"optval_uaddr"};
  Var<Long> optlen_uaddr{"optlen_uaddr"};
  constexpr explicit SyscallGetsockopt(Point p) : SyscallPoint(p) {}
};
// sendmsg(s, msg, flags)
struct SyscallSendmsg : SyscallPoint {
  Var<Long> s{"s"};
  Var<Long> msg_uaddr{"msg_uaddr"};
  Var<Long> flags{"flags"};
  Var<String> flags_str{"flags_str"};
  constexpr explicit SyscallSendmsg(Point p) : SyscallPoint(p) {}
};
// shutdown(s, how)
struct SyscallShutdown : SyscallPoint {
  Var<Long> s{"s"};
  Var<Long> how{"how"};
  Var<String> how_str{"how_str"};
  constexpr explicit SyscallShutdown(Point p) : SyscallPoint(p) {}
};
// socketpair(family, type, protocol, sv)
struct SyscallSocketpair : SyscallPoint {
  Var<Long> family{"family"};
  Var<Long> type{"type"};
  Var<Long> protocol{"protocol"};
  Var<Long> sv_uaddr{"sv_uaddr"};
  Var<String> family_str{"family_str"};
  Var<String> type_str{"type_str"};
  Var<String> protocol_str{"protocol_str"};
  constexpr explicit SyscallSocketpair(Point p) : SyscallPoint(p) {}
};
struct SyscallPoints {
  std::string_view prefix;  // "syscall" or "nd_syscall"
  SyscallOpen open{point(prefix, "open")};
  SyscallOpenat openat{point(prefix, "openat")};
  SyscallRead read{point(prefix, "read")};
  SyscallWrite write{point(prefix, "write")};
  SyscallClose close{point(prefix, "close")};
  SyscallExecve execve{point(prefix, "execve")};
  SyscallClone clone{point(prefix, "clone")};
  SyscallExitGroup exit_group{point(prefix, "exit_group")};
  SyscallSocket socket{point(prefix, "socket")};
  SyscallConnect connect{point(prefix, "connect")};
  SyscallAccept accept{point(prefix, "accept")};
  SyscallAccept4 accept4{point(prefix, "accept4")};
  SyscallSendto sendto{point(prefix, "sendto")};
  SyscallRecvfrom recvfrom{point(prefix, "recvfrom")};
  SyscallPread pread{point(prefix, "pread")};
  SyscallPwrite pwrite{point(prefix, "pwrite")};
  SyscallReadv readv{point(prefix, "readv")};
  SyscallReadv writev{point(prefix, "writev")};
  SyscallLseek lseek{point(prefix, "lseek")};
  SyscallDup dup{point(prefix, "dup")};
  SyscallDup2 dup2{point(prefix, "dup2")};
  SyscallDup3 dup3{point(prefix, "dup3")};
  SyscallPipe pipe{point(prefix, "pipe")};
  SyscallPipe pipe2{point(prefix, "pipe2")};
  SyscallFcntl fcntl{point(prefix, "fcntl")};
  SyscallIoctl ioctl{point(prefix, "ioctl")};
  SyscallClose fsync{point(prefix, "fsync")};
  SyscallClose fdatasync{point(prefix, "fdatasync")};
  SyscallFtruncate ftruncate{point(prefix, "ftruncate")};
  SyscallPoll poll{point(prefix, "poll")};
  SyscallSelect select{point(prefix, "select")};
  SyscallEpollWait epoll_wait{point(prefix, "epoll_wait")};
  SyscallEpollCtl epoll_ctl{point(prefix, "epoll_ctl")};
  SyscallStat stat{point(prefix, "stat")};
  SyscallLstat lstat{point(prefix, "lstat")};
  SyscallFstat fstat{point(prefix, "fstat")};
  SyscallFstatat fstatat{point(prefix, "fstatat")};
  SyscallStatx statx{point(prefix, "statx")};
  SyscallAccess access{point(prefix, "access")};
  SyscallFaccessat faccessat{point(prefix, "faccessat")};
  SyscallMkdir mkdir{point(prefix, "mkdir")};
  SyscallMkdirat mkdirat{point(prefix, "mkdirat")};
  SyscallRmdir rmdir{point(prefix, "rmdir")};
  SyscallUnlink unlink{point(prefix, "unlink")};
  SyscallUnlinkat unlinkat{point(prefix, "unlinkat")};
  SyscallRename rename{point(prefix, "rename")};
  SyscallRenameat renameat{point(prefix, "renameat")};
  SyscallRenameat2 renameat2{point(prefix, "renameat2")};
  SyscallChdir chdir{point(prefix, "chdir")};
  SyscallClose fchdir{point(prefix, "fchdir")};
  SyscallGetcwd getcwd{point(prefix, "getcwd")};
  SyscallChmod chmod{point(prefix, "chmod")};
  SyscallFchmod fchmod{point(prefix, "fchmod")};
  SyscallChown chown{point(prefix, "chown")};
  SyscallFchown fchown{point(prefix, "fchown")};
  SyscallUmask umask{point(prefix, "umask")};
  SyscallTruncate truncate{point(prefix, "truncate")};
  SyscallMmap2 mmap2{point(prefix, "mmap2")};
  SyscallMunmap munmap{point(prefix, "munmap")};
  SyscallMprotect mprotect{point(prefix, "mprotect")};
  SyscallBrk brk{point(prefix, "brk")};
  SyscallMadvise madvise{point(prefix, "madvise")};
  SyscallPoint getpid{point(prefix, "getpid")};
  SyscallPoint getppid{point(prefix, "getppid")};
  SyscallPoint gettid{point(prefix, "gettid")};
  SyscallPoint getuid{point(prefix, "getuid")};
  SyscallPoint geteuid{point(prefix, "geteuid")};
  SyscallPoint getgid{point(prefix, "getgid")};
  SyscallPoint getegid{point(prefix, "getegid")};
  SyscallPoint fork{point(prefix, "fork")};
  SyscallPoint vfork{point(prefix, "vfork")};
  SyscallWait4 wait4{point(prefix, "wait4")};
  SyscallExit exit{point(prefix, "exit")};
  SyscallNanosleep nanosleep{point(prefix, "nanosleep")};
  SyscallClockNanosleep clock_nanosleep{point(prefix, "clock_nanosleep")};
  SyscallKill kill{point(prefix, "kill")};
  SyscallKill tkill{point(prefix, "tkill")};
  SyscallTgkill tgkill{point(prefix, "tgkill")};
  SyscallRtSigaction rt_sigaction{point(prefix, "rt_sigaction")};
  SyscallRtSigprocmask rt_sigprocmask{point(prefix, "rt_sigprocmask")};
  SyscallBind bind{point(prefix, "bind")};
  SyscallListen listen{point(prefix, "listen")};
  SyscallGetsockname getsockname{point(prefix, "getsockname")};
  SyscallGetsockname getpeername{point(prefix, "getpeername")};
  SyscallSetsockopt setsockopt{point(prefix, "setsockopt")};
  SyscallGetsockopt getsockopt{point(prefix, "getsockopt")};
  SyscallSendmsg sendmsg{point(prefix, "sendmsg")};
  SyscallSendmsg recvmsg{point(prefix, "recvmsg")};
  SyscallShutdown shutdown{point(prefix, "shutdown")};
  SyscallSocketpair socketpair{point(prefix, "socketpair")};
  SyscallPoint any{point(prefix, "*")};
  // PREFIX.NAME for a name not listed above.
  constexpr SyscallPoint operator()(std::string_view name) const {
    return SyscallPoint{point(prefix).then(word(name))};
  }
};
inline constexpr SyscallPoints syscall{"syscall"};
inline constexpr SyscallPoints nd_syscall{"nd_syscall"};

}  // namespace cxxtap::dsl
