#include "ir_rewrite.h"

#include <cxxtap/ir/visitor.h>

namespace cxxtap::elaborate {

namespace {

void exprs_in(ir::Expr& e, const ExprRewrite& f);

void slot(ir::ExprPtr& p, const ExprRewrite& f) {
  if (!p) return;
  exprs_in(*p, f);
  f(p);
}

void slots(std::vector<ir::ExprPtr>& v, const ExprRewrite& f) {
  for (auto& p : v) slot(p, f);
}

// Children of one expression.
void exprs_in(ir::Expr& e, const ExprRewrite& f) {
  using K = ir::ExprKind;
  switch (e.kind) {
    case K::Index: {
      auto& x = static_cast<ir::IndexExpr&>(e);
      slot(x.base, f);
      slots(x.indexes, f);
      return;
    }
    case K::Call: slots(static_cast<ir::CallExpr&>(e).args, f); return;
    case K::Print: slots(static_cast<ir::PrintExpr&>(e).args, f); return;
    case K::Unary: slot(static_cast<ir::UnaryExpr&>(e).operand, f); return;
    case K::IncDec: slot(static_cast<ir::IncDecExpr&>(e).operand, f); return;
    case K::Binary: {
      auto& x = static_cast<ir::BinaryExpr&>(e);
      slot(x.left, f);
      slot(x.right, f);
      return;
    }
    case K::Ternary: {
      auto& x = static_cast<ir::TernaryExpr&>(e);
      slot(x.cond, f);
      slot(x.then_expr, f);
      slot(x.else_expr, f);
      return;
    }
    case K::Assign: {
      auto& x = static_cast<ir::AssignExpr&>(e);
      slot(x.target, f);
      slot(x.value, f);
      return;
    }
    case K::InArray: {
      auto& x = static_cast<ir::InArrayExpr&>(e);
      slots(x.keys, f);
      slot(x.array, f);
      return;
    }
    case K::Stat: {
      auto& x = static_cast<ir::StatExpr&>(e);
      slot(x.operand, f);
      slot(x.param, f);
      return;
    }
    case K::Hist: {
      auto& x = static_cast<ir::HistExpr&>(e);
      slot(x.operand, f);
      slots(x.params, f);
      return;
    }
    case K::Cast: slot(static_cast<ir::CastExpr&>(e).operand, f); return;
    case K::Access: {
      auto& x = static_cast<ir::AccessExpr&>(e);
      slot(x.base, f);
      for (auto& c : x.components) slot(c.index, f);
      return;
    }
    case K::Defined: slot(static_cast<ir::DefinedExpr&>(e).operand, f); return;
    case K::Entry: slot(static_cast<ir::EntryExpr&>(e).operand, f); return;
    case K::Probewrite: slot(static_cast<ir::ProbewriteExpr&>(e).operand, f); return;
    case K::Register: slot(static_cast<ir::RegisterExpr&>(e).operand, f); return;
    case K::Deref: {
      auto& x = static_cast<ir::DerefExpr&>(e);
      slot(x.size, f);
      slot(x.address, f);
      return;
    }
    case K::Number: case K::String: case K::Symbol: case K::Target: case K::Perf:
    case K::Const: case K::Var: case K::Embedded:
      return;
  }
}

void stmt_exprs(ir::Stmt* s, const ExprRewrite& f);

void stmt_exprs(ir::Stmt& s, const ExprRewrite& f) { stmt_exprs(&s, f); }

void stmt_exprs(ir::Stmt* s, const ExprRewrite& f) {
  if (!s) return;
  using K = ir::StmtKind;
  switch (s->kind) {
    case K::Block:
      for (auto& x : static_cast<ir::BlockStmt*>(s)->stmts) stmt_exprs(x.get(), f);
      return;
    case K::Expr: slot(static_cast<ir::ExprStmt*>(s)->expr, f); return;
    case K::If: {
      auto* x = static_cast<ir::IfStmt*>(s);
      slot(x->cond, f);
      stmt_exprs(x->then_stmt.get(), f);
      stmt_exprs(x->else_stmt.get(), f);
      return;
    }
    case K::While: {
      auto* x = static_cast<ir::WhileStmt*>(s);
      slot(x->cond, f);
      stmt_exprs(x->body.get(), f);
      return;
    }
    case K::For: {
      auto* x = static_cast<ir::ForStmt*>(s);
      slot(x->init, f);
      slot(x->cond, f);
      slot(x->incr, f);
      stmt_exprs(x->body.get(), f);
      return;
    }
    case K::Foreach: {
      auto* x = static_cast<ir::ForeachStmt*>(s);
      slot(x->array, f);
      slots(x->slice, f);
      slot(x->limit, f);
      stmt_exprs(x->body.get(), f);
      return;
    }
    case K::Return: slot(static_cast<ir::ReturnStmt*>(s)->value, f); return;
    case K::Delete: slot(static_cast<ir::DeleteStmt*>(s)->target, f); return;
    case K::Try: {
      auto* x = static_cast<ir::TryStmt*>(s);
      stmt_exprs(x->try_block.get(), f);
      stmt_exprs(x->catch_block.get(), f);
      return;
    }
    case K::Break: case K::Continue: case K::Next: case K::Embedded: case K::Null:
      return;
  }
}

void stmt_slot(ir::StmtPtr& p, const StmtRewrite& f);

void stmts_in(ir::Stmt& s, const StmtRewrite& f) {
  using K = ir::StmtKind;
  switch (s.kind) {
    case K::Block:
      rewrite_stmts(static_cast<ir::BlockStmt&>(s), f);
      return;
    case K::If: {
      auto& x = static_cast<ir::IfStmt&>(s);
      stmt_slot(x.then_stmt, f);
      stmt_slot(x.else_stmt, f);
      return;
    }
    case K::While: stmt_slot(static_cast<ir::WhileStmt&>(s).body, f); return;
    case K::For: stmt_slot(static_cast<ir::ForStmt&>(s).body, f); return;
    case K::Foreach: stmt_slot(static_cast<ir::ForeachStmt&>(s).body, f); return;
    case K::Try: {
      auto& x = static_cast<ir::TryStmt&>(s);
      if (x.try_block) rewrite_stmts(*x.try_block, f);
      if (x.catch_block) rewrite_stmts(*x.catch_block, f);
      return;
    }
    default:
      return;
  }
}

void stmt_slot(ir::StmtPtr& p, const StmtRewrite& f) {
  if (!p) return;
  stmts_in(*p, f);
  f(p);
}

class WriteCollector : public ir::Visitor<WriteCollector> {
 public:
  std::unordered_set<std::string> names;

