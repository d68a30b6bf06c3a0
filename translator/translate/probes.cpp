#include "probes.h"

#include "body_gen.h"
#include "lock_sets.h"
#include "names.h"

#include <fmt/format.h>

namespace cxxtap::translate {

using namespace cxxtap::ir;

namespace {

// Nanoseconds per jiffy of the user-space session (HZ = 250).
constexpr int64_t kJiffyNs = 4'000'000;

struct TableRow {
  std::string kind;
  int64_t sequence = 0, interval_ns = 0, randomize_ns = 0;
  std::string symbol;       // kprobes: "NAME" or "MOD:NAME"
  int64_t offset = 0;       // kprobes: from the symbol (DWARF families)
  int64_t maxactive = -1;   // kretprobes
};

int64_t num(const elaborate::ResolvedPoint& pt, const char* key) {
  auto it = pt.numbers.find(key);
  return it == pt.numbers.end() ? 0 : it->second;
}

// The session's view of a probe point, or nothing when pass 3 cannot
// translate its family (kprobes exist only in the kernel runtime).
std::optional<TableRow> row_of(const elaborate::ResolvedPoint& pt, bool user_runtime) {
  TableRow r;
  const std::string& f = pt.family;
  if (f == "begin" || f == "end" || f == "error") {
    r.kind = f == "begin" ? "STP_PROBE_BEGIN" : f == "end" ? "STP_PROBE_END" : "STP_PROBE_ERROR";
    r.sequence = num(pt, "sequence");
    return r;
  }
  if (f == "never") {
    r.kind = "STP_PROBE_NEVER";
    return r;
  }
  if (f == "timer.jiffies") {
    r.kind = "STP_PROBE_TIMER";
    r.interval_ns = num(pt, "interval") * kJiffyNs;
    r.randomize_ns = num(pt, "randomize") * kJiffyNs;
    return r;
  }
  // kprobe.function needs no debuginfo; kernel.function and
  // module().function come resolved from DWARF to a symbol + offset. All
  // are kprobes or kretprobes registered by symbol name.
  const bool ret = f == "kprobe.function.return" || f == "kernel.function.return" ||
                   f == "module.function.return";
  const bool entry = f == "kprobe.function" || f == "kernel.function" || f == "module.function";
  if ((ret || entry) && !user_runtime) {
    r.kind = entry ? "STP_PROBE_KPROBE" : "STP_PROBE_KRETPROBE";
    auto sym = pt.strings.find("symbol");
    if (sym == pt.strings.end()) return std::nullopt;
    r.symbol = sym->second;
    r.offset = num(pt, "offset");
    r.maxactive = pt.numbers.count("maxactive") ? num(pt, "maxactive") : -1;
    return r;
  }
  if (f.rfind("timer.", 0) == 0 && pt.numbers.count("interval_ns")) {
    r.kind = "STP_PROBE_TIMER";
    r.interval_ns = num(pt, "interval_ns");
    r.randomize_ns = num(pt, "randomize_ns");
    return r;
  }
  return std::nullopt;
}

std::string local_member(const elaborate::Variable& v) {
  if (v.type == Type::String) return fmt::format("char v_{}[MAXSTRINGLEN];", v.name);
  return fmt::format("int64_t v_{};", v.name);
}

std::string handler(const elaborate::Program& p, const Globals& g, Diagnostics& diags,
                    const elaborate::DerivedProbe& probe, const std::string& name, bool user_runtime,
                    Extras& extras) {
  BodyGen b(p, g, diags, nullptr, user_runtime);
  if (probe.condition) {
    std::string c = b.cond(*probe.condition);
    b.line(fmt::format("if (!{})\n\t\tgoto out;", c));
  }
  if (probe.body) b.body(*probe.body);
  extras.add(b.statics(), b.inits());
  std::string comment = probe.point.text;
  for (auto pos = comment.find("*/"); pos != std::string::npos; pos = comment.find("*/"))
    comment.replace(pos, 2, "* /");
  std::string out = fmt::format("\n/* {} */\nstruct {}_locals {{\n\tchar __unused;\n",
                                comment, name);
  for (const auto& v : probe.locals) out += "\t" + local_member(*v) + "\n";
  for (const auto& m : b.frame_members()) out += "\t" + m + "\n";
  out += "};\n\n";
  out += fmt::format("static void {}(struct _stp_probe_ctx *pc)\n{{\n", name);
  out += "\tstruct _stp_context *c = &pc->ctx;\n\n\t(void)c;\n";
  // A handler with no locals and no temporaries needs no frame (a few dozen
  // instructions a hit, bench/probe_hit.sh).
  const bool frame = !probe.locals.empty() || !b.frame_members().empty();
  if (frame) {
    out += fmt::format("\tstruct {0}_locals *l = _stp_frame_alloc(sizeof(struct {0}_locals));\n\n",
                       name);
    out += "\tif (unlikely(!l)) {\n\t\t_stp_ctx_error(c, \"out of memory\");\n\t\treturn;\n\t}\n";
  }
  // Every global the probe can touch, locked for its whole run (lock_sets.h);
  // a lock that stays taken MAXTRYLOCK times skips the probe.
  const auto locks = probe_locks(p, probe, g);
  for (std::size_t i = 0; i < locks.size(); ++i)
    out += fmt::format(
        "\tif (unlikely(!_stp_{}_lock_try(&{}))) {{\n\t\tpc->lock_timeout = true;\n"
        "\t\tgoto unlock_{};\n\t}}\n",
        locks[i].exclusive ? "write" : "read", lock_of(*locks[i].global), i);
  out += b.code();
  out += "out: __attribute__((unused));\n";
  for (std::size_t i = locks.size(); i-- > 0;)
    out += fmt::format("\t_stp_{}_unlock(&{});\nunlock_{}: ;\n",
                       locks[i].exclusive ? "write" : "read", lock_of(*locks[i].global), i);
  if (frame) out += "\t_stp_frame_free(l);\n";
  out += "}\n";
  return out;
}

}  // namespace

std::string probe_handlers(const elaborate::Program& p, const Globals& g,
                           const TranslateOptions& opts, Diagnostics& diags, Extras& extras) {
  std::string out, table, frames;
  std::size_t n = 0;
  for (const auto& probe : p.probes) {
    auto row = row_of(probe->point, opts.user_runtime);
    if (!row) {
      const SourceLoc loc = probe->point.written ? probe->point.written->loc : SourceLoc{};
      diags.error(loc, opts.user_runtime
                           ? fmt::format("probe point '{}' is not available with --runtime=user "
                                         "(it needs the kernel runtime)",
                                         probe->point.text)
                           : fmt::format("probe point '{}' is not supported by pass 3 yet",
                                         probe->point.text));
      continue;
    }
    const std::string name = fmt::format("probe_{}", n++);
    out += handler(p, g, diags, *probe, name, opts.user_runtime, extras);
    table += fmt::format(
        "\t{{ .kind = {}, .sequence = {}, .interval_ns = {}, .randomize_ns = {},\n"
        "\t  .pp = {}, .pn = {}, .handler = {},\n"
        "\t  .symbol = {}, .offset = {}, .maxactive = {}, .optional = {} }},\n",
        row->kind, c_long(row->sequence), c_long(row->interval_ns), c_long(row->randomize_ns),
        c_string(probe->point.text),
        c_string(probe->point.written ? probe->point.written->str() : probe->point.text), name,
        row->symbol.empty() ? std::string("NULL") : c_string(row->symbol),
        fmt::format("{:#x}UL", row->offset), row->maxactive,
        probe->point.optional ? "true" : "false");
    frames += fmt::format("\tstruct {}_locals {};\n", name, name);
  }
  out += "\nconst struct _stp_probe_desc _stp_probe_table[] = {\n" + table;
  if (n == 0)
    out += "\t{ .kind = STP_PROBE_NEVER, .pp = \"\", .pn = \"\", .handler = NULL, .symbol = NULL, "
           ".maxactive = -1, .optional = false },\n";
  out += "};\n";
  out += fmt::format("const size_t _stp_probe_count = {};\n", n);
  // The frame memory one hit can use (runtime/frame.h): the largest handler
  // frame, then at most MAXNESTING + 1 function frames (a frame is allocated
  // before its call checks the nesting).
  std::string fn_frames;
  std::size_t k = 0;
  for (const auto& f : p.functions) fn_frames += fmt::format("\t{} f{};\n", frame_type(*f), k++);
  out += "\nunion _stp_probe_frames {\n\tchar none;\n" + frames + "};\n";
  out += "union _stp_function_frames {\n\tchar none;\n" + fn_frames + "};\n";
  out += "const size_t _stp_frame_arena_size =\n"
         "\tSTP_FRAME_SIZE(sizeof(union _stp_probe_frames)) +\n"
         "\t(MAXNESTING + 1) * STP_FRAME_SIZE(sizeof(union _stp_function_frames));\n";
  return out;
}

}  // namespace cxxtap::translate
