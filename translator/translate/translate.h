// Pass 3: the elaborated program to the C source of one module. The C file
// includes the runtime (runtime/runtime.h and runtime/session/) and defines
// the globals, one function per script function, one handler per derived
// probe and the probe table the session walks.
#pragma once

#include "elaborate/program.h"

#include <cxxtap/support/diagnostics.h>

#include <optional>
#include <string>

namespace cxxtap::translate {

struct TranslateOptions {
  bool user_runtime = false;  // --runtime=user: reject kernel-only probes
};

// Returns nothing when there were errors (they are in `diags`).
std::optional<std::string> translate(const elaborate::Program& program,
                                     const TranslateOptions& opts, Diagnostics& diags);

}  // namespace cxxtap::translate
