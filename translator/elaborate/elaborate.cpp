// Pass 2, the order of its steps in one place. Each step is a function of
// its own file; this file only sequences them and owns the state they share
// (the files, the index of what the library defines, the match tree).
#include "elaborate.h"

#include "alias_expansion.h"
#include "debuginfo/module.h"
#include "const_fold.h"
#include "elide_unused.h"
#include "foreach_check.h"
#include "global_display.h"
#include "infer_types.h"
#include "lvalue_check.h"
#include "match_tree.h"
#include "privilege_check.h"
#include "probe_resolution.h"
#include "resolve_symbols.h"
#include "target_lowering.h"
#include "tapset_index.h"
#include "usage.h"

#include <cxxtap/ir/visitor.h>

#include <algorithm>
#include <deque>
#include <map>
#include <set>
#include <unordered_set>

namespace cxxtap::elaborate {

namespace {

// Embedded-C statements still present (their pragmas name globals).
class EmbeddedStmts : public ir::Visitor<EmbeddedStmts> {
 public:
  std::unordered_set<const void*> found;
  void visit_EmbeddedStmt(ir::EmbeddedStmt& s) { found.insert(&s); }
};

std::vector<const ir::File*> raw(const std::vector<ir::FilePtr>& files) {
  std::vector<const ir::File*> out;
  for (const auto& f : files) out.push_back(f.get());
  return out;
}

class Elaboration {
 public:
  Elaboration(std::vector<ir::FilePtr> user, Library library, const ElaborateOptions& opts,
              Diagnostics& diags)
      : opts_(opts),
        diags_(diags),
        library_(std::move(library.files)),
        index_(raw(user), raw(library_)),
        tree_(FamilyRegistry::standard()),
        family_ctx_{opts.kernel_release, &debuginfo_, opts.prologue_always, opts.guru},
        points_(tree_, [this](std::size_t f) { take_in(f); }, &family_ctx_),
        symbols_(program_, index_, diags_, [this](std::size_t f) { take_in(f); }) {
    user_count_ = user.size();
    // A function body's @defined is decided when it is first needed, after
    // its @cast and autocast accesses are lowered (as a probe's is).
    symbols_.before_body = [this](ir::FunctionDecl& f) {
      lowering_.lower_function(f);
      if (f.body) fold_defined(*f.body, program_.dropped);
    };
    // Autocast sees definitions as the user's files do.
    lowering_.set_lookup(
        {[this](const std::string& name) -> ir::FunctionDecl* {
           auto defs = index_.functions(name, 0);
           return defs.size() == 1 ? const_cast<ir::FunctionDecl*>(defs[0].decl) : nullptr;
         },
         [this](const std::string& name) { return index_.global(name, 0).has_value(); }});
    // Diagnostics point into these texts and may outlive the IR.
    for (const auto& f : user)
      if (f->source) diags_.keep_alive(f->source);
    for (const auto& f : library_)
      if (f->source) diags_.keep_alive(f->source);
    for (auto& f : user) program_.files.push_back(std::move(f));
  }

  // Steps 1 and 2: probes derived and every symbol resolved, to a fixpoint.
  void derive_and_resolve() {
    register_aliases();
    for (std::size_t i = 0; i < user_count_; ++i) take_decls(i);
    for (;;) {
      bool work = false;
      while (!queue_.empty()) {
        auto [decl, file] = queue_.front();
        queue_.pop_front();
        for (auto& probe : derive_probes(*decl, index_.file(file), points_, diags_)) {
          auto entry = lowering_.split_entry(*probe);
          for (auto* p : {&probe, &entry}) {
            if (!*p) continue;
            lowering_.lower(**p);
            if ((*p)->body) fold_defined(*(*p)->body, program_.dropped);
            if ((*p)->condition) fold_defined((*p)->condition, program_.dropped);
            unresolved_.push_back({p->get(), file});
            program_.probes.push_back(std::move(*p));
          }
        }
        work = true;
      }
      while (!unresolved_.empty()) {
        auto [probe, file] = unresolved_.front();
        unresolved_.pop_front();
        symbols_.resolve_probe(*probe, file);
        work = true;
      }
      if (symbols_.resolve_pending_functions()) work = true;
      if (!work) break;
    }
  }

