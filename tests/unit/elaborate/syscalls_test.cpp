// The syscall.* and nd_syscall.* aliases of tapset-cpp/stap/syscalls_*.stp
// elaborate against the whole tapset library: the wildcards expand over
// every alias, and every local the DSL declares for a syscall point
// (tapset-cpp/include/cxxtap/tapset/kernel.h) is set by its alias with the
// type the DSL gives it.
#include "elaborate_helpers.h"

#include <cxxtap/dsl.h>
#include <cxxtap/ir/printer.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <type_traits>

namespace fs = std::filesystem;
namespace tap = cxxtap::dsl;
using cxxtap::test::elaborate_text;
using cxxtap::test::Tapset;

namespace {

const std::vector<Tapset>& library() {
  static const std::vector<Tapset> files = [] {
    std::vector<Tapset> out;
    for (const auto& e :
         fs::directory_iterator(std::string(CXXTAP_SOURCE_DIR) + "/tapset-cpp/stap")) {
      if (e.path().extension() != ".stp") continue;
      std::ifstream in(e.path());
      std::stringstream ss;
      ss << in.rdbuf();
      out.push_back({e.path().filename().string(), ss.str()});
    }
    return out;
  }();
  return files;
}

std::size_t count_lines_starting(const std::string& text, const std::string& prefix) {
  std::size_t n = 0;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (line.rfind(prefix, 0) == 0) ++n;
  return n;
}

template <class T>
auto print_one(const tap::Var<T>& v) {
  if constexpr (std::is_same_v<T, tap::String>)
    return tap::printf("%s\n", v);
  else
    return tap::printf("%d\n", v);
}

template <class T>
std::string listed(const tap::Var<T>& v) {
  return "  " + std::string(v.name) + (std::is_same_v<T, tap::String> ? ":string\n" : ":long\n");
}

// The DSL probe on `point` printing each of `locals`, written out as stap
// text, elaborates, and lists each local with the DSL's type.
template <class P, class... T>
void check_locals(const P& point, const tap::Var<T>&... locals) {
  auto script = tap::script(tap::probe(point, print_one(locals)...));
  std::string text = cxxtap::ir::to_string(*script.lower());
  INFO(text);
  auto r = elaborate_text(text, library());
  INFO(r.diagnostics);
  REQUIRE(r.ok());
  CHECK(r.warnings == 0);
  for (const std::string& l : {listed(locals)...}) CHECK(r.lists(l));
}

}  // namespace

TEST_CASE("syscalls: syscall.* and syscall.*.return expand over every alias") {
  auto entry = elaborate_text("probe syscall.* { printf(\"%s %s\\n\", name, argstr) }", library());
  INFO(entry.diagnostics);
  REQUIRE(entry.ok());
  CHECK(count_lines_starting(entry.listing, "kprobe.function(\"__x64_sys_") == 90);
  CHECK(entry.lists("kprobe.function(\"__x64_sys_openat\") /* <- syscall.openat, "
                    "nd_syscall.openat = kprobe.function(\"__x64_sys_openat\") <- syscall.* */"));

  auto ret = elaborate_text("probe syscall.*.return { printf(\"%s %d %s\\n\", name, retval, retstr) }",
                            library());
  INFO(ret.diagnostics);
  REQUIRE(ret.ok());
  // exit_group and exit never return: their .return are `never` probes.
  CHECK(count_lines_starting(ret.listing, "kprobe.function(\"__x64_sys_") == 88);
  CHECK(count_lines_starting(ret.listing, "never ") == 2);
}

TEST_CASE("syscalls: nd_syscall.* names the same probes") {
  auto nd = elaborate_text("probe nd_syscall.* { printf(\"%s %s\\n\", name, argstr) }", library());
  INFO(nd.diagnostics);
  REQUIRE(nd.ok());
  CHECK(count_lines_starting(nd.listing, "kprobe.function(\"__x64_sys_") == 90);
  auto both = elaborate_text(
      "probe nd_syscall.open.return, syscall.open.return { println(retstr) }", library());
  REQUIRE(both.ok());
  CHECK(count_lines_starting(both.listing, "kprobe.function(\"__x64_sys_open\").return") == 2);
}

