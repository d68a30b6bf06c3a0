// Constant folding that changes what code exists:
//  - @defined(e) becomes 1 or 0 (before resolution): 0 when `e` needs
//    context we do not have ($targets, @cast, @var, member access, @perf);
//  - branches ruled out by a literal condition are dropped (after type
//    inference, so that dead code is still type-checked, as in stap), which
//    is what lets `@defined($x) ? $x : 0` compile where $x does not exist.
#pragma once

#include <cxxtap/ir/ast.h>

#include <unordered_set>
#include <vector>

namespace cxxtap::elaborate {

// The operands @defined drops are moved to `dropped` rather than freed:
// target lowering has already keyed tables (Program::calls) on nodes inside
// them, and a freed node's address would be reused by a later node, which
// would then find the dropped node's entry.
void fold_defined(ir::BlockStmt& body, std::vector<ir::ExprPtr>& dropped);
// What @defined(operand) folds to, now.
bool is_defined(ir::Expr& operand);
// The branch of `c ? a : b` a literal or @defined condition picks; null
// when the condition is not decided yet.
ir::Expr* decided_branch(ir::TernaryExpr& t);
void fold_defined(ir::ExprPtr& expr, std::vector<ir::ExprPtr>& dropped);

// Drops dead branches of if/while/?:/&&/|| with literal conditions and
// folds `!literal`. Returns true if anything changed.
bool fold_dead_branches(ir::BlockStmt& body);

// Every expression node still present under `body` (for deferred errors and
// for pruning the tables of nodes that were removed).
void collect_live(const ir::Stmt& body, std::unordered_set<const ir::Expr*>& out);
void collect_live(const ir::Expr& e, std::unordered_set<const ir::Expr*>& out);

}  // namespace cxxtap::elaborate
