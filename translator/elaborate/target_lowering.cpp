#include "target_lowering.h"

#include "const_fold.h"
#include "ir_rewrite.h"
#include "resolve_symbols.h"

#include "debuginfo/locate.h"
#include "debuginfo/module.h"
#include "debuginfo/target_code.h"

#include <fmt/format.h>

#include <map>
#include <unordered_set>

namespace cxxtap::elaborate {

namespace {

// An entry snapshot's string slot (MAXSTRINGLEN's default; a -D
// MAXSTRINGLEN above it truncates snapshots to this).
constexpr int64_t kMaxStringLen = 512;

// What a lowered expression calls: the C, its result type, its parameters.
struct Generated {
  std::string c;
  bool is_string = false;
  std::vector<std::string> params;  // "ptr", "i0", ... (longs)
  bool pure = true;                 // false: pass 2 must keep every call
  bool string_param = false;        // the first parameter is a string
};

std::string sanitize(std::string s) {
  for (char& c : s)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return s;
}

}  // namespace

struct TargetLowering::Impl {
  Program& program;
  const FamilyContext& ctx;
  std::map<std::string, Function*> by_body;  // one function per distinct body
  int counter = 0;

  // Autocast (TargetLowering::Lookup): the type a value points to, as a
  // @cast would name it.
  struct AutoType {
    std::string module;   // a @cast module: "kernel", "ext4", "<sys/un.h>"
    std::string pointee;  // "struct sockaddr_un", "char"
    bool operator==(const AutoType&) const = default;
  };
  TargetLowering::Lookup lookup;
  std::unordered_map<const ir::Expr*, AutoType> typed;  // calls made here
  std::unordered_set<const ir::FunctionDecl*> lowered_functions;
  // A function's return type; nullopt while it is being worked out.
  std::map<const ir::FunctionDecl*, std::optional<AutoType>> returns;
  // Where a local lives: the body (and probe condition) that assigns it.
  struct Scope {
    ir::BlockStmt* body = nullptr;
    ir::ExprPtr* condition = nullptr;
    const ir::FunctionDecl* function = nullptr;
  };

  Impl(Program& p, const FamilyContext& c) : program(p), ctx(c) {
    if (!program.generated_file) {
      program.generated_file = std::make_unique<ir::File>();
      program.generated_file->source =
          std::make_shared<ir::SourceFile>("<target variables>", "", true);
    }
  }

  Function* function_for(const std::string& stem, const Generated& g, ir::SourceLoc loc) {
    const std::string key =
        fmt::format("{}|{}|{}|{}|{}", g.is_string, g.params.size(), g.pure, g.string_param, g.c);
    if (auto it = by_body.find(key); it != by_body.end()) return it->second;
    auto decl = std::make_unique<ir::FunctionDecl>();
    decl->loc = loc;
    decl->name = fmt::format("_dwarf_tvar_get_{}_{}", sanitize(stem), counter++);
    decl->return_type = g.is_string ? ir::Type::String : ir::Type::Long;
    decl->is_embedded = true;
    decl->embedded_code = (g.pure ? " /* pure */ /* generated */\n" : " /* generated */\n") + g.c;
    auto f = std::make_unique<Function>();
    f->decl = decl.get();
    f->file = program.generated_file.get();
    f->name = decl->name;
    f->return_type = decl->return_type;
    f->tags = parse_function_tags(decl->embedded_code);
    for (const auto& p : g.params) {
      const ir::Type type =
          g.string_param && decl->params.empty() ? ir::Type::String : ir::Type::Long;
      decl->params.push_back({p, type, loc});
      auto v = std::make_unique<Variable>();
      v->scope = Variable::Scope::Param;
      v->name = p;
      v->type = type;
      v->arity = 0;
      v->loc = loc;
      v->file = f->file;
      f->params.push_back(std::move(v));
    }
    Function* raw = f.get();
    program.functions.push_back(std::move(f));
    program.generated_functions.push_back(std::move(decl));
    by_body[key] = raw;
    return raw;
  }

  ir::ExprPtr call(Function* f, std::vector<ir::ExprPtr> args, ir::SourceLoc loc) {
    auto c = ir::make<ir::CallExpr>(loc);
    c->name = f->name;
    c->args = std::move(args);
    program.calls[c.get()] = f;
    return c;
  }

  debuginfo::Module* module_for(const std::string& path, std::string& error) {
    return ctx.debuginfo ? ctx.debuginfo->module(path, error) : nullptr;
  }