TEST_CASE("syscalls: -L 'syscall.*' and -L 'nd_syscall.*' list every call with its locals") {
  static const char* const calls[] = {
      "open", "openat", "read", "write", "close", "execve", "clone", "exit_group", "socket",
      "connect", "accept", "accept4", "sendto", "recvfrom", "pread", "pwrite", "readv", "writev",
      "lseek", "dup", "dup2", "dup3", "pipe", "pipe2", "fcntl", "ioctl", "fsync", "fdatasync",
      "ftruncate", "poll", "select", "epoll_wait", "epoll_ctl", "stat", "lstat", "fstat",
      "fstatat", "statx", "access", "faccessat", "mkdir", "mkdirat", "rmdir", "unlink",
      "unlinkat", "rename", "renameat", "renameat2", "chdir", "fchdir", "getcwd", "chmod",
      "fchmod", "chown", "fchown", "umask", "truncate", "mmap2", "munmap", "mprotect", "brk",
      "madvise", "getpid", "getppid", "gettid", "getuid", "geteuid", "getgid", "getegid", "fork",
      "vfork", "wait4", "exit", "nanosleep", "clock_nanosleep", "kill", "tkill", "tgkill",
      "rt_sigaction", "rt_sigprocmask", "bind", "listen", "getsockname", "getpeername",
      "setsockopt", "getsockopt", "sendmsg", "recvmsg", "shutdown", "socketpair"};
  CHECK(std::size(calls) == 90);
  for (const std::string prefix : {"syscall", "nd_syscall"}) {
    const auto listed = cxxtap::test::list_pattern(prefix + ".*", library(), true);
    CHECK(listed.size() == std::size(calls));
    for (const std::string call : calls) {
      INFO(prefix << "." << call);
      const std::string head = prefix + "." + call + " name:string ";
      CHECK(std::count_if(listed.begin(), listed.end(), [&](const std::string& l) {
              return l.rfind(head, 0) == 0 && l.find(" argstr:string") != std::string::npos;
            }) == 1);
    }
  }
}

TEST_CASE("syscalls: an unknown syscall name does not resolve") {
  auto r = elaborate_text("probe syscall.no_such_call { }", library());
  CHECK_FALSE(r.ok());
}

