// expect: wrong number of arguments to a script function
// expect: "twice"
#include <cxxtap/dsl.h>
namespace tap = cxxtap::dsl;
constexpr tap::Function<"twice", tap::Long(tap::Long)> twice{"x"};
constexpr auto s = tap::script(twice.define([](auto x) { return tap::return_(x * 2); }),
                               tap::probe(tap::begin, tap::printf("%d\n", twice(1, 2))));
