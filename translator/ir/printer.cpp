// The canonical printer. Design rules that make it parse back to the same IR:
// every nested binary/ternary/assignment/membership expression is
// parenthesised, every simple statement ends in `;`, keys of foreach are
// always bracketed, and literals are printed exactly as stored.
#include <cxxtap/ir/printer.h>

#include <ostream>
#include <sstream>

namespace cxxtap::ir {

namespace {

class Printer {
 public:
  explicit Printer(std::ostream& os) : os_(os) {}

  void expr(const Expr& e, bool nested) {
    switch (e.kind) {
      case ExprKind::Number: {
        auto v = static_cast<const NumberExpr&>(e).value;
        os_ << v;
        return;
      }
      case ExprKind::String:
        os_ << '"' << static_cast<const StringExpr&>(e).value << '"';
        return;
      case ExprKind::Symbol:
        os_ << static_cast<const SymbolExpr&>(e).name;
        return;
      case ExprKind::Index: {
        auto& x = static_cast<const IndexExpr&>(e);
        expr(*x.base, true);
        os_ << '[';
        list(x.indexes);
        os_ << ']';
        return;
      }
      case ExprKind::Call: {
        auto& x = static_cast<const CallExpr&>(e);
        os_ << x.name << '(';
        list(x.args);
        os_ << ')';
        return;
      }
      case ExprKind::Print: {
        auto& x = static_cast<const PrintExpr&>(e);
        os_ << x.function_name() << '(';
        bool first = true;
        if (x.style == PrintStyle::Printf) {
          os_ << '"' << x.format << '"';
          first = false;
        } else if (x.style == PrintStyle::Printd || x.style == PrintStyle::Printdln) {
          os_ << '"' << x.delimiter << '"';
          first = false;
        }
        for (auto& a : x.args) {
          if (!first) os_ << ", ";
          first = false;
          expr(*a, false);
        }
        os_ << ')';
        return;
      }
      case ExprKind::Unary: {
        auto& x = static_cast<const UnaryExpr&>(e);
        os_ << op_text(x.op);
        operand(*x.operand);
        return;
      }
      case ExprKind::IncDec: {
        auto& x = static_cast<const IncDecExpr&>(e);
        const char* op = x.increment ? "++" : "--";
        if (x.prefix) os_ << op;
        operand(*x.operand);
        if (!x.prefix) os_ << op;
        return;
      }
      case ExprKind::Binary: {
        auto& x = static_cast<const BinaryExpr&>(e);
        open(nested);
        expr(*x.left, true);
        os_ << ' ' << op_text(x.op) << ' ';
        expr(*x.right, true);
        close(nested);
        return;
      }
      case ExprKind::Ternary: {
        auto& x = static_cast<const TernaryExpr&>(e);
        open(nested);
        expr(*x.cond, true);
        os_ << " ? ";
        expr(*x.then_expr, true);
        os_ << " : ";
        expr(*x.else_expr, true);
        close(nested);
        return;
      }
      case ExprKind::Assign: {
        auto& x = static_cast<const AssignExpr&>(e);
        open(nested);
        expr(*x.target, true);
        os_ << ' ' << op_text(x.op) << ' ';
        expr(*x.value, true);
        close(nested);
        return;
      }
      case ExprKind::InArray: {
        auto& x = static_cast<const InArrayExpr&>(e);
        open(nested);
        os_ << '[';
        list(x.keys);
        os_ << "] in ";
        expr(*x.array, true);
        close(nested);
        return;
      }
      case ExprKind::Stat: {
        auto& x = static_cast<const StatExpr&>(e);
        os_ << '@' << stat_fn_name(x.fn) << '(';
        expr(*x.operand, false);
        if (x.param) {
          os_ << ", ";
          expr(*x.param, false);
        }
        os_ << ')';
        return;
      }
      case ExprKind::Hist: {
        auto& x = static_cast<const HistExpr&>(e);
        os_ << (x.hist == HistKind::Log ? "@hist_log(" : "@hist_linear(");
        expr(*x.operand, false);
        for (auto& p : x.params) {
          os_ << ", ";
          expr(*p, false);
        }
        os_ << ')';
        return;
      }
      case ExprKind::Target:
        os_ << static_cast<const TargetExpr&>(e).name;
        return;
      case ExprKind::Cast: {
        auto& x = static_cast<const CastExpr&>(e);
        os_ << "@cast(";
        expr(*x.operand, false);
        os_ << ", " << quote(x.type_name);
        if (x.has_module) os_ << ", " << quote(x.module);
        os_ << ')';
        return;
      }
      case ExprKind::Access: {
        auto& x = static_cast<const AccessExpr&>(e);
        if (x.address_of) os_ << '&';
        // `(foo)[1]` must not read back as the array element foo[1].
        bool paren = x.base->kind == ExprKind::Symbol && !x.components.empty() &&
                     x.components.front().kind == AccessComponent::Index;
        if (paren) os_ << '(';
        expr(*x.base, true);
        if (paren) os_ << ')';
        for (auto& c : x.components) {
          if (c.kind == AccessComponent::Member) {
            os_ << "->" << c.member;
          } else {
            os_ << '[';
            expr(*c.index, false);
            os_ << ']';
          }
        }
        if (x.pretty) {
          // A lone `$` after a plain name would join it; keep it apart.
          bool glue = !x.components.empty() || x.base->kind == ExprKind::Target ||
                      x.base->kind == ExprKind::Symbol;
          if (!glue) os_ << ' ';
          os_ << (x.pretty == 1 ? "$" : "$$");
        }
        return;
      }
      case ExprKind::Defined:
        wrapped("@defined(", *static_cast<const DefinedExpr&>(e).operand);
        return;
      case ExprKind::Entry:
        wrapped("@entry(", *static_cast<const EntryExpr&>(e).operand);
        return;
      case ExprKind::Probewrite:
        wrapped("@probewrite(", *static_cast<const ProbewriteExpr&>(e).operand);
        return;
      case ExprKind::Perf:
        os_ << "@perf(" << quote(static_cast<const PerfExpr&>(e).counter) << ')';
        return;
      case ExprKind::Const:
        os_ << "@const(" << quote(static_cast<const ConstExpr&>(e).c_expr) << ')';
        return;
      case ExprKind::Var: {
        auto& x = static_cast<const VarExpr&>(e);
        os_ << "@var(" << quote(x.name);
        if (x.has_module) os_ << ", " << quote(x.module);
        os_ << ')';
        return;
      }
      case ExprKind::Register: {
        auto& x = static_cast<const RegisterExpr&>(e);
        wrapped(x.user ? "@uregister(" : "@kregister(", *x.operand);
        return;
      }
      case ExprKind::Deref: {
        auto& x = static_cast<const DerefExpr&>(e);
        os_ << (x.user ? "@uderef(" : "@kderef(");
        expr(*x.size, false);
        os_ << ", ";
        expr(*x.address, false);
        os_ << ')';
        return;
      }
      case ExprKind::Embedded:
        os_ << "%{" << static_cast<const EmbeddedExpr&>(e).code << "%}";
        return;
    }
  }

