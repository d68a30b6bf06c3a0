#include "infer_types.h"

#include "format_check.h"
#include "ir_rewrite.h"
#include "regex_check.h"

#include <fmt/format.h>

#include <set>
#include <unordered_map>

namespace cxxtap::elaborate {

namespace {

using ir::Type;

std::string tname(Type t) { return std::string(ir::type_name(t)); }

class TypeInference {
 public:
  TypeInference(Program& p, const std::unordered_set<const ir::Expr*>& exempt,
                const Reachable& live, Diagnostics& d)
      : p_(p), exempt_(exempt), live_(live), diags_(d) {}

  void run() {
    for (auto& g : p_.globals) {
      if (!g->global || !g->global->init) continue;
      g->type = g->global->init->kind == ir::ExprKind::String ? Type::String : Type::Long;
      first_loc_[g.get()] = g->global->loc;
    }
    for (auto& f : p_.functions)
      if (f->return_type != Type::Unknown) return_loc_[f.get()] = f->decl->loc;
    for (int round = 0; round < 64; ++round) {
      changed_ = false;
      walk_all();
      if (!changed_) break;
    }
    check_leftovers();
  }

 private:
  // --- the walk -----------------------------------------------------------
  void walk_all() {
    for (auto& probe : p_.probes) {
      fn_ = nullptr;
      if (probe->condition) expr(*probe->condition, Type::Long);
      if (probe->body) stmt(*probe->body);
    }
    for (auto& f : p_.functions) {
      fn_ = f.get();
      if (f->decl->body) stmt(*f->decl->body);
    }
    fn_ = nullptr;
    for (auto& f : p_.functions)
      if (f->next_overload) overload_returns(*f, *f->next_overload);
  }

  // Overloads of one name and arity return the same type.
  void overload_returns(Function& a, Function& b) {
    if (a.return_type == b.return_type) return;
    if (b.return_type == Type::Unknown) {
      b.return_type = a.return_type;
      return_loc_[&b] = return_loc_[&a];
      changed_ = true;
    } else if (a.return_type == Type::Unknown) {
      a.return_type = b.return_type;
      return_loc_[&a] = return_loc_[&b];
      changed_ = true;
    } else if (reported_.insert({&b, "overload"}).second) {
      auto& d = diags_.error(return_loc_[&b], fmt::format("type mismatch ({}): identifier '{}'",
                                                          tname(b.return_type), b.name));
      d.notes.push_back({Severity::Note, return_loc_[&a],
                         fmt::format("type was first inferred here ({})", tname(a.return_type)),
                         {}});
    }
  }

  void stmt(ir::Stmt& s) {
    using K = ir::StmtKind;
    switch (s.kind) {
      case K::Block:
        for (auto& x : static_cast<ir::BlockStmt&>(s).stmts) stmt(*x);
        return;
      case K::Expr: expr(*static_cast<ir::ExprStmt&>(s).expr, Type::Unknown); return;
      case K::If: {
        auto& x = static_cast<ir::IfStmt&>(s);
        expr(*x.cond, Type::Long);
        stmt(*x.then_stmt);
        if (x.else_stmt) stmt(*x.else_stmt);
        return;
      }
      case K::While: {
        auto& x = static_cast<ir::WhileStmt&>(s);
        expr(*x.cond, Type::Long);
        stmt(*x.body);
        return;
      }
      case K::For: {
        auto& x = static_cast<ir::ForStmt&>(s);
        if (x.init) expr(*x.init, Type::Unknown);
        if (x.cond) expr(*x.cond, Type::Long);
        if (x.incr) expr(*x.incr, Type::Unknown);
        stmt(*x.body);
        return;
      }
      case K::Foreach: foreach_stmt(static_cast<ir::ForeachStmt&>(s)); return;
      case K::Return: {
        auto& x = static_cast<ir::ReturnStmt&>(s);
        if (!x.value) return;
        if (!fn_) {
          expr(*x.value, Type::Unknown);
          return;
        }
        Type t = expr(*x.value, fn_->return_type);
        if (t == Type::Unknown) return;
        if (fn_->return_type == Type::Unknown) {
          fn_->return_type = t;
          return_loc_[fn_] = x.value->loc;
          changed_ = true;
        } else if (fn_->return_type != t) {
          mismatch_var(*x.value, t, fn_->return_type, return_loc_[fn_]);
        }
        return;
      }
      case K::Delete: {
        auto& x = static_cast<ir::DeleteStmt&>(s);
        if (!x.target) return;
        if (ir::as<ir::SymbolExpr>(x.target.get())) {
          if (Variable* v = p_.symbol(x.target.get())) note(*x.target, v);
        } else {
          expr(*x.target, Type::Unknown);
        }
        return;
      }
      case K::Try: {
        auto& x = static_cast<ir::TryStmt&>(s);
        if (x.try_block) stmt(*x.try_block);
        if (x.error_var)
          if (Variable* v = p_.symbol(x.error_var.get())) unify_var(*v, Type::String, *x.error_var);
        if (x.catch_block) stmt(*x.catch_block);
        return;
      }
      case K::Break: case K::Continue: case K::Next: case K::Embedded: case K::Null:
        return;
    }
  }

