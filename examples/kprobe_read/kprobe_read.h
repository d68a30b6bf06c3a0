// kprobe.function and kprobe.module(..).function, entry and return, in the
// C++ DSL (same IR as kprobe_read.stp): no debuginfo needed.
#pragma once

#include <cxxtap/dsl.h>

namespace examples {
namespace tap = cxxtap::dsl;

inline constexpr tap::Var<tap::Long> kp_reads{"reads"};
inline constexpr auto vfs_read_kp = tap::kprobe.function("vfs_read");

inline constexpr auto kprobe_read = tap::script(
    kp_reads,
    tap::probe(vfs_read_kp, ++kp_reads),
    tap::probe(vfs_read_kp.return_().maxactive(20),
               tap::if_(tap::returnval() < 0,
                        tap::printf("%s(%d) %s: %s\n", tap::execname(), tap::pid(),
                                    tap::ppfunc(), tap::returnstr(1)))),
    tap::probe(tap::kprobe.module("ext4").function("ext4_file_read_iter").return_().maybe(),
               tap::printf("%s %d\n", tap::probemod(), tap::returnval())),
    tap::probe(tap::timer.s(1), tap::printf("%d reads\n", kp_reads), tap::exit()));

}  // namespace examples
