#include "foreach_check.h"

#include "ir_rewrite.h"
#include "usage.h"

#include <cxxtap/ir/visitor.h>

#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace cxxtap::elaborate {

namespace {

using VarSet = std::unordered_set<const Variable*>;

// The global a write target names: `g`, `g[...]`.
const Variable* written_global(const Program& p, const ir::Expr* target) {
  const ir::Expr* sym = lvalue_symbol(target);
  Variable* v = sym ? p.symbol(sym) : nullptr;
  return v && v->scope == Variable::Scope::Global ? v : nullptr;
}

// Globals a body writes directly, and the functions it calls.
class Writes : public ir::Visitor<Writes> {
 public:
  explicit Writes(const Program& p) : p_(p) {}
  VarSet globals;
  std::vector<const Function*> calls;

  void target(const ir::Expr* t) {
    if (auto v = written_global(p_, t)) globals.insert(v);
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
  void visit_Call(ir::CallExpr& e) {
    if (Function* f = p_.call(&e)) calls.push_back(f);
    Visitor::visit_Call(e);
  }

 private:
  const Program& p_;
};

// Globals each function writes, directly or through what it calls.
std::unordered_map<const Function*, VarSet> function_writes(const Program& p) {
  std::unordered_map<const Function*, VarSet> out;
  std::unordered_map<const Function*, std::vector<const Function*>> calls;
  for (const auto& f : p.functions) {
    Writes w(p);
    if (f->decl->body) w.visit(f->decl->body.get());
    out[f.get()] = std::move(w.globals);
    calls[f.get()] = std::move(w.calls);
    if (f->calls_next && f->next_overload) calls[f.get()].push_back(f->next_overload);
  }
  for (bool changed = true; changed;) {
    changed = false;
    for (auto& [f, set] : out)
      for (const Function* callee : calls[f])
        for (const Variable* v : out[callee])
          if (set.insert(v).second) changed = true;
  }
  return out;
}

class ForeachChecker : public ir::Visitor<ForeachChecker> {
 public:
  ForeachChecker(const Program& p, const std::unordered_map<const Function*, VarSet>& fw,
                 Diagnostics& d)
      : p_(p), fw_(fw), diags_(d) {}

  void visit_ForeachStmt(ir::ForeachStmt& s) {
    Variable* v = p_.symbol(s.array.get());
    if (v) active_.push_back(v);
    Visitor::visit_ForeachStmt(s);
    if (v) active_.pop_back();
  }
  void target(const ir::Expr* t) {
    const Variable* v = written_global(p_, t);
    if (!v || !is_active(v)) return;
    const ir::Expr* sym = t;
    if (auto i = ir::as<ir::IndexExpr>(t)) sym = i->base.get();
    diags_.error(sym->loc, "variable '" + v->name + "' modified during 'foreach' iteration: " +
                               describe(*sym));
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
  void visit_Call(ir::CallExpr& e) {
    Visitor::visit_Call(e);
    Function* f = p_.call(&e);
    if (!f || active_.empty()) return;
    auto it = fw_.find(f);
    if (it == fw_.end()) return;
    for (const Variable* v : active_)
      if (it->second.count(v)) {
        diags_.error(e.loc, "function call modifies var '" + v->name +
                                "' during 'foreach' iteration: " + describe(e));
        return;
      }
  }

 private:
  bool is_active(const Variable* v) const {
    for (const Variable* a : active_)
      if (a == v) return true;
    return false;
  }

  const Program& p_;
  const std::unordered_map<const Function*, VarSet>& fw_;
  Diagnostics& diags_;
  std::vector<const Variable*> active_;
};

}  // namespace

void check_foreach_modifications(const Program& p, Diagnostics& diags) {
  const auto fw = function_writes(p);
  ForeachChecker c(p, fw, diags);
  for (const auto& probe : p.probes)
    if (probe->body) c.visit(probe->body.get());
  for (const auto& f : p.functions)
    if (f->decl->body) c.visit(f->decl->body.get());
}

}  // namespace cxxtap::elaborate
