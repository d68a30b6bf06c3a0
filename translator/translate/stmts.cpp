// Statements. Loops are C `for (;;)` with explicit labels, so that break and
// continue work from inside the blocks that expressions open.
#include "body_gen.h"

#include <cctype>

#include "names.h"

#include <fmt/format.h>

namespace cxxtap::translate {

using namespace cxxtap::ir;

void BodyGen::charge(const std::string& where) {
  if (pending_ == 0) return;
  set_stmt(where);
  line(fmt::format("STP_ACTIONS(c, {}, {});", error_label(), pending_));
  pending_ = 0;
}

namespace {

// Whether embedded C, comments and white space aside, ends like a C
// statement (';' or '}') rather than an expression. Empty code is a
// statement too.
bool ends_as_c_statement(const std::string& code) {
  std::string bare;
  for (std::size_t i = 0; i < code.size(); ++i) {
    if (code.compare(i, 2, "/*") == 0) {
      auto end = code.find("*/", i + 2);
      if (end == std::string::npos) break;
      i = end + 1;
    } else if (code.compare(i, 2, "//") == 0) {
      i = code.find('\n', i);
      if (i == std::string::npos) break;
    } else if (!std::isspace(static_cast<unsigned char>(code[i]))) {
      bare += code[i];
    }
  }
  return bare.empty() || bare.back() == ';' || bare.back() == '}';
}

}  // namespace

void BodyGen::block(const BlockStmt& b) {
  for (const auto& s : b.stmts)
    if (s) stmt(*s);
  charge(where("operator", "{", b.loc));
}

void BodyGen::nested(const Stmt& s) {
  stmt(s);
  charge(first_token(s));
}

void BodyGen::stmt(const Stmt& s) {
  if (s.kind == StmtKind::Block) return block(static_cast<const BlockStmt&>(s));
  if (s.kind == StmtKind::Null) return;
  ++pending_;
  switch (s.kind) {
    case StmtKind::If:
    case StmtKind::While:
    case StmtKind::For:
    case StmtKind::Foreach:
    case StmtKind::Try:
    case StmtKind::Break:
    case StmtKind::Continue:
    case StmtKind::Next:
    case StmtKind::Return:
      charge(first_token(s));
      break;
    default:
      break;
  }
  set_stmt(first_token(s));
  switch (s.kind) {
    case StmtKind::Expr: {
      const Expr& x = *static_cast<const ExprStmt&>(s).expr;
      if (auto* id = as<IncDecExpr>(&x); id && !id->prefix && !as<IndexExpr>(id->operand.get())) {
        incdec(*id, false);
        return;
      }
      std::string v = expr(x);
      if (v.find("l->") == 0 || v.empty() || v == "0") return;
      line(fmt::format("(void)({});", v));
      return;
    }
    case StmtKind::If: return if_stmt(static_cast<const IfStmt&>(s));
    case StmtKind::While: return while_stmt(static_cast<const WhileStmt&>(s));
    case StmtKind::For: return for_stmt(static_cast<const ForStmt&>(s));
    case StmtKind::Foreach: return foreach_stmt(static_cast<const ForeachStmt&>(s));
    case StmtKind::Break:
      if (loops_.empty()) return fail(s.loc, "break outside a loop");
      return line(fmt::format("goto {};", loops_.back().brk));
    case StmtKind::Continue:
      if (loops_.empty()) return fail(s.loc, "continue outside a loop");
      return line(fmt::format("goto {};", loops_.back().cont));
    case StmtKind::Next: return next_stmt(static_cast<const NextStmt&>(s));
    case StmtKind::Return: return return_stmt(static_cast<const ReturnStmt&>(s));
    case StmtKind::Delete: return delete_stmt(static_cast<const DeleteStmt&>(s));
    case StmtKind::Try: return try_stmt(static_cast<const TryStmt&>(s));
    case StmtKind::Embedded: {
      const std::string& code = static_cast<const EmbeddedStmt&>(s).code;
      line("{");
      // `%{ 0 %}` as a statement is an expression whose value is dropped
      // (stap compiles it so); C statements end in ';' or '}'.
      if (ends_as_c_statement(code)) out_ += code + "\n";
      else out_ += "(void)(" + code + "\n);\n";
      line("}");
      return;
    }
    default: return;
  }
}

void BodyGen::if_stmt(const IfStmt& s) {
  std::string c = cond(*s.cond);
  open(fmt::format("if ({})", c));
  nested(*s.then_stmt);
  if (s.else_stmt) {
    close("} else {");
    ++indent_;
    nested(*s.else_stmt);
  }
  close();
}

void BodyGen::loop_body(const Loop& loop, const Stmt& body) {
  loops_.push_back(loop);
  nested(body);
  loops_.pop_back();
  line(loop.cont + ": __attribute__((unused));");
}

void BodyGen::close_loop(const Loop& loop) {
  close();
  line(loop.brk + ": __attribute__((unused));");
}

void BodyGen::while_stmt(const WhileStmt& s) {
  Loop loop{new_label("brk"), new_label("cont")};
  open("for (;;)");
  line(fmt::format("if (!{}) break;", cond(*s.cond)));
  loop_body(loop, *s.body);
  close_loop(loop);
}

void BodyGen::for_stmt(const ForStmt& s) {
  Loop loop{new_label("brk"), new_label("cont")};
  if (s.init) {
    std::string v = expr(*s.init);
    (void)v;
  }
  open("for (;;)");
  if (s.cond) line(fmt::format("if (!{}) break;", cond(*s.cond)));
  loop_body(loop, *s.body);
  if (s.incr) {
    std::string v = expr(*s.incr);
    (void)v;
  }
  close_loop(loop);
}

void BodyGen::return_stmt(const ReturnStmt& s) {
  if (!fn_) {
    line("goto out;");
    return;
  }
  if (s.value) {
    charge(first_token(s));
    std::string v = expr(*s.value);
    if (fn_->return_type == Type::String)
      line(fmt::format("_stp_str_copy(l->__retvalue, {});", v));
    else
      line(fmt::format("l->__retvalue = {};", v));
  }
  line("goto out;");
}

void BodyGen::next_stmt(const NextStmt& s) {
  if (!fn_) {
    line("goto out;");
    return;
  }
  if (!fn_->next_overload) {
    line("goto out;");
    return;
  }
  // Continue with the next overload: same arguments, its result is ours.
  const elaborate::Function& n = *fn_->next_overload;
  open("");
  line(fmt::format("{0} *a = ({0} *)_stp_frame_push(sizeof({0}));", frame_type(n)));
  open("if (unlikely(!a))");
  line(fmt::format("STP_ERROR(c, {}, \"out of memory\");", error_label()));
  close();
  for (const auto& prm : n.params) {
    if (prm->type == Type::String)
      line(fmt::format("_stp_str_copy(a->v_{0}, l->v_{0});", prm->name));
    else
      line(fmt::format("a->v_{0} = l->v_{0};", prm->name));
  }
  const bool str = fn_->return_type == Type::String && n.return_type == Type::String;
  // Its result goes where ours goes (string results are written through).
  if (str) line("a->__retvalue = l->__retvalue;");
  line(fmt::format("{}(pc, a);", function_name(n)));
  if (fn_->return_type == Type::Long) line("l->__retvalue = a->__retvalue;");
  line("_stp_frame_free(a);");
  close();
  line("goto out;");
}

void BodyGen::try_stmt(const TryStmt& s) {
  std::string catch_label = new_label("catch");
  std::string after = new_label("after");
  const std::string outer = error_label();
  error_labels_.push_back(catch_label);
  open("");
  block(*s.try_block);
  close();
  error_labels_.pop_back();
  line(fmt::format("goto {};", after));
  // Unused when nothing in the try block can fail.
  line(catch_label + ": __attribute__((unused));");
  std::string msg = "NULL";
  if (s.error_var) {
    const elaborate::Variable* v = var_of(*s.error_var);
    if (v) msg = var_ref(*v);
  }
  line(fmt::format("STP_CATCH(c, {}, {});", msg, outer));
  open("");
  if (s.catch_block) block(*s.catch_block);
  close();
  line(after + ": __attribute__((unused));");
}

}  // namespace cxxtap::translate
