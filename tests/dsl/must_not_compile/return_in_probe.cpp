// expect: return_ is only allowed in a function body
#include <cxxtap/dsl.h>
namespace tap = cxxtap::dsl;
constexpr auto s = tap::script(tap::probe(tap::begin, tap::if_(tap::pid() > 0, tap::return_())));
