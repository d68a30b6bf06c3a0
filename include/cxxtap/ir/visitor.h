// CRTP traversal of the IR. A pass derives from Visitor<Self> and overrides
// only the visit_* members it cares about; the defaults walk every child, so a
// new node kind costs one case here rather than a method in every pass.
// Call Visitor::visit_X(n) from an override to continue into the children.
#pragma once

#include <cxxtap/ir/ast.h>

namespace cxxtap::ir {

template <class Derived>
class Visitor {
 public:
  void visit(Expr* e) {
    if (!e) return;
    switch (e->kind) {
#define CXXTAP_CASE(K, T) \
  case ExprKind::K: self().visit_##K(*static_cast<T*>(e)); return;
      CXXTAP_CASE(Number, NumberExpr)
      CXXTAP_CASE(String, StringExpr)
      CXXTAP_CASE(Symbol, SymbolExpr)
      CXXTAP_CASE(Index, IndexExpr)
      CXXTAP_CASE(Call, CallExpr)
      CXXTAP_CASE(Print, PrintExpr)
      CXXTAP_CASE(Unary, UnaryExpr)
      CXXTAP_CASE(IncDec, IncDecExpr)
      CXXTAP_CASE(Binary, BinaryExpr)
      CXXTAP_CASE(Ternary, TernaryExpr)
      CXXTAP_CASE(Assign, AssignExpr)
      CXXTAP_CASE(InArray, InArrayExpr)
      CXXTAP_CASE(Stat, StatExpr)
      CXXTAP_CASE(Hist, HistExpr)
      CXXTAP_CASE(Target, TargetExpr)
      CXXTAP_CASE(Cast, CastExpr)
      CXXTAP_CASE(Access, AccessExpr)
      CXXTAP_CASE(Defined, DefinedExpr)
      CXXTAP_CASE(Entry, EntryExpr)
      CXXTAP_CASE(Probewrite, ProbewriteExpr)
      CXXTAP_CASE(Perf, PerfExpr)
      CXXTAP_CASE(Const, ConstExpr)
      CXXTAP_CASE(Var, VarExpr)
      CXXTAP_CASE(Register, RegisterExpr)
      CXXTAP_CASE(Deref, DerefExpr)
      CXXTAP_CASE(Embedded, EmbeddedExpr)
#undef CXXTAP_CASE
    }
  }

  void visit(Stmt* s) {
    if (!s) return;
    switch (s->kind) {
#define CXXTAP_CASE(K, T) \
  case StmtKind::K: self().visit_##K##Stmt(*static_cast<T*>(s)); return;
      CXXTAP_CASE(Block, BlockStmt)
      CXXTAP_CASE(Expr, ExprStmt)
      CXXTAP_CASE(If, IfStmt)
      CXXTAP_CASE(While, WhileStmt)
      CXXTAP_CASE(For, ForStmt)
      CXXTAP_CASE(Foreach, ForeachStmt)
      CXXTAP_CASE(Break, BreakStmt)
      CXXTAP_CASE(Continue, ContinueStmt)
      CXXTAP_CASE(Next, NextStmt)
      CXXTAP_CASE(Return, ReturnStmt)
      CXXTAP_CASE(Delete, DeleteStmt)
      CXXTAP_CASE(Try, TryStmt)
      CXXTAP_CASE(Embedded, EmbeddedStmt)
      CXXTAP_CASE(Null, NullStmt)
#undef CXXTAP_CASE
    }
  }

  template <class P>
  void visit(const std::unique_ptr<P>& p) { visit(p.get()); }

  // --- expression defaults: walk children
  void visit_Number(NumberExpr&) {}
  void visit_String(StringExpr&) {}
  void visit_Symbol(SymbolExpr&) {}
  void visit_Index(IndexExpr& e) { visit(e.base); for (auto& i : e.indexes) visit(i); }
  void visit_Call(CallExpr& e) { for (auto& a : e.args) visit(a); }
  void visit_Print(PrintExpr& e) { for (auto& a : e.args) visit(a); }
  void visit_Unary(UnaryExpr& e) { visit(e.operand); }
  void visit_IncDec(IncDecExpr& e) { visit(e.operand); }
  void visit_Binary(BinaryExpr& e) { visit(e.left); visit(e.right); }
  void visit_Ternary(TernaryExpr& e) { visit(e.cond); visit(e.then_expr); visit(e.else_expr); }
  void visit_Assign(AssignExpr& e) { visit(e.target); visit(e.value); }
  void visit_InArray(InArrayExpr& e) { for (auto& k : e.keys) visit(k); visit(e.array); }
  void visit_Stat(StatExpr& e) { visit(e.operand); visit(e.param); }
  void visit_Hist(HistExpr& e) { visit(e.operand); for (auto& p : e.params) visit(p); }
  void visit_Target(TargetExpr&) {}
  void visit_Cast(CastExpr& e) { visit(e.operand); }
  void visit_Access(AccessExpr& e) {
    visit(e.base);
    for (auto& c : e.components) visit(c.index);
  }
  void visit_Defined(DefinedExpr& e) { visit(e.operand); }
  void visit_Entry(EntryExpr& e) { visit(e.operand); }
  void visit_Probewrite(ProbewriteExpr& e) { visit(e.operand); }
  void visit_Perf(PerfExpr&) {}
  void visit_Const(ConstExpr&) {}
  void visit_Var(VarExpr&) {}
  void visit_Register(RegisterExpr& e) { visit(e.operand); }
  void visit_Deref(DerefExpr& e) { visit(e.size); visit(e.address); }
  void visit_Embedded(EmbeddedExpr&) {}

  // --- statement defaults
  void visit_BlockStmt(BlockStmt& s) { for (auto& x : s.stmts) visit(x); }
  void visit_ExprStmt(ExprStmt& s) { visit(s.expr); }
  void visit_IfStmt(IfStmt& s) { visit(s.cond); visit(s.then_stmt); visit(s.else_stmt); }
  void visit_WhileStmt(WhileStmt& s) { visit(s.cond); visit(s.body); }
  void visit_ForStmt(ForStmt& s) { visit(s.init); visit(s.cond); visit(s.incr); visit(s.body); }
  void visit_ForeachStmt(ForeachStmt& s) {
    for (auto& k : s.keys) visit(k.get());
    if (s.value) visit(s.value.get());
    visit(s.array);
    for (auto& i : s.slice) visit(i);
    visit(s.limit);
    visit(s.body);
  }
  void visit_BreakStmt(BreakStmt&) {}
  void visit_ContinueStmt(ContinueStmt&) {}
  void visit_NextStmt(NextStmt&) {}
  void visit_ReturnStmt(ReturnStmt& s) { visit(s.value); }
  void visit_DeleteStmt(DeleteStmt& s) { visit(s.target); }
  void visit_TryStmt(TryStmt& s) {
    visit(s.try_block.get());
    if (s.error_var) visit(s.error_var.get());
    visit(s.catch_block.get());
  }
  void visit_EmbeddedStmt(EmbeddedStmt&) {}
  void visit_NullStmt(NullStmt&) {}

 private:
  Derived& self() { return static_cast<Derived&>(*this); }
};

}  // namespace cxxtap::ir
