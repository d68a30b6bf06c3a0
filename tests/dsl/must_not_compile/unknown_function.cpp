// expect: no_such_function
#include <cxxtap/dsl.h>
namespace tap = cxxtap::dsl;
constexpr auto s = tap::script(tap::probe(tap::begin, tap::no_such_function()));