  void foreach_stmt(ir::ForeachStmt& s) {
    Variable* arr = p_.symbol(s.array.get());
    if (auto* h = ir::as<ir::HistExpr>(s.array.get())) {
      hist(*h);
      for (auto& k : s.keys)
        if (Variable* v = p_.symbol(k.get())) unify_var(*v, Type::Long, *k);
      if (s.value)
        if (Variable* v = p_.symbol(s.value.get())) unify_var(*v, Type::Long, *s.value);
    } else if (arr) {
      note(*s.array, arr);
      for (std::size_t i = 0; i < s.keys.size(); ++i) {
        Variable* k = p_.symbol(s.keys[i].get());
        if (!k || i >= arr->key_types.size()) continue;
        unify_var(*k, arr->key_types[i], *s.keys[i]);
        unify_key(*arr, i, k->type, *s.keys[i]);
      }
      for (std::size_t i = 0; i < s.slice.size() && i < arr->key_types.size(); ++i) {
        if (!s.slice[i]) continue;
        Type t = expr(*s.slice[i], Type::Unknown);
        unify_key(*arr, i, t, *s.slice[i]);
        if (t == Type::Unknown) expr(*s.slice[i], arr->key_types[i]);
      }
      if (s.value)
        if (Variable* v = p_.symbol(s.value.get())) {
          if (arr->type == Type::Stats) error(*s.value, "invalid type stats: " + describe(*s.value));
          else unify_var(*v, arr->type, *s.value);
        }
      if (s.sort_aggregate != ir::StatFn::None && arr->type != Type::Unknown &&
          arr->type != Type::Stats)
        error(*s.array, fmt::format("invalid type {}: {}", tname(arr->type), describe(*s.array)));
    }
    if (s.limit) expr(*s.limit, Type::Long);
    stmt(*s.body);
  }

  Type expr(ir::Expr& e, Type want) {
    Type t = compute(e, want);
    if (t != Type::Unknown) p_.types[&e] = t;
    return t;
  }

