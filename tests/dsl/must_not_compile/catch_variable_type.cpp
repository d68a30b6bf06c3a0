// expect: catch_'s variable is a Var<String>
#include <cxxtap/dsl.h>
namespace tap = cxxtap::dsl;
constexpr tap::Var<tap::Long> code{"code"};
constexpr auto s = tap::script(
    tap::probe(tap::begin, tap::try_(tap::error("x")).catch_(code, tap::log("caught"))));
