// Passes 3-5 of the driver: translate to C, build, run. In user mode
// (--runtime=user) the build is one compiler run against the user-space
// runtime archive and the run executes the result.
#pragma once

#include "options.h"
#include "temp_dir.h"

#include "elaborate/program.h"

#include <cxxtap/support/diagnostics.h>

#include <iosfwd>

namespace cxxtap::driver {

// Returns the driver's exit status.
int run_passes_3_to_5(const Options& o, const elaborate::Program& program, const TempDir& tmp,
                      Diagnostics& diags, std::ostream& out);

}  // namespace cxxtap::driver