  Type compute(ir::Expr& e, Type want) {
    using K = ir::ExprKind;
    switch (e.kind) {
      case K::Number: return check(e, want, Type::Long);
      case K::String: return check(e, want, Type::String);
      case K::Symbol: {
        Variable* v = p_.symbol(&e);
        if (!v) return Type::Unknown;
        note(e, v);
        return unify_var(*v, want, e);
      }
      case K::Index: return index(static_cast<ir::IndexExpr&>(e), want);
      case K::Call: return call(static_cast<ir::CallExpr&>(e), want);
      case K::Print: return print(static_cast<ir::PrintExpr&>(e), want);
      case K::Unary:
        expr(*static_cast<ir::UnaryExpr&>(e).operand, Type::Long);
        return check(e, want, Type::Long);
      case K::IncDec:
        expr(*static_cast<ir::IncDecExpr&>(e).operand, Type::Long);
        return check(e, want, Type::Long);
      case K::Binary: return binary(static_cast<ir::BinaryExpr&>(e), want);
      case K::Ternary: {
        auto& x = static_cast<ir::TernaryExpr&>(e);
        expr(*x.cond, Type::Long);
        Type a = expr(*x.then_expr, want);
        Type b = expr(*x.else_expr, a != Type::Unknown ? a : want);
        if (a == Type::Unknown && b != Type::Unknown) a = expr(*x.then_expr, b);
        return a != Type::Unknown ? a : b;
      }
      case K::Assign: return assign(static_cast<ir::AssignExpr&>(e), want);
      case K::InArray: {
        auto& x = static_cast<ir::InArrayExpr&>(e);
        keys(x.array.get(), x.keys);
        return check(e, want, Type::Long);
      }
      case K::Stat: {
        auto& x = static_cast<ir::StatExpr&>(e);
        expr(*x.operand, Type::Stats);
        if (x.param) expr(*x.param, Type::Long);
        return check(e, want, Type::Long);
      }
      case K::Hist: hist(static_cast<ir::HistExpr&>(e)); return Type::Unknown;
      case K::Defined: case K::Probewrite: case K::Perf: case K::Const:
        return check(e, want, Type::Long);
      case K::Register:
        expr(*static_cast<ir::RegisterExpr&>(e).operand, Type::Long);
        return check(e, want, Type::Long);
      case K::Deref: {
        auto& x = static_cast<ir::DerefExpr&>(e);
        expr(*x.size, Type::Long);
        expr(*x.address, Type::Long);
        return check(e, want, Type::Long);
      }
      case K::Embedded: {
        auto& code = static_cast<ir::EmbeddedExpr&>(e).code;
        bool is_string = code.find("/* string */") != std::string::npos;
        return check(e, want, is_string ? Type::String : Type::Long);
      }
      case K::Entry: return expr(*static_cast<ir::EntryExpr&>(e).operand, want);
      case K::Access: {
        auto& x = static_cast<ir::AccessExpr&>(e);
        if (x.base) expr(*x.base, Type::Unknown);
        for (auto& c : x.components)
          if (c.index) expr(*c.index, Type::Long);
        return Type::Unknown;  // its error comes from resolution
      }
      case K::Cast:
        expr(*static_cast<ir::CastExpr&>(e).operand, Type::Long);
        return Type::Unknown;
      case K::Target: case K::Var:
        return Type::Unknown;  // their errors come from resolution
    }
    return Type::Unknown;
  }

  Type index(ir::IndexExpr& e, Type want) {
    if (auto* h = ir::as<ir::HistExpr>(e.base.get())) {
      hist(*h);
      for (auto& i : e.indexes)
        if (i) expr(*i, Type::Long);
      return check(e, want, Type::Long);
    }
    Variable* v = p_.symbol(e.base.get());
    keys(e.base.get(), e.indexes);
    if (!v) return Type::Unknown;
    note(*e.base, v);
    return unify_var(*v, want, e);
  }

  // Keys of an array reference (index, membership test, slice).
  void keys(ir::Expr* array, std::vector<ir::ExprPtr>& ks) {
    Variable* v = p_.symbol(array);
    for (std::size_t i = 0; i < ks.size(); ++i) {
      if (!ks[i]) continue;
      Type t = expr(*ks[i], Type::Unknown);
      if (!v || i >= v->key_types.size()) continue;
      if (t == Type::Stats) {
        error(*ks[i], "invalid type stats: " + describe(*ks[i]));
        continue;
      }
      unify_key(*v, i, t, *ks[i]);
      if (t == Type::Unknown && v->key_types[i] != Type::Unknown) expr(*ks[i], v->key_types[i]);
    }
  }

  void hist(ir::HistExpr& h) {
    expr(*h.operand, Type::Stats);
    for (auto& p : h.params) expr(*p, Type::Long);
  }

  Type call(ir::CallExpr& e, Type want) {
    Function* f = p_.call(&e);
    if (!f) {
      for (auto& a : e.args) expr(*a, Type::Unknown);
      return Type::Unknown;
    }
    for (std::size_t i = 0; i < e.args.size() && i < f->params.size(); ++i) {
      Variable& param = *f->params[i];
      Type t = expr(*e.args[i], Type::Unknown);
      unify_var(param, t, *e.args[i]);
      if (t == Type::Unknown && param.type != Type::Unknown) expr(*e.args[i], param.type);
    }
    if (want != Type::Unknown && f->return_type == Type::Unknown) {
      f->return_type = want;
      return_loc_[f] = e.loc;
      changed_ = true;
    }
    return check(e, want, f->return_type);
  }

