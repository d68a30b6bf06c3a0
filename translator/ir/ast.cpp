// Small facts about nodes: operator spellings and canonical names.
#include <cxxtap/ir/ast.h>
#include <cxxtap/ir/printer.h>

namespace cxxtap::ir {

std::string_view op_text(UnaryOp op) {
  switch (op) {
    case UnaryOp::Neg: return "-";
    case UnaryOp::Plus: return "+";
    case UnaryOp::Not: return "!";
    case UnaryOp::BitNot: return "~";
  }
  return "?";
}

std::string_view op_text(BinaryOp op) {
  switch (op) {
    case BinaryOp::Mul: return "*";
    case BinaryOp::Div: return "/";
    case BinaryOp::Mod: return "%";
    case BinaryOp::Add: return "+";
    case BinaryOp::Sub: return "-";
    case BinaryOp::Shl: return "<<";
    case BinaryOp::Shr: return ">>";
    case BinaryOp::Concat: return ".";
    case BinaryOp::Lt: return "<";
    case BinaryOp::Gt: return ">";
    case BinaryOp::Le: return "<=";
    case BinaryOp::Ge: return ">=";
    case BinaryOp::Eq: return "==";
    case BinaryOp::Ne: return "!=";
    case BinaryOp::RegexMatch: return "=~";
    case BinaryOp::RegexNoMatch: return "!~";
    case BinaryOp::BitAnd: return "&";
    case BinaryOp::BitXor: return "^";
    case BinaryOp::BitOr: return "|";
    case BinaryOp::LogAnd: return "&&";
    case BinaryOp::LogOr: return "||";
  }
  return "?";
}

std::string_view op_text(AssignOp op) {
  switch (op) {
    case AssignOp::Assign: return "=";
    case AssignOp::AddAssign: return "+=";
    case AssignOp::SubAssign: return "-=";
    case AssignOp::MulAssign: return "*=";
    case AssignOp::DivAssign: return "/=";
    case AssignOp::ModAssign: return "%=";
    case AssignOp::ShlAssign: return "<<=";
    case AssignOp::ShrAssign: return ">>=";
    case AssignOp::AndAssign: return "&=";
    case AssignOp::XorAssign: return "^=";
    case AssignOp::OrAssign: return "|=";
    case AssignOp::ConcatAssign: return ".=";
    case AssignOp::StatAppend: return "<<<";
  }
  return "?";
}

std::string_view stat_fn_name(StatFn fn) {
  switch (fn) {
    case StatFn::Count: return "count";
    case StatFn::Sum: return "sum";
    case StatFn::Min: return "min";
    case StatFn::Max: return "max";
    case StatFn::Avg: return "avg";
    case StatFn::Variance: return "variance";
    case StatFn::None: break;
  }
  return "";
}

std::string PrintExpr::function_name() const {
  std::string base;
  switch (style) {
    case PrintStyle::Print: base = "print"; break;
    case PrintStyle::Println: base = "println"; break;
    case PrintStyle::Printd: base = "printd"; break;
    case PrintStyle::Printdln: base = "printdln"; break;
    case PrintStyle::Printf: base = "printf"; break;
  }
  return to_string ? "s" + base : base;
}

std::string ProbePoint::str() const {
  std::string out;
  for (const auto& c : components) {
    if (!out.empty()) out += '.';
    out += c.functor;
    if (c.arg) out += '(' + ir::to_string(*c.arg) + ')';
  }
  return out;
}

}  // namespace cxxtap::ir
