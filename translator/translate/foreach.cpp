// foreach over an array (sorted, limited, sliced, with a value variable) and
// over the buckets of a histogram.
#include "body_gen.h"

#include "names.h"

#include <fmt/format.h>

#include <algorithm>

namespace cxxtap::translate {

using namespace cxxtap::ir;


void BodyGen::foreach_stmt(const ForeachStmt& s) {
  if (auto* h = as<HistExpr>(s.array.get())) return foreach_hist(s, *h);
  const GlobalInfo* g = global_of(*s.array);
  if (!g || !g->var->is_array()) return fail(s.loc, "foreach needs a global array");
  const std::string n = std::to_string(counter_++);
  members_.push_back("struct _stp_map_iter it" + n + ";");
  members_.push_back("struct _stp_map *m" + n + ";");
  members_.push_back("struct _stp_map_entry *e" + n + ";");
  const std::string it = "l->it" + n, m = "l->m" + n, e = "l->e" + n;
  if (g->is_pmap()) {
    std::string rc = temp(Type::Long);
    // The aggregate writes an int: the rest of the (unzeroed) temporary is 0.
    line(fmt::format("{} = 0;", rc));
    line(fmt::format("{} = _stp_pmap_aggregate({}, (int *)&{});", m, g->c_name, rc));
    open(fmt::format("if (unlikely({} < 0))", rc));
    line(fmt::format("STP_ERROR(c, {}, STP_MSG_AGG_OVERFLOW);", error_label()));
    close();
  } else {
    line(fmt::format("{} = {};", m, g->c_name));
  }
  std::string slice = "NULL";
  uint32_t wild = 0;
  if (!s.slice.empty()) slice = keys(*g->var, s.slice, &wild);
  std::string limit = "-1";
  if (s.limit) {
    limit = temp(Type::Long);
    line(fmt::format("{} = {};", limit, expr(*s.limit)));
  }
  // A sorted loop inside a sorted loop over the same array needs its own
  // order buffer (the map's own one holds the outer loop's order).
  std::string order = "NULL";
  const bool sorted = s.sort_direction != 0;
  if (sorted && std::find(sorted_foreach_.begin(), sorted_foreach_.end(), g) != sorted_foreach_.end()) {
    order = fmt::format("{}_order{}", g->c_name, n);
    statics_.push_back(fmt::format("static int32_t *{};", order));
    const std::string map = g->is_pmap() ? g->c_name + "->agg" : g->c_name;
    inits_.push_back(fmt::format(
        "\t{0} = _stp_alloc(_stp_map_order_len({1}) * sizeof(int32_t));\n\tif (!{0})\n"
        "\t\treturn -ENOMEM;\n",
        order, map));
  }
  line(fmt::format("_stp_map_iter_start(&{}, {}, {}, {}, {}, {}, {}, {}u, {});", it, m,
                   s.sort_direction, s.sort_column, stat_op_name(s.sort_aggregate), limit, slice,
                   wild, order));
  Loop loop{new_label("brk"), new_label("cont")};
  open("for (;;)");
  line(fmt::format("{} = _stp_map_iter_next(&{});", e, it));
  line(fmt::format("if (!{}) break;", e));
  for (std::size_t i = 0; i < s.keys.size(); ++i) {
    const elaborate::Variable* k = var_of(*s.keys[i]);
    if (!k) continue;
    if (k->type == Type::String)
      line(fmt::format("_stp_str_copy({}, _stp_map_key_str({}, {}, {}));", var_ref(*k), m, e, i));
    else
      line(fmt::format("{} = _stp_map_key_long({}, {}, {});", var_ref(*k), m, e, i));
  }
  if (s.value) {
    const elaborate::Variable* v = var_of(*s.value);
    if (v && g->is_pmap())
      fail(s.value->loc, "a value variable over a statistics array is not supported");
    else if (v && v->type == Type::String)
      line(fmt::format("_stp_str_copy({}, _stp_map_val_str({}, {}));", var_ref(*v), m, e));
    else if (v)
      line(fmt::format("{} = *_stp_map_val_long({}, {});", var_ref(*v), m, e));
  }
  if (sorted) sorted_foreach_.push_back(g);
  loop_body(loop, *s.body);
  if (sorted) sorted_foreach_.pop_back();
  close_loop(loop);
}

void BodyGen::foreach_hist(const ForeachStmt& s, const HistExpr& h) {
  const GlobalInfo* g = nullptr;
  if (auto* idx = as<IndexExpr>(h.operand.get())) g = global_of(*idx->base);
  else g = global_of(*h.operand);
  bool maybe_null = false;
  std::string st = stat_pointer(*h.operand, "", &maybe_null);
  if (!g || s.keys.size() != 1) return fail(s.loc, "foreach over a histogram takes one key");
  if (s.sort_direction != 0 || s.limit || !s.slice.empty())
    return fail(s.loc, "sorting, limiting or slicing a histogram is not supported yet");
  const elaborate::Variable* k = var_of(*s.keys[0]);
  const elaborate::Variable* v = s.value ? var_of(*s.value) : nullptr;
  std::string i = temp(Type::Long);
  Loop loop{new_label("brk"), new_label("cont")};
  open(fmt::format("for ({0} = 0; {1} && {0} < ({2})->buckets; {0}++)", i, st, spec_of(*g)));
  line(fmt::format("if ({}->histogram[{}] == 0) continue;", st, i));
  if (k) line(fmt::format("{} = {};", var_ref(*k), i));
  if (v) line(fmt::format("{} = {}->histogram[{}];", var_ref(*v), st, i));
  loop_body(loop, *s.body);
  close_loop(loop);
}

}  // namespace cxxtap::translate
