// expect: has no member named
// expect: NetfilterPoint
#include <cxxtap/dsl.h>
namespace tap = cxxtap::dsl;
constexpr auto s = tap::script(tap::probe(tap::netfilter.ipv4.pre_routing.return_(), tap::exit()));
