// The syscall.open seed script in the C++ DSL (same IR as syscall_open.stp):
// argstr is a local the syscall.open alias sets, a typed member of the point.
#pragma once

#include <cxxtap/dsl.h>

namespace examples {
namespace tap = cxxtap::dsl;

inline constexpr auto& sys_open = tap::syscall.open;

inline constexpr auto syscall_open = tap::script(tap::probe(
    sys_open,
    tap::printf("%s(%d) open (%s)\n", tap::execname(), tap::pid(), sys_open.argstr)));

}  // namespace examples
