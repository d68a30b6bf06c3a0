// Elision of code that cannot matter (not with -u), with stap's warnings:
//   "Eliding assignment to 'x'"            a store to a local never read
//   "Eliding side-effect-free expression"  an expression statement doing nothing
//   "Probe 'begin' has been elided"        a probe left with an empty body
//   "side-effect-free function 'f'"        a function that can do nothing
//   "Eliding unused variable 'g'"          a user global nothing uses
// and the removal (always) of functions and globals no remaining probe can
// reach.
#pragma once

#include "program.h"

#include <cxxtap/support/diagnostics.h>

namespace cxxtap::elaborate {

// Dead stores and side-effect-free statements, to a fixpoint. Returns true
// if anything was removed.
bool elide_statements(Program& p, Diagnostics& diags);

// Probes whose bodies are empty (not those pass 2 made itself).
void elide_empty_probes(Program& p, Diagnostics& diags);

// "side-effect-free function" warnings for user functions.
void warn_side_effect_free_functions(const Program& p, Diagnostics& diags);

// Drops functions and globals that no probe reaches any more.
void prune_unreachable(Program& p);

// Warns about user globals that nothing references.
void warn_unused_globals(const Program& p, const std::vector<const ir::File*>& user_files,
                         Diagnostics& diags);

// "never-assigned local variable 'x'" and "never-assigned global variable".
void warn_never_assigned(const Program& p, Diagnostics& diags);

}  // namespace cxxtap::elaborate