  void stmt(const Stmt& s, int ind) {
    switch (s.kind) {
      case StmtKind::Block: {
        auto& b = static_cast<const BlockStmt&>(s);
        os_ << "{\n";
        for (auto& x : b.stmts) {
          indent(ind + 1);
          stmt(*x, ind + 1);
          os_ << '\n';
        }
        indent(ind);
        os_ << '}';
        return;
      }
      case StmtKind::Expr:
        expr(*static_cast<const ExprStmt&>(s).expr, false);
        os_ << ';';
        return;
      case StmtKind::If: {
        auto& x = static_cast<const IfStmt&>(s);
        os_ << "if (";
        expr(*x.cond, false);
        os_ << ") ";
        stmt(*x.then_stmt, ind);
        if (x.else_stmt) {
          os_ << '\n';
          indent(ind);
          os_ << "else ";
          stmt(*x.else_stmt, ind);
        }
        return;
      }
      case StmtKind::While: {
        auto& x = static_cast<const WhileStmt&>(s);
        os_ << "while (";
        expr(*x.cond, false);
        os_ << ") ";
        stmt(*x.body, ind);
        return;
      }
      case StmtKind::For: {
        auto& x = static_cast<const ForStmt&>(s);
        os_ << "for (";
        if (x.init) expr(*x.init, false);
        os_ << "; ";
        if (x.cond) expr(*x.cond, false);
        os_ << "; ";
        if (x.incr) expr(*x.incr, false);
        os_ << ") ";
        stmt(*x.body, ind);
        return;
      }
      case StmtKind::Foreach: foreach(static_cast<const ForeachStmt&>(s), ind); return;
      case StmtKind::Break: os_ << "break;"; return;
      case StmtKind::Continue: os_ << "continue;"; return;
      case StmtKind::Next: os_ << "next;"; return;
      case StmtKind::Return: {
        auto& x = static_cast<const ReturnStmt&>(s);
        os_ << "return";
        if (x.value) {
          os_ << ' ';
          expr(*x.value, false);
        }
        os_ << ';';
        return;
      }
      case StmtKind::Delete:
        os_ << "delete ";
        expr(*static_cast<const DeleteStmt&>(s).target, true);
        os_ << ';';
        return;
      case StmtKind::Try: {
        auto& x = static_cast<const TryStmt&>(s);
        os_ << "try ";
        stmt(*x.try_block, ind);
        os_ << " catch ";
        if (x.error_var) os_ << '(' << x.error_var->name << ") ";
        stmt(*x.catch_block, ind);
        return;
      }
      case StmtKind::Embedded:
        os_ << "%{" << static_cast<const EmbeddedStmt&>(s).code << "%}";
        return;
      case StmtKind::Null:
        os_ << ';';
        return;
    }
  }

