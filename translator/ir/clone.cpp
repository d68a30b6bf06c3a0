// Deep copies of IR subtrees. Alias bodies are copied into every probe that
// expands the alias, so each probe owns its statements and locals.
#include <cxxtap/ir/ast.h>

namespace cxxtap::ir {

namespace {

ExprPtr opt(const ExprPtr& e) { return e ? clone(*e) : nullptr; }
StmtPtr opt(const StmtPtr& s) { return s ? clone(*s) : nullptr; }

std::vector<ExprPtr> all(const std::vector<ExprPtr>& xs) {
  std::vector<ExprPtr> out;
  out.reserve(xs.size());
  for (auto& x : xs) out.push_back(opt(x));
  return out;
}

std::unique_ptr<SymbolExpr> sym(const std::unique_ptr<SymbolExpr>& s) {
  if (!s) return nullptr;
  auto c = make<SymbolExpr>(s->loc);
  c->name = s->name;
  return c;
}

template <class T>
std::unique_ptr<T> like(const T& x) { return make<T>(x.loc); }

}  // namespace

ExprPtr clone(const Expr& e) {
  switch (e.kind) {
    case ExprKind::Number: {
      auto& x = static_cast<const NumberExpr&>(e);
      auto c = like(x); c->value = x.value; return c;
    }
    case ExprKind::String: {
      auto& x = static_cast<const StringExpr&>(e);
      auto c = like(x); c->value = x.value; return c;
    }
    case ExprKind::Symbol: {
      auto& x = static_cast<const SymbolExpr&>(e);
      auto c = like(x); c->name = x.name; return c;
    }
    case ExprKind::Index: {
      auto& x = static_cast<const IndexExpr&>(e);
      auto c = like(x); c->base = opt(x.base); c->indexes = all(x.indexes); return c;
    }
    case ExprKind::Call: {
      auto& x = static_cast<const CallExpr&>(e);
      auto c = like(x); c->name = x.name; c->args = all(x.args); return c;
    }
    case ExprKind::Print: {
      auto& x = static_cast<const PrintExpr&>(e);
      auto c = like(x);
      c->style = x.style; c->to_string = x.to_string; c->format = x.format;
      c->delimiter = x.delimiter; c->args = all(x.args);
      return c;
    }
    case ExprKind::Unary: {
      auto& x = static_cast<const UnaryExpr&>(e);
      auto c = like(x); c->op = x.op; c->operand = opt(x.operand); return c;
    }
    case ExprKind::IncDec: {
      auto& x = static_cast<const IncDecExpr&>(e);
      auto c = like(x);
      c->increment = x.increment; c->prefix = x.prefix; c->operand = opt(x.operand);
      return c;
    }
    case ExprKind::Binary: {
      auto& x = static_cast<const BinaryExpr&>(e);
      auto c = like(x); c->op = x.op; c->left = opt(x.left); c->right = opt(x.right); return c;
    }
    case ExprKind::Ternary: {
      auto& x = static_cast<const TernaryExpr&>(e);
      auto c = like(x);
      c->cond = opt(x.cond); c->then_expr = opt(x.then_expr); c->else_expr = opt(x.else_expr);
      return c;
    }
    case ExprKind::Assign: {
      auto& x = static_cast<const AssignExpr&>(e);
      auto c = like(x); c->op = x.op; c->target = opt(x.target); c->value = opt(x.value); return c;
    }
    case ExprKind::InArray: {
      auto& x = static_cast<const InArrayExpr&>(e);
      auto c = like(x); c->keys = all(x.keys); c->array = opt(x.array); return c;
    }
    case ExprKind::Stat: {
      auto& x = static_cast<const StatExpr&>(e);
      auto c = like(x); c->fn = x.fn; c->operand = opt(x.operand); c->param = opt(x.param);
      return c;
    }
    case ExprKind::Hist: {
      auto& x = static_cast<const HistExpr&>(e);
      auto c = like(x); c->hist = x.hist; c->operand = opt(x.operand); c->params = all(x.params);
      return c;
    }
    case ExprKind::Target: {
      auto& x = static_cast<const TargetExpr&>(e);
      auto c = like(x); c->name = x.name; return c;
    }
    case ExprKind::Cast: {
      auto& x = static_cast<const CastExpr&>(e);
      auto c = like(x);
      c->operand = opt(x.operand); c->type_name = x.type_name; c->module = x.module;
      c->has_module = x.has_module;
      return c;
    }
    case ExprKind::Access: {
      auto& x = static_cast<const AccessExpr&>(e);
      auto c = like(x);
      c->base = opt(x.base);
      for (auto& comp : x.components)
        c->components.push_back({comp.kind, comp.member, opt(comp.index), comp.loc});
      c->address_of = x.address_of;
      c->pretty = x.pretty;
      return c;
    }
    case ExprKind::Defined: {
      auto& x = static_cast<const DefinedExpr&>(e);
      auto c = like(x); c->operand = opt(x.operand); return c;
    }
    case ExprKind::Entry: {
      auto& x = static_cast<const EntryExpr&>(e);
      auto c = like(x); c->operand = opt(x.operand); return c;
    }
    case ExprKind::Probewrite: {
      auto& x = static_cast<const ProbewriteExpr&>(e);
      auto c = like(x); c->operand = opt(x.operand); return c;
    }
    case ExprKind::Perf: {
      auto& x = static_cast<const PerfExpr&>(e);
      auto c = like(x); c->counter = x.counter; return c;
    }
    case ExprKind::Const: {
      auto& x = static_cast<const ConstExpr&>(e);
      auto c = like(x); c->c_expr = x.c_expr; return c;
    }
    case ExprKind::Var: {
      auto& x = static_cast<const VarExpr&>(e);
      auto c = like(x); c->name = x.name; c->module = x.module; c->has_module = x.has_module;
      return c;
    }
    case ExprKind::Register: {
      auto& x = static_cast<const RegisterExpr&>(e);
      auto c = like(x); c->user = x.user; c->operand = opt(x.operand); return c;
    }
    case ExprKind::Deref: {
      auto& x = static_cast<const DerefExpr&>(e);
      auto c = like(x); c->user = x.user; c->size = opt(x.size); c->address = opt(x.address);
      return c;
    }
    case ExprKind::Embedded: {
      auto& x = static_cast<const EmbeddedExpr&>(e);
      auto c = like(x); c->code = x.code; return c;
    }
  }
  return nullptr;
}

BlockPtr clone_block(const BlockStmt& b) {
  auto c = like(b);
  for (auto& s : b.stmts) c->stmts.push_back(opt(s));
  return c;
}

StmtPtr clone(const Stmt& s) {
  switch (s.kind) {
    case StmtKind::Block: return clone_block(static_cast<const BlockStmt&>(s));
    case StmtKind::Expr: {
      auto& x = static_cast<const ExprStmt&>(s);
      auto c = like(x); c->expr = opt(x.expr); return c;
    }
    case StmtKind::If: {
      auto& x = static_cast<const IfStmt&>(s);
      auto c = like(x);
      c->cond = opt(x.cond); c->then_stmt = opt(x.then_stmt); c->else_stmt = opt(x.else_stmt);
      return c;
    }
    case StmtKind::While: {
      auto& x = static_cast<const WhileStmt&>(s);
      auto c = like(x); c->cond = opt(x.cond); c->body = opt(x.body); return c;
    }
    case StmtKind::For: {
      auto& x = static_cast<const ForStmt&>(s);
      auto c = like(x);
      c->init = opt(x.init); c->cond = opt(x.cond); c->incr = opt(x.incr); c->body = opt(x.body);
      return c;
    }
    case StmtKind::Foreach: {
      auto& x = static_cast<const ForeachStmt&>(s);
      auto c = like(x);
      for (auto& k : x.keys) c->keys.push_back(sym(k));
      c->value = sym(x.value);
      c->array = opt(x.array);
      c->slice = all(x.slice);
      c->sort_column = x.sort_column;
      c->sort_direction = x.sort_direction;
      c->sort_aggregate = x.sort_aggregate;
      c->limit = opt(x.limit);
      c->body = opt(x.body);
      return c;
    }
    case StmtKind::Break: return like(static_cast<const BreakStmt&>(s));
    case StmtKind::Continue: return like(static_cast<const ContinueStmt&>(s));
    case StmtKind::Next: return like(static_cast<const NextStmt&>(s));
    case StmtKind::Null: return like(static_cast<const NullStmt&>(s));
    case StmtKind::Return: {
      auto& x = static_cast<const ReturnStmt&>(s);
      auto c = like(x); c->value = opt(x.value); return c;
    }
    case StmtKind::Delete: {
      auto& x = static_cast<const DeleteStmt&>(s);
      auto c = like(x); c->target = opt(x.target); return c;
    }
    case StmtKind::Try: {
      auto& x = static_cast<const TryStmt&>(s);
      auto c = like(x);
      c->try_block = clone_block(*x.try_block);
      c->error_var = sym(x.error_var);
      c->catch_block = clone_block(*x.catch_block);
      return c;
    }
    case StmtKind::Embedded: {
      auto& x = static_cast<const EmbeddedStmt&>(s);
      auto c = like(x); c->code = x.code; return c;
    }
  }
  return nullptr;
}

ProbePointPtr clone(const ProbePoint& pp) {
  auto c = std::make_unique<ProbePoint>();
  c->loc = pp.loc;
  for (auto& comp : pp.components) c->components.push_back({comp.functor, opt(comp.arg), comp.loc});
  c->optional = pp.optional;
  c->sufficient = pp.sufficient;
  c->condition = opt(pp.condition);
  return c;
}

}  // namespace cxxtap::ir
