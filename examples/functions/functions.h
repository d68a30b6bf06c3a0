// Script functions, for_ and try_/catch_ in the C++ DSL (same IR as
// functions.stp): a recursive function, functions calling functions, a
// function without a result, and errors caught in the probe.
#pragma once

#include <cxxtap/dsl.h>

namespace examples {
namespace tap = cxxtap::dsl;

inline constexpr tap::Var<tap::Long> calls{"calls"};

// Signatures first: a body may call any function declared before it,
// including its own (recursion).
inline constexpr tap::Function<"fib", tap::Long(tap::Long)> fib{"n"};
inline constexpr tap::Function<"describe", tap::String(tap::String, tap::Long)> describe{"name",
                                                                                        "n"};
inline constexpr tap::Function<"report", tap::Void(tap::String)> report{"line"};

inline constexpr tap::Var<tap::Long> i{"i"};
inline constexpr tap::Var<tap::String> msg{"msg"};

inline constexpr auto functions = tap::script(
    calls,
    fib.define([](auto n) {
      return tap::block(calls++,
                        tap::if_(n < 2, tap::return_(n)),
                        tap::return_(fib(n - 1) + fib(n - 2)));
    }),
    describe.define([](auto name, auto n) {
      return tap::return_(tap::sprintf("%s(%d) = %d", name, n, fib(n)));
    }),
    report.define([](auto line) { return tap::println(line); }),
    tap::probe(tap::begin,
               tap::for_(i = 0, i < 10, i++, report(describe("fib", i))),
               tap::try_(tap::error("boom"))
                   .catch_(msg, tap::printf("caught: %s\n", msg)),
               tap::try_(calls = calls / (calls - calls))
                   .catch_(tap::println("division caught")),
               tap::printf("%d calls\n", calls),
               tap::exit()));

}  // namespace examples
