#include "elide_unused.h"

#include "ir_rewrite.h"
#include "similar.h"
#include "usage.h"

#include <cxxtap/ir/visitor.h>

#include <algorithm>
#include <unordered_set>

namespace cxxtap::elaborate {

namespace {

// stap names an expression statement by its first token.
const ir::Expr& leftmost(const ir::Expr& e) {
  switch (e.kind) {
    case ir::ExprKind::Binary: return leftmost(*static_cast<const ir::BinaryExpr&>(e).left);
    case ir::ExprKind::Assign: return leftmost(*static_cast<const ir::AssignExpr&>(e).target);
    case ir::ExprKind::Ternary: return leftmost(*static_cast<const ir::TernaryExpr&>(e).cond);
    case ir::ExprKind::Index: {
      auto& x = static_cast<const ir::IndexExpr&>(e);
      return x.base ? leftmost(*x.base) : e;
    }
    default: return e;
  }
}

bool in_tapset(ir::SourceLoc loc) { return loc.file && loc.file->is_tapset; }

void warn(Diagnostics& diags, ir::SourceLoc loc, std::string msg) {
  if (!in_tapset(loc)) diags.warning(loc, std::move(msg));
}

bool is_empty(const ir::Stmt* s) {
  if (!s) return true;
  if (s->kind == ir::StmtKind::Null) return true;
  if (auto b = ir::as<ir::BlockStmt>(s))
    return std::all_of(b->stmts.begin(), b->stmts.end(), [](auto& x) { return is_empty(x.get()); });
  return false;
}

class ReturnsValue : public ir::Visitor<ReturnsValue> {
 public:
  bool found = false;
  void visit_ReturnStmt(ir::ReturnStmt& s) { found = found || s.value != nullptr; }
};

}  // namespace

namespace {

class StatementEliminator {
 public:
  StatementEliminator(Program& p, Diagnostics& diags)
      : p_(p), diags_(diags), usage_(variable_usage(p)), fx_(function_side_effects(p)) {
    // Locals read only inside a folded @defined() go silently, as in stap.
    for (auto& e : p_.dropped)
      if (auto d = ir::as<ir::DefinedExpr>(e.get()); d && d->operand)
        for_each_expr(*d->operand, [this](ir::Expr& x) {
          if (auto s = ir::as<ir::SymbolExpr>(&x)) defined_reads_.insert(s->name);
        });
  }
  bool changed = false;

  void run(ir::BlockStmt& body) {
    rewrite_stmts(body, [this](ir::StmtPtr& slot) { statement(slot); });
  }

 private:
  bool effects(const ir::ExprPtr& e) const { return e && has_side_effects(*e, p_, fx_); }

  // A local nothing reads.
  bool unread_local(const ir::Expr* target) const {
    auto sym = ir::as<ir::SymbolExpr>(target);
    Variable* v = sym ? p_.symbol(sym) : nullptr;
    if (!v || v->scope != Variable::Scope::Local) return false;
    auto u = usage_.find(v);
    return u == usage_.end() || u->second.reads == 0;
  }

  void null(ir::StmtPtr& slot) {
    slot = ir::make<ir::NullStmt>(slot->loc);
    changed = true;
  }

  void expression(ir::StmtPtr& slot, ir::ExprStmt& es) {
    if (auto a = ir::as<ir::AssignExpr>(es.expr.get());
        a && (a->op == ir::AssignOp::Assign || a->op == ir::AssignOp::StatAppend) &&
        unread_local(a->target.get())) {
      auto& sym = static_cast<const ir::SymbolExpr&>(*a->target);
      const bool quiet = defined_reads_.count(sym.name) != 0;
      if (!quiet)
        warn(diags_, a->loc, "Eliding assignment to '" + sym.name + "': " + describe(*a));
      changed = true;
      if (effects(a->value)) {
        es.expr = std::move(a->value);
      } else {
        if (!quiet)
          warn(diags_, sym.loc, "Eliding side-effect-free expression: " + describe(sym));
        null(slot);
      }
      return;
    }
    if (!effects(es.expr)) {
      const ir::Expr& first = leftmost(*es.expr);
      warn(diags_, first.loc, "Eliding side-effect-free expression: " + describe(first));
      null(slot);
    }
  }

  // An expression statement for what is left of a control statement.
  void keep_only(ir::StmtPtr& slot, ir::ExprPtr e) {
    if (!effects(e)) {
      null(slot);
      return;
    }
    auto es = ir::make<ir::ExprStmt>(slot->loc);
    es->expr = std::move(e);
    slot = std::move(es);
    changed = true;
  }

