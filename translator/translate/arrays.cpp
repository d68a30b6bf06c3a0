// Arrays (runtime maps), statistics (<<<, the @extractors) and histograms.
#include "body_gen.h"

#include "names.h"

#include <fmt/format.h>

namespace cxxtap::translate {

using namespace cxxtap::ir;
using elaborate::Variable;


std::string BodyGen::keys(const Variable& arr, const std::vector<ExprPtr>& idx, uint32_t* wild) {
  std::vector<std::string> vals;
  for (std::size_t i = 0; i < idx.size(); ++i) {
    if (!idx[i]) {
      vals.emplace_back();
      continue;
    }
    std::string v = expr(*idx[i]);
    const Type kt = i < arr.key_types.size() ? arr.key_types[i] : type_of(*idx[i]);
    // Copy into a temporary so that later keys cannot change earlier ones
    // (a temporary of the key's own expression, e.g. a call's result, is
    // written once: no copy).
    if (is_temp(v)) {
      vals.push_back(v);
      continue;
    }
    std::string t = temp(kt == Type::String ? Type::String : Type::Long);
    line(kt == Type::String ? fmt::format("_stp_str_copy({}, {});", t, v)
                            : fmt::format("{} = {};", t, v));
    vals.push_back(t);
  }
  std::string k = keys_temp(idx.size());
  for (std::size_t i = 0; i < vals.size(); ++i) {
    if (vals[i].empty()) {
      if (!wild) fail(idx.empty() ? SourceLoc{} : SourceLoc{}, "'*' is not allowed here");
      else *wild |= 1u << i;
      continue;
    }
    const Type kt = i < arr.key_types.size() ? arr.key_types[i] : Type::Long;
    line(fmt::format("{}[{}].{} = {};", k, i, kt == Type::String ? "s" : "n", vals[i]));
  }
  return k;
}

void BodyGen::array_full(const GlobalInfo& g, const std::string& rc) {
  open(fmt::format("if (unlikely({}))", rc));
  line(fmt::format("_stp_ctx_error_array_full(c, {}, {});",
                   g.var->global ? g.var->global->max_size : 0,
                   g.var->global && g.var->global->max_size > 0 ? "true" : "false"));
  line(fmt::format("goto {};", error_label()));
  close();
}

std::string BodyGen::index_read(const IndexExpr& e) {
  if (auto* h = as<HistExpr>(e.base.get())) return hist_bucket(e, *h);
  const GlobalInfo* g = global_of(*e.base);
  if (!g || !g->is_map()) {
    fail(e.loc, "indexing needs a global array");
    return "0";
  }
  std::string k = keys(*g->var, e.indexes, nullptr);
  if (g->var->type == Type::String) {
    std::string t = temp(Type::String);
    line(fmt::format("_stp_map_get_str({}, {}, {});", g->c_name, k, t));
    return t;
  }
  std::string t = temp(Type::Long);
  line(fmt::format("{} = _stp_map_get_long({}, {});", t, g->c_name, k));
  return t;
}

std::string BodyGen::assign_index(const AssignExpr& e, const IndexExpr& target) {
  const GlobalInfo* g = global_of(*target.base);
  if (!g || !g->is_map()) {
    fail(e.loc, "assignment to an element needs a global array");
    return "0";
  }
  std::string k = keys(*g->var, target.indexes, nullptr);
  std::string value = expr(*e.value);
  std::string rc = temp(Type::Long);
  set_stmt(first_token(*target.base));
  if (g->var->type == Type::String) {
    std::string t = temp(Type::String);
    if (e.op == AssignOp::ConcatAssign) {
      line(fmt::format("_stp_map_get_str({}, {}, {});", g->c_name, k, t));
      line(fmt::format("_stp_str_append({}, {});", t, value));
    } else {
      line(fmt::format("_stp_str_copy({}, {});", t, value));
    }
    line(fmt::format("{} = _stp_map_set_str({}, {}, {});", rc, g->c_name, k, t));
    array_full(*g, rc);
    return t;
  }
  std::string t = temp(Type::Long);
  if (e.op == AssignOp::Assign) {
    line(fmt::format("{} = {};", t, value));
  } else {
    std::string old = temp(Type::Long);
    line(fmt::format("{} = _stp_map_get_long({}, {});", old, g->c_name, k));
    BinaryOp op = BinaryOp::Add;
    switch (e.op) {
      case AssignOp::SubAssign: op = BinaryOp::Sub; break;
      case AssignOp::MulAssign: op = BinaryOp::Mul; break;
      case AssignOp::DivAssign: op = BinaryOp::Div; break;
      case AssignOp::ModAssign: op = BinaryOp::Mod; break;
      case AssignOp::ShlAssign: op = BinaryOp::Shl; break;
      case AssignOp::ShrAssign: op = BinaryOp::Shr; break;
      case AssignOp::AndAssign: op = BinaryOp::BitAnd; break;
      case AssignOp::XorAssign: op = BinaryOp::BitXor; break;
      case AssignOp::OrAssign: op = BinaryOp::BitOr; break;
      default: break;
    }
    line(fmt::format("{} = {};", t, arith(op, old, value, e.loc)));
  }
  line(fmt::format("{} = _stp_map_set_long({}, {}, {});", rc, g->c_name, k, t));
  array_full(*g, rc);
  return t;
}

std::string BodyGen::incdec_index(const IncDecExpr& e, const IndexExpr& target) {
  const GlobalInfo* g = global_of(*target.base);
  if (!g || !g->is_map() || g->var->type != Type::Long) {
    fail(e.loc, "++/-- needs a numeric array element");
    return "0";
  }
  std::string k = keys(*g->var, target.indexes, nullptr);
  std::string t = temp(Type::Long);
  std::string rc = temp(Type::Long);
  set_stmt(first_token(*target.base));
  line(fmt::format("{} = _stp_map_add_long({}, {}, {}, &{});", rc, g->c_name, k,
                   e.increment ? 1 : -1, t));
  array_full(*g, rc);
  if (!e.prefix) line(fmt::format("{} = (int64_t)((uint64_t){} {} 1);", t, t, e.increment ? "-" : "+"));
  return t;
}

std::string BodyGen::in_array(const InArrayExpr& e) {
  const GlobalInfo* g = global_of(*e.array);
  if (!g || !g->var->is_array()) {
    fail(e.loc, "'in' needs a global array");
    return "0";
  }
  uint32_t wild = 0;
  std::string k = keys(*g->var, e.keys, &wild);
  std::string t = temp(Type::Long);
  if (g->is_pmap()) {
    if (wild) {
      std::string rc = temp(Type::Long);
      line(fmt::format("{} = 0;", rc));  // the aggregate writes an int into it
      line(fmt::format("{} = _stp_map_exists_slice(_stp_pmap_aggregate({}, (int *)&{}), {}, {}u);",
                       t, g->c_name, rc, k, wild));
    } else {
      line(fmt::format("{} = _stp_pmap_exists({}, {});", t, g->c_name, k));
    }
  } else if (wild) {
    line(fmt::format("{} = _stp_map_exists_slice({}, {}, {}u);", t, g->c_name, k, wild));
  } else {
    line(fmt::format("{} = _stp_map_exists({}, {});", t, g->c_name, k));
  }
  return t;
}

std::string BodyGen::stat_append(const Expr& target, const std::string& value) {
  std::string v = temp(Type::Long);
  line(fmt::format("{} = {};", v, value));
  if (auto* idx = as<IndexExpr>(&target)) {
    const GlobalInfo* g = global_of(*idx->base);
    if (!g || !g->is_pmap()) {
      fail(target.loc, "'<<<' needs a statistics array");
      return v;
    }
    std::string k = keys(*g->var, idx->indexes, nullptr);
    std::string rc = temp(Type::Long);
    set_stmt(first_token(*idx->base));
    line(fmt::format("{} = _stp_pmap_add_stat({}, {}, {});", rc, g->c_name, k, v));
    array_full(*g, rc);
    return v;
  }
  const GlobalInfo* g = global_of(target);
  if (!g || !g->is_stat()) {
    fail(target.loc, "'<<<' needs a statistics global");
    return v;
  }
  line(fmt::format("_stp_pstat_add({}, {});", g->c_name, v));
  return v;
}

// A pointer to the aggregated stat of a scalar or of an array element.
std::string BodyGen::stat_pointer(const Expr& operand, const std::string& where_, bool* maybe_null) {
  std::string p = "l->" + new_label("st");
  members_.push_back("const struct _stp_stat *" + p.substr(3) + ";");
  *maybe_null = false;
  if (auto* idx = as<IndexExpr>(&operand)) {
    const GlobalInfo* g = global_of(*idx->base);
    if (!g || !g->is_pmap()) {
      fail(operand.loc, "statistics operators need a statistics array element");
      return p;
    }
    std::string k = keys(*g->var, idx->indexes, nullptr);
    line(fmt::format("{} = _stp_pmap_get_stat({}, {});", p, g->c_name, k));
    *maybe_null = true;
    return p;
  }
  const GlobalInfo* g = global_of(operand);
  if (!g || !g->is_stat() || g->var->is_array()) {
    fail(operand.loc, "statistics operators need a statistics global");
    return p;
  }
  line(fmt::format("{} = _stp_pstat_aggregate({});", p, g->c_name));
  return p;
}

static const GlobalInfo* stat_global(const BodyGen& b, const Expr& operand) {
  if (auto* idx = as<IndexExpr>(&operand)) return b.global_of(*idx->base);
  return b.global_of(operand);
}

std::string BodyGen::stat_expr(const StatExpr& e) {
  const GlobalInfo* g = stat_global(*this, *e.operand);
  bool maybe_null = false;
  std::string st = stat_pointer(*e.operand, "", &maybe_null);
  if (!g) return "0";
  std::string t = temp(Type::Long);
  line(fmt::format("{} = 0;", t));
  if (e.fn == StatFn::Count) {
    line(fmt::format("if ({0}) {1} = {0}->count;", st, t));
    return t;
  }
  const std::string name = "@" + std::string(stat_fn_name(e.fn));
  open(fmt::format("if (!{0} || _stp_stat_get({0}, {1}, {2}, &{3}) < 0)", st, spec_of(*g),
                   stat_op_name(e.fn), t));
  set_stmt(where("operator", name, e.loc));
  line(fmt::format("STP_ERROR(c, {}, \"empty aggregate\");", error_label()));
  close();
  return t;
}

std::string BodyGen::hist_bucket(const IndexExpr& e, const HistExpr& h) {
  const GlobalInfo* g = stat_global(*this, *h.operand);
  bool maybe_null = false;
  std::string st = stat_pointer(*h.operand, "", &maybe_null);
  if (!g || e.indexes.size() != 1 || !e.indexes[0]) {
    fail(e.loc, "a histogram takes one bucket index");
    return "0";
  }
  std::string i = expr(*e.indexes[0]);
  std::string t = temp(Type::Long);
  line(fmt::format("{} = 0;", t));
  open(fmt::format("if ({0} && _stp_stat_hist_get({0}, {1}, {2}, &{3}) < 0)", st, spec_of(*g), i,
                   t));
  set_stmt(first_token(e));
  line(fmt::format("STP_ERROR(c, {}, \"histogram index out of range\");", error_label()));
  close();
  return t;
}

void BodyGen::delete_stmt(const DeleteStmt& s) {
  const Expr& target = *s.target;
  if (auto* idx = as<IndexExpr>(&target)) {
    const GlobalInfo* g = global_of(*idx->base);
    if (!g || !g->var->is_array()) {
      fail(s.loc, "delete needs an array element");
      return;
    }
    uint32_t wild = 0;
    std::string k = keys(*g->var, idx->indexes, &wild);
    if (g->is_pmap()) {
      if (wild) fail(s.loc, "deleting a slice of a statistics array is not supported yet");
      line(fmt::format("_stp_pmap_delete({}, {});", g->c_name, k));
    } else if (wild) {
      line(fmt::format("_stp_map_delete_slice({}, {}, {}u);", g->c_name, k, wild));
    } else {
      line(fmt::format("_stp_map_delete({}, {});", g->c_name, k));
    }
    return;
  }
  const Variable* v = var_of(target);
  if (!v) {
    fail(s.loc, "delete needs a variable or an array");
    return;
  }
  if (v->scope == Variable::Scope::Global) {
    const GlobalInfo& g = g_.at(v);
    if (g.is_pmap()) return line(fmt::format("_stp_pmap_clear({});", g.c_name));
    if (g.is_map()) return line(fmt::format("_stp_map_clear({});", g.c_name));
    if (g.is_stat()) return line(fmt::format("_stp_pstat_clear({});", g.c_name));
  }
  if (v->type == Type::String)
    line(fmt::format("{}[0] = '\\0';", var_ref(*v)));
  else
    line(fmt::format("{} = 0;", var_ref(*v)));
}

}  // namespace cxxtap::translate
