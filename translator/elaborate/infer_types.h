// Type inference to a fixpoint over long, string and statistics: literals,
// operators, assignments, array keys and values, function parameters and
// returns (annotations are constraints), printf formats (through the same
// constexpr checker the DSL uses), foreach variables, ternaries. Reports
// "type mismatch" with the place the type was first inferred, statistics
// used where they cannot be, and everything still unknown at the end.
#pragma once

#include "program.h"
#include "resolve_symbols.h"
#include "usage.h"

#include <cxxtap/support/diagnostics.h>

#include <unordered_set>

namespace cxxtap::elaborate {

// `exempt`: nodes whose own errors are reported elsewhere ($targets and the
// like); they stay untyped without an "unresolved type" error. Every body is
// checked for mismatches, but "unresolved type" is reported only for what
// `live` holds (code the probes can still reach).
void infer_types(Program& program, const std::unordered_set<const ir::Expr*>& exempt,
                 const Reachable& live, Diagnostics& diags);

}  // namespace cxxtap::elaborate
