// Call/return tracing with thread_indent in the C++ DSL (same IR as
// thread_indent.stp).
#pragma once

#include <cxxtap/dsl.h>

namespace examples {
namespace tap = cxxtap::dsl;

inline constexpr auto recvmsg = tap::kernel.function("___sys_recvmsg@net/socket.c");

inline constexpr auto thread_indent = tap::script(
    tap::probe(recvmsg.call(), tap::printf("%s -> %s\n", tap::thread_indent(1), tap::ppfunc())),
    tap::probe(recvmsg.return_(),
               tap::printf("%s <- %s\n", tap::thread_indent(-1), tap::ppfunc())));

}  // namespace examples
