// expect: printf_argument_count_does_not_match_format
#include <cxxtap/dsl.h>
namespace tap = cxxtap::dsl;
constexpr auto s = tap::script(tap::probe(tap::begin, tap::printf("%d %d\n", tap::pid())));