  // Steps 3-8. Returns false after errors.
  bool analyse() {
    if (diags_.has_errors()) return false;
    symbols_.warn_unreachable_overloads();
    check_foreach_modifications(program_, diags_);
    check_lvalues(program_, diags_);
    if (diags_.has_errors()) return false;
    warn_never_assigned(program_, diags_);
    if (!opts_.unoptimized) {
      elide_statements(program_, diags_);
      warn_side_effect_free_functions(program_, diags_);
    }

    if (!infer()) return false;

    for (auto& probe : program_.probes)
      if (probe->body) fold_dead_branches(*probe->body);
    for (auto& f : program_.functions)
      if (f->decl->body) fold_dead_branches(*f->decl->body);
    report_live_deferred_errors();
    if (diags_.has_errors()) return false;

    if (!opts_.unoptimized) elide_empty_probes(program_, diags_);
    prune_unreachable(program_);
    if (!opts_.unoptimized) warn_unused_globals(program_, raw_user_files(), diags_);
    if (program_.probes.empty()) {
      diags_.error({}, "no probes found");
      return false;
    }

    add_synthesized_probes();
    if (diags_.has_errors()) return false;
    prune_tables();
    check_privilege(program_, opts_.guru, diags_);
    if (diags_.has_errors()) return false;
    finish();
    return true;
  }

  bool infer() {
    std::unordered_set<const ir::Expr*> exempt;
    for (const auto& d : symbols_.deferred()) exempt.insert(d.node);
    infer_types(program_, exempt, reachable(program_), diags_);
    return !diags_.has_errors();
  }

  Program& program() { return program_; }
  bool is_user_file(const ir::File* f) const {
    for (std::size_t i = 0; i < user_count_; ++i)
      if (program_.files[i].get() == f) return true;
    return false;
  }

 private:
  // A library file is needed: take in its probes and embedded code.
  void take_in(std::size_t file) {
    if (index_.pull(file)) take_decls(file);
  }

  void take_decls(std::size_t file) {
    for (const auto& d : index_.file(file).decls) {
      if (auto p = ir::as<ir::ProbeDecl>(d.get())) queue_.push_back({p, file});
      else if (auto e = ir::as<ir::EmbeddedDecl>(d.get())) program_.embeds.push_back(e);
    }
  }

  void register_aliases() {
    for (const AliasRef& a : index_.aliases()) {
      auto err = tree_.add_alias(a);
      if (!err || index_.is_library(a.file)) continue;
      auto& d = diags_.error(a.name->loc, *err);
      d.notes.push_back({Severity::Note, a.decl->loc, "while registering probe alias", {}});
    }
  }

  void report_live_deferred_errors() {
    std::unordered_set<const ir::Expr*> live = live_nodes();
    std::set<const ir::Expr*> reported;
    for (const auto& d : symbols_.deferred())
      if (live.count(d.node) && reported.insert(d.node).second)
        diags_.error(d.node->loc, d.message);
  }

  std::unordered_set<const ir::Expr*> live_nodes() const {
    std::unordered_set<const ir::Expr*> live;
    for (const auto& probe : program_.probes) {
      if (probe->body) collect_live(*probe->body, live);
      if (probe->condition) collect_live(*probe->condition, live);
    }
    for (const auto& f : program_.functions)
      if (f->decl->body) collect_live(*f->decl->body, live);
    return live;
  }

  void add_synthesized_probes() {
    auto added = global_display_probes(program_);
    if (auto arm = condition_arming_probe(program_)) added.push_back(std::move(arm));
    if (added.empty()) return;
    for (auto& probe : added) {
      std::size_t file = index_.index_of(probe->file).value_or(0);
      symbols_.resolve_probe(*probe, file);
      program_.probes.push_back(std::move(probe));
    }
    infer();
  }

