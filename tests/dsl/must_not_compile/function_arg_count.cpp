// expect: wrong number of arguments to a tapset function
#include <cxxtap/dsl.h>
namespace tap = cxxtap::dsl;
constexpr auto s = tap::script(tap::probe(tap::begin, tap::strlen("a", "b")));
