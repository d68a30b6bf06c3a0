// expect: printf_format_is_malformed
#include <cxxtap/dsl.h>
namespace tap = cxxtap::dsl;
constexpr auto s = tap::script(tap::probe(tap::begin, tap::printf("%q\n", tap::pid())));