  // The DWARF object @cast(p, T, MODULE) reads T from: MODULE is one
  // element of a ':' search path.
  debuginfo::Module* cast_module(const ir::CastExpr& c, std::string& error) {
    std::string mod = c.has_module ? c.module : "kernel";
    if (mod.starts_with("<")) {  // user-space headers
      if (!ctx.debuginfo) return nullptr;
      return ctx.debuginfo->header_module(mod, error);
    }
    // kernel<linux/sched.h>: the kernel's own DWARF has those types.
    if (auto lt = mod.find('<'); lt != std::string::npos) mod = mod.substr(0, lt);
    const std::string release = debuginfo::release_or_running(ctx.kernel_release);
    std::optional<std::string> path;
    if (mod.empty() || mod == "kernel") path = debuginfo::find_kernel_debuginfo(release, error);
    else path = debuginfo::find_module_debuginfo(release, mod, error);
    if (!path) return nullptr;
    return module_for(*path, error);
  }

  // T of @cast(p, T, MODULE), MODULE a search path "a:b:c": the first
  // element whose DWARF has T. 0 with `error` set when none has.
  uint64_t cast_type(const std::string& type, const std::string& module, bool has_module,
                     debuginfo::Module*& m, std::string& error, std::string* matched = nullptr) {
    std::vector<std::string> path;
    std::string elems = has_module ? module : "kernel";
    for (std::size_t at = 0;;) {
      const auto colon = elems.find(':', at);
      path.push_back(elems.substr(at, colon == std::string::npos ? colon : colon - at));
      if (colon == std::string::npos) break;
      at = colon + 1;
    }
    std::string first_error;
    for (const auto& elem : path) {
      ir::CastExpr c;
      c.module = elem;
      c.has_module = true;
      std::string why;
      debuginfo::Module* cand = cast_module(c, why);
      const uint64_t die = cand ? cand->type_named(type) : 0;
      if (die) {
        m = cand;
        if (matched) *matched = elem;
        return die;
      }
      if (first_error.empty())
        first_error = cand ? fmt::format("type definition '{}' not found in '{}'", type,
                                         elem.starts_with("<") ? elem : cand->path())
                           : why;
    }
    error = first_error;
    return 0;
  }

  static debuginfo::TargetSpec spec_of(const ir::AccessExpr* a, const std::string& name) {
    debuginfo::TargetSpec s;
    s.name = name;
    if (!a) return s;
    s.address_of = a->address_of;
    s.pretty = a->pretty;
    for (const auto& c : a->components) {
      debuginfo::TargetStep st;
      st.kind = c.kind == ir::AccessComponent::Member ? debuginfo::TargetStep::Member
                                                      : debuginfo::TargetStep::Index;
      st.member = c.member;
      s.steps.push_back(std::move(st));
    }
    return s;
  }

  static std::vector<ir::ExprPtr> index_args(ir::AccessExpr* a) {
    std::vector<ir::ExprPtr> out;
    if (!a) return out;
    for (auto& c : a->components)
      if (c.kind == ir::AccessComponent::Index) out.push_back(std::move(c.index));
    return out;
  }

  static std::vector<std::string> index_params(const debuginfo::TargetSpec& s, bool ptr) {
    std::vector<std::string> out;
    if (ptr) out.push_back("ptr");
    int k = 0;
    for (const auto& st : s.steps)
      if (st.kind == debuginfo::TargetStep::Index) out.push_back("i" + std::to_string(k++));
    return out;
  }

  // `$name...` in `probe`: the C, or an error.
  debuginfo::TargetCode translate(const DerivedProbe& probe, const debuginfo::TargetSpec& spec,
                                  const std::string& written) {
    debuginfo::TargetCode out;
    const ResolvedPoint& pt = probe.point;
    auto dwarf = pt.strings.find("dwarf");
    if (dwarf == pt.strings.end()) {
      out.error = fmt::format("unresolved target-symbol expression: {}", written);
      return out;
    }
    std::string error;
    debuginfo::Module* m = module_for(dwarf->second, error);
    if (!m) {
      out.error = error;
      return out;
    }
    debuginfo::TargetTranslator tt(*m);
    const bool is_return = pt.family.ends_with(".return");
    const uint64_t die = static_cast<uint64_t>(pt.numbers.at("die"));
    debuginfo::ProbeScope where{die, static_cast<uint64_t>(pt.numbers.at("dwarf_pc")),
                                pt.numbers.at("at_entry") != 0};
    const std::string& n = spec.name;
    if (n == "return") {
      if (!is_return) {
        out.error = "target variable $return is only available in .return probes";
        return out;
      }
      return tt.return_value(die, spec);
    }
    if (n == "$return") {
      if (!is_return) {
        out.error = "target variable $$return is only available in .return probes";
        return out;
      }
      return tt.return_string(die);
    }
    // Anything else in a .return probe was to be snapshot at the entry
    // (split_entry); it is here because it cannot be read there: say why.
    if (!spec.steps.empty() && n.starts_with("$")) {
      out.error = fmt::format("{} cannot be dereferenced", written);
      return out;
    }
    if (n == "$vars") return tt.vars(where, debuginfo::VarSet::Vars, spec.pretty != 0);
    if (n == "$parms") return tt.vars(where, debuginfo::VarSet::Parms, spec.pretty != 0);
    if (n == "$locals") return tt.vars(where, debuginfo::VarSet::Locals, spec.pretty != 0);
    return tt.variable(where, spec);
  }