  // Entries for nodes that are gone (elided, folded away) would dangle.
  void prune_tables() {
    std::unordered_set<const ir::Expr*> live = live_nodes();
    std::erase_if(program_.types, [&](const auto& kv) { return !live.count(kv.first); });
    std::erase_if(program_.symbols, [&](const auto& kv) { return !live.count(kv.first); });
    std::erase_if(program_.calls, [&](const auto& kv) { return !live.count(kv.first); });
    std::unordered_set<const Variable*> used;
    for (const auto& [node, var] : program_.symbols) used.insert(var);
    auto drop_unused = [&](std::vector<std::unique_ptr<Variable>>& vars) {
      std::erase_if(vars, [&](const auto& v) { return !used.count(v.get()); });
    };
    for (auto& probe : program_.probes) drop_unused(probe->locals);
    for (auto& f : program_.functions) drop_unused(f->locals);

    EmbeddedStmts stmts;
    for (auto& probe : program_.probes)
      if (probe->body) stmts.visit(probe->body.get());
    std::unordered_set<const void*> functions;
    for (auto& f : program_.functions) {
      functions.insert(f->decl);
      if (f->decl->body) stmts.visit(f->decl->body.get());
    }
    std::erase_if(program_.embedded_access, [&](const EmbeddedAccess& a) {
      return !live.count(static_cast<const ir::Expr*>(a.code)) && !stmts.found.count(a.code) &&
             !functions.count(a.code);
    });
  }

  void finish() {
    for (std::size_t i = 0; i < program_.probes.size(); ++i)
      program_.probes[i]->name = "probe_" + std::to_string(i);
    for (std::size_t i : index_.pulled())
      program_.files.push_back(std::move(library_[i - user_count_]));
  }

  std::vector<const ir::File*> raw_user_files() const {
    std::vector<const ir::File*> out;
    for (std::size_t i = 0; i < user_count_; ++i) out.push_back(program_.files[i].get());
    return out;
  }

  const ElaborateOptions& opts_;
  Diagnostics& diags_;
  Program program_;
  std::vector<ir::FilePtr> library_;
  std::size_t user_count_ = 0;
  TapsetIndex index_;
  MatchTree tree_;
  debuginfo::Session debuginfo_;  // one libdw session per module, for every point
  FamilyContext family_ctx_;
  PointResolver points_;
  SymbolResolver symbols_;
  TargetLowering lowering_{program_, family_ctx_};
  std::deque<std::pair<const ir::ProbeDecl*, std::size_t>> queue_;
  std::deque<std::pair<DerivedProbe*, std::size_t>> unresolved_;
};

}  // namespace

std::optional<Program> elaborate(std::vector<ir::FilePtr> user_files, Library library,
                                 const ElaborateOptions& opts, Diagnostics& diags) {
  Elaboration e(std::move(user_files), std::move(library), opts, diags);
  e.derive_and_resolve();
  if (!e.analyse()) return std::nullopt;
  return std::move(e.program());
}

std::vector<std::string> list_probes(std::vector<ir::FilePtr> user_files, Library library,
                                     bool with_vars, const ElaborateOptions& opts) {
  Diagnostics quiet;
  ElaborateOptions o = opts;
  o.unoptimized = true;
  Elaboration e(std::move(user_files), std::move(library), o, quiet);
  e.derive_and_resolve();
  if (with_vars) e.infer();
  // One line per listed point; with -L, the variables of its first probe
  // (a DWARF point's own code comes before its inlined copies, whose
  // parameters may differ), as stap does.
  std::map<std::string, std::string> lines;
  for (const auto& probe : e.program().probes) {
    if (!e.is_user_file(probe->file)) continue;
    if (lines.count(probe->point.listed)) continue;
    std::string line = probe->point.listed;
    if (with_vars) {
      for (const auto& v : probe->locals) {
        line += ' ' + v->name + ':';
        line += ir::type_name(v->type);
      }
      for (const auto& v : probe->point.listed_vars) line += ' ' + v;
    }
    lines.emplace(probe->point.listed, std::move(line));
  }
  std::set<std::string> sorted;
  for (auto& [point, line] : lines) sorted.insert(std::move(line));
  return {sorted.begin(), sorted.end()};
}

}  // namespace cxxtap::elaborate
