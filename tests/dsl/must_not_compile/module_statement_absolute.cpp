// expect: has no member named
// .absolute is for kernel addresses only, as in stap.
#include <cxxtap/dsl.h>
namespace tap = cxxtap::dsl;
constexpr auto s =
    tap::script(tap::probe(tap::module("ext4").statement(0x10).absolute(), tap::exit()));
