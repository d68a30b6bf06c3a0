// expect: has no member named
// A function named by its address has no .inline form, as in stap.
#include <cxxtap/dsl.h>
namespace tap = cxxtap::dsl;
constexpr auto s = tap::script(tap::probe(tap::kernel.function(0x10).inline_(), tap::exit()));
