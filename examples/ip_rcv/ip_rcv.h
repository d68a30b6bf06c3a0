// The ip_rcv seed script in the C++ DSL (same IR as ip_rcv.stp): the IP
// helpers of the ip tapset (stap's __get_skb_iphdr, __ip_skb_saddr and
// __ip_skb_daddr are tap::get_skb_iphdr, ...) and @const.
#pragma once

#include <cxxtap/dsl.h>

namespace examples {
namespace tap = cxxtap::dsl;

inline constexpr tap::Var<tap::Long> iphdr{"iphdr"};

inline constexpr auto ip_rcv = tap::script(tap::probe(
    tap::kernel.function("ip_rcv"), iphdr = tap::get_skb_iphdr(tap::target_var("skb")),
    tap::printf("%15s - %15s\n",
                tap::format_ipaddr(tap::ip_skb_saddr(iphdr), tap::const_("AF_INET")),
                tap::format_ipaddr(tap::ip_skb_daddr(iphdr), tap::const_("AF_INET")))));

}  // namespace examples
