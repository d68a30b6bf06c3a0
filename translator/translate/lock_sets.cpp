#include "lock_sets.h"

#include "elaborate/usage.h"
#include "reached.h"

#include <cxxtap/ir/visitor.h>

#include <unordered_map>
#include <unordered_set>

namespace cxxtap::translate {

using namespace cxxtap::ir;
using elaborate::Function;
using elaborate::Program;
using elaborate::Variable;

namespace {

enum class Access { Read, Write };

class AccessWalker : public Visitor<AccessWalker> {
 public:
  explicit AccessWalker(const Program& p) : p_(p) {}

  std::unordered_map<const Variable*, bool> exclusive;  // global -> write lock?
  std::vector<const Function*> calls;
  std::vector<const void*> embedded;  // code that may name globals in pragmas

  void note(const Expr* e, Access a) {
    const Variable* v = p_.symbol(e);
    if (!v || v->scope != Variable::Scope::Global) return;
    bool& x = exclusive[v];
    // Reading a statistic aggregates every cpu's copy: only a writer may.
    if (a == Access::Write || v->type == Type::Stats) x = true;
  }
  void lvalue(ExprPtr& target, Access a) {
    const Expr* sym = elaborate::lvalue_symbol(target.get());
    if (!sym) return visit(target);
    note(sym, a);
    if (auto i = as<IndexExpr>(target.get()))
      for (auto& k : i->indexes) visit(k);
  }

  void visit_Symbol(SymbolExpr& e) { note(&e, Access::Read); }
  void visit_Assign(AssignExpr& e) {
    if (e.op == AssignOp::StatAppend) {
      // x <<< v only touches this cpu's copy: a shared lock is enough.
      if (const Expr* sym = elaborate::lvalue_symbol(e.target.get())) {
        const Variable* v = p_.symbol(sym);
        if (v && v->scope == Variable::Scope::Global) exclusive.try_emplace(v, false);
        if (auto i = as<IndexExpr>(e.target.get()))
          for (auto& k : i->indexes) visit(k);
      } else {
        visit(e.target);
      }
    } else {
      lvalue(e.target, Access::Write);
    }
    visit(e.value);
  }
  void visit_IncDec(IncDecExpr& e) { lvalue(e.operand, Access::Write); }
  void visit_DeleteStmt(DeleteStmt& s) { lvalue(s.target, Access::Write); }
  void visit_Call(CallExpr& e) {
    if (const Function* f = p_.call(&e)) calls.push_back(f);
    Visitor::visit_Call(e);
  }
  void visit_Embedded(EmbeddedExpr& e) { embedded.push_back(&e); }
  void visit_EmbeddedStmt(EmbeddedStmt& s) { embedded.push_back(&s); }

 private:
  const Program& p_;
};

}  // namespace

std::vector<GlobalLock> probe_locks(const Program& p, const elaborate::DerivedProbe& probe,
                                    const Globals& g) {
  AccessWalker w(p);
  walk_reached(probe, w, [&](const ir::FunctionDecl& f) { w.embedded.push_back(&f); });
  std::unordered_set<const void*> code(w.embedded.begin(), w.embedded.end());
  for (const auto& a : p.embedded_access) {
    if (!code.count(a.code)) continue;
    bool& x = w.exclusive[a.global];
    if (a.write || a.global->type == Type::Stats) x = true;
  }
  std::vector<GlobalLock> locks;
  for (const GlobalInfo* gi : g.ordered) {
    auto it = w.exclusive.find(gi->var);
    if (it != w.exclusive.end()) locks.push_back({gi, it->second});
  }
  return locks;
}

}  // namespace cxxtap::translate
