// A timer-driven aggregate report in the C++ DSL (same IR as
// timer_report.stp): statistics, a log histogram and a sorted foreach.
#pragma once

#include <cxxtap/dsl.h>

namespace examples {
namespace tap = cxxtap::dsl;

inline constexpr tap::Array<tap::Stats, tap::String> reads{"reads"};
inline constexpr tap::Var<tap::Stats> bytes{"bytes"};
inline constexpr tap::Var<tap::Long> ticks{"ticks"};

inline constexpr auto timer_report = tap::script(
    reads, bytes, ticks,
    tap::probe(tap::timer.ms(10),
               reads(tap::execname()) <<= 4096,
               bytes <<= 4096,
               tap::if_(++ticks >= 10, tap::exit())),
    tap::probe(tap::end,
               tap::printf("%d samples, %d bytes\n", tap::count(bytes), tap::sum(bytes)),
               tap::print(tap::hist_log(bytes)),
               tap::foreach_(
                   reads, {"name"},
                   [](auto name) {
                     return tap::block(
                         tap::printf("%s: %d\n", name, tap::count(reads(name))));
                   },
                   tap::by_value_desc, 5)));

}  // namespace examples
