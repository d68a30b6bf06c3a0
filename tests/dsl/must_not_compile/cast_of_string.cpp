// expect: @cast takes a long
#include <cxxtap/dsl.h>
namespace tap = cxxtap::dsl;
constexpr auto s = tap::script(
    tap::probe(tap::begin, tap::printf("%d\n", tap::cast(tap::execname(), "task_struct").field("pid"))));
