#include "resolve_symbols.h"

#include "ir_rewrite.h"
#include "similar.h"

#include <cxxtap/ir/visitor.h>

#include <fmt/format.h>

#include <algorithm>
#include <regex>

namespace cxxtap::elaborate {

struct SymbolResolver::Scope {
  std::size_t file = 0;
  std::vector<std::unique_ptr<Variable>>* locals = nullptr;
  std::unordered_map<std::string, Variable*> names;  // params and locals
  Function* function = nullptr;
  const ResolvedPoint* point = nullptr;  // the probe's point (null in functions)
  bool in_condition = false;
};

namespace {

std::string unresolved_array(const ir::SymbolExpr& s, int arity) {
  return fmt::format("unresolved arity-{} global array {}, missing global declaration?: {}",
                     arity, s.name, describe(s));
}

class NextFinder : public ir::Visitor<NextFinder> {
 public:
  bool found = false;
  void visit_NextStmt(ir::NextStmt&) { found = true; }
};

}  // namespace

// Walks one body with one scope.
class BodyResolver : public ir::Visitor<BodyResolver> {
 public:
  BodyResolver(SymbolResolver& r, SymbolResolver::Scope& scope) : r_(r), scope_(scope) {}

  // `arity`: number of keys it is used with; 0 scalar; -1 either (delete).
  void resolve(ir::SymbolExpr& e, int arity) {
    if (scope_.in_condition) {
      auto g = r_.index_.global(e.name, scope_.file);
      if (!g) {
        r_.diags_.error(e.loc, "probe condition must not reference undeclared global: " +
                                   describe(e));
        return;
      }
    }
    if (auto it = scope_.names.find(e.name); it != scope_.names.end()) {
      if (arity > 0) {
        r_.diags_.error(e.loc, unresolved_array(e, arity));
        return;
      }
      r_.program_.symbols[&e] = it->second;
      return;
    }
    if (auto g = r_.index_.global(e.name, scope_.file)) {
      Variable* v = r_.global_for(*g);
      r_.note_arity(*v, arity, e);
      r_.program_.symbols[&e] = v;
      return;
    }
    if (arity > 0) {
      r_.diags_.error(e.loc, unresolved_array(e, arity));
      return;
    }
    auto v = std::make_unique<Variable>();
    v->scope = Variable::Scope::Local;
    v->name = e.name;
    v->arity = 0;
    v->loc = e.loc;
    v->file = &r_.index_.file(scope_.file);
    Variable* raw = v.get();
    scope_.locals->push_back(std::move(v));
    scope_.names[e.name] = raw;
    r_.program_.symbols[&e] = raw;
  }

  // An expression in array position: a symbol, or a histogram.
  void array(ir::ExprPtr& a, int arity) {
    if (auto s = ir::as<ir::SymbolExpr>(a.get())) resolve(*s, arity);
    else visit(a);
  }

  void visit_Symbol(ir::SymbolExpr& e) { resolve(e, 0); }

  void visit_Index(ir::IndexExpr& e) {
    array(e.base, static_cast<int>(e.indexes.size()));
    for (auto& i : e.indexes) visit(i);
  }

  void visit_InArray(ir::InArrayExpr& e) {
    for (auto& k : e.keys) visit(k);
    array(e.array, static_cast<int>(e.keys.size()));
  }

  void visit_ForeachStmt(ir::ForeachStmt& s) {
    array(s.array, static_cast<int>(s.keys.size()));
    if (!s.slice.empty()) {
      if (auto sym = ir::as<ir::SymbolExpr>(s.array.get()))
        if (auto v = r_.program_.symbol(sym)) r_.note_arity(*v, static_cast<int>(s.slice.size()), *sym);
      for (auto& i : s.slice) visit(i);
    }
    for (auto& k : s.keys) resolve(*k, 0);
    if (s.value) resolve(*s.value, 0);
    visit(s.limit);
    visit(s.body);
  }

