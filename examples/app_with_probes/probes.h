// copycat's probes, in the C++ DSL: every vfs_read and vfs_write that
// returns in a process named copycat adds its result (bytes, 0 at the end of
// a file, or -errno) to a statistic; the end probe reports them. kprobes
// need no debuginfo, so the module builds against plain kernel headers.
#pragma once

#include <cxxtap/dsl.h>

namespace copycat {
namespace tap = cxxtap::dsl;

inline constexpr tap::Var<tap::Stats> reads{"reads"};
inline constexpr tap::Var<tap::Stats> writes{"writes"};

// `staprun -c CMD` runs CMD through /bin/sh, so target() is the shell's pid,
// whose own reads would count too: the filter is on the program's name.
inline constexpr auto ours = tap::execname() == "copycat";

// One report line; a statistic with no values has no min or max.
constexpr auto report(std::string_view what, const tap::Var<tap::Stats>& s) {
  return tap::if_(tap::count(s) > 0,
                  tap::printf("%s: %d calls, %d bytes, %d..%d bytes a call\n", what, tap::count(s),
                              tap::sum(s), tap::min(s), tap::max(s)),
                  tap::printf("%s: no calls\n", what));
}

inline constexpr auto probes = tap::script(
    reads, writes,
    tap::probe(tap::kprobe.function("vfs_read").return_(),
               tap::if_(ours, reads <<= tap::returnval())),
    tap::probe(tap::kprobe.function("vfs_write").return_(),
               tap::if_(ours, writes <<= tap::returnval())),
    tap::probe(tap::end,
               report("vfs_read", reads),
               report("vfs_write", writes),
               tap::printf("read sizes:\n"),
               tap::print(tap::hist_log(reads))));

}  // namespace copycat
