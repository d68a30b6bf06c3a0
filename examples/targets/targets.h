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
    tap::probe(tap::kernel.function("do_sys_open"),
               opened(tap::target_var("filename")) <<= tap::target_var("flags"),
               tap::println(tap::target_var<tap::String>("$$parms")),
               tap::printf("%s\n", file.pretty()),
               tap::printf("%d\n", tap::target_var("argv").index(1).field("name").index(0)),
               tap::printf("%d\n", tap::cast(tap::target_var("task"), "task_struct").field("pid"))));

}  // namespace examples
