#include "globals.h"

#include "names.h"

#include <cxxtap/ir/visitor.h>

#include <fmt/format.h>

namespace cxxtap::translate {

using namespace cxxtap::ir;
using elaborate::Variable;

namespace {

int64_t number_of(const Expr* e) {
  if (auto* n = as<NumberExpr>(e)) return n->value;
  if (auto* u = as<UnaryExpr>(e); u && u->op == UnaryOp::Neg) return -number_of(u->operand.get());
  return 0;
}

// Finds the histogram and @variance uses of each statistics global.
class ShapeCollector : public Visitor<ShapeCollector> {
 public:
  ShapeCollector(const elaborate::Program& p, Globals& g, Diagnostics& d) : p_(p), g_(g), d_(d) {}

  GlobalInfo* stat_global(const Expr* operand) {
    if (auto* idx = as<IndexExpr>(operand)) operand = idx->base.get();
    const Variable* v = p_.symbol(operand);
    auto it = v ? g_.info.find(v) : g_.info.end();
    return it == g_.info.end() ? nullptr : &it->second;
  }

  void visit_Hist(HistExpr& e) {
    Visitor::visit_Hist(e);
    GlobalInfo* g = stat_global(e.operand.get());
    if (!g) return;
    StatShape s = g->shape;
    if (e.hist == HistKind::Log) {
      s.hist = StatShape::Log;
    } else {
      s.hist = StatShape::Linear;
      if (e.params.size() == 3) {
        s.start = number_of(e.params[0].get());
        s.stop = number_of(e.params[1].get());
        s.interval = number_of(e.params[2].get());
      }
    }
    if (g->shape.hist != StatShape::None &&
        (g->shape.hist != s.hist || g->shape.start != s.start || g->shape.stop != s.stop ||
         g->shape.interval != s.interval)) {
      d_.error(e.loc, "conflicting histogram types for '" + g->var->name + "'");
      return;
    }
    g->shape = s;
  }

  void visit_Stat(StatExpr& e) {
    Visitor::visit_Stat(e);
    if (e.fn != StatFn::Variance || !e.param) return;
    if (GlobalInfo* g = stat_global(e.operand.get())) g->shape.bit_shift = number_of(e.param.get());
  }