  void visit_DeleteStmt(ir::DeleteStmt& s) {
    if (auto sym = ir::as<ir::SymbolExpr>(s.target.get())) {
      resolve(*sym, -1);
      return;
    }
    if (s.target && (s.target->kind == ir::ExprKind::Index ||
                     s.target->kind == ir::ExprKind::Target ||
                     s.target->kind == ir::ExprKind::Access)) {
      visit(s.target);
      return;
    }
    if (s.target) {
      r_.diags_.error(s.target->loc, "invalid operand of delete expression: " + describe(*s.target));
      visit(s.target);
    }
  }

  void visit_TryStmt(ir::TryStmt& s) {
    visit(s.try_block.get());
    if (s.error_var) resolve(*s.error_var, 0);
    visit(s.catch_block.get());
  }

  void visit_Call(ir::CallExpr& e) {
    if (scope_.in_condition) {
      r_.diags_.error(e.loc, "probe condition must not reference function: " + describe(e));
      return;
    }
    for (auto& a : e.args) visit(a);
    if (r_.program_.calls.count(&e)) return;  // made by target lowering
    if (Function* f = r_.resolve_call(e, scope_.file)) r_.program_.calls[&e] = f;
  }

  void visit_Assign(ir::AssignExpr& e) {
    if (scope_.in_condition)
      r_.diags_.error(e.loc, "probe condition must not modify any variables: " + describe(e));
    Visitor::visit_Assign(e);
  }

  void visit_IncDec(ir::IncDecExpr& e) {
    if (scope_.in_condition)
      r_.diags_.error(e.loc, "probe condition must not modify any variables: " + describe(e));
    Visitor::visit_IncDec(e);
  }

  void visit_Embedded(ir::EmbeddedExpr& e) { r_.embedded_pragmas(&e, e.code, scope_.file); }
  void visit_EmbeddedStmt(ir::EmbeddedStmt& s) { r_.embedded_pragmas(&s, s.code, scope_.file); }

  void visit_Access(ir::AccessExpr& e) {
    if (target_error(e)) return;
    using K = ir::ExprKind;
    const auto base = e.base ? e.base->kind : K::Target;
    if (base != K::Target && base != K::Cast && base != K::Var && base != K::Access)
      defer(e, "member access needs type information (autocast), which cxxtap cannot provide "
               "yet: " + describe(e));
    Visitor::visit_Access(e);
  }

  void visit_Target(ir::TargetExpr& e) {
    if (target_error(e)) return;
    if (scope_.function)
      defer(e, "target variables in functions are not supported yet by cxxtap: " + describe(e));
    else
      defer(e, "unresolved target-symbol expression: " + describe(e));
  }
  void visit_Cast(ir::CastExpr& e) {
    if (target_error(e)) return;
    defer(e, "@cast is only supported by cxxtap in probe handlers: " + describe(e));
    Visitor::visit_Cast(e);
  }
  void visit_Var(ir::VarExpr& e) {
    if (target_error(e)) return;
    defer(e, "unresolved @var() expression: " + describe(e));
  }
  void visit_Entry(ir::EntryExpr& e) {
    defer(e, "@entry is only valid in .return probes: " + describe(e));
    Visitor::visit_Entry(e);
  }
  void visit_Probewrite(ir::ProbewriteExpr& e) {
    r_.diags_.error(e.loc, "unexpected @probewrite: " + describe(e));
  }
  void visit_Register(ir::RegisterExpr& e) {
    if (e.user && !scope_.function) defer(e, "invalid operator: " + describe(e));
    Visitor::visit_Register(e);
  }
  void visit_Deref(ir::DerefExpr& e) {
    if (e.user && !scope_.function) defer(e, "invalid operator: " + describe(e));
    Visitor::visit_Deref(e);
  }

 private:
  // Target lowering left `e` with the reason it could not translate it.
  bool target_error(const ir::Expr& e) {
    auto it = r_.program_.target_errors.find(&e);
    if (it == r_.program_.target_errors.end()) return false;
    defer(e, it->second);
    return true;
  }

  void defer(const ir::Expr& e, std::string msg) {
    r_.deferred_.push_back({&e, std::move(msg)});
  }