  void target(const ir::Expr* t) {
    if (auto s = ir::as<ir::SymbolExpr>(t)) names.insert(s->name);
    else if (auto i = ir::as<ir::IndexExpr>(t))
      if (auto b = ir::as<ir::SymbolExpr>(i->base.get())) names.insert(b->name);
  }
  void visit_Assign(ir::AssignExpr& e) {
    target(e.target.get());
    Visitor::visit_Assign(e);
  }
  void visit_IncDec(ir::IncDecExpr& e) {
    target(e.operand.get());
    Visitor::visit_IncDec(e);
  }
  void visit_DeleteStmt(ir::DeleteStmt& s) {
    target(s.target.get());
    Visitor::visit_DeleteStmt(s);
  }
  void visit_ForeachStmt(ir::ForeachStmt& s) {
    for (auto& k : s.keys) names.insert(k->name);
    if (s.value) names.insert(s.value->name);
    Visitor::visit_ForeachStmt(s);
  }
  void visit_TryStmt(ir::TryStmt& s) {
    if (s.error_var) names.insert(s.error_var->name);
    Visitor::visit_TryStmt(s);
  }
};

class DeclaredSymbols : public ir::Visitor<DeclaredSymbols> {
 public:
  explicit DeclaredSymbols(const std::function<void(ir::Expr&)>& f) : f_(f) {}
  void visit_ForeachStmt(ir::ForeachStmt& s) {
    for (auto& k : s.keys) f_(*k);
    if (s.value) f_(*s.value);
    visit(s.body);
  }
  void visit_TryStmt(ir::TryStmt& s) {
    visit(s.try_block.get());
    if (s.error_var) f_(*s.error_var);
    visit(s.catch_block.get());
  }
  // Expressions hold no statements: skip them.
  void visit(ir::Expr*) {}
  void visit(ir::Stmt* s) { Visitor::visit(s); }
  template <class P>
  void visit(const std::unique_ptr<P>& p) { visit(p.get()); }