 private:
  const elaborate::Program& p_;
  Globals& g_;
  Diagnostics& d_;
};

const char* type_enum(Type t) {
  switch (t) {
    case Type::String: return "STP_TYPE_STRING";
    case Type::Stats: return "STP_TYPE_STAT";
    default: return "STP_TYPE_LONG";
  }
}

std::string key_types(const GlobalInfo& g) {
  std::string s = "{";
  for (std::size_t i = 0; i < g.var->key_types.size(); ++i)
    s += std::string(i ? ", " : "") + type_enum(g.var->key_types[i]);
  return s + "}";
}

std::string spec_init(const GlobalInfo& g) {
  const StatShape& s = g.shape;
  const std::string spec = spec_of(g);
  switch (s.hist) {
    case StatShape::Linear:
      return fmt::format("_stp_stat_spec_linear({}, {}, {}, {}, {})", spec, c_long(s.start),
                         c_long(s.stop), c_long(s.interval), s.bit_shift);
    case StatShape::Log: return fmt::format("_stp_stat_spec_log({}, {})", spec, s.bit_shift);
    case StatShape::None: break;
  }
  return fmt::format("_stp_stat_spec_plain({}, {})", spec, s.bit_shift);
}

}  // namespace

std::string spec_of(const GlobalInfo& g) { return "&" + g.c_name + "_spec"; }
std::string lock_of(const GlobalInfo& g) { return g.c_name + "_lock"; }

Globals collect_globals(const elaborate::Program& p, Diagnostics& diags) {
  Globals g;
  for (const auto& v : p.globals) {
    GlobalInfo info;
    info.var = v.get();
    info.c_name = global_name(*v);
    g.info.emplace(v.get(), info);
  }
  for (const auto& v : p.globals) g.ordered.push_back(&g.info.at(v.get()));
  ShapeCollector c(p, g, diags);
  for (const auto& pr : p.probes) c.visit(pr->body.get());
  for (const auto& f : p.functions)
    if (f->decl && f->decl->body) c.visit(f->decl->body.get());
  return g;
}

std::string global_declarations(const Globals& g) {
  std::string out;
  for (const GlobalInfo* gi : g.ordered) {
    const Variable& v = *gi->var;
    out += fmt::format("static _stp_rwlock_t {};\n", lock_of(*gi));
    if (gi->is_stat()) out += fmt::format("static struct _stp_stat_spec {}_spec;\n", gi->c_name);
    if (gi->is_pmap())
      out += fmt::format("static struct _stp_pmap *{};\n", gi->c_name);
    else if (gi->is_map())
      out += fmt::format("static struct _stp_map *{};\n", gi->c_name);
    else if (gi->is_stat())
      out += fmt::format("static struct _stp_pstat *{};\n", gi->c_name);
    else if (v.type == Type::String)
      out += fmt::format("static char {}[MAXSTRINGLEN];\n", gi->c_name);
    else
      out += fmt::format("static int64_t {};\n", gi->c_name);
  }
  return out;
}

std::string global_init(const Globals& g) {
  std::string out;
  for (const GlobalInfo* gi : g.ordered) {
    const Variable& v = *gi->var;
    const std::string max = v.global && v.global->max_size > 0
                                ? std::to_string(v.global->max_size)
                                : std::string("MAXMAPENTRIES");
    const bool wrap = v.global && v.global->wrap;
    out += fmt::format("\t_stp_rwlock_init(&{});\n", lock_of(*gi));
    if (gi->is_stat())
      out += fmt::format("\tif ({} < 0)\n\t\treturn -EINVAL;\n", spec_init(*gi));
    if (gi->var->is_array()) {
      out += fmt::format("\t{{\n\t\tstatic const enum _stp_type kt[] = {};\n", key_types(*gi));
      if (gi->is_pmap())
        out += fmt::format("\t\t{} = _stp_pmap_new({}, kt, {}, {}, {});\n", gi->c_name,
                           v.key_types.size(), spec_of(*gi), max, wrap ? "true" : "false");
      else
        out += fmt::format("\t\t{} = _stp_map_new({}, kt, {}, NULL, {}, {});\n", gi->c_name,
                           v.key_types.size(), type_enum(v.type), max, wrap ? "true" : "false");
      out += fmt::format("\t\tif (!{})\n\t\t\treturn -ENOMEM;\n\t}}\n", gi->c_name);
    } else if (gi->is_stat()) {
      out += fmt::format("\t{} = _stp_pstat_new({});\n\tif (!{})\n\t\treturn -ENOMEM;\n",
                         gi->c_name, spec_of(*gi), gi->c_name);
    } else if (v.global && v.global->init) {
      const Expr* init = v.global->init.get();
      if (auto* s = as<StringExpr>(init))
        out += fmt::format("\t_stp_str_copy({}, {});\n", gi->c_name, c_script_string(s->value));
      else
        out += fmt::format("\t{} = {};\n", gi->c_name, c_long(number_of(init)));
    }
  }
  return out;
}

std::string global_exit(const Globals& g) {
  std::string out;
  for (const GlobalInfo* gi : g.ordered) {
    if (gi->is_pmap()) out += fmt::format("\t_stp_pmap_free({});\n", gi->c_name);
    else if (gi->is_map()) out += fmt::format("\t_stp_map_free({});\n", gi->c_name);
    else if (gi->is_stat()) out += fmt::format("\t_stp_pstat_free({});\n", gi->c_name);
  }
  return out;
}

std::string global_table(const Globals& g) {
  std::string rows;
  std::size_t n = 0;
  for (const GlobalInfo* gi : g.ordered) {
    if (gi->var->is_array() || gi->is_stat()) continue;
    const bool str = gi->var->type == Type::String;
    rows += fmt::format("\t{{ {}, {}, {} }},\n", c_string(gi->var->name),
                        str ? "NULL" : "&" + gi->c_name, str ? gi->c_name : "NULL");
    ++n;
  }
  if (n == 0) rows = "\t{ NULL, NULL, NULL },\n";
  std::string out = "const struct _stp_global_desc _stp_global_table[] = {\n" + rows + "};\n" +
                    fmt::format("const size_t _stp_global_count = {};\n", n);
  // In the kernel, staprun's NAME=VALUE arguments are module parameters:
  // one per scalar global, applied by the session after the globals'
  // initializers (runtime/linux/session/session.c).
  if (n > 0) {
    out += "#ifdef __KERNEL__\n";
    std::size_t i = 0;
    for (const GlobalInfo* gi : g.ordered) {
      if (gi->var->is_array() || gi->is_stat()) continue;
      // Spelled out rather than through module_param_cb(), whose name
      // argument would be macro-expanded (a global may be called NULL).
      out += fmt::format(
          "static const char _stp_param_name_{0}[] = {1};\n"
          "static struct kernel_param __moduleparam_const _stp_param_{0}\n"
          "\t__used __section(\"__param\") __aligned(__alignof__(struct kernel_param)) = {{\n"
          "\t.name = _stp_param_name_{0}, .mod = THIS_MODULE, .ops = &_stp_global_param_ops,\n"
          "\t.perm = 0, .level = -1, .flags = 0, .arg = (void *)&_stp_global_table[{0}],\n"
          "}};\n",
          i, c_string(gi->var->name));
      ++i;
    }
    out += "#endif\n";
  }
  return out;
}

}  // namespace cxxtap::translate