  Type print(ir::PrintExpr& e, Type want) {
    if (e.style == ir::PrintStyle::Printf) {
      std::vector<std::optional<FormatArgKind>> kinds(e.args.size());
      for (std::size_t i = 0; i < e.args.size(); ++i) {
        auto k = format_arg_kind(e.format, i);
        Type w = !k ? Type::Unknown : (*k == FormatArgKind::String ? Type::String : Type::Long);
        expr(*e.args[i], w);
      }
      if (auto err = scan_format(e.format, [](FormatArgKind, std::size_t) {}))
        error(e, std::string(err->message) + ": " + describe(e));
      else if (format_arg_count(e.format) != e.args.size())
        error(e, std::string(kWrongArgCount) + ": " + describe(e));
    } else {
      for (auto& a : e.args) expr(*a, Type::Unknown);
    }
    for (auto& a : e.args)
      if (value_use_set_.insert(a.get()).second) value_uses_.push_back({a.get(), fn_});
    return check(e, want, e.to_string ? Type::String : Type::Long);
  }

  Type binary(ir::BinaryExpr& e, Type want) {
    using Op = ir::BinaryOp;
    switch (e.op) {
      case Op::Concat:
        expr(*e.left, Type::String);
        expr(*e.right, Type::String);
        return check(e, want, Type::String);
      case Op::Lt: case Op::Gt: case Op::Le: case Op::Ge: case Op::Eq: case Op::Ne: {
        Type a = expr(*e.left, Type::Unknown);
        Type b = expr(*e.right, a);
        if (a == Type::Unknown && b != Type::Unknown) expr(*e.left, b);
        if (a == Type::Stats || b == Type::Stats)
          error(e, "invalid type stats: " + describe(e));
        return check(e, want, Type::Long);
      }
      case Op::RegexMatch: case Op::RegexNoMatch:
        expr(*e.left, Type::String);
        expr(*e.right, Type::String);
        if (auto lit = ir::as<ir::StringExpr>(e.right.get()))
          if (auto err = check_regex(lit->value)) error(*lit, *err + ": " + describe(*lit));
        return check(e, want, Type::Long);
      default:
        expr(*e.left, Type::Long);
        expr(*e.right, Type::Long);
        return check(e, want, Type::Long);
    }
  }

  Type assign(ir::AssignExpr& e, Type want) {
    using Op = ir::AssignOp;
    switch (e.op) {
      case Op::Assign: {
        Type v = expr(*e.value, Type::Unknown);
        Type t = expr(*e.target, v);
        if (v == Type::Unknown && t != Type::Unknown) v = expr(*e.value, t);
        if (t == Type::Unknown && want != Type::Unknown) {
          t = expr(*e.target, want);
          if (v == Type::Unknown) expr(*e.value, t);
        }
        return t != Type::Unknown ? t : v;
      }
      case Op::ConcatAssign:
        expr(*e.target, Type::String);
        expr(*e.value, Type::String);
        return check(e, want, Type::String);
      case Op::StatAppend:
        expr(*e.target, Type::Stats);
        expr(*e.value, Type::Long);
        return check(e, want, Type::Long);
      default:
        expr(*e.target, Type::Long);
        expr(*e.value, Type::Long);
        return check(e, want, Type::Long);
    }
  }

  // --- unification ----------------------------------------------------------
  Type check(ir::Expr& e, Type want, Type have) {
    if (want != Type::Unknown && have != Type::Unknown && want != have)
      error(e, fmt::format("type mismatch: expected {} but found {}: {}", tname(want),
                           tname(have), describe(e)));
    return have;
  }

  Type unify_var(Variable& v, Type t, const ir::Expr& at) {
    if (t == Type::Unknown) return v.type;
    if (v.type == Type::Unknown) {
      v.type = t;
      first_loc_[&v] = at.loc;
      changed_ = true;
      return t;
    }
    if (v.type != t) {
      auto it = first_loc_.find(&v);
      mismatch_var(at, t, v.type, it != first_loc_.end() ? it->second : v.loc);
    }
    return v.type;
  }

  void unify_key(Variable& v, std::size_t i, Type t, const ir::Expr& at) {
    if (t == Type::Unknown || i >= v.key_types.size()) return;
    Type& k = v.key_types[i];
    if (k == Type::Unknown) {
      k = t;
      key_loc_[{&v, i}] = at.loc;
      changed_ = true;
    } else if (k != t) {
      if (!reported_.insert({&at, "index"}).second) return;
      auto& d = diags_.error(at.loc, fmt::format("index {} type mismatch ({}): {}", i, tname(t),
                                                 describe(at)));
      d.notes.push_back({Severity::Note, key_loc_[{&v, i}],
                         fmt::format("type of index {} was first inferred here ({})", i,
                                     tname(k)),
                         {}});
    }
  }