TEST_CASE("syscalls: every DSL local of a syscall point is set by its alias, with its type") {
  const auto& sc = tap::syscall;
  check_locals(sc.any, sc.any.name, sc.any.argstr);
  const auto any_ret = sc.any.return_();
  check_locals(any_ret, any_ret.name, any_ret.retval, any_ret.retstr);
  check_locals(sc.open, sc.open.filename, sc.open.filename_unquoted, sc.open.flags,
               sc.open.flags_str, sc.open.mode);
  check_locals(sc.openat, sc.openat.dfd, sc.openat.dfd_str, sc.openat.filename,
               sc.openat.filename_unquoted, sc.openat.flags, sc.openat.flags_str, sc.openat.mode);
  check_locals(sc.read, sc.read.fd, sc.read.buf_uaddr, sc.read.count);
  check_locals(sc.write, sc.write.fd, sc.write.buf_uaddr, sc.write.count, sc.write.buf_str);
  check_locals(sc.close, sc.close.fd);
  check_locals(sc.execve, sc.execve.filename, sc.execve.args, sc.execve.env_str);
  check_locals(sc.clone, sc.clone.clone_flags, sc.clone.stack_start, sc.clone.parent_tid_uaddr,
               sc.clone.child_tid_uaddr);
  check_locals(sc.exit_group, sc.exit_group.status);
  check_locals(sc.socket, sc.socket.family, sc.socket.type, sc.socket.protocol,
               sc.socket.family_str, sc.socket.type_str, sc.socket.protocol_str);
  check_locals(sc.connect, sc.connect.sockfd, sc.connect.serv_addr_uaddr, sc.connect.addrlen,
               sc.connect.uaddr_af, sc.connect.uaddr_ip, sc.connect.uaddr_ip_port,
               sc.connect.uaddr_ipv6_flowinfo, sc.connect.uaddr_ipv6_scope_id);
  check_locals(sc.accept, sc.accept.sockfd, sc.accept.addr_uaddr, sc.accept.addrlen_uaddr);
  check_locals(sc.accept4, sc.accept4.sockfd, sc.accept4.addr_uaddr, sc.accept4.addrlen_uaddr,
               sc.accept4.flags, sc.accept4.flags_str);
  check_locals(sc.sendto, sc.sendto.s, sc.sendto.buf_uaddr, sc.sendto.len, sc.sendto.flags,
               sc.sendto.flags_str, sc.sendto.to_uaddr, sc.sendto.tolen, sc.sendto.buf,
               sc.sendto.to_str);
  check_locals(sc.recvfrom, sc.recvfrom.s, sc.recvfrom.buf_uaddr, sc.recvfrom.len,
               sc.recvfrom.flags, sc.recvfrom.flags_str, sc.recvfrom.addr_uaddr,
               sc.recvfrom.addrlen_uaddr);
  check_locals(sc.pread, sc.pread.fd, sc.pread.buf_uaddr, sc.pread.count, sc.pread.offset);
  check_locals(sc.pwrite, sc.pwrite.fd, sc.pwrite.buf_uaddr, sc.pwrite.count, sc.pwrite.offset,
               sc.pwrite.buf_str);
  check_locals(sc.readv, sc.readv.fd, sc.readv.vector_uaddr, sc.readv.count);
  check_locals(sc.writev, sc.writev.fd, sc.writev.vector_uaddr, sc.writev.count);
  check_locals(sc.lseek, sc.lseek.fildes, sc.lseek.offset, sc.lseek.whence, sc.lseek.whence_str);
  check_locals(sc.dup, sc.dup.oldfd);
  check_locals(sc.dup2, sc.dup2.oldfd, sc.dup2.newfd, sc.dup2.flags);
  check_locals(sc.dup3, sc.dup3.oldfd, sc.dup3.newfd, sc.dup3.flags, sc.dup3.flags_str);
  check_locals(sc.pipe, sc.pipe.fildes_uaddr, sc.pipe.flags, sc.pipe.flag_str);
  check_locals(sc.pipe2, sc.pipe2.fildes_uaddr, sc.pipe2.flags, sc.pipe2.flag_str);
  check_locals(sc.fcntl, sc.fcntl.fd, sc.fcntl.cmd, sc.fcntl.cmd_str, sc.fcntl.arg);
  check_locals(sc.ioctl, sc.ioctl.fd, sc.ioctl.request, sc.ioctl.argp);
  check_locals(sc.fsync, sc.fsync.fd);
  check_locals(sc.fdatasync, sc.fdatasync.fd);
  check_locals(sc.ftruncate, sc.ftruncate.fd, sc.ftruncate.length);
  check_locals(sc.poll, sc.poll.ufds_uaddr, sc.poll.nfds, sc.poll.timeout);
  check_locals(sc.select, sc.select.n, sc.select.readfds_uaddr, sc.select.writefds_uaddr,
               sc.select.exceptfds_uaddr, sc.select.timeout_uaddr, sc.select.timeout_str);
  check_locals(sc.epoll_wait, sc.epoll_wait.epfd, sc.epoll_wait.events_uaddr,
               sc.epoll_wait.maxevents, sc.epoll_wait.timeout);
  check_locals(sc.epoll_ctl, sc.epoll_ctl.epfd, sc.epoll_ctl.op, sc.epoll_ctl.op_str,
               sc.epoll_ctl.fd, sc.epoll_ctl.event_uaddr);
  check_locals(sc.stat, sc.stat.filename_uaddr, sc.stat.filename, sc.stat.buf_uaddr);
  check_locals(sc.lstat, sc.lstat.path, sc.lstat.buf_uaddr);
  check_locals(sc.fstat, sc.fstat.filedes, sc.fstat.buf_uaddr);
  check_locals(sc.fstatat, sc.fstatat.dirfd, sc.fstatat.dirfd_str, sc.fstatat.path,
               sc.fstatat.buf_uaddr, sc.fstatat.flags, sc.fstatat.flags_str);
  check_locals(sc.statx, sc.statx.dfd, sc.statx.dfd_str, sc.statx.filename, sc.statx.flags,
               sc.statx.flags_str, sc.statx.mask, sc.statx.mask_str, sc.statx.buf_uaddr);
  check_locals(sc.access, sc.access.pathname, sc.access.mode, sc.access.mode_str);
  check_locals(sc.faccessat, sc.faccessat.dirfd, sc.faccessat.dirfd_str, sc.faccessat.pathname,
               sc.faccessat.mode, sc.faccessat.mode_str);
  check_locals(sc.mkdir, sc.mkdir.pathname_uaddr, sc.mkdir.pathname, sc.mkdir.mode);
  check_locals(sc.mkdirat, sc.mkdirat.dirfd, sc.mkdirat.dirfd_str, sc.mkdirat.pathname,
               sc.mkdirat.mode);
  check_locals(sc.rmdir, sc.rmdir.pathname);
  check_locals(sc.unlink, sc.unlink.pathname_uaddr, sc.unlink.pathname);
  check_locals(sc.unlinkat, sc.unlinkat.dfd, sc.unlinkat.dfd_str, sc.unlinkat.pathname,
               sc.unlinkat.flag, sc.unlinkat.flag_str);
  check_locals(sc.rename, sc.rename.oldpath, sc.rename.newpath);
  check_locals(sc.renameat, sc.renameat.olddfd, sc.renameat.olddfd_str, sc.renameat.oldname,
               sc.renameat.newdfd, sc.renameat.newdfd_str, sc.renameat.newname);
  check_locals(sc.renameat2, sc.renameat2.olddfd, sc.renameat2.olddfd_str, sc.renameat2.oldname,
               sc.renameat2.newdfd, sc.renameat2.newdfd_str, sc.renameat2.newname,
               sc.renameat2.flags, sc.renameat2.flags_str);
  check_locals(sc.chdir, sc.chdir.path);
  check_locals(sc.fchdir, sc.fchdir.fd);
  check_locals(sc.getcwd, sc.getcwd.buf_uaddr, sc.getcwd.size);
  check_locals(sc.chmod, sc.chmod.path, sc.chmod.mode);
  check_locals(sc.fchmod, sc.fchmod.fildes, sc.fchmod.mode);
  check_locals(sc.chown, sc.chown.path, sc.chown.owner, sc.chown.group);
  check_locals(sc.fchown, sc.fchown.fd, sc.fchown.owner, sc.fchown.group);
  check_locals(sc.umask, sc.umask.mask);
  check_locals(sc.truncate, sc.truncate.path_uaddr, sc.truncate.path, sc.truncate.length);
  check_locals(sc.mmap2, sc.mmap2.start, sc.mmap2.length, sc.mmap2.prot, sc.mmap2.prot_str,
               sc.mmap2.flags, sc.mmap2.flags_str, sc.mmap2.fd, sc.mmap2.pgoffset);
  check_locals(sc.munmap, sc.munmap.start, sc.munmap.length);
  check_locals(sc.mprotect, sc.mprotect.addr, sc.mprotect.len, sc.mprotect.prot,
               sc.mprotect.prot_str);
  check_locals(sc.brk, sc.brk.brk);
  check_locals(sc.madvise, sc.madvise.start, sc.madvise.len_in, sc.madvise.behavior,
               sc.madvise.behavior_str);
  check_locals(sc.wait4, sc.wait4.pid, sc.wait4.status_uaddr, sc.wait4.options,
               sc.wait4.options_str, sc.wait4.rusage_uaddr);
  check_locals(sc.exit, sc.exit.status);
  check_locals(sc.nanosleep, sc.nanosleep.req_uaddr, sc.nanosleep.rem_uaddr, sc.nanosleep.req_str);
  check_locals(sc.clock_nanosleep, sc.clock_nanosleep.which_clock,
               sc.clock_nanosleep.which_clock_str, sc.clock_nanosleep.flags,
               sc.clock_nanosleep.flags_str, sc.clock_nanosleep.rqtp_uaddr,
               sc.clock_nanosleep.rmtp_uaddr, sc.clock_nanosleep.req_str);
  check_locals(sc.kill, sc.kill.pid, sc.kill.sig, sc.kill.sig_str);
  check_locals(sc.tkill, sc.tkill.pid, sc.tkill.sig, sc.tkill.sig_str);
  check_locals(sc.tgkill, sc.tgkill.tgid, sc.tgkill.pid, sc.tgkill.sig, sc.tgkill.sig_str);
  check_locals(sc.rt_sigaction, sc.rt_sigaction.sig, sc.rt_sigaction.sig_str,
               sc.rt_sigaction.act_uaddr, sc.rt_sigaction.oact_uaddr, sc.rt_sigaction.sigsetsize);
  check_locals(sc.rt_sigprocmask, sc.rt_sigprocmask.how, sc.rt_sigprocmask.how_str,
               sc.rt_sigprocmask.set_uaddr, sc.rt_sigprocmask.oldset_uaddr,
               sc.rt_sigprocmask.sigsetsize);
  check_locals(sc.bind, sc.bind.sockfd, sc.bind.my_addr_uaddr, sc.bind.addrlen, sc.bind.uaddr_af,
               sc.bind.uaddr_ip, sc.bind.uaddr_ip_port, sc.bind.uaddr_ipv6_flowinfo,
               sc.bind.uaddr_ipv6_scope_id);
  check_locals(sc.listen, sc.listen.sockfd, sc.listen.backlog);
  check_locals(sc.getsockname, sc.getsockname.s, sc.getsockname.name_uaddr,
               sc.getsockname.namelen_uaddr);
  check_locals(sc.getpeername, sc.getpeername.s, sc.getpeername.name_uaddr,
               sc.getpeername.namelen_uaddr);
  check_locals(sc.setsockopt, sc.setsockopt.fd, sc.setsockopt.level, sc.setsockopt.level_str,
               sc.setsockopt.optname, sc.setsockopt.optname_str, sc.setsockopt.optval_uaddr,
               sc.setsockopt.optlen);
  check_locals(sc.getsockopt, sc.getsockopt.fd, sc.getsockopt.level, sc.getsockopt.level_str,
               sc.getsockopt.optname, sc.getsockopt.optname_str, sc.getsockopt.optval_uaddr,
               sc.getsockopt.optlen_uaddr);
  check_locals(sc.sendmsg, sc.sendmsg.s, sc.sendmsg.msg_uaddr, sc.sendmsg.flags,
               sc.sendmsg.flags_str);
  check_locals(sc.recvmsg, sc.recvmsg.s, sc.recvmsg.msg_uaddr, sc.recvmsg.flags,
               sc.recvmsg.flags_str);
  check_locals(sc.shutdown, sc.shutdown.s, sc.shutdown.how, sc.shutdown.how_str);
  check_locals(sc.socketpair, sc.socketpair.family, sc.socketpair.type, sc.socketpair.protocol,
               sc.socketpair.sv_uaddr, sc.socketpair.family_str, sc.socketpair.type_str,
               sc.socketpair.protocol_str);
  // Each named entry point and its .return, under both names.
  for (const auto* points : {&tap::syscall, &tap::nd_syscall}) {
    const tap::SyscallPoints& s = *points;
    for (const tap::SyscallPoint* q :
         std::initializer_list<const tap::SyscallPoint*>{
             &s.open, &s.openat, &s.read, &s.write, &s.close, &s.execve, &s.clone, &s.exit_group,
             &s.socket, &s.connect, &s.accept, &s.accept4, &s.sendto, &s.recvfrom,
             &s.pread, &s.pwrite, &s.readv, &s.writev, &s.lseek, &s.dup, &s.dup2, &s.dup3, &s.pipe,
             &s.pipe2, &s.fcntl, &s.ioctl, &s.fsync, &s.fdatasync, &s.ftruncate, &s.poll, &s.select,
             &s.epoll_wait, &s.epoll_ctl, &s.stat, &s.lstat, &s.fstat, &s.fstatat, &s.statx,
             &s.access, &s.faccessat, &s.mkdir, &s.mkdirat, &s.rmdir, &s.unlink, &s.unlinkat,
             &s.rename, &s.renameat, &s.renameat2, &s.chdir, &s.fchdir, &s.getcwd, &s.chmod,
             &s.fchmod, &s.chown, &s.fchown, &s.umask, &s.truncate, &s.mmap2, &s.munmap,
             &s.mprotect, &s.brk, &s.madvise, &s.getpid, &s.getppid, &s.gettid, &s.getuid,
             &s.geteuid, &s.getgid, &s.getegid, &s.fork, &s.vfork, &s.wait4, &s.exit, &s.nanosleep,
             &s.clock_nanosleep, &s.kill, &s.tkill, &s.tgkill, &s.rt_sigaction, &s.rt_sigprocmask,
             &s.bind, &s.listen, &s.getsockname, &s.getpeername, &s.setsockopt, &s.getsockopt,
             &s.sendmsg, &s.recvmsg, &s.shutdown, &s.socketpair}) {
      const tap::SyscallPoint& p = *q;
      check_locals(p, p.name, p.argstr);
      const auto r = p.return_();
      check_locals(r, r.name, r.retval, r.retstr);
    }
  }
}