  void probe_point(const ProbePoint& pp) {
    bool first = true;
    for (auto& c : pp.components) {
      if (!first) os_ << '.';
      first = false;
      os_ << c.functor;
      if (c.arg) {
        os_ << '(';
        expr(*c.arg, false);
        os_ << ')';
      }
    }
    if (pp.sufficient) os_ << '!';
    else if (pp.optional) os_ << '?';
    if (pp.condition) {
      os_ << " if (";
      expr(*pp.condition, false);
      os_ << ')';
    }
  }

  void decl(const Decl& d) {
    switch (d.kind) {
      case DeclKind::Probe: {
        auto& p = static_cast<const ProbeDecl&>(d);
        os_ << "probe ";
        points(p.points);
        os_ << ' ';
        stmt(*p.body, 0);
        break;
      }
      case DeclKind::Alias: {
        auto& a = static_cast<const AliasDecl&>(d);
        os_ << "probe ";
        points(a.names);
        os_ << (a.epilogue ? " += " : " = ");
        points(a.targets);
        os_ << ' ';
        stmt(*a.body, 0);
        break;
      }
      case DeclKind::Function: {
        auto& f = static_cast<const FunctionDecl&>(d);
        if (f.is_private) os_ << "private ";
        os_ << "function " << f.name;
        if (f.return_type != Type::Unknown) os_ << ':' << type_name(f.return_type);
        os_ << " (";
        bool first = true;
        for (auto& p : f.params) {
          if (!first) os_ << ", ";
          first = false;
          os_ << p.name;
          if (p.type != Type::Unknown) os_ << ':' << type_name(p.type);
        }
        os_ << ')';
        if (f.has_priority) os_ << ':' << f.priority;
        os_ << ' ';
        if (f.is_embedded) os_ << "%{" << f.embedded_code << "%}";
        else stmt(*f.body, 0);
        break;
      }
      case DeclKind::Global: {
        auto& g = static_cast<const GlobalDecl&>(d);
        if (g.is_private) os_ << "private ";
        os_ << "global " << g.name;
        if (g.wrap) os_ << '%';
        if (g.max_size) os_ << '[' << g.max_size << ']';
        if (g.init) {
          os_ << " = ";
          expr(*g.init, false);
        }
        break;
      }
      case DeclKind::Embedded:
        os_ << "%{" << static_cast<const EmbeddedDecl&>(d).code << "%}";
        break;
    }
    os_ << '\n';
  }

