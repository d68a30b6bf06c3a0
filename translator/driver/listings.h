// The listing modes of stap: --dump-functions, --dump-probe-aliases,
// --dump-probe-types and -l/-L PATTERN.
#pragma once

#include "options.h"

#include <cxxtap/support/diagnostics.h>

#include <iosfwd>

namespace cxxtap::driver {

int dump_probe_types(std::ostream& os);
int run_listing(const Options& o, Diagnostics& diags, std::ostream& os);

}  // namespace cxxtap::driver
