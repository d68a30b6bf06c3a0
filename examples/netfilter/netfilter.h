// Per-address packet statistics from netfilter in the C++ DSL (same IR as
// netfilter.stp): saddr, daddr and length are locals of the alias.
#pragma once

#include <cxxtap/dsl.h>

namespace examples {
namespace tap = cxxtap::dsl;

inline constexpr tap::Array<tap::Stats, tap::String, tap::String> packets{"packets"};
inline constexpr auto& pre_routing = tap::netfilter.ipv4.pre_routing;

inline constexpr auto netfilter = tap::script(
    packets,
    tap::probe(pre_routing, packets(pre_routing.saddr, pre_routing.daddr) <<= pre_routing.length),
    tap::probe(tap::end,
               tap::foreach_(
                   packets, {"src", "dst"},
                   [](auto src, auto dst) {
                     return tap::block(tap::printf("%15s -> %15s: %d packets, %d bytes\n", src,
                                                   dst, tap::count(packets(src, dst)),
                                                   tap::sum(packets(src, dst))));
                   },
                   tap::by_value_desc, 10)));

}  // namespace examples
