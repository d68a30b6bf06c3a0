// expect: print arguments must be values
#include <cxxtap/dsl.h>
namespace tap = cxxtap::dsl;
constexpr tap::Function<"report", tap::Void(tap::String)> report{"line"};
constexpr auto s = tap::script(report.define([](auto line) { return tap::log(line); }),
                               tap::probe(tap::begin, tap::print(report("x"))));
