#include "usage.h"

#include <cxxtap/ir/visitor.h>

namespace cxxtap::elaborate {

namespace {

class UsageWalker : public ir::Visitor<UsageWalker> {
 public:
  UsageWalker(const Program& p, UsageTable& t) : p_(p), t_(t) {}

  void read(const ir::Expr* e) {
    if (Variable* v = p_.symbol(e)) {
      auto& u = t_[v];
      if (u.reads++ == 0) u.first_read = e->loc;
    }
  }
  void write(const ir::Expr* e) {
    if (Variable* v = p_.symbol(e)) ++t_[v].writes;
  }
  void lvalue(ir::ExprPtr& target, bool also_read) {
    const ir::Expr* sym = lvalue_symbol(target.get());
    if (!sym) {
      visit(target);
      return;
    }
    write(sym);
    if (also_read) read(sym);
    if (auto i = ir::as<ir::IndexExpr>(target.get()))
      for (auto& k : i->indexes) visit(k);
  }

  void visit_Symbol(ir::SymbolExpr& e) { read(&e); }
  void visit_Assign(ir::AssignExpr& e) {
    lvalue(e.target, e.op != ir::AssignOp::Assign && e.op != ir::AssignOp::StatAppend);
    visit(e.value);
  }
  void visit_IncDec(ir::IncDecExpr& e) { lvalue(e.operand, true); }
  void visit_DeleteStmt(ir::DeleteStmt& s) { lvalue(s.target, false); }
  void visit_ForeachStmt(ir::ForeachStmt& s) {
    for (auto& k : s.keys) write(k.get());
    if (s.value) write(s.value.get());
    visit(s.array);
    for (auto& i : s.slice) visit(i);
    visit(s.limit);
    visit(s.body);
  }
  void visit_TryStmt(ir::TryStmt& s) {
    visit(s.try_block.get());
    if (s.error_var) write(s.error_var.get());
    visit(s.catch_block.get());
  }

 private:
  const Program& p_;
  UsageTable& t_;
};

class EffectWalker : public ir::Visitor<EffectWalker> {
 public:
  EffectWalker(const Program& p, const std::unordered_map<const Function*, bool>& fx,
               bool local_writes_count)
      : p_(p), fx_(fx), local_writes_count_(local_writes_count) {}
  bool found = false;

  void lvalue_effect(const ir::Expr* target) {
    if (auto s = ir::as<ir::SymbolExpr>(target)) {
      Variable* v = p_.symbol(s);
      if (!v || v->scope == Variable::Scope::Global || local_writes_count_) found = true;
      return;
    }
    found = true;  // arrays are global; $targets are kernel memory
  }

  void visit_Assign(ir::AssignExpr& e) {
    lvalue_effect(e.target.get());
    Visitor::visit_Assign(e);
  }
  void visit_IncDec(ir::IncDecExpr& e) {
    lvalue_effect(e.operand.get());
    Visitor::visit_IncDec(e);
  }
  void visit_Print(ir::PrintExpr& e) {
    if (!e.to_string) found = true;
    Visitor::visit_Print(e);
  }
  void visit_Call(ir::CallExpr& e) {
    Function* f = p_.call(&e);
    auto it = f ? fx_.find(f) : fx_.end();
    if (!f || it == fx_.end() || it->second) found = true;
    Visitor::visit_Call(e);
  }
  void visit_Embedded(ir::EmbeddedExpr&) { found = true; }
  // Statements (for function bodies).
  void visit_DeleteStmt(ir::DeleteStmt& s) {
    lvalue_effect(s.target.get());
    Visitor::visit_DeleteStmt(s);
  }
  void visit_EmbeddedStmt(ir::EmbeddedStmt&) { found = true; }
  void visit_ForeachStmt(ir::ForeachStmt& s) {
    for (auto& k : s.keys) lvalue_effect(k.get());
    if (s.value) lvalue_effect(s.value.get());
    Visitor::visit_ForeachStmt(s);
  }

