// expect: array key of the wrong type
#include <cxxtap/dsl.h>
namespace tap = cxxtap::dsl;
constexpr tap::Array<tap::Long, tap::String> hits{"hits"};
constexpr auto s = tap::script(hits, tap::probe(tap::begin, hits(tap::pid()) = 1));