 private:
  const std::function<void(ir::Expr&)>& f_;
};

}  // namespace

void for_each_expr(ir::Stmt& s, const std::function<void(ir::Expr&)>& f) {
  rewrite_exprs(s, [&](ir::ExprPtr& p) { f(*p); });
  DeclaredSymbols d(f);
  d.visit(&s);
}

void for_each_expr(ir::Expr& e, const std::function<void(ir::Expr&)>& f) {
  exprs_in(e, [&](ir::ExprPtr& p) { f(*p); });
  f(e);
}

void rewrite_exprs(ir::Stmt& s, const ExprRewrite& f) { stmt_exprs(s, f); }
void rewrite_exprs(ir::ExprPtr& e, const ExprRewrite& f) { slot(e, f); }

void rewrite_stmts(ir::BlockStmt& b, const StmtRewrite& f) {
  for (auto& s : b.stmts) stmt_slot(s, f);
}

std::unordered_set<std::string> written_names(const ir::Stmt& s) {
  WriteCollector w;
  w.visit(const_cast<ir::Stmt*>(&s));
  return std::move(w.names);
}

std::string describe(const ir::Expr& e) {
  using K = ir::ExprKind;
  switch (e.kind) {
    case K::Number: return "number '" + std::to_string(static_cast<const ir::NumberExpr&>(e).value) + "'";
    case K::String: return "string '" + static_cast<const ir::StringExpr&>(e).value + "'";
    case K::Symbol: return "identifier '" + static_cast<const ir::SymbolExpr&>(e).name + "'";
    case K::Index: {
      auto& x = static_cast<const ir::IndexExpr&>(e);
      return x.base ? describe(*x.base) : "index";
    }
    case K::Call: return "identifier '" + static_cast<const ir::CallExpr&>(e).name + "'";
    case K::Print: return "identifier '" + static_cast<const ir::PrintExpr&>(e).function_name() + "'";
    case K::Target: return "identifier '" + static_cast<const ir::TargetExpr&>(e).name + "'";
    case K::Unary: return "operator '" + std::string(ir::op_text(static_cast<const ir::UnaryExpr&>(e).op)) + "'";
    case K::Binary: return "operator '" + std::string(ir::op_text(static_cast<const ir::BinaryExpr&>(e).op)) + "'";
    case K::Assign: return "operator '" + std::string(ir::op_text(static_cast<const ir::AssignExpr&>(e).op)) + "'";
    case K::IncDec: return static_cast<const ir::IncDecExpr&>(e).increment ? "operator '++'" : "operator '--'";
    case K::Ternary: return "operator '?'";
    case K::InArray: return "operator 'in'";
    case K::Stat: return "operator '@" + std::string(ir::stat_fn_name(static_cast<const ir::StatExpr&>(e).fn)) + "'";
    case K::Hist: return static_cast<const ir::HistExpr&>(e).hist == ir::HistKind::Log ? "operator '@hist_log'" : "operator '@hist_linear'";
    case K::Cast: return "operator '@cast'";
    case K::Access: {
      auto& x = static_cast<const ir::AccessExpr&>(e);
      return x.base ? describe(*x.base) : "operator '->'";
    }
    case K::Defined: return "operator '@defined'";
    case K::Entry: return "operator '@entry'";
    case K::Probewrite: return "operator '@probewrite'";
    case K::Perf: return "operator '@perf'";
    case K::Const: return "operator '@const'";
    case K::Var: return "operator '@var'";
    case K::Register: return static_cast<const ir::RegisterExpr&>(e).user ? "operator '@uregister'" : "operator '@kregister'";
    case K::Deref: return static_cast<const ir::DerefExpr&>(e).user ? "operator '@uderef'" : "operator '@kderef'";
    case K::Embedded: return "embedded-code";
  }
  return "expression";
}

}  // namespace cxxtap::elaborate
