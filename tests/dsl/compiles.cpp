// The control case for the must-not-compile tests: the same constructs used
// correctly compile, so a failure above is the mistake and not the setup.
#include <cxxtap/dsl.h>
namespace tap = cxxtap::dsl;
constexpr tap::Var<tap::Long> count{"count"};
constexpr tap::Var<tap::Stats> lat{"lat"};
constexpr tap::Array<tap::Long, tap::String> hits{"hits"};
constexpr auto s = tap::script(
    count, lat, hits,
    tap::probe(tap::kernel.function("vfs_read").return_(),
               count = tap::strlen(tap::execname()), lat <<= 5, hits(tap::execname()) = 1,
               tap::printf("%d %s\n", tap::pid(), tap::execname())),
    tap::probe(tap::end, tap::print(tap::count(lat)), tap::log(tap::cat("a", tap::execname()))));
int main() { return 0; }
