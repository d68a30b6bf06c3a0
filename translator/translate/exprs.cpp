// Scalar expressions: literals, variables, operators, assignments, calls.
#include "body_gen.h"

#include "names.h"

#include "elaborate/regex_check.h"
#include "regex_compile.h"

#include <algorithm>
#include <optional>
#include <string_view>
#include <variant>

#include <fmt/format.h>

namespace cxxtap::translate {

using namespace cxxtap::ir;
using elaborate::Variable;

namespace {

// The value of a string made only of literals and '.', already decoded.
std::optional<std::string> literal_string(const Expr& e) {
  if (auto* s = as<StringExpr>(&e)) return elaborate::unescape_literal(s->value);
  auto* b = as<BinaryExpr>(&e);
  if (!b || b->op != BinaryOp::Concat) return std::nullopt;
  auto l = literal_string(*b->left);
  auto r = literal_string(*b->right);
  if (!l || !r) return std::nullopt;
  return *l + *r;
}

}  // namespace

std::string BodyGen::cond(const Expr& e) { return fmt::format("({} != 0)", expr(e)); }

std::string BodyGen::to_string(const Expr& e) {
  std::string v = expr(e);
  if (type_of(e) == Type::String) return v;
  std::string t = temp(Type::String);
  line(fmt::format("_stp_str_from_long({}, {});", t, v));
  return t;
}

std::string BodyGen::expr(const Expr& e) {
  switch (e.kind) {
    case ExprKind::Number: return c_long(static_cast<const NumberExpr&>(e).value);
    case ExprKind::String: return c_script_string(static_cast<const StringExpr&>(e).value);
    case ExprKind::Symbol: {
      const Variable* v = var_of(e);
      if (!v) {
        fail(e.loc, "unresolved symbol '" + static_cast<const SymbolExpr&>(e).name + "'");
        return "0";
      }
      if (v->type == Type::Stats || v->is_array()) {
        fail(e.loc, "cannot use '" + v->name + "' as a value");
        return "0";
      }
      return var_ref(*v);
    }
    case ExprKind::Index: return index_read(static_cast<const IndexExpr&>(e));
    case ExprKind::Call: return call(static_cast<const CallExpr&>(e));
    case ExprKind::Print: return print(static_cast<const PrintExpr&>(e));
    case ExprKind::Unary: return unary(static_cast<const UnaryExpr&>(e));
    case ExprKind::IncDec: return incdec(static_cast<const IncDecExpr&>(e));
    case ExprKind::Binary: return binary(static_cast<const BinaryExpr&>(e));
    case ExprKind::Ternary: return ternary(static_cast<const TernaryExpr&>(e));
    case ExprKind::Assign: return assign(static_cast<const AssignExpr&>(e));
    case ExprKind::InArray: return in_array(static_cast<const InArrayExpr&>(e));
    case ExprKind::Stat: return stat_expr(static_cast<const StatExpr&>(e));
    case ExprKind::Embedded: {
      const auto& x = static_cast<const EmbeddedExpr&>(e);
      if (type_of(e) == Type::String) return "((const char *)(" + x.code + "))";
      return "((int64_t)(" + x.code + "))";
    }
    case ExprKind::Hist:
      fail(e.loc, "a histogram can only be printed, indexed or iterated");
      return "0";
    case ExprKind::Const: {
      // @const("NAME"): the kernel headers' value (the runtime includes
      // them; pass 2 allowed it only with -g or in tapsets).
      if (user_runtime_) {
        fail(e.loc, "@const needs the kernel runtime (its headers)");
        return "0";
      }
      return "((int64_t)(" + static_cast<const ConstExpr&>(e).c_expr + "))";
    }
    case ExprKind::Target:
    case ExprKind::Cast:
    case ExprKind::Access:
    case ExprKind::Entry:
    case ExprKind::Perf:
    case ExprKind::Var:
    case ExprKind::Register:
    case ExprKind::Deref:
    case ExprKind::Defined:
    case ExprKind::Probewrite:
      fail(e.loc, "target-variable and kernel-memory expressions are not supported by "
                  "pass 3 yet");
      return "0";
  }
  return "0";
}

std::string BodyGen::arith(BinaryOp op, const std::string& a, const std::string& b,
                           const SourceLoc& loc) {
  auto u = [&](const char* o) {
    return fmt::format("((int64_t)((uint64_t)({}) {} (uint64_t)({})))", a, o, b);
  };
  switch (op) {
    case BinaryOp::Add: return u("+");
    case BinaryOp::Sub: return u("-");
    case BinaryOp::Mul: return u("*");
    case BinaryOp::Div:
    case BinaryOp::Mod: {
      std::string t = temp(Type::Long);
      set_stmt(where("operator", op == BinaryOp::Div ? "/" : "%", loc));
      line(fmt::format("{} = _stp_ctx_{}(c, {}, {});", t, op == BinaryOp::Div ? "div" : "mod", a,
                       b));
      check();
      return t;
    }
    case BinaryOp::Shl: return fmt::format("((int64_t)((uint64_t)({}) << (({}) & 63)))", a, b);
    case BinaryOp::Shr: return fmt::format("((int64_t)({}) >> (({}) & 63))", a, b);
    case BinaryOp::BitAnd: return fmt::format("(({}) & ({}))", a, b);
    case BinaryOp::BitOr: return fmt::format("(({}) | ({}))", a, b);
    case BinaryOp::BitXor: return fmt::format("(({}) ^ ({}))", a, b);
    default: break;
  }
  return "0";
}

std::string BodyGen::binary(const BinaryExpr& e) {
  if (e.op == BinaryOp::LogAnd || e.op == BinaryOp::LogOr) return logical(e);
  if (e.op == BinaryOp::RegexMatch || e.op == BinaryOp::RegexNoMatch) return regex(e);
  const bool strings = type_of(*e.left) == Type::String || type_of(*e.right) == Type::String;
  if (e.op == BinaryOp::Concat) {
    if (auto lit = literal_string(e)) return c_string(*lit);  // folded, as stap does
    std::string a = to_string(*e.left);
    std::string b = to_string(*e.right);
    std::string t = temp(Type::String);
    line(fmt::format("_stp_str_concat({}, {}, {});", t, a, b));
    return t;
  }
  // Both operands are evaluated into temporaries so that their side effects
  // happen left to right, before the operator.
  std::string a = expr(*e.left);
  if (e.left->kind != ExprKind::Number && e.left->kind != ExprKind::String) {
    std::string t = temp(strings ? Type::String : Type::Long);
    line(strings ? fmt::format("_stp_str_copy({}, {});", t, a) : fmt::format("{} = {};", t, a));
    a = t;
  }
  std::string b = expr(*e.right);
  const char* cmp = nullptr;
  switch (e.op) {
    case BinaryOp::Lt: cmp = "<"; break;
    case BinaryOp::Gt: cmp = ">"; break;
    case BinaryOp::Le: cmp = "<="; break;
    case BinaryOp::Ge: cmp = ">="; break;
    case BinaryOp::Eq: cmp = "=="; break;
    case BinaryOp::Ne: cmp = "!="; break;
    default: break;
  }
  if (cmp) {
    if (strings) return fmt::format("((int64_t)(strcmp({}, {}) {} 0))", a, b, cmp);
    return fmt::format("((int64_t)(({}) {} ({})))", a, cmp, b);
  }
  return arith(e.op, a, b, e.loc);
}

// s =~ "re": the pattern is compiled here (regex_compile.h) into a static
// program; the runtime's matcher (runtime/regex.c, the same in both
// runtimes) runs it in a work area of the frame, shared by all the =~ of a
// body, and keeps the match for matched().
std::string BodyGen::regex(const BinaryExpr& e) {
  const auto* pattern = as<StringExpr>(e.right.get());
  if (!pattern) {
    fail(e.loc, "the right operand of =~ must be a string literal");
    return "0";
  }
  const std::string re = elaborate::unescape_literal(pattern->value);
  auto compiled = compile_regex(re);
  if (auto* err = std::get_if<RegexError>(&compiled)) {
    fail(pattern->loc, err->message);
    return "0";
  }
  const auto& prog = std::get<RegexProgram>(compiled);
  const std::string name = regex_c_name(re);
  statics_.push_back(regex_program_c(prog, name, re));
  // One work area per frame, as large as the largest program of the body.
  const std::size_t words = (prog.work_bytes() + 7) / 8;
  static constexpr std::string_view kWork = "uint64_t re_work[";
  auto member = std::find_if(members_.begin(), members_.end(), [](const std::string& m) {
    return m.compare(0, kWork.size(), kWork) == 0;
  });
  if (member == members_.end()) {
    members_.push_back(fmt::format("{}{}];", kWork, words));
  } else if (std::stoul(member->substr(kWork.size())) < words) {
    *member = fmt::format("{}{}];", kWork, words);
  }
  std::string s = expr(*e.left);
  std::string t = temp(Type::Long);
  set_stmt(where("operator", op_text(e.op), e.loc));
  line(fmt::format("{} = _stp_regex_match(pc, &{}, {}, l->re_work, sizeof(l->re_work));", t,
                   name, s));
  line(fmt::format("if (unlikely({} < 0))\n{}goto {};", t, std::string(indent_ + 1, '\t'),
                   error_label()));
  if (e.op == BinaryOp::RegexNoMatch) return fmt::format("((int64_t)!{})", t);
  return t;
}

std::string BodyGen::logical(const BinaryExpr& e) {
  std::string t = temp(Type::Long);
  const bool is_and = e.op == BinaryOp::LogAnd;
  line(fmt::format("{} = {};", t, is_and ? 0 : 1));
  std::string a = cond(*e.left);
  open(fmt::format("if ({}{})", is_and ? "" : "!", a));
  std::string b = cond(*e.right);
  line(fmt::format("{} = {};", t, b));
  close();
  return t;
}

std::string BodyGen::ternary(const TernaryExpr& e) {
  const Type ty = type_of(e);
  std::string t = temp(ty == Type::String ? Type::String : Type::Long);
  auto put = [&](const Expr& x) {
    std::string v = expr(x);
    line(ty == Type::String ? fmt::format("_stp_str_copy({}, {});", t, v)
                            : fmt::format("{} = {};", t, v));
  };
  open(fmt::format("if ({})", cond(*e.cond)));
  put(*e.then_expr);
  close("} else {");
  ++indent_;
  put(*e.else_expr);
  close();
  return t;
}

std::string BodyGen::unary(const UnaryExpr& e) {
  std::string v = expr(*e.operand);
  switch (e.op) {
    case UnaryOp::Neg: return fmt::format("((int64_t)(0 - (uint64_t)({})))", v);
    case UnaryOp::Plus: return v;
    case UnaryOp::Not: return fmt::format("((int64_t)!({}))", v);
    case UnaryOp::BitNot: return fmt::format("(~({}))", v);
  }
  return v;
}

std::string BodyGen::incdec(const IncDecExpr& e, bool value_used) {
  if (auto* idx = as<IndexExpr>(e.operand.get())) return incdec_index(e, *idx);
  const Variable* v = var_of(*e.operand);
  if (!v) {
    fail(e.loc, "++/-- needs a variable or an array element");
    return "0";
  }
  std::string ref = var_ref(*v);
  const char* op = e.increment ? "+" : "-";
  if (e.prefix || !value_used) {
    line(fmt::format("{0} = (int64_t)((uint64_t){0} {1} 1);", ref, op));
    return ref;
  }
  std::string t = temp(Type::Long);
  line(fmt::format("{} = {};", t, ref));
  line(fmt::format("{0} = (int64_t)((uint64_t){0} {1} 1);", ref, op));
  return t;
}

std::string BodyGen::store(const Variable& v, Type t, const std::string& value) {
  std::string ref = var_ref(v);
  if (t == Type::String) {
    line(fmt::format("_stp_str_copy({}, {});", ref, value));
  } else {
    line(fmt::format("{} = {};", ref, value));
  }
  return ref;
}

static BinaryOp binary_of(AssignOp op) {
  switch (op) {
    case AssignOp::AddAssign: return BinaryOp::Add;
    case AssignOp::SubAssign: return BinaryOp::Sub;
    case AssignOp::MulAssign: return BinaryOp::Mul;
    case AssignOp::DivAssign: return BinaryOp::Div;
    case AssignOp::ModAssign: return BinaryOp::Mod;
    case AssignOp::ShlAssign: return BinaryOp::Shl;
    case AssignOp::ShrAssign: return BinaryOp::Shr;
    case AssignOp::AndAssign: return BinaryOp::BitAnd;
    case AssignOp::XorAssign: return BinaryOp::BitXor;
    case AssignOp::OrAssign: return BinaryOp::BitOr;
    case AssignOp::ConcatAssign: return BinaryOp::Concat;
    default: return BinaryOp::Add;
  }
}

std::string BodyGen::assign_scalar(const AssignExpr& e, const Variable& v) {
  const Type t = v.type;
  std::string value = expr(*e.value);
  std::string ref = var_ref(v);
  switch (e.op) {
    case AssignOp::Assign: {
      if (t == Type::String && value.rfind("l->t", 0) != 0 && value[0] != '"') {
        std::string tmp = temp(Type::String);  // the source may alias the target
        line(fmt::format("_stp_str_copy({}, {});", tmp, value));
        value = tmp;
      }
      return store(v, t, value);
    }
    case AssignOp::ConcatAssign:
      line(fmt::format("_stp_str_append({}, {});", ref, value));
      return ref;
    default: {
      std::string r = arith(binary_of(e.op), ref, value, e.loc);
      line(fmt::format("{} = {};", ref, r));
      return ref;
    }
  }
}

std::string BodyGen::assign(const AssignExpr& e) {
  if (e.op == AssignOp::StatAppend) return stat_append(*e.target, expr(*e.value));
  if (auto* idx = as<IndexExpr>(e.target.get())) return assign_index(e, *idx);
  const Variable* v = var_of(*e.target);
  if (!v) {
    fail(e.loc, "assignment needs a variable or an array element");
    return "0";
  }
  return assign_scalar(e, *v);
}

std::string BodyGen::call(const CallExpr& e) {
  const elaborate::Function* f = p_.call(&e);
  if (!f) {
    fail(e.loc, "unresolved function call '" + e.name + "'");
    return "0";
  }
  // Arguments are evaluated into temporaries first (left to right), then
  // copied into the callee's frame.
  std::vector<std::string> args;
  for (std::size_t i = 0; i < e.args.size(); ++i) {
    std::string v = expr(*e.args[i]);
    const Type pt = i < f->params.size() ? f->params[i]->type : Type::Long;
    if (is_temp(v)) {  // written once by its own expression: no copy
      args.push_back(v);
      continue;
    }
    std::string t = temp(pt == Type::String ? Type::String : Type::Long);
    line(pt == Type::String ? fmt::format("_stp_str_copy({}, {});", t, v)
                            : fmt::format("{} = {};", t, v));
    args.push_back(t);
  }
  const Type rt = f->return_type;
  std::string result = rt == Type::String ? temp(Type::String) : temp(Type::Long);
  set_stmt(where("identifier", e.name, e.loc));
  open("");
  line(fmt::format("{0} *a = ({0} *)_stp_frame_push(sizeof({0}));", frame_type(*f)));
  open("if (unlikely(!a))");
  line(fmt::format("STP_ERROR(c, {}, \"out of memory\");", error_label()));
  close();
  for (std::size_t i = 0; i < args.size() && i < f->params.size(); ++i) {
    if (f->params[i]->type == Type::String)
      line(fmt::format("_stp_str_copy(a->v_{}, {});", f->params[i]->name, args[i]));
    else
      line(fmt::format("a->v_{} = {};", f->params[i]->name, args[i]));
  }
  if (rt == Type::String) line(fmt::format("a->__retvalue = {};", result));
  line(fmt::format("{}(pc, a);", function_name(*f)));
  if (rt == Type::Long)
    line(fmt::format("{} = a->__retvalue;", result));
  line("_stp_frame_free(a);");
  close();
  check();
  return result;
}

}  // namespace cxxtap::translate
