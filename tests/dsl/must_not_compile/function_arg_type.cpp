// expect: argument of the wrong type for a tapset function
#include <cxxtap/dsl.h>
namespace tap = cxxtap::dsl;
constexpr auto s = tap::script(tap::probe(tap::begin, tap::log(42)));