  // A family's own $name (ResolvedPoint::context_vars).
  const ResolvedPoint::ContextVar* context_var(const DerivedProbe& probe, const std::string& n) {
    for (const auto& v : probe.point.context_vars)
      if (v.name == n) return &v;
    return nullptr;
  }

  void fail(const ir::Expr* e, std::string why) { program.target_errors[e] = std::move(why); }

  // A target expression rooted at $name (t), possibly under an access (a).
  void lower_target(ir::ExprPtr& slot, ir::TargetExpr& t, ir::AccessExpr* a,
                    DerivedProbe& probe) {
    const std::string name = t.name.substr(1);  // without the first '$'
    const std::string written = describe(*slot);
    if (const auto* cv = context_var(probe, name)) {
      Generated g;
      g.is_string = cv->type == ir::Type::String;
      g.c = !cv->c_code.empty() ? cv->c_code
            : g.is_string
                ? fmt::format("\tstrlcpy(STAP_RETVALUE, {}, MAXSTRINGLEN);\n", cv->c_expr)
                : fmt::format("\tSTAP_RETURN((int64_t)({}));\n", cv->c_expr);
      Function* f = function_for(name, g, t.loc);
      ir::ExprPtr base = call(f, {}, t.loc);
      if (!a || (a->components.empty() && !a->pretty && !a->address_of)) {
        slot = std::move(base);
        return;
      }
      // $skb->len: the pointer's members, by its C type.
      std::string type = cv->c_type;
      if (type.empty() || type.back() != '*' || a->address_of) {
        fail(slot.get(), fmt::format("{}: ${} ({}) has no members", written, name,
                                     type.empty() ? "long" : type));
        return;
      }
      type.pop_back();
      while (!type.empty() && type.back() == ' ') type.pop_back();
      lower_cast_access(slot, base, type, "kernel", true, a, written);
      return;
    }
    auto spec = spec_of(a, name);
    auto code = translate(probe, spec, written);
    if (emit(slot, a, spec, code, name, t.loc, written) && !code.is_string)
      note_type(slot.get(), cast_name_of(probe), code.type);
  }

  // `slot` becomes a call of the generated function of `code` (its
  // arguments: the index steps of `a`), or records why it cannot. True when
  // it did.
  bool emit(ir::ExprPtr& slot, ir::AccessExpr* a, const debuginfo::TargetSpec& spec,
            const debuginfo::TargetCode& code, const std::string& stem, ir::SourceLoc loc,
            const std::string& written) {
    if (!code.error.empty()) {
      fail(slot.get(), fmt::format("{}: {}", code.error, written));
      return false;
    }
    Generated g{code.c, code.is_string, index_params(spec, false)};
    Function* f = function_for(stem, g, loc);
    slot = call(f, index_args(a), slot->loc);
    return true;
  }

  // The @cast module naming the probe's DWARF object ("kernel", "ext4").
  std::string cast_name_of(const DerivedProbe& probe) {
    auto dwarf = probe.point.strings.find("dwarf");
    std::string error;
    debuginfo::Module* m =
        dwarf == probe.point.strings.end() ? nullptr : module_for(dwarf->second, error);
    return m ? m->kernel_name() : "kernel";
  }

