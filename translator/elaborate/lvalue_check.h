// The left side of an assignment and the operand of ++/-- must be storage:
// a variable, an array element, a target variable or member. The parser
// accepts any expression there (as stap's does); this step says
// "Expecting lvalue for assignment" at the operator.
#pragma once

#include "program.h"

#include <cxxtap/support/diagnostics.h>

namespace cxxtap::elaborate {

void check_lvalues(const Program& p, Diagnostics& diags);

}  // namespace cxxtap::elaborate
