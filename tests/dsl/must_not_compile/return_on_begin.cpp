// expect: has no member named
#include <cxxtap/dsl.h>
namespace tap = cxxtap::dsl;
constexpr auto s = tap::script(tap::probe(tap::begin.return_(), tap::exit()));