  // @var("name[@file]"[, "module"]) under an access (a, may be null): a
  // global variable of the probe's DWARF object (or of the module named:
  // "kernel" is the vmlinux), from the unit of `file`; without a file, in a
  // DWARF probe, the same as $name.
  void lower_var(ir::ExprPtr& slot, ir::VarExpr& v, ir::AccessExpr* a, DerivedProbe* probe) {
    const std::string written = describe(*slot);
    const auto at = v.name.find('@');
    const std::string name = v.name.substr(0, at);
    const std::string file = at == std::string::npos ? "" : v.name.substr(at + 1);
    auto spec = spec_of(a, name);
    if (name.empty()) {
      fail(slot.get(), "empty variable name: " + written);
      return;
    }
    const ResolvedPoint* pt = probe ? &probe->point : nullptr;
    const bool dwarf_probe = pt && pt->strings.count("dwarf");
    if (!dwarf_probe && !v.has_module) return;  // no object to look in: unresolved, as in stap
    if (file.empty() && !v.has_module && dwarf_probe) {
      emit(slot, a, spec, translate(*probe, spec, written), name, v.loc, written);
      return;
    }
    std::string error;
    debuginfo::Module* m = nullptr;
    if (v.has_module) {
      ir::CastExpr where;  // the object @cast would read a type from
      where.module = v.module;
      where.has_module = true;
      m = cast_module(where, error);
    } else {
      m = module_for(pt->strings.at("dwarf"), error);
    }
    if (!m) {
      fail(slot.get(), fmt::format("{}: {}", written, error));
      return;
    }
    const uint64_t die = m->global_variable(name, file);
    if (!die) {
      fail(slot.get(), fmt::format("unable to find global '{}'{} in {}: {}", name,
                                   file.empty() ? "" : " in a unit of '" + file + "'", m->path(),
                                   written));
      return;
    }
    debuginfo::TargetTranslator tt(*m);
    emit(slot, a, spec, tt.global(die, spec), name, v.loc, written);
  }

  // @cast(ptr, type[, module]) with the steps of `a` (may be null).
  // `ptr` is moved into the call only when the translation succeeds.
  void lower_cast_access(ir::ExprPtr& slot, ir::ExprPtr& ptr, const std::string& type,
                         const std::string& module, bool has_module, ir::AccessExpr* a,
                         const std::string& written) {
    std::string error, matched;
    debuginfo::Module* m = nullptr;
    const uint64_t die = cast_type(type, module, has_module, m, error, &matched);
    if (!die) {
      fail(slot.get(), fmt::format("{}: {}", error, written));
      return;
    }
    auto spec = spec_of(a, "");
    debuginfo::TargetTranslator tt(*m);
    auto code = tt.cast(die, spec);
    if (!code.error.empty()) {
      fail(slot.get(), fmt::format("{}: {}", code.error, written));
      return;
    }
    Generated g{code.c, code.is_string, index_params(spec, true)};
    Function* f = function_for(a && !a->components.empty() && a->components.back().kind ==
                                       ir::AccessComponent::Member
                                   ? a->components.back().member
                                   : std::string("cast"),
                               g, slot->loc);
    std::vector<ir::ExprPtr> args;
    args.push_back(std::move(ptr));
    for (auto& i : index_args(a)) args.push_back(std::move(i));
    slot = call(f, std::move(args), slot->loc);
    if (!code.is_string) note_type(slot.get(), matched, code.type);
  }

  // `call` has the C type `type` (TargetCode::type) from the DWARF of the
  // @cast module `module`: typed if it points to (or is an array of) a
  // type @cast can name again.
  void note_type(const ir::Expr* call, const std::string& module, const std::string& type) {
    std::string t = type;
    auto trim = [](std::string& x) {
      while (!x.empty() && x.back() == ' ') x.pop_back();
    };
    trim(t);
    if (!t.empty() && t.back() == '*') {
      t.pop_back();
    } else if (auto lb = t.find('['); lb != std::string::npos && t.back() == ']' &&
                                      t.find('[', lb + 1) == std::string::npos) {
      t = t.substr(0, lb);
    } else {
      return;
    }
    std::string pointee;
    for (std::size_t at = 0; at < t.size();) {
      auto sp = t.find(' ', at);
      std::string w = t.substr(at, sp == std::string::npos ? sp : sp - at);
      at = sp == std::string::npos ? t.size() : sp + 1;
      if (w.empty() || w == "const" || w == "volatile" || w == "restrict") continue;
      pointee += (pointee.empty() ? "" : " ") + w;
    }
    if (pointee.empty() || pointee == "void" ||
        pointee.find_first_of("*()[]{}") != std::string::npos)
      return;
    typed[call] = AutoType{module, pointee};
  }

