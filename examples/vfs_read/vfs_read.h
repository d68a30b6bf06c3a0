// The vfs.read seed script in the C++ DSL (same IR as vfs_read.stp).
#pragma once

#include <cxxtap/dsl.h>

namespace examples {
namespace tap = cxxtap::dsl;

inline constexpr auto vfs_read = tap::script(
    tap::probe(tap::vfs.read, tap::printf("read performed\n"), tap::exit()));

}  // namespace examples
