// expect: return_ value does not match the function's result type
// expect: "name_of"
#include <cxxtap/dsl.h>
namespace tap = cxxtap::dsl;
constexpr tap::Function<"name_of", tap::String(tap::Long)> name_of{"pid"};
constexpr auto s = tap::script(name_of.define([](auto pid) { return tap::return_(pid + 1); }));