  void mismatch_var(const ir::Expr& at, Type have, Type first, ir::SourceLoc first_loc) {
    if (!reported_.insert({&at, "var"}).second) return;
    auto& d = diags_.error(at.loc, fmt::format("type mismatch ({}): {}", tname(have), describe(at)));
    d.notes.push_back({Severity::Note, first_loc,
                       fmt::format("type was first inferred here ({})", tname(first)), {}});
  }

  void error(const ir::Expr& at, std::string msg) {
    if (!reported_.insert({&at, msg}).second) return;
    diags_.error(at.loc, std::move(msg));
  }

  // First use of a variable (where "unresolved type" is reported).
  void note(const ir::Expr& use, Variable* v) { first_use_.try_emplace(v, use.loc); }

  // --- after the fixpoint ---------------------------------------------------
  void check_leftovers() {
    auto check_var = [&](Variable& v) {
      if (!live_.variables.count(&v)) return;
      auto use = first_use_.find(&v);
      ir::SourceLoc at = use != first_use_.end() ? use->second : v.loc;
      if (v.type == Type::Stats && v.scope != Variable::Scope::Global) {
        diags_.error(at, "stat locals not supported, missing global declaration?: identifier '" +
                             v.name + "'");
        return;
      }
      if (v.type == Type::Unknown) {
        if (use == first_use_.end() && v.scope != Variable::Scope::Param) return;
        diags_.error(at, "unresolved type: identifier '" + v.name + "'");
        return;
      }
      for (Type k : v.key_types)
        if (k == Type::Unknown) {
          diags_.error(at, "unresolved type of array index: identifier '" + v.name + "'");
          return;
        }
    };
    for (auto& g : p_.globals) check_var(*g);
    for (const auto& a : p_.embedded_access)
      if (a.global->type == Type::Stats && reported_.insert({a.global, "embedded"}).second)
        diags_.error(a.global->loc,
                     "Aggregates not available in embedded-C: identifier '" + a.global->name + "'");
    for (auto& f : p_.functions) {
      for (auto& v : f->params)
        if (!f->decl->is_embedded) check_var(*v);
      for (auto& v : f->locals) check_var(*v);
    }
    for (auto& probe : p_.probes)
      for (auto& v : probe->locals) check_var(*v);
    // Values printed whose type nothing determined (a call of a function
    // that returns nothing, say); variables were reported above.
    for (auto [e, in_fn] : value_uses_) {
      if (in_fn && !live_.functions.count(in_fn)) continue;
      if (exempt_.count(e) || p_.type_of(e) != Type::Unknown) continue;
      using K = ir::ExprKind;
      if (e->kind == K::Symbol || e->kind == K::Index || e->kind == K::Hist ||
          e->kind == K::Target || e->kind == K::Cast || e->kind == K::Access ||
          e->kind == K::Var)
        continue;
      diags_.error(e->loc, "unresolved type: " + describe(*e));
    }
  }

  Program& p_;
  const std::unordered_set<const ir::Expr*>& exempt_;
  const Reachable& live_;
  Diagnostics& diags_;
  Function* fn_ = nullptr;
  bool changed_ = false;
  std::unordered_map<const Variable*, ir::SourceLoc> first_loc_;
  std::unordered_map<const Variable*, ir::SourceLoc> first_use_;
  std::unordered_map<const Function*, ir::SourceLoc> return_loc_;
  std::map<std::pair<const Variable*, std::size_t>, ir::SourceLoc> key_loc_;
  std::set<std::pair<const void*, std::string>> reported_;
  std::unordered_set<const ir::Expr*> value_use_set_;
  std::vector<std::pair<const ir::Expr*, const Function*>> value_uses_;
};

}  // namespace

void infer_types(Program& program, const std::unordered_set<const ir::Expr*>& exempt,
                 const Reachable& live, Diagnostics& diags) {
  TypeInference(program, exempt, live, diags).run();
}

}  // namespace cxxtap::elaborate
