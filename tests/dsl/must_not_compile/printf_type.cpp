// expect: printf_argument_type_does_not_match_format
#include <cxxtap/dsl.h>
namespace tap = cxxtap::dsl;
constexpr auto s = tap::script(tap::probe(tap::begin, tap::printf("%d\n", tap::execname())));
