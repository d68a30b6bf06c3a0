// expect: a for condition is a long
#include <cxxtap/dsl.h>
namespace tap = cxxtap::dsl;
constexpr tap::Var<tap::Long> i{"i"};
constexpr auto s = tap::script(
    tap::probe(tap::begin, tap::for_(i = 0, tap::execname(), i++, tap::log("x"))));
