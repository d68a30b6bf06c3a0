// DSL declarations of the core tapset functions (tapset-cpp/stap/*.stp has
// their definitions; tests/unit/dsl/tapset_sig_test.cpp checks they agree).
#pragma once

#include <cxxtap/dsl/function_sig.h>

namespace cxxtap::dsl {

// logging.stp
inline constexpr Sig<Void, String> log{"log"};
inline constexpr Sig<Void, String> warn{"warn"};
inline constexpr Sig<Void> exit{"exit"};
inline constexpr Sig<Void, String> error{"error"};

// string.stp
inline constexpr Sig<Long, String> strlen{"strlen"};
inline constexpr Sig<String, String, Long, Long> substr{"substr"};
inline constexpr Sig<Long, String, String> isinstr{"isinstr"};
inline constexpr Sig<String, String, String, String> str_replace{"str_replace"};
inline constexpr Sig<Long, String, Long> strtol{"strtol"};
inline constexpr Sig<String, String> text_str{"text_str"};

// context.stp
inline constexpr Sig<String> execname{"execname"};
inline constexpr Sig<Long> pid{"pid"};
inline constexpr Sig<Long> tid{"tid"};
inline constexpr Sig<Long> ppid{"ppid"};
inline constexpr Sig<Long> uid{"uid"};
inline constexpr Sig<Long> euid{"euid"};
inline constexpr Sig<Long> gid{"gid"};
inline constexpr Sig<Long> cpu{"cpu"};
inline constexpr Sig<String> pp{"pp"};
inline constexpr Sig<String> ppfunc{"ppfunc"};
inline constexpr Sig<Long> target{"target"};

// symbols.stp
inline constexpr Sig<String> probefunc{"probefunc"};
inline constexpr Sig<String> probemod{"probemod"};

// errno.stp: return probes without debuginfo (kprobe.function(..).return)
inline constexpr Sig<Long> returnval{"returnval"};
inline constexpr Sig<String, Long> returnstr{"returnstr"};

// registers.stp
inline constexpr Sig<Long, String> register_{"register"};  // `register` is a C++ keyword
inline constexpr Sig<Long, String> u_register{"u_register"};

// indent.stp
inline constexpr Sig<String, Long> thread_indent{"thread_indent"};

// timestamp.stp
inline constexpr Sig<Long> gettimeofday_s{"gettimeofday_s"};
inline constexpr Sig<Long> gettimeofday_ms{"gettimeofday_ms"};
inline constexpr Sig<Long> gettimeofday_us{"gettimeofday_us"};
inline constexpr Sig<Long> gettimeofday_ns{"gettimeofday_ns"};

// ctime.stp, errno.stp, conversions
inline constexpr Sig<String, Long> ctime{"ctime"};
inline constexpr Sig<String, Long> errno_str{"errno_str"};
inline constexpr Sig<String, Long> kernel_string{"kernel_string"};
inline constexpr Sig<Long, Long> kernel_long{"kernel_long"};
inline constexpr Sig<String, Long> user_string{"user_string"};

// Every declaration above, for the agreement test.
inline constexpr std::array core_signatures = {
    log.info(),       warn.info(),      exit.info(),           error.info(),
    strlen.info(),    substr.info(),    isinstr.info(),        str_replace.info(),
    strtol.info(),    text_str.info(),  execname.info(),       pid.info(),
    tid.info(),       ppid.info(),      uid.info(),            euid.info(),
    gid.info(),       cpu.info(),       pp.info(),             ppfunc.info(),
    target.info(),    probefunc.info(), thread_indent.info(),  gettimeofday_s.info(),
    gettimeofday_ms.info(), gettimeofday_us.info(), gettimeofday_ns.info(), ctime.info(),
    errno_str.info(), kernel_string.info(), kernel_long.info(), user_string.info(),
    probemod.info(),  returnval.info(), returnstr.info(),      register_.info(),
    u_register.info(),
};

}  // namespace cxxtap::dsl
