#include "global_display.h"

#include "usage.h"

#include <algorithm>
#include <functional>

namespace cxxtap::elaborate {

namespace {

// Node makers for code pass 2 writes itself.
struct Maker {
  ir::SourceLoc loc;

  ir::ExprPtr sym(const std::string& name) const {
    auto s = ir::make<ir::SymbolExpr>(loc);
    s->name = name;
    return s;
  }
  std::unique_ptr<ir::SymbolExpr> sym_ptr(const std::string& name) const {
    auto s = ir::make<ir::SymbolExpr>(loc);
    s->name = name;
    return s;
  }
  ir::ExprPtr num(int64_t v) const {
    auto n = ir::make<ir::NumberExpr>(loc);
    n->value = v;
    return n;
  }
  ir::ExprPtr index(const std::string& array, const std::vector<std::string>& keys) const {
    auto i = ir::make<ir::IndexExpr>(loc);
    i->base = sym(array);
    for (const auto& k : keys) i->indexes.push_back(sym(k));
    return i;
  }
  ir::ExprPtr stat(ir::StatFn fn, ir::ExprPtr operand) const {
    auto s = ir::make<ir::StatExpr>(loc);
    s->fn = fn;
    s->operand = std::move(operand);
    return s;
  }
  ir::StmtPtr printf(std::string format, std::vector<ir::ExprPtr> args) const {
    auto p = ir::make<ir::PrintExpr>(loc);
    p->style = ir::PrintStyle::Printf;
    p->format = std::move(format);
    p->args = std::move(args);
    auto s = ir::make<ir::ExprStmt>(loc);
    s->expr = std::move(p);
    return s;
  }
};

// The printf conversion for a key or value of type t (escaped as written).
std::string conv(ir::Type t) { return t == ir::Type::String ? "\\\"%s\\\"" : "%d"; }

constexpr ir::StatFn kStatFns[] = {ir::StatFn::Count, ir::StatFn::Min, ir::StatFn::Max,
                                   ir::StatFn::Sum, ir::StatFn::Avg};

// " @count=%d @min=%d ..." and the matching arguments.
void stats_part(const Maker& m, const std::function<ir::ExprPtr()>& operand, std::string& fmt,
                std::vector<ir::ExprPtr>& args) {
  for (auto fn : kStatFns) {
    fmt += " @" + std::string(ir::stat_fn_name(fn)) + "=%d";
    args.push_back(m.stat(fn, operand()));
  }
}

ir::BlockPtr scalar_display(const Maker& m, const Variable& g) {
  auto body = ir::make<ir::BlockStmt>(m.loc);
  if (g.type != ir::Type::Stats) {
    std::vector<ir::ExprPtr> args;
    args.push_back(m.sym(g.name));
    body->stmts.push_back(m.printf(g.name + "=" + conv(g.type) + "\\n", std::move(args)));
    return body;
  }
  auto cond = ir::make<ir::BinaryExpr>(m.loc);
  cond->op = ir::BinaryOp::Eq;
  cond->left = m.stat(ir::StatFn::Count, m.sym(g.name));
  cond->right = m.num(0);
  std::string fmt = g.name;
  std::vector<ir::ExprPtr> args;
  stats_part(m, [&] { return m.sym(g.name); }, fmt, args);
  auto i = ir::make<ir::IfStmt>(m.loc);
  i->cond = std::move(cond);
  i->then_stmt = m.printf(g.name + " @count=0x0\\n", {});
  i->else_stmt = m.printf(fmt + "\\n", std::move(args));
  body->stmts.push_back(std::move(i));
  return body;
}

ir::BlockPtr array_display(const Maker& m, const Variable& g) {
  std::vector<std::string> keys;
  for (int i = 0; i < g.arity; ++i) keys.push_back("__idx" + std::to_string(i));
  auto loop = ir::make<ir::ForeachStmt>(m.loc);
  for (const auto& k : keys) loop->keys.push_back(m.sym_ptr(k));
  loop->array = m.sym(g.name);
  loop->sort_column = 0;
  loop->sort_direction = -1;

  std::string fmt = g.name + "[";
  std::vector<ir::ExprPtr> args;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (i) fmt += ",";
    fmt += conv(g.key_types[i]);
    args.push_back(m.sym(keys[i]));
  }
  fmt += "]";
  if (g.type == ir::Type::Stats) {
    stats_part(m, [&] { return m.index(g.name, keys); }, fmt, args);
  } else {
    loop->value = m.sym_ptr("__val");
    fmt += "=" + conv(g.type);
    args.push_back(m.sym("__val"));
  }
  loop->body = m.printf(fmt + "\\n", std::move(args));
  auto body = ir::make<ir::BlockStmt>(m.loc);
  body->stmts.push_back(std::move(loop));
  return body;
}

std::unique_ptr<DerivedProbe> synthesized(const std::string& family, const ir::File* file) {
  auto p = std::make_unique<DerivedProbe>();
  p->point.family = family;
  p->point.text = family;
  p->point.listed = family;
  p->point.derivation = family + " /* <- " + family + " */";
  p->synthesized = true;
  p->file = file;
  return p;
}

}  // namespace

std::vector<std::unique_ptr<DerivedProbe>> global_display_probes(const Program& p) {
  std::vector<std::unique_ptr<DerivedProbe>> out;
  const UsageTable usage = variable_usage(p);
  for (const auto& g : p.globals) {
    if (g->from_tapset() || g->synthesized || g->type == ir::Type::Unknown || g->arity < 0)
      continue;
    auto u = usage.find(g.get());
    if (u == usage.end() || u->second.writes == 0 || u->second.reads > 0) continue;
    if (std::find(g->key_types.begin(), g->key_types.end(), ir::Type::Unknown) !=
        g->key_types.end())
      continue;
    Maker m{g->loc};
    auto probe = synthesized("end", g->file);
    probe->body = g->arity == 0 ? scalar_display(m, *g) : array_display(m, *g);
    out.push_back(std::move(probe));
  }
  return out;
}

std::unique_ptr<DerivedProbe> condition_arming_probe(const Program& p) {
  for (const auto& probe : p.probes) {
    if (!probe->condition) continue;
    auto arm = synthesized("begin", probe->file);
    arm->body = ir::make<ir::BlockStmt>(probe->condition->loc);
    return arm;
  }
  return nullptr;
}

}  // namespace cxxtap::elaborate
