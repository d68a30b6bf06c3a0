#include "alias_expansion.h"

#include "ir_rewrite.h"

#include <cxxtap/ir/printer.h>

#include <fmt/format.h>

namespace cxxtap::elaborate {

namespace {

void append_stmts(ir::BlockStmt& to, ir::BlockPtr from) {
  for (auto& s : from->stmts) to.stmts.push_back(std::move(s));
}

// Replaces @probewrite(x) with 1 or 0.
void fold_probewrite(ir::BlockStmt& alias_body, const ir::BlockStmt& handler) {
  auto written = written_names(handler);
  rewrite_exprs(alias_body, [&](ir::ExprPtr& slot) {
    auto pw = ir::as<ir::ProbewriteExpr>(slot.get());
    if (!pw) return;
    auto sym = ir::as<ir::SymbolExpr>(pw->operand.get());
    auto n = ir::make<ir::NumberExpr>(pw->loc);
    n->value = sym && written.count(sym->name) ? 1 : 0;
    slot = std::move(n);
  });
}

std::string alias_text(const ir::AliasDecl& a) {
  std::string out;
  for (std::size_t i = 0; i < a.names.size(); ++i) {
    if (i) out += ", ";
    out += ir::to_string(*a.names[i]);
  }
  out += a.epilogue ? " += " : " = ";
  for (std::size_t i = 0; i < a.targets.size(); ++i) {
    if (i) out += ", ";
    out += ir::to_string(*a.targets[i]);
  }
  return out;
}

std::string points_text(const ir::ProbeDecl& decl) {
  std::string out;
  for (std::size_t i = 0; i < decl.points.size(); ++i) {
    if (i) out += ',';
    out += ir::to_string(*decl.points[i]);
  }
  return out;
}

ir::ExprPtr and_of(ir::ExprPtr a, ir::ExprPtr b) {
  if (!a) return b;
  if (!b) return a;
  auto e = ir::make<ir::BinaryExpr>(a->loc);
  e->op = ir::BinaryOp::LogAnd;
  e->left = std::move(a);
  e->right = std::move(b);
  return e;
}

// Where a resolution error is shown: inside the written point when it is
// about it, else at the written point with a note at the alias.
void report(Diagnostics& diags, const ir::ProbePoint& written, const ResolveError& err) {
  const bool inside = err.loc.known() && err.loc.file == written.loc.file;
  const ir::SourceLoc at = inside ? err.loc : written.loc;
  auto& d = diags.error(at, err.message);
  if (at.line != written.loc.line || at.column != written.loc.column)
    d.notes.push_back({Severity::Note, written.loc,
                       "while resolving probe point '" + ir::to_string(written) + "'", {}});
  if (err.loc.known() && !inside)
    d.notes.push_back({Severity::Note, err.loc, "in this probe alias expansion", {}});
}

}  // namespace

std::unique_ptr<DerivedProbe> derive_probe(const ir::ProbeDecl& decl, const ir::File& file,
                                           const ir::ProbePoint& written,
                                           const Expansion& expansion) {
  auto p = std::make_unique<DerivedProbe>();
  p->origin = &decl;
  p->file = &file;
  p->point = expansion.point;
  p->point.written = &written;
  p->point.optional = written.optional || expansion.optional;
  p->point.sufficient = written.sufficient || expansion.sufficient;

  // Body: the handler, then each alias from the one the user named inwards.
  auto body = decl.body ? ir::clone_block(*decl.body) : ir::make<ir::BlockStmt>(decl.loc);
  for (const auto& step : expansion.chain) {
    const ir::AliasDecl& alias = *step.alias.decl;
    auto alias_body = alias.body ? ir::clone_block(*alias.body) : ir::make<ir::BlockStmt>(alias.loc);
    fold_probewrite(*alias_body, *body);
    auto merged = ir::make<ir::BlockStmt>(body->loc);
    if (alias.epilogue) {
      append_stmts(*merged, std::move(body));
      append_stmts(*merged, std::move(alias_body));
    } else {
      append_stmts(*merged, std::move(alias_body));
      append_stmts(*merged, std::move(body));
    }
    body = std::move(merged);
  }
  p->body = std::move(body);

  // Condition: innermost alias target first, the written point last.
  for (auto it = expansion.chain.rbegin(); it != expansion.chain.rend(); ++it)
    if (it->target->condition) p->condition = and_of(std::move(p->condition), ir::clone(*it->target->condition));
  if (written.condition) p->condition = and_of(std::move(p->condition), ir::clone(*written.condition));

  // "begin? if (c) /* <- foo = begin? <- foo */"
  std::string shown = p->point.text;
  if (p->point.sufficient) shown += '!';
  else if (p->point.optional) shown += '?';
  if (p->condition) shown += " if (" + ir::to_string(*p->condition) + ")";
  // Where a DWARF point is probed, as stap notes it ("pc=vfs_read+0x0").
  if (auto pc = p->point.strings.find("pc"); pc != p->point.strings.end())
    shown += " /* pc=" + pc->second + " */";
  std::string chain;
  for (auto it = expansion.chain.rbegin(); it != expansion.chain.rend(); ++it)
    chain += alias_text(*it->alias.decl) + " <- ";
  chain += points_text(decl);
  p->point.derivation = shown + " /* <- " + chain + " */";
  if (p->point.listed.empty()) p->point.listed = p->point.text;
  return p;
}

std::vector<std::unique_ptr<DerivedProbe>> derive_probes(const ir::ProbeDecl& decl,
                                                         const ir::File& file,
                                                         PointResolver& resolver,
                                                         Diagnostics& diags) {
  std::vector<std::unique_ptr<DerivedProbe>> out;
  for (const auto& written : decl.points) {
    PointResolution r = resolver.resolve(*written);
    if (r.expansions.empty()) {
      if (!written->optional) {
        if (r.errors.empty()) r.errors.push_back({"no match", written->loc});
        report(diags, *written, r.errors.front());
      }
      continue;
    }
    if (!written->optional)
      for (const auto& err : r.errors) report(diags, *written, err);
    for (const auto& e : r.expansions) out.push_back(derive_probe(decl, file, *written, e));
    if (written->sufficient) break;
  }
  return out;
}

}  // namespace cxxtap::elaborate
