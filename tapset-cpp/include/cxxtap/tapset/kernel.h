// Typed probe points of tapset aliases over kernel families (vfs, syscall,
// netfilter), each with the local variables its alias sets as typed members:
//
//   constexpr auto& open = tap::syscall.open;
//   tap::probe(open, tap::printf("%s\n", open.argstr))
//
// A point offers .return_() only where the alias has a .return form. The
// aliases themselves (tapset-cpp/stap) arrive with the kernel families
// (issue 5); until then these scripts go through pass 1 only.
#pragma once

#include <cxxtap/dsl/probe.h>

namespace cxxtap::dsl {

// vfs.read / vfs.write and their .return
struct VfsPoint : Point {
  Var<String> devname{"devname"};
  Var<Long> ino{"ino"};
  Var<Long> bytes_to_read{"bytes_to_read"};
  Var<Long> bytes_to_write{"bytes_to_write"};
  constexpr explicit VfsPoint(Point p) : Point(p) {}
  constexpr Point return_() const { return then(word("return")); }
};
struct VfsPoints {
  VfsPoint read{point("vfs.read")};
  VfsPoint write{point("vfs.write")};
  VfsPoint open{point("vfs.open")};
};
inline constexpr VfsPoints vfs{};

// syscall.NAME and syscall.NAME.return
struct SyscallPoint : Point {
  Var<String> name{"name"};
  Var<String> argstr{"argstr"};
  constexpr explicit SyscallPoint(Point p) : Point(p) {}
  struct Return : Point {
    Var<String> name{"name"};
    Var<String> retstr{"retstr"};
    constexpr explicit Return(Point p) : Point(p) {}
  };
  constexpr Return return_() const { return Return{then(word("return"))}; }
};
struct SyscallPoints {
  SyscallPoint open{point("syscall.open")};
  SyscallPoint openat{point("syscall.openat")};
  SyscallPoint read{point("syscall.read")};
  SyscallPoint write{point("syscall.write")};
  SyscallPoint close{point("syscall.close")};
  SyscallPoint any{point("syscall.*")};
  // syscall.NAME for a name not listed above.
  constexpr SyscallPoint operator()(std::string_view name) const {
    return SyscallPoint{point("syscall").then(word(name))};
  }
};
inline constexpr SyscallPoints syscall{};

// netfilter.ipv4.HOOK (no .return)
struct NetfilterPoint : Point {
  Var<String> saddr{"saddr"};
  Var<String> daddr{"daddr"};
  Var<Long> length{"length"};
  Var<Long> protocol{"protocol"};
  Var<Long> sport{"sport"};
  Var<Long> dport{"dport"};
  constexpr explicit NetfilterPoint(Point p) : Point(p) {}
};
struct NetfilterIpv4 {
  NetfilterPoint pre_routing{point("netfilter.ipv4.pre_routing")};
  NetfilterPoint local_in{point("netfilter.ipv4.local_in")};
  NetfilterPoint forward{point("netfilter.ipv4.forward")};
  NetfilterPoint local_out{point("netfilter.ipv4.local_out")};
  NetfilterPoint post_routing{point("netfilter.ipv4.post_routing")};
};
struct NetfilterPoints {
  NetfilterIpv4 ipv4{};
};
inline constexpr NetfilterPoints netfilter{};

}  // namespace cxxtap::dsl
