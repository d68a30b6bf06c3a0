// Slot walkers for the passes that replace nodes in bodies pass 2 owns
// (folding @defined and @probewrite, dropping dead branches, eliding
// statements). The CRTP visitor hands out nodes; these hand out the owning
// pointers, children before parents, so the callback may replace the node.
#pragma once

#include <cxxtap/ir/ast.h>

#include <functional>
#include <string>
#include <unordered_set>

namespace cxxtap::elaborate {

using ExprRewrite = std::function<void(ir::ExprPtr&)>;
using StmtRewrite = std::function<void(ir::StmtPtr&)>;

// Every expression slot under `s` / `e` (including `e` itself).
void rewrite_exprs(ir::Stmt& s, const ExprRewrite& f);
void rewrite_exprs(ir::ExprPtr& e, const ExprRewrite& f);

// Every statement slot under `b` (not `b` itself); block members too. A
// callback that wants to delete a statement replaces it with a NullStmt.
void rewrite_stmts(ir::BlockStmt& b, const StmtRewrite& f);

// Every expression node under `s` / `e`, including foreach key and value
// variables and catch variables.
void for_each_expr(ir::Stmt& s, const std::function<void(ir::Expr&)>& f);
void for_each_expr(ir::Expr& e, const std::function<void(ir::Expr&)>& f);

// Names of the plain variables a body writes (assignment, ++/--, delete,
// foreach keys and values, catch variables), for @probewrite.
std::unordered_set<std::string> written_names(const ir::Stmt& s);

// A description in stap's style for messages: "identifier 'x'", "number
// '1'", "string 'a'", "operator '+'".
std::string describe(const ir::Expr& e);

}  // namespace cxxtap::elaborate
