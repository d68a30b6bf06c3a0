// The hello-world probe in C++: the build turns it into hello_dsl.ko.
#include <cxxtap/dsl.h>

namespace tap = cxxtap::dsl;

constexpr auto hello = tap::script(
    tap::probe(tap::begin, tap::log("hello world"), tap::exit()));

CXXTAP_MAIN(hello)
