// expect: argument of the wrong type for a script function
// expect: "twice"
#include <cxxtap/dsl.h>
namespace tap = cxxtap::dsl;
constexpr tap::Function<"twice", tap::Long(tap::Long)> twice{"x"};
constexpr auto s = tap::script(twice.define([](auto x) { return tap::return_(x * 2); }),
                               tap::probe(tap::begin, tap::printf("%d\n", twice("one"))));
