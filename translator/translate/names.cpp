#include "names.h"

#include "elaborate/regex_check.h"

#include <fmt/format.h>

namespace cxxtap::translate {

using namespace cxxtap::ir;

std::string global_name(const elaborate::Variable& v) { return "g_" + v.name; }

std::string local_name(const elaborate::Variable& v) { return "l->v_" + v.name; }

std::string function_name(const elaborate::Function& f) {
  return fmt::format("f_{}__{}_{}", f.name, f.arity(), f.overload_index);
}

std::string frame_type(const elaborate::Function& f) {
  return "struct " + function_name(f) + "_frame";
}

std::string c_string(std::string_view bytes) {
  std::string out = "\"";
  for (unsigned char c : bytes) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 32 || c >= 127 || c == '?') {
      out += fmt::format("\\{:03o}", c);  // '?' too: no trigraphs
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

std::string c_script_string(std::string_view written) {
  return c_string(elaborate::unescape_literal(written));
}

std::string c_long(int64_t v) {
  if (v == INT64_MIN) return "((int64_t)(-9223372036854775807LL - 1))";
  return fmt::format("((int64_t){}LL)", v);
}

std::string where(std::string_view kind, std::string_view token, const SourceLoc& loc) {
  std::string file = loc.file ? loc.file->name : std::string();
  if (token.empty()) return fmt::format("{} at {}:{}:{}", kind, file, loc.line, loc.column);
  return fmt::format("{} '{}' at {}:{}:{}", kind, token, file, loc.line, loc.column);
}

std::string first_token(const Expr& e) {
  switch (e.kind) {
    case ExprKind::Number:
      return where("number", std::to_string(static_cast<const NumberExpr&>(e).value), e.loc);
    case ExprKind::String:
      return where("string", static_cast<const StringExpr&>(e).value, e.loc);
    case ExprKind::Symbol:
      return where("identifier", static_cast<const SymbolExpr&>(e).name, e.loc);
    case ExprKind::Index: return first_token(*static_cast<const IndexExpr&>(e).base);
    case ExprKind::Call:
      return where("identifier", static_cast<const CallExpr&>(e).name, e.loc);
    case ExprKind::Print:
      return where("identifier", static_cast<const PrintExpr&>(e).function_name(), e.loc);
    case ExprKind::Unary:
      return where("operator", op_text(static_cast<const UnaryExpr&>(e).op), e.loc);
    case ExprKind::IncDec: {
      const auto& x = static_cast<const IncDecExpr&>(e);
      if (x.prefix) return where("operator", x.increment ? "++" : "--", e.loc);
      return first_token(*x.operand);
    }
    case ExprKind::Binary: return first_token(*static_cast<const BinaryExpr&>(e).left);
    case ExprKind::Ternary: return first_token(*static_cast<const TernaryExpr&>(e).cond);
    case ExprKind::Assign: return first_token(*static_cast<const AssignExpr&>(e).target);
    case ExprKind::InArray: {
      const auto& x = static_cast<const InArrayExpr&>(e);
      if (x.keys.size() == 1 && x.keys[0]) return first_token(*x.keys[0]);
      return where("operator", "[", e.loc);
    }
    case ExprKind::Stat:
      return where("operator",
                   "@" + std::string(stat_fn_name(static_cast<const StatExpr&>(e).fn)), e.loc);
    case ExprKind::Hist:
      return where("operator",
                   static_cast<const HistExpr&>(e).hist == HistKind::Linear ? "@hist_linear"
                                                                             : "@hist_log",
                   e.loc);
    case ExprKind::Target:
      return where("identifier", static_cast<const TargetExpr&>(e).name, e.loc);
    default: return where("operator", "", e.loc);
  }
}

std::string first_token(const Stmt& s) {
  switch (s.kind) {
    case StmtKind::Expr: return first_token(*static_cast<const ExprStmt&>(s).expr);
    case StmtKind::Block: return where("operator", "{", s.loc);
    case StmtKind::Embedded: return where("embedded-code", "", s.loc);
    default: return where("keyword", "", s.loc);
  }
}

const char* stat_op_name(ir::StatFn fn) {
  switch (fn) {
    case ir::StatFn::Sum: return "STP_STAT_SUM";
    case ir::StatFn::Min: return "STP_STAT_MIN";
    case ir::StatFn::Max: return "STP_STAT_MAX";
    case ir::StatFn::Avg: return "STP_STAT_AVG";
    case ir::StatFn::Variance: return "STP_STAT_VARIANCE";
    default: return "STP_STAT_COUNT";
  }
}

}  // namespace cxxtap::translate