  // The type a value points to, when it is known (TargetLowering::Lookup).
  std::optional<AutoType> type_of(const ir::Expr& e, const Scope& sc, int depth = 0) {
    if (depth > 16) return std::nullopt;
    if (auto it = typed.find(&e); it != typed.end()) return it->second;
    auto same = [](std::optional<AutoType> a,
                   std::optional<AutoType> b) -> std::optional<AutoType> {
      if (a && b && *a == *b) return a;
      return std::nullopt;
    };
    if (auto as = ir::as<ir::AssignExpr>(&e))
      return as->op == ir::AssignOp::Assign && as->value ? type_of(*as->value, sc, depth + 1)
                                                         : std::nullopt;
    if (auto t = ir::as<ir::TernaryExpr>(&e)) {
      // @choose_defined(a, b): the branch @defined will keep.
      if (ir::Expr* chosen = decided_branch(*const_cast<ir::TernaryExpr*>(t)))
        return type_of(*chosen, sc, depth + 1);
      return same(type_of(*t->then_expr, sc, depth + 1), type_of(*t->else_expr, sc, depth + 1));
    }
    if (auto c = ir::as<ir::CallExpr>(&e)) {
      if (program.calls.count(c) || !lookup.function) return std::nullopt;
      ir::FunctionDecl* f = lookup.function(c->name);
      return f ? function_returns(*f, depth + 1) : std::nullopt;
    }
    auto sym = ir::as<ir::SymbolExpr>(&e);
    if (!sym || !sc.body) return std::nullopt;
    if (lookup.is_global && lookup.is_global(sym->name)) return std::nullopt;
    if (sc.function)
      for (const auto& p : sc.function->params)
        if (p.name == sym->name) return std::nullopt;
    // A local: every assignment of it in its body, one type.
    std::optional<AutoType> found;
    bool ok = true;
    int assignments = 0;
    auto visit = [&](ir::Expr& x) {
      if (!ok) return;
      auto is_it = [&](const ir::ExprPtr& t) {
        auto s = ir::as<ir::SymbolExpr>(t.get());
        return s && s->name == sym->name;
      };
      if (auto as = ir::as<ir::AssignExpr>(&x); as && is_it(as->target)) {
        auto t = as->op == ir::AssignOp::Assign && as->value
                     ? type_of(*as->value, sc, depth + 1)
                     : std::nullopt;
        if (!t || (found && !(*found == *t))) ok = false;
        found = t;
        ++assignments;
      } else if (auto id = ir::as<ir::IncDecExpr>(&x); id && is_it(id->operand)) {
        ok = false;
      }
    };
    for_each_expr(*sc.body, visit);
    if (sc.condition && *sc.condition) for_each_expr(**sc.condition, visit);
    if (!ok || assignments == 0) return std::nullopt;
    return found;
  }

  // What every `return` of script function f gives, if one type.
  std::optional<AutoType> function_returns(ir::FunctionDecl& f, int depth) {
    if (f.is_embedded) return embedded_returns(f.embedded_code);
    if (!f.body) return std::nullopt;
    if (auto it = returns.find(&f); it != returns.end()) return it->second;
    returns[&f] = std::nullopt;  // recursion: not typed
    lower_function(f);
    const Scope sc{f.body.get(), nullptr, &f};
    std::optional<AutoType> found;
    bool ok = true;
    int count = 0;
    rewrite_stmts(*f.body, [&](ir::StmtPtr& s) {
      auto r = ir::as<ir::ReturnStmt>(s.get());
      if (!r || !ok) return;
      auto t = r->value ? type_of(*r->value, sc, depth + 1) : std::nullopt;
      if (!t || (found && !(*found == *t))) ok = false;
      found = t;
      ++count;
    });
    if (ok && count) returns[&f] = found;
    return returns[&f];
  }

  // An embedded-C function says what its value points to with the pragma
  // `/* autocast: MODULE TYPE */` (tapset-cpp/README.md), e.g.
  // `/* autocast: kernel struct task_struct */`.
  static std::optional<AutoType> embedded_returns(const std::string& code) {
    constexpr std::string_view tag = "/* autocast: ";
    const auto at = code.find(tag);
    if (at == std::string::npos) return std::nullopt;
    const auto end = code.find("*/", at + tag.size());
    if (end == std::string::npos) return std::nullopt;
    std::string text = code.substr(at + tag.size(), end - at - tag.size());
    while (!text.empty() && text.back() == ' ') text.pop_back();
    const auto sp = text.find(' ');
    if (sp == std::string::npos || sp + 1 >= text.size()) return std::nullopt;
    return AutoType{text.substr(0, sp), text.substr(sp + 1)};
  }

  void lower_function(ir::FunctionDecl& f) {
    if (!f.body || !lowered_functions.insert(&f).second) return;
    lower_exprs(f.body.get(), nullptr, nullptr, &f);
  }

