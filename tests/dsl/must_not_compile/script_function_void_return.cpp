// expect: return_ value does not match the function's result type
#include <cxxtap/dsl.h>
namespace tap = cxxtap::dsl;
constexpr tap::Function<"report", tap::Void(tap::String)> report{"line"};
constexpr auto s = tap::script(report.define(
    [](auto line) { return tap::block(tap::log(line), tap::return_(1)); }));
