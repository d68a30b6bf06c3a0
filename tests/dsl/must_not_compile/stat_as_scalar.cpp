// expect: a statistic needs an extractor
#include <cxxtap/dsl.h>
namespace tap = cxxtap::dsl;
constexpr tap::Var<tap::Stats> lat{"lat"};
constexpr auto s = tap::script(lat, tap::probe(tap::end, tap::print(lat)));