  // Accesses on typed values become @cast accesses, until none is left.
  void autocast(ir::BlockStmt* body, ir::ExprPtr* condition, DerivedProbe* probe,
                const ir::FunctionDecl* function) {
    const Scope sc{body, condition, function};
    for (bool again = true; again;) {
      again = false;
      std::unordered_set<const ir::Expr*> targets;  // written: lowered with their assignment
      auto note = [&](ir::Expr& e) {
        if (auto as = ir::as<ir::AssignExpr>(&e); as && as->target)
          targets.insert(as->target.get());
      };
      if (body) for_each_expr(*body, note);
      if (condition && *condition) for_each_expr(**condition, note);
      auto rewrite = [&](ir::ExprPtr& slot) {
        auto* as = ir::as<ir::AssignExpr>(slot.get());
        auto* a = as ? ir::as<ir::AccessExpr>(as->target.get())
                     : ir::as<ir::AccessExpr>(slot.get());
        if (!a || !a->base || (!as && targets.count(a))) return;
        using K = ir::ExprKind;
        const K k = a->base->kind;
        if (k == K::Target || k == K::Cast || k == K::Var || program.target_errors.count(a))
          return;
        auto t = type_of(*a->base, sc);
        if (!t) return;
        auto cast = ir::make<ir::CastExpr>(a->base->loc);
        cast->operand = std::move(a->base);
        cast->type_name = t->pointee;
        cast->module = t->module;
        cast->has_module = true;
        a->base = std::move(cast);
        if (as) {
          lower_write(slot, *as, probe);
        } else {
          auto* c = ir::as<ir::CastExpr>(a->base.get());
          const std::string written = describe(*slot);
          lower_cast_access(slot, c->operand, c->type_name, c->module, true, a, written);
        }
        again = true;
      };
      if (body) rewrite_exprs(*body, rewrite);
      if (condition && *condition) rewrite_exprs(*condition, rewrite);
    }
  }

  // The entry-time expressions of a .return probe, outermost first.
  std::unique_ptr<DerivedProbe> split_entry(DerivedProbe& probe) {
    const ResolvedPoint& pt = probe.point;
    if (!probe.body || !pt.strings.count("dwarf") || !pt.family.ends_with(".return"))
      return nullptr;
    auto entry = std::make_unique<DerivedProbe>();
    entry->point = pt;
    entry->point.family = pt.family.substr(0, pt.family.size() - 7);
    entry->point.text += " (entry)";
    entry->origin = probe.origin;
    entry->file = probe.file;
    entry->is_entry_part = true;
    entry->body = ir::make<ir::BlockStmt>(probe.body->loc);

    // Which slots hold what: the maximal target expressions (not $return)
    // and @entry operands.
    std::unordered_set<const ir::Expr*> inner;
    for_each_expr(*probe.body, [&](ir::Expr& e) {
      if (auto a = ir::as<ir::AccessExpr>(&e)) inner.insert(a->base.get());
      if (auto en = ir::as<ir::EntryExpr>(&e); en && en->operand)
        for_each_expr(*en->operand, [&](ir::Expr& x) { inner.insert(&x); });
      if (auto as = ir::as<ir::AssignExpr>(&e); as && as->target) inner.insert(as->target.get());
    });
    int64_t size = 0;
    auto snapshot = [&](ir::ExprPtr& slot, ir::ExprPtr value, bool is_string) {
      const int64_t off = size;
      size += is_string ? kMaxStringLen : 8;
      const ir::SourceLoc loc = value->loc;
      const std::string at = fmt::format("((char *)CONTEXT->entry_data + {})", off);
      const std::string check = "\tif (!CONTEXT->entry_data) STAP_ERROR(\"no kretprobe entry data\");\n";
      Generated store{check + (is_string ? fmt::format("\tstrscpy({}, STAP_ARG_v, {});\n", at, kMaxStringLen)
                                         : fmt::format("\t*(int64_t *){} = STAP_ARG_v;\n", at)),
                      false, {"v"}, false, is_string};
      Generated load{check + (is_string ? fmt::format("\tstrscpy(STAP_RETVALUE, {}, {});\n", at,
                                                      kMaxStringLen)
                                        : fmt::format("\tSTAP_RETURN(*(int64_t *){});\n", at)),
                     is_string, {}};
      Function* sf = function_for(fmt::format("entry_store_{}", off), store, loc);
      Function* lf = function_for(fmt::format("entry_{}", off), load, loc);
      auto st = ir::make<ir::ExprStmt>(loc);
      std::vector<ir::ExprPtr> args;
      args.push_back(std::move(value));
      st->expr = call(sf, std::move(args), loc);
      entry->body->stmts.push_back(std::move(st));
      slot = call(lf, {}, loc);
    };
    rewrite_exprs(*probe.body, [&](ir::ExprPtr& slot) {
      if (inner.count(slot.get())) return;
      if (auto en = ir::as<ir::EntryExpr>(slot.get())) {
        // @entry(e): a long unless e is a target expression read as a string.
        bool is_string = false;
        if (auto t = target_root(en->operand.get())) {
          auto code = translate(*entry, spec_of(ir::as<ir::AccessExpr>(en->operand.get()),
                                                t->name.substr(1)),
                                describe(*en->operand));
          if (!code.error.empty()) return;  // lower() reports it
          is_string = code.is_string;
        }
        ir::ExprPtr value = std::move(en->operand);
        snapshot(slot, std::move(value), is_string);
        return;
      }
      auto t = target_root(slot.get());
      if (!t || t->name == "$return" || t->name == "$$return") return;
      if (context_var(probe, t->name.substr(1))) return;
      auto code = translate(*entry, spec_of(ir::as<ir::AccessExpr>(slot.get()), t->name.substr(1)),
                            describe(*slot));
      if (!code.error.empty()) return;
      ir::ExprPtr value = std::move(slot);
      snapshot(slot, std::move(value), code.is_string);
      // The saved value keeps its type (autocast).
      if (!code.is_string) note_type(slot.get(), cast_name_of(probe), code.type);
    });
    if (size == 0) return nullptr;
    probe.entry_data_size = size;
    probe.entry_part = entry.get();
    return entry;
  }

