// expect: a statistic is not assigned
#include <cxxtap/dsl.h>
namespace tap = cxxtap::dsl;
constexpr tap::Var<tap::Stats> lat{"lat"};
constexpr auto s = tap::script(lat, tap::probe(tap::begin, lat = 5));
