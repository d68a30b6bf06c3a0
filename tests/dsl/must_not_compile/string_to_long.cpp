// expect: type mismatch in assignment
#include <cxxtap/dsl.h>
namespace tap = cxxtap::dsl;
constexpr tap::Var<tap::Long> count{"count"};
constexpr auto s = tap::script(count, tap::probe(tap::begin, count = tap::execname()));