  static bool is_target(const ir::Expr& e) {
    if (e.kind == ir::ExprKind::Target || e.kind == ir::ExprKind::Cast) return true;
    auto a = ir::as<ir::AccessExpr>(&e);
    return a && a->base && (a->base->kind == ir::ExprKind::Target ||
                            a->base->kind == ir::ExprKind::Cast);
  }

  // `target = value` (guru mode): a call of a generated setter that stores
  // the value and returns it.
  void lower_write(ir::ExprPtr& slot, ir::AssignExpr& as, DerivedProbe* probe) {
    ir::Expr* tgt = as.target.get();
    const std::string written = describe(*tgt);
    if (!ctx.guru) {
      fail(tgt, "write to target variable not permitted; need stap -g: " + written);
      return;
    }
    if (as.op != ir::AssignOp::Assign) {
      fail(tgt, "cxxtap writes target variables with plain '=' only: " + written);
      return;
    }
    auto* a = ir::as<ir::AccessExpr>(tgt);
    const ir::Expr* root = a ? a->base.get() : tgt;
    if (auto t = ir::as<ir::TargetExpr>(root)) {
      if (!probe) return;  // reported by symbol resolution
      const std::string name = t->name.substr(1);
      if (const auto* cv = context_var(*probe, name)) {
        if (a && (!a->components.empty() || a->pretty || a->address_of)) {
          fail(tgt, "only a context variable itself can be written: " + written);
          return;
        }
        if (cv->read_only) {
          fail(tgt, "this context variable cannot be written: " + written);
          return;
        }
        Generated g{fmt::format("\t({}) = STAP_ARG_v;\n\tSTAP_RETURN(STAP_ARG_v);\n", cv->c_expr),
                    false, {"v"}, false};
        std::vector<ir::ExprPtr> args;
        args.push_back(std::move(as.value));
        slot = call(function_for("set_" + name, g, tgt->loc), std::move(args), as.loc);
        return;
      }
      if (probe->point.family.ends_with(".return") && name != "return") {
        fail(tgt, "only $return can be written in a .return probe: " + written);
        return;
      }
      auto spec = spec_of(a, name);
      spec.write = true;
      auto code = translate(*probe, spec, written);
      if (!code.error.empty()) {
        fail(tgt, fmt::format("{}: {}", code.error, written));
        return;
      }
      Generated g{code.c, false, index_params(spec, false), false};
      g.params.push_back("v");
      std::vector<ir::ExprPtr> args = index_args(a);
      args.push_back(std::move(as.value));
      slot = call(function_for("set_" + name, g, tgt->loc), std::move(args), as.loc);
      return;
    }
    auto* c = const_cast<ir::CastExpr*>(ir::as<ir::CastExpr>(root));
    if (!c) return;
    std::string error;
    debuginfo::Module* m = nullptr;
    const uint64_t die = cast_type(c->type_name, c->module, c->has_module, m, error);
    if (!die) {
      fail(tgt, fmt::format("{}: {}", written, error));
      return;
    }
    auto spec = spec_of(a, "");
    spec.write = true;
    debuginfo::TargetTranslator tt(*m);
    auto code = tt.cast(die, spec);
    if (!code.error.empty()) {
      fail(tgt, fmt::format("{}: {}", code.error, written));
      return;
    }
    Generated g{code.c, false, index_params(spec, true), false};
    g.params.push_back("v");
    std::vector<ir::ExprPtr> args;
    args.push_back(std::move(c->operand));
    for (auto& i : index_args(a)) args.push_back(std::move(i));
    args.push_back(std::move(as.value));
    slot = call(function_for("set_cast", g, tgt->loc), std::move(args), as.loc);
  }

