// The hello-world seed script in the C++ DSL (same IR as hello.stp).
#pragma once

#include <cxxtap/dsl.h>

namespace examples {
namespace tap = cxxtap::dsl;

inline constexpr auto hello = tap::script(
    tap::probe(tap::begin, tap::log("hello world"), tap::exit()));

}  // namespace examples
