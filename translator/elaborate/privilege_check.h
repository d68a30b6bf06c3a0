// Privilege rules of pass 2: a tapset function tagged /* guru */ may be
// called from the user's script only in guru mode (-g). (Embedded C, @const
// and the register/deref operators outside tapsets are refused by the
// parser already.)
#pragma once

#include "program.h"

#include <cxxtap/support/diagnostics.h>

namespace cxxtap::elaborate {

void check_privilege(const Program& p, bool guru, Diagnostics& diags);

}  // namespace cxxtap::elaborate