  void foreach(const ForeachStmt& x, int ind) {
    auto marker = [&](int column) {
      if (x.sort_direction != 0 && x.sort_column == column)
        os_ << (x.sort_direction > 0 ? '+' : '-');
    };
    os_ << "foreach (";
    if (x.value) os_ << x.value->name << " = ";
    os_ << '[';
    for (std::size_t i = 0; i < x.keys.size(); ++i) {
      if (i) os_ << ", ";
      os_ << x.keys[i]->name;
      marker(static_cast<int>(i + 1));
    }
    os_ << "] in ";
    expr(*x.array, true);
    if (!x.slice.empty()) {
      os_ << '[';
      list(x.slice);
      os_ << ']';
    }
    if (x.sort_aggregate != StatFn::None) os_ << " @" << stat_fn_name(x.sort_aggregate);
    marker(0);
    if (x.limit) {
      os_ << " limit ";
      expr(*x.limit, false);
    }
    os_ << ") ";
    stmt(*x.body, ind);
  }

 private:
  void open(bool nested) { if (nested) os_ << '('; }
  void close(bool nested) { if (nested) os_ << ')'; }
  void indent(int n) { for (int i = 0; i < n; ++i) os_ << "  "; }

  // Operand of a unary operator: parenthesised unless it is a name-like
  // primary, so that `-(5)` stays a negation and `- -x` cannot become `--x`.
  void operand(const Expr& e) {
    bool bare = e.kind == ExprKind::Symbol || e.kind == ExprKind::Index ||
                e.kind == ExprKind::Call || e.kind == ExprKind::Target ||
                e.kind == ExprKind::String;
    if (!bare) os_ << '(';
    expr(e, false);
    if (!bare) os_ << ')';
  }

  void wrapped(const char* head, const Expr& e) {
    os_ << head;
    expr(e, false);
    os_ << ')';
  }

  void list(const std::vector<ExprPtr>& xs) {
    bool first = true;
    for (auto& x : xs) {
      if (!first) os_ << ", ";
      first = false;
      if (x) expr(*x, false);
      else os_ << '*';
    }
  }

  void points(const std::vector<ProbePointPtr>& pps) {
    bool first = true;
    for (auto& pp : pps) {
      if (!first) os_ << ", ";
      first = false;
      probe_point(*pp);
    }
  }

  std::ostream& os_;
};

template <class T, class F>
std::string render(const T& x, F f) {
  std::ostringstream os;
  f(os, x);
  return os.str();
}

}  // namespace

std::string quote(std::string_view s) { return '"' + std::string(s) + '"'; }

void print(std::ostream& os, const Expr& e) { Printer(os).expr(e, false); }
void print(std::ostream& os, const Stmt& s, int indent) { Printer(os).stmt(s, indent); }
void print(std::ostream& os, const ProbePoint& pp) { Printer(os).probe_point(pp); }
void print(std::ostream& os, const Decl& d) { Printer(os).decl(d); }
void print(std::ostream& os, const File& f) {
  Printer p(os);
  for (auto& d : f.decls) p.decl(*d);
}

std::string to_string(const Expr& e) {
  return render(e, [](std::ostream& os, const Expr& x) { print(os, x); });
}
std::string to_string(const Stmt& s) {
  return render(s, [](std::ostream& os, const Stmt& x) { print(os, x); });
}
std::string to_string(const ProbePoint& pp) {
  return render(pp, [](std::ostream& os, const ProbePoint& x) { print(os, x); });
}
std::string to_string(const Decl& d) {
  return render(d, [](std::ostream& os, const Decl& x) { print(os, x); });
}
std::string to_string(const File& f) {
  return render(f, [](std::ostream& os, const File& x) { print(os, x); });
}

}  // namespace cxxtap::ir