  // The $name a target expression is rooted at, or null.
  static const ir::TargetExpr* target_root(const ir::Expr* e) {
    if (auto t = ir::as<ir::TargetExpr>(e)) return t;
    if (auto a = ir::as<ir::AccessExpr>(e)) return ir::as<ir::TargetExpr>(a->base.get());
    return nullptr;
  }

  // `probe` is null in a function body: only @cast is translated there.
  void lower_exprs(ir::BlockStmt* body, ir::ExprPtr* condition, DerivedProbe* probe,
                   const ir::FunctionDecl* function = nullptr) {
    // Bases of accesses are lowered with their access; @entry operands are
    // left alone (they are evaluated at entry, which is not done yet).
    std::unordered_set<const ir::Expr*> skip;
    std::unordered_set<const ir::Expr*> written;  // targets of assignments
    auto note = [&](ir::Expr& e) {
      // (an access on any other value is an autocast: its base first)
      if (auto a = ir::as<ir::AccessExpr>(&e); a && a->base &&
                                               (a->base->kind == ir::ExprKind::Target ||
                                                a->base->kind == ir::ExprKind::Var ||
                                                a->base->kind == ir::ExprKind::Cast))
        skip.insert(a->base.get());
      if (auto en = ir::as<ir::EntryExpr>(&e); en && en->operand)
        for_each_expr(*en->operand, [&](ir::Expr& x) { skip.insert(&x); });
      if (auto as = ir::as<ir::AssignExpr>(&e); as && as->target && is_target(*as->target)) {
        skip.insert(as->target.get());
        written.insert(as->target.get());
      }
    };
    if (body) for_each_expr(*body, note);
    if (condition && *condition) for_each_expr(**condition, note);
    auto rewrite = [&](ir::ExprPtr& slot) {
      if (skip.count(slot.get())) return;
      if (auto as = ir::as<ir::AssignExpr>(slot.get()); as && written.count(as->target.get())) {
        lower_write(slot, *as, probe);
        return;
      }
      if (auto t = ir::as<ir::TargetExpr>(slot.get())) {
        if (probe) lower_target(slot, *t, nullptr, *probe);
      } else if (auto v = ir::as<ir::VarExpr>(slot.get())) {
        lower_var(slot, *v, nullptr, probe);
      } else if (auto a = ir::as<ir::AccessExpr>(slot.get())) {
        if (auto bv = ir::as<ir::VarExpr>(a->base.get())) {
          lower_var(slot, *bv, a, probe);
        } else if (auto bt = ir::as<ir::TargetExpr>(a->base.get())) {
          if (probe) lower_target(slot, *bt, a, *probe);
        } else if (auto bc = ir::as<ir::CastExpr>(a->base.get())) {
          const std::string written = describe(*slot);
          lower_cast_access(slot, bc->operand, bc->type_name, bc->module, bc->has_module, a,
                            written);
        }
      } else if (auto c = ir::as<ir::CastExpr>(slot.get())) {
        const std::string written = describe(*slot);
        lower_cast_access(slot, c->operand, c->type_name, c->module, c->has_module, nullptr,
                          written);
      }
    };
    if (body) rewrite_exprs(*body, rewrite);
    if (condition && *condition) rewrite_exprs(*condition, rewrite);
    autocast(body, condition, probe, function);
  }
};

std::unique_ptr<DerivedProbe> TargetLowering::split_entry(DerivedProbe& probe) {
  return impl_->split_entry(probe);
}

TargetLowering::TargetLowering(Program& program, const FamilyContext& ctx)
    : impl_(std::make_unique<Impl>(program, ctx)) {}
TargetLowering::~TargetLowering() = default;
void TargetLowering::lower(DerivedProbe& probe) {
  impl_->lower_exprs(probe.body.get(), &probe.condition, &probe);
}
void TargetLowering::lower_function(ir::FunctionDecl& f) { impl_->lower_function(f); }
void TargetLowering::set_lookup(Lookup lookup) { impl_->lookup = std::move(lookup); }

}  // namespace cxxtap::elaborate