 private:
  const Program& p_;
  const std::unordered_map<const Function*, bool>& fx_;
  bool local_writes_count_;
};

// Calls and variables a body refers to.
class References : public ir::Visitor<References> {
 public:
  explicit References(const Program& p) : p_(p) {}
  std::vector<const Function*> functions;
  std::unordered_set<const Variable*> variables;
  void visit_Call(ir::CallExpr& e) {
    if (Function* f = p_.call(&e)) functions.push_back(f);
    Visitor::visit_Call(e);
  }
  void visit_Symbol(ir::SymbolExpr& e) {
    if (Variable* v = p_.symbol(&e)) variables.insert(v);
  }
  void visit_ForeachStmt(ir::ForeachStmt& s) {
    for (auto& k : s.keys) visit_Symbol(*k);
    if (s.value) visit_Symbol(*s.value);
    Visitor::visit_ForeachStmt(s);
  }
  void visit_TryStmt(ir::TryStmt& s) {
    if (s.error_var) visit_Symbol(*s.error_var);
    Visitor::visit_TryStmt(s);
  }

 private:
  const Program& p_;
};

}  // namespace

const ir::SymbolExpr* lvalue_symbol(const ir::Expr* target) {
  if (auto s = ir::as<ir::SymbolExpr>(target)) return s;
  if (auto i = ir::as<ir::IndexExpr>(target)) return ir::as<ir::SymbolExpr>(i->base.get());
  return nullptr;
}

Reachable reachable(const Program& p) {
  Reachable r;
  std::vector<const Function*> work;
  auto scan = [&](ir::Stmt* body, ir::Expr* cond) {
    References refs(p);
    if (cond) refs.visit(cond);
    if (body) refs.visit(body);
    for (auto* f : refs.functions)
      if (r.functions.insert(f).second) work.push_back(f);
    r.variables.insert(refs.variables.begin(), refs.variables.end());
  };
  for (const auto& probe : p.probes) scan(probe->body.get(), probe->condition.get());
  while (!work.empty()) {
    const Function* f = work.back();
    work.pop_back();
    if (f->calls_next && f->next_overload && r.functions.insert(f->next_overload).second)
      work.push_back(f->next_overload);
    for (const auto& v : f->params) r.variables.insert(v.get());
    scan(f->decl->body.get(), nullptr);
  }
  for (const auto& a : p.embedded_access) r.variables.insert(a.global);
  return r;
}

UsageTable variable_usage(const Program& p) {
  UsageTable t;
  UsageWalker w(p, t);
  for (const auto& probe : p.probes) {
    if (probe->condition) w.visit(probe->condition.get());
    if (probe->body) w.visit(probe->body.get());
  }
  for (const auto& f : p.functions)
    if (f->decl->body) w.visit(f->decl->body.get());
  // Embedded C naming a global counts as reading or writing it.
  for (const auto& a : p.embedded_access) {
    auto& u = t[a.global];
    if (a.write) ++u.writes;
    else ++u.reads;
  }
  return t;
}

std::unordered_map<const Function*, bool> function_side_effects(const Program& p) {
  std::unordered_map<const Function*, bool> fx;
  // Start optimistic, then mark until nothing changes.
  for (const auto& f : p.functions)
    fx[f.get()] = f->decl->is_embedded ? !f->tags.pure : false;
  for (bool changed = true; changed;) {
    changed = false;
    for (const auto& f : p.functions) {
      if (fx[f.get()] || !f->decl->body) continue;
      EffectWalker w(p, fx, false);
      w.visit(f->decl->body.get());
      if (w.found) {
        fx[f.get()] = true;
        changed = true;
      }
    }
  }
  return fx;
}

bool has_side_effects(const ir::Expr& e, const Program& p,
                      const std::unordered_map<const Function*, bool>& fn_effects) {
  EffectWalker w(p, fn_effects, true);
  w.visit(const_cast<ir::Expr*>(&e));
  return w.found;
}

}  // namespace cxxtap::elaborate