  SymbolResolver& r_;
  SymbolResolver::Scope& scope_;
};

SymbolResolver::SymbolResolver(Program& program, TapsetIndex& index, Diagnostics& diags,
                               std::function<void(std::size_t)> pull)
    : program_(program), index_(index), diags_(diags), pull_(std::move(pull)) {}

SymbolResolver::~SymbolResolver() = default;

void SymbolResolver::resolve_probe(DerivedProbe& probe, std::size_t file) {
  Scope scope;
  scope.file = file;
  scope.locals = &probe.locals;
  scope.point = &probe.point;
  BodyResolver b(*this, scope);
  if (probe.condition) {
    scope.in_condition = true;
    b.visit(probe.condition);
    scope.in_condition = false;
  }
  if (probe.body) b.visit(probe.body.get());
}

bool SymbolResolver::resolve_pending_functions() {
  bool any = false;
  while (!pending_.empty()) {
    Function* f = pending_.front();
    pending_.pop_front();
    any = true;
    if (f->decl->is_embedded)
      embedded_pragmas(f->decl, f->decl->embedded_code, *index_.index_of(f->file));
    if (!f->decl->body) continue;
    // Elaboration owns the bodies (as for @defined folding).
    if (before_body) before_body(const_cast<ir::FunctionDecl&>(*f->decl));
    Scope scope;
    scope.file = *index_.index_of(f->file);
    scope.locals = &f->locals;
    scope.function = f;
    for (auto& p : f->params) scope.names[p->name] = p.get();
    BodyResolver b(*this, scope);
    b.visit(f->decl->body.get());
  }
  return any;
}

Variable* SymbolResolver::global_for(const TapsetIndex::GlobalDef& def) {
  if (auto it = globals_.find(def.decl); it != globals_.end()) return it->second;
  if (index_.is_library(def.file) && pull_) pull_(def.file);
  auto v = std::make_unique<Variable>();
  v->scope = Variable::Scope::Global;
  v->name = def.decl->name;
  v->global = def.decl;
  v->file = &index_.file(def.file);
  v->loc = def.decl->loc;
  if (def.decl->init) {
    v->arity = 0;
    arity_loc_[v.get()] = def.decl->loc;
  }
  Variable* raw = v.get();
  program_.globals.push_back(std::move(v));
  globals_[def.decl] = raw;
  return raw;
}

void SymbolResolver::note_arity(Variable& v, int arity, const ir::Expr& use) {
  if (arity < 0) return;
  if (v.global && v.global->is_array && arity == 0) {
    if (!arity_reported_[&v]) {
      arity_reported_[&v] = true;
      if (v.global->wrap)
        diags_.error(v.global->loc, "wrapping not supported for scalars: identifier '" + v.name + "'");
      else
        diags_.error(v.global->loc, "inconsistent arity: identifier '" + v.name + "'");
    }
    return;
  }
  if (v.arity < 0) {
    v.arity = arity;
    v.key_types.assign(static_cast<std::size_t>(arity), ir::Type::Unknown);
    arity_loc_[&v] = use.loc;
    return;
  }
  if (v.arity != arity) {
    auto& d = diags_.error(use.loc, fmt::format("inconsistent arity ({} vs {}): {}", v.arity,
                                                arity, describe(use)));
    d.notes.push_back({Severity::Note, arity_loc_[&v],
                       fmt::format("arity {} first inferred here", v.arity), {}});
  }
}

Function* SymbolResolver::function_for(const TapsetIndex::FunctionDef& def) {
  if (auto it = functions_.find(def.decl); it != functions_.end()) return it->second;
  if (index_.is_library(def.file) && pull_) pull_(def.file);
  auto f = std::make_unique<Function>();
  f->decl = def.decl;
  f->file = &index_.file(def.file);
  f->name = def.decl->name;
  f->return_type = def.decl->return_type;
  if (def.decl->is_embedded) f->tags = parse_function_tags(def.decl->embedded_code);
  f->calls_next = def.decl->body && has_next_statement(*def.decl->body);
  for (const auto& p : def.decl->params) {
    auto v = std::make_unique<Variable>();
    v->scope = Variable::Scope::Param;
    v->name = p.name;
    v->type = p.type;
    v->arity = 0;
    v->loc = p.loc;
    v->file = f->file;
    f->params.push_back(std::move(v));
  }
  Function* raw = f.get();
  program_.functions.push_back(std::move(f));
  functions_[def.decl] = raw;
  pending_.push_back(raw);
  return raw;
}

Function* SymbolResolver::resolve_call(const ir::CallExpr& call, std::size_t from) {
  auto defs = index_.functions(call.name, from);
  if (defs.empty()) {
    diags_.error(call.loc, fmt::format("unresolved function {}{}: {}", call.name,
                                       similar_suffix(call.name, index_.function_names()),
                                       describe(call)));
    return nullptr;
  }
  std::vector<TapsetIndex::FunctionDef> group;
  for (bool library : {false, true}) {
    for (const auto& d : defs)
      if (index_.is_library(d.file) == library && d.decl->params.size() == call.args.size())
        group.push_back(d);
    if (!group.empty()) break;
  }
  if (group.empty()) {
    auto& d = diags_.error(call.loc, fmt::format("arity mismatch found (function '{}' takes {} args): {}",
                                                 call.name, defs.front().decl->params.size(),
                                                 describe(call)));
    d.notes.push_back({Severity::Note, defs.front().decl->loc, "function declared here", {}});
    return nullptr;
  }
  auto priority = [&](const TapsetIndex::FunctionDef& d) {
    if (d.decl->has_priority) return d.decl->priority;
    return index_.is_library(d.file) ? int64_t{1} : int64_t{0};
  };
  std::stable_sort(group.begin(), group.end(),
                   [&](const auto& a, const auto& b) { return priority(a) < priority(b); });
  if (std::find_if(groups_.begin(), groups_.end(), [&](const auto& g) {
        return g.front().decl == group.front().decl;
      }) == groups_.end())
    groups_.push_back(group);

  // Every overload of the group is resolved and typed (they share a return
  // type); which of them a call can reach is decided by `next` statements.
  Function* first = function_for(group[0]);
  Function* prev = first;
  for (std::size_t i = 1; i < group.size(); ++i) {
    Function* f = function_for(group[i]);
    f->overload_index = static_cast<int>(i);
    prev->next_overload = f;
    prev = f;
  }
  return first;
}

void SymbolResolver::warn_unreachable_overloads() {
  for (const auto& group : groups_) {
    for (std::size_t i = 0; i + 1 < group.size(); ++i) {
      const auto* d = group[i].decl;
      if (d->body && has_next_statement(*d->body)) continue;
      for (std::size_t j = i + 1; j < group.size(); ++j)
        if (!index_.is_library(group[j].file))
          diags_.warning(group[j].decl->loc,
                         fmt::format("unreachable overload of function '{}': identifier '{}'",
                                     group[j].decl->name, group[j].decl->name));
      break;
    }
  }
}

void SymbolResolver::embedded_pragmas(const void* code, std::string_view text, std::size_t file) {
  static const std::regex pragma(R"(/\*\s*pragma:(read|write):([A-Za-z_][A-Za-z0-9_]*)\s*\*/)");
  std::string s(text);
  for (std::sregex_iterator it(s.begin(), s.end(), pragma), end; it != end; ++it) {
    auto g = index_.global((*it)[2].str(), file);
    if (!g) continue;
    Variable* v = global_for(*g);
    program_.embedded_access.push_back({code, v, (*it)[1] == "write"});
  }
}

FunctionTags parse_function_tags(std::string_view code) {
  FunctionTags t;
  static const std::regex pragma(R"(/\*\s*([A-Za-z-]+)\s*\*/)");
  std::string text(code);
  for (std::sregex_iterator it(text.begin(), text.end(), pragma), end; it != end; ++it) {
    const std::string word = (*it)[1];
    if (word == "unprivileged") t.unprivileged = true;
    else if (word == "myproc-unprivileged") t.myproc_unprivileged = true;
    else if (word == "guru") t.guru = true;
    else if (word == "pure") t.pure = true;
    else if (word == "stable") t.stable = true;
  }
  return t;
}

bool has_next_statement(const ir::BlockStmt& body) {
  NextFinder f;
  f.visit(const_cast<ir::BlockStmt*>(&body));
  return f.found;
}

}  // namespace cxxtap::elaborate
