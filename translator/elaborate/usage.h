// Who reads and who writes each variable, and which code has side effects:
// the facts elision, the "never-assigned" warnings and the display of
// written-but-never-read globals are based on.
#pragma once

#include "program.h"

#include <unordered_map>
#include <unordered_set>

namespace cxxtap::elaborate {

struct VarUsage {
  int reads = 0;
  int writes = 0;
  ir::SourceLoc first_read;
};

using UsageTable = std::unordered_map<const Variable*, VarUsage>;

UsageTable variable_usage(const Program& p);

// The symbol an assignment, ++/-- or delete target names: `x` itself, the
// array of `x[...]`; null for anything else ($targets, histograms).
const ir::SymbolExpr* lvalue_symbol(const ir::Expr* target);

// Functions whose calls change nothing outside them (no global writes, no
// output, no embedded C unless /* pure */, only calls to such functions).
std::unordered_map<const Function*, bool> function_side_effects(const Program& p);

// Does evaluating `e` do anything (assignments, output, embedded C, calls of
// functions with side effects)? Assignments to locals count.
bool has_side_effects(const ir::Expr& e, const Program& p,
                      const std::unordered_map<const Function*, bool>& fn_effects);

// What the probes can reach: functions (through calls and `next` overload
// chains) and variables (referenced from the probes and those functions).
struct Reachable {
  std::unordered_set<const Function*> functions;
  std::unordered_set<const Variable*> variables;
};
Reachable reachable(const Program& p);

}  // namespace cxxtap::elaborate
