// Target variables, @entry, @cast and @defined in the C++ DSL (same IR as
// targets.stp).
#pragma once

#include <cxxtap/dsl.h>

namespace examples {
namespace tap = cxxtap::dsl;

inline constexpr tap::Array<tap::Stats, tap::Long> opened{"opened"};
inline constexpr auto file = tap::target_var("file");

inline constexpr auto targets = tap::script(
    opened,
    tap::probe(tap::kernel.function("vfs_read").return_(),
               tap::if_(tap::defined(file.field("f_mode")),
                        tap::printf("%d bytes of %d\n", tap::return_value,
                                    tap::entry(tap::target_var("$count")))),
               tap::printf("mode %d\n",
                           tap::cast(file, "struct file", "kernel").field("f_mode"))),
    tap::probe(tap::kernel.function("do_sys_openat2"),
               opened(tap::target_var("filename")) <<= tap::target_var("how").field("flags"),
               tap::println(tap::target_var<tap::String>("$$parms")),
               tap::printf("%s\n", tap::target_var("how").pretty()),
               tap::printf("%d\n", tap::target_var("how").field("mode")),
               tap::printf("%d\n", tap::cast(tap::target_var("how"), "struct open_how").field("resolve"))));

}  // namespace examples
