// The syscall.* and nd_syscall.* aliases of tapset-cpp/stap/syscalls_*.stp
// elaborate against the whole tapset library: the wildcards expand over
// every alias, and every local the DSL declares for a syscall point
// (tapset-cpp/include/cxxtap/tapset/kernel.h) is set by its alias with the
// type the DSL gives it.
#include "elaborate_helpers.h"

#include <cxxtap/dsl.h>
#include <cxxtap/ir/printer.h>

#include <catch2/catch.hpp>

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
  CHECK(count_lines_starting(entry.listing, "kprobe.function(\"__x64_sys_") == 14);
  CHECK(entry.lists("kprobe.function(\"__x64_sys_openat\") /* <- syscall.openat, "
                    "nd_syscall.openat = kprobe.function(\"__x64_sys_openat\") <- syscall.* */"));

  auto ret = elaborate_text("probe syscall.*.return { printf(\"%s %d %s\\n\", name, retval, retstr) }",
                            library());
  INFO(ret.diagnostics);
  REQUIRE(ret.ok());
  // exit_group never returns: its .return is a `never` probe.
  CHECK(count_lines_starting(ret.listing, "kprobe.function(\"__x64_sys_") == 13);
  CHECK(count_lines_starting(ret.listing, "never ") == 1);
}

TEST_CASE("syscalls: nd_syscall.* names the same probes") {
  auto nd = elaborate_text("probe nd_syscall.* { printf(\"%s %s\\n\", name, argstr) }", library());
  INFO(nd.diagnostics);
  REQUIRE(nd.ok());
  CHECK(count_lines_starting(nd.listing, "kprobe.function(\"__x64_sys_") == 14);
  auto both = elaborate_text(
      "probe nd_syscall.open.return, syscall.open.return { println(retstr) }", library());
  REQUIRE(both.ok());
  CHECK(count_lines_starting(both.listing, "kprobe.function(\"__x64_sys_open\").return") == 2);
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
  // Each named entry point and its .return, under both names.
  for (const auto* points : {&tap::syscall, &tap::nd_syscall}) {
    const tap::SyscallPoints& s = *points;
    for (const tap::SyscallPoint* q :
         std::initializer_list<const tap::SyscallPoint*>{
             &s.open, &s.openat, &s.read, &s.write, &s.close, &s.execve, &s.clone, &s.exit_group,
             &s.socket, &s.connect, &s.accept, &s.accept4, &s.sendto, &s.recvfrom}) {
      const tap::SyscallPoint& p = *q;
      check_locals(p, p.name, p.argstr);
      const auto r = p.return_();
      check_locals(r, r.name, r.retval, r.retstr);
    }
  }
}
