#include "lvalue_check.h"

#include <cxxtap/ir/visitor.h>

namespace cxxtap::elaborate {

namespace {

bool is_storage(const ir::Expr& e) {
  switch (e.kind) {
    case ir::ExprKind::Symbol:
    case ir::ExprKind::Target:
    case ir::ExprKind::Access:
    case ir::ExprKind::Cast:
    case ir::ExprKind::Var:
      return true;
    case ir::ExprKind::Index:
      // An element of an array, not a histogram bucket.
      return static_cast<const ir::IndexExpr&>(e).base->kind == ir::ExprKind::Symbol;
    default:
      return false;
  }
}

struct LvalueChecker : ir::Visitor<LvalueChecker> {
  Diagnostics& diags;
  explicit LvalueChecker(Diagnostics& d) : diags(d) {}

  void visit_Assign(ir::AssignExpr& e) {
    if (!is_storage(*e.target)) diags.error(e.loc, "Expecting lvalue for assignment");
    Visitor::visit_Assign(e);
  }
  void visit_IncDec(ir::IncDecExpr& e) {
    if (!is_storage(*e.operand))
      diags.error(e.loc, e.increment ? "Expecting lvalue for increment"
                                     : "Expecting lvalue for decrement");
    Visitor::visit_IncDec(e);
  }
};

}  // namespace

void check_lvalues(const Program& p, Diagnostics& diags) {
  LvalueChecker checker(diags);
  for (const auto& probe : p.probes)
    if (probe->body) checker.visit(probe->body.get());
  for (const auto& f : p.functions)
    if (f->decl->body) checker.visit(f->decl->body.get());
}

}  // namespace cxxtap::elaborate