  void statement(ir::StmtPtr& slot) {
    using K = ir::StmtKind;
    switch (slot->kind) {
      case K::Expr: {
        auto& es = static_cast<ir::ExprStmt&>(*slot);
        if (es.expr) expression(slot, es);
        return;
      }
      case K::Block: {
        auto& b = static_cast<ir::BlockStmt&>(*slot);
        auto before = b.stmts.size();
        std::erase_if(b.stmts, [](const ir::StmtPtr& s) { return s->kind == K::Null; });
        if (b.stmts.size() != before) changed = true;
        return;
      }
      case K::If: {
        auto& x = static_cast<ir::IfStmt&>(*slot);
        if (is_empty(x.then_stmt.get()) && is_empty(x.else_stmt.get()))
          keep_only(slot, std::move(x.cond));
        return;
      }
      case K::While: {
        auto& x = static_cast<ir::WhileStmt&>(*slot);
        if (is_empty(x.body.get()) && !effects(x.cond)) null(slot);
        return;
      }
      case K::For: {
        auto& x = static_cast<ir::ForStmt&>(*slot);
        if (is_empty(x.body.get()) && !effects(x.cond) && !effects(x.incr)) {
          if (x.init) keep_only(slot, std::move(x.init));
          else null(slot);
        }
        return;
      }
      case K::Foreach: {
        auto& x = static_cast<ir::ForeachStmt&>(*slot);
        if (is_empty(x.body.get()) && !effects(x.limit)) null(slot);
        return;
      }
      default:
        return;
    }
  }

  Program& p_;
  Diagnostics& diags_;
  std::unordered_set<std::string> defined_reads_;
  const UsageTable usage_;
  const std::unordered_map<const Function*, bool> fx_;
};

}  // namespace

bool elide_statements(Program& p, Diagnostics& diags) {
  bool any = false;
  for (int round = 0; round < 32; ++round) {
    StatementEliminator e(p, diags);
    for (auto& probe : p.probes)
      if (probe->body) e.run(*probe->body);
    for (auto& f : p.functions)
      if (f->decl->body) e.run(*f->decl->body);
    if (!e.changed) break;
    any = true;
  }
  return any;
}

void elide_empty_probes(Program& p, Diagnostics& diags) {
  std::vector<std::unique_ptr<DerivedProbe>> kept;
  for (auto& probe : p.probes) {
    if (!probe->synthesized && is_empty(probe->body.get())) {
      ir::SourceLoc at = probe->origin ? probe->origin->loc : ir::SourceLoc{};
      warn(diags, at, "Probe '" + probe->point.text + "' has been elided");
      continue;
    }
    kept.push_back(std::move(probe));
  }
  p.probes = std::move(kept);
}

void warn_side_effect_free_functions(const Program& p, Diagnostics& diags) {
  const auto fx = function_side_effects(p);
  for (const auto& f : p.functions) {
    if (f->from_tapset() || !f->decl->body) continue;
    auto it = fx.find(f.get());
    if (it == fx.end() || it->second) continue;
    ReturnsValue r;
    r.visit(const_cast<ir::BlockStmt*>(f->decl->body.get()));
    if (!r.found)
      warn(diags, f->decl->loc, "side-effect-free function '" + f->name + "': identifier '" + f->name + "'");
  }
}

void prune_unreachable(Program& p) {
  const Reachable r = reachable(p);
  for (auto& f : p.functions)
    if (f->next_overload && !r.functions.count(f->next_overload)) f->next_overload = nullptr;
  std::erase_if(p.functions, [&](const auto& f) { return !r.functions.count(f.get()); });
  std::erase_if(p.globals, [&](const auto& g) { return !r.variables.count(g.get()); });
}

void warn_unused_globals(const Program& p, const std::vector<const ir::File*>& user_files,
                         Diagnostics& diags) {
  std::unordered_set<const ir::GlobalDecl*> used;
  for (const auto& g : p.globals) used.insert(g->global);
  for (const auto* file : user_files)
    for (const auto& d : file->decls)
      if (auto g = ir::as<ir::GlobalDecl>(d.get()); g && !used.count(g))
        warn(diags, g->loc, "Eliding unused variable '" + g->name + "': identifier '" + g->name + "'");
}

void warn_never_assigned(const Program& p, Diagnostics& diags) {
  const UsageTable usage = variable_usage(p);
  std::vector<std::string> global_names;
  for (const auto& g : p.globals) global_names.push_back(g->name);
  auto check = [&](const std::vector<std::unique_ptr<Variable>>& locals) {
    std::vector<std::string> names = global_names;
    for (const auto& v : locals) names.push_back(v->name);
    for (const auto& v : locals) {
      auto u = usage.find(v.get());
      if (u == usage.end() || u->second.writes > 0 || u->second.reads == 0) continue;
      std::vector<std::string> others;
      for (const auto& n : names)
        if (n != v->name) others.push_back(n);
      warn(diags, u->second.first_read,
           "never-assigned local variable '" + v->name + "'" + similar_suffix(v->name, others) +
               ": identifier '" + v->name + "'");
    }
  };
  for (const auto& probe : p.probes) check(probe->locals);
  for (const auto& f : p.functions) check(f->locals);
  for (const auto& g : p.globals) {
    if (g->from_tapset() || (g->global && g->global->init)) continue;
    auto u = usage.find(g.get());
    if (u == usage.end() || u->second.writes > 0 || u->second.reads == 0) continue;
    std::vector<std::string> others;
    for (const auto& n : global_names)
      if (n != g->name) others.push_back(n);
    warn(diags, g->loc,
         "never-assigned global variable '" + g->name + "'" + similar_suffix(g->name, others) +
             ": identifier '" + g->name + "'");
  }
}

}  // namespace cxxtap::elaborate
