#include "const_fold.h"

#include "ir_rewrite.h"

#include <cxxtap/ir/visitor.h>

namespace cxxtap::elaborate {

namespace {

// Does `e` need probe context (or type information) we cannot provide?
class NeedsContext : public ir::Visitor<NeedsContext> {
 public:
  bool found = false;
  void visit_Target(ir::TargetExpr&) { found = true; }
  void visit_Cast(ir::CastExpr&) { found = true; }
  void visit_Access(ir::AccessExpr&) { found = true; }
  void visit_Var(ir::VarExpr&) { found = true; }
  void visit_Perf(ir::PerfExpr&) { found = true; }
  void visit_Entry(ir::EntryExpr&) { found = true; }
  // Only the branch a decided condition picks (@choose_defined nests).
  void visit_Ternary(ir::TernaryExpr& t) {
    if (ir::Expr* chosen = decided_branch(t)) {
      visit(chosen);
      return;
    }
    ir::Visitor<NeedsContext>::visit_Ternary(t);
  }
  // @defined(...) is itself always a number.
  void visit_Defined(ir::DefinedExpr&) {}
};

void fold_defined_slot(ir::ExprPtr& slot, std::vector<ir::ExprPtr>& dropped) {
  auto d = ir::as<ir::DefinedExpr>(slot.get());
  if (!d) return;
  NeedsContext nc;
  nc.visit(d->operand);
  auto n = ir::make<ir::NumberExpr>(d->loc);
  n->value = nc.found ? 0 : 1;
  dropped.push_back(std::move(slot));
  slot = std::move(n);
}

const ir::NumberExpr* literal(const ir::ExprPtr& e) { return ir::as<ir::NumberExpr>(e.get()); }

// Can evaluating `e` be skipped? Conservative: no assignments, calls,
// output or embedded C other than /* pure */.
class Impure : public ir::Visitor<Impure> {
 public:
  bool found = false;
  void visit_Assign(ir::AssignExpr&) { found = true; }
  void visit_IncDec(ir::IncDecExpr&) { found = true; }
  void visit_Call(ir::CallExpr&) { found = true; }
  void visit_Print(ir::PrintExpr&) { found = true; }
  void visit_Embedded(ir::EmbeddedExpr& e) {
    if (e.code.find("/* pure */") == std::string::npos) found = true;
  }
};

bool pure(ir::ExprPtr& e) {
  Impure i;
  i.visit(e);
  return !i.found;
}

ir::ExprPtr number(ir::SourceLoc loc, int64_t v) {
  auto n = ir::make<ir::NumberExpr>(loc);
  n->value = v;
  return n;
}

}  // namespace

bool is_defined(ir::Expr& operand) {
  NeedsContext nc;
  nc.visit(&operand);
  return !nc.found;
}

ir::Expr* decided_branch(ir::TernaryExpr& t) {
  if (!t.cond || !t.then_expr || !t.else_expr) return nullptr;
  if (auto n = ir::as<ir::NumberExpr>(t.cond.get()))
    return n->value ? t.then_expr.get() : t.else_expr.get();
  if (auto d = ir::as<ir::DefinedExpr>(t.cond.get()); d && d->operand)
    return is_defined(*d->operand) ? t.then_expr.get() : t.else_expr.get();
  return nullptr;
}

void fold_defined(ir::BlockStmt& body, std::vector<ir::ExprPtr>& dropped) {
  rewrite_exprs(body, [&](ir::ExprPtr& slot) { fold_defined_slot(slot, dropped); });
}
void fold_defined(ir::ExprPtr& expr, std::vector<ir::ExprPtr>& dropped) {
  rewrite_exprs(expr, [&](ir::ExprPtr& slot) { fold_defined_slot(slot, dropped); });
}

bool fold_dead_branches(ir::BlockStmt& body) {
  bool changed = false;
  rewrite_exprs(body, [&](ir::ExprPtr& slot) {
    if (auto u = ir::as<ir::UnaryExpr>(slot.get())) {
      if (u->op == ir::UnaryOp::Not)
        if (auto n = literal(u->operand)) {
          slot = number(u->loc, n->value == 0 ? 1 : 0);
          changed = true;
        }
      return;
    }
    if (auto t = ir::as<ir::TernaryExpr>(slot.get())) {
      if (auto n = literal(t->cond)) {
        ir::ExprPtr keep = std::move(n->value ? t->then_expr : t->else_expr);
        slot = std::move(keep);
        changed = true;
      }
      return;
    }
    if (auto b = ir::as<ir::BinaryExpr>(slot.get())) {
      // 0 * e and e * 0, e without side effects: 0 (stap folds them, so
      // scripts may rely on it to drop code, e.g. embedded C).
      if (b->op == ir::BinaryOp::Mul) {
        auto l = literal(b->left), r = literal(b->right);
        if ((l && l->value == 0 && pure(b->right)) || (r && r->value == 0 && pure(b->left))) {
          slot = number(b->loc, 0);
          changed = true;
          return;
        }
      }
      auto n = literal(b->left);
      if (!n) return;
      // Both sides decided: `@defined(a) || @defined(b)`.
      if (auto r = literal(b->right); r && (b->op == ir::BinaryOp::LogAnd ||
                                            b->op == ir::BinaryOp::LogOr)) {
        const bool v = b->op == ir::BinaryOp::LogAnd ? (n->value && r->value)
                                                     : (n->value || r->value);
        slot = number(b->loc, v ? 1 : 0);
        changed = true;
        return;
      }
      if (b->op == ir::BinaryOp::LogAnd && n->value == 0) {
        slot = number(b->loc, 0);
        changed = true;
      } else if (b->op == ir::BinaryOp::LogOr && n->value != 0) {
        slot = number(b->loc, 1);
        changed = true;
      }
    }
  });
  rewrite_stmts(body, [&](ir::StmtPtr& slot) {
    if (auto i = ir::as<ir::IfStmt>(slot.get())) {
      if (auto n = literal(i->cond)) {
        ir::StmtPtr keep = std::move(n->value ? i->then_stmt : i->else_stmt);
        slot = keep ? std::move(keep) : ir::make<ir::NullStmt>(i->loc);
        changed = true;
      }
    } else if (auto w = ir::as<ir::WhileStmt>(slot.get())) {
      if (auto n = literal(w->cond); n && n->value == 0) {
        slot = ir::make<ir::NullStmt>(w->loc);
        changed = true;
      }
    }
  });
  return changed;
}

void collect_live(const ir::Stmt& body, std::unordered_set<const ir::Expr*>& out) {
  for_each_expr(const_cast<ir::Stmt&>(body), [&](ir::Expr& e) { out.insert(&e); });
}

void collect_live(const ir::Expr& e, std::unordered_set<const ir::Expr*>& out) {
  for_each_expr(const_cast<ir::Expr&>(e), [&](ir::Expr& x) { out.insert(&x); });
}

}  // namespace cxxtap::elaborate
