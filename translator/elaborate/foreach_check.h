// An array may not be changed while a foreach iterates over it, neither
// directly in the loop body nor through a function the body calls:
//   "variable 'A' modified during 'foreach' iteration"
//   "function call modifies var 'A' during 'foreach' iteration"
#pragma once

#include "program.h"

#include <cxxtap/support/diagnostics.h>

namespace cxxtap::elaborate {

void check_foreach_modifications(const Program& p, Diagnostics& diags);

}  // namespace cxxtap::elaborate
