#include "probes.h"

#include "body_gen.h"
#include "lock_sets.h"
#include "names.h"
#include "probe_needs.h"

#include <fmt/format.h>

#include <unordered_map>

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
  std::string nf_pf, nf_hook, nf_priority;  // netfilter hooks: C expressions
  std::string tp_name;      // tracepoints: the kernel tracepoint's name
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
  // module().function (and .statement) come resolved from DWARF to a symbol
  // + offset. All are kprobes or kretprobes registered by symbol name, but
  // kernel.statement(A).absolute and kprobe.statement(A).absolute,
  // registered by address (no symbol).
  const bool ret = f == "kprobe.function.return" || f == "kernel.function.return" ||
                   f == "module.function.return";
  const bool entry = f == "kprobe.function" || f == "kernel.function" || f == "module.function" ||
                     f == "kernel.statement" || f == "module.statement" ||
                     f == "kprobe.statement";
  if ((ret || entry) && !user_runtime) {
    r.kind = entry ? "STP_PROBE_KPROBE" : "STP_PROBE_KRETPROBE";
    auto sym = pt.strings.find("symbol");
    if (sym == pt.strings.end()) return std::nullopt;
    r.symbol = sym->second;
    r.offset = num(pt, "offset");
    r.maxactive = pt.numbers.count("maxactive") ? num(pt, "maxactive") : -1;
    return r;
  }
  if (f == "netfilter" && !user_runtime) {
    r.kind = "STP_PROBE_NETFILTER";
    // A name stap -g takes verbatim, else the number pass 2 found.
    auto c_of = [&](const char* key) {
      auto s = pt.strings.find(key);
      return s != pt.strings.end() ? s->second : std::to_string(num(pt, key));
    };
    r.nf_pf = c_of("pf");
    r.nf_hook = c_of("hook");
    r.nf_priority = c_of("priority");
    return r;
  }
  if (f == "kernel.trace" && !user_runtime) {
    r.kind = "STP_PROBE_TRACEPOINT";
    auto tp = pt.strings.find("tracepoint");
    if (tp == pt.strings.end()) return std::nullopt;
    r.tp_name = tp->second;
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

// A kprobe's own pre-handler (runtime/linux/session/kprobe_hit.h): the
// handler is called directly, and the hit sets up only what it needs.
std::string kprobe_entry(const elaborate::Program& p, const elaborate::DerivedProbe& probe,
                         const std::string& name, std::size_t index) {
  const ProbeNeeds needs = probe_needs(p, probe);
  std::string flags;
  if (needs.context) flags = "STP_HIT_CONTEXT";
  if (needs.prints) flags += std::string(flags.empty() ? "" : " | ") + "STP_HIT_PRINTS";
  if (flags.empty()) flags = "0";
  return fmt::format(
      "\nstatic int notrace {0}_kprobe(struct kprobe *kp, struct pt_regs *regs)\n{{\n"
      "\t_stp_kprobe_hit(&_stp_probe_table[{1}], kp, regs, {0}, {2});\n\treturn 0;\n}}\n",
      name, index, flags);
}

// A tracepoint probe's callback (runtime/linux/session/tracepoint.c): the
// tracepoint's data, then up to ten arguments in 64-bit slots (x86-64: six
// registers, then 8-byte stack slots); slots past the tracepoint's own
// arguments hold garbage that no handler reads.
constexpr int kTracepointArgs = 10;

std::string tracepoint_proto(const std::string& name) {
  std::string params;
  for (int i = 0; i < kTracepointArgs; ++i) params += fmt::format(", u64 a{}", i);
  return fmt::format("static void notrace {}_tp(void *data{})", name, params);
}

std::string tracepoint_entry(const std::string& name, std::size_t index) {
  std::string slots;
  for (int i = 0; i < kTracepointArgs; ++i) slots += fmt::format("{}(int64_t)a{}", i ? ", " : "", i);
  return fmt::format("\n{}\n{{\n\tint64_t args[{}] = {{ {} }};\n\n"
                     "\t_stp_tracepoint_hit(&_stp_probe_table[{}], args);\n}}\n",
                     tracepoint_proto(name), kTracepointArgs, slots, index);
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
    out += fmt::format("\tstruct {0}_locals *l = _stp_frame_push(sizeof(struct {0}_locals));\n\n",
                       name);
    out += "\tif (unlikely(!l)) {\n\t\t_stp_ctx_error(c, \"out of memory\");\n\t\treturn;\n\t}\n";
    // Only the locals start out empty; temporaries are written first.
    out += init_locals(probe.locals);
  }
  // Every global the probe can touch, locked for its whole run (lock_sets.h);
  // a lock that stays taken MAXTRYLOCK times skips the probe.
  const auto locks = probe_locks(p, probe, g);
  for (std::size_t i = 0; i < locks.size(); ++i)
    out += fmt::format(
        "\tif (unlikely(!_stp_{}_lock_try(&{}))) {{\n\t\tSTP_LOCK_TIMEOUT(pc);\n"
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
  std::string out, table, frames, entries, entry_protos;
  std::size_t n = 0;
  // Table rows of the probes that have one (a .return probe names its
  // entry part's row).
  std::unordered_map<const elaborate::DerivedProbe*, std::size_t> rows;
  for (const auto& probe : p.probes)
    if (probe->is_entry_part || row_of(probe->point, opts.user_runtime))
      rows.emplace(probe.get(), rows.size());
  for (const auto& probe : p.probes) {
    auto row = row_of(probe->point, opts.user_runtime);
    if (row && probe->is_entry_part) {
      // Run by its return probe's kretprobe when the function is entered.
      row = TableRow{};
      row->kind = "STP_PROBE_KRETPROBE_ENTRY";
    }
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
    // kprobes get a pre-handler of their own that calls the handler
    // directly (and so the table has no pointer to it: it is inlined).
    const bool own_entry = row->kind == "STP_PROBE_KPROBE";
    if (own_entry) {
      entry_protos += fmt::format(
          "static int notrace {}_kprobe(struct kprobe *kp, struct pt_regs *regs);\n", name);
      entries += kprobe_entry(p, *probe, name, n - 1);
    }
    table += fmt::format(
        "\t{{ .kind = {}, .sequence = {}, .interval_ns = {}, .randomize_ns = {},\n"
        "\t  .pp = {}, .pn = {}, .handler = {},\n"
        "\t  .symbol = {}, .offset = {}, .maxactive = {}, .optional = {} }},\n",
        row->kind, c_long(row->sequence), c_long(row->interval_ns), c_long(row->randomize_ns),
        c_string(probe->point.text),
        c_string(probe->point.written ? probe->point.written->str() : probe->point.text),
        own_entry ? std::string("NULL") : name,
        row->symbol.empty() ? std::string("NULL") : c_string(row->symbol),
        fmt::format("{:#x}UL", static_cast<uint64_t>(row->offset)), row->maxactive,
        probe->point.optional ? "true" : "false");
    if (own_entry)
      table.insert(table.size() - 4, fmt::format(",\n\t  .kprobe_pre = {}_kprobe", name));
    if (!row->tp_name.empty()) {
      entry_protos += tracepoint_proto(name) + ";\n";
      entries += tracepoint_entry(name, n - 1);
      table.insert(table.size() - 4, fmt::format(",\n\t  .tp_name = {}, .tp_func = (void *){}_tp",
                                                 c_string(row->tp_name), name));
    }
    if (probe->entry_part && row->kind == "STP_PROBE_KRETPROBE")
      table.insert(table.size() - 4,
                   fmt::format(",\n\t  .entry = &_stp_probe_table[{}], .entry_data_size = {}",
                               rows.at(probe->entry_part), probe->entry_data_size));
    if (!row->nf_pf.empty()) {
      table.insert(table.size() - 4,
                   fmt::format(",\n\t  .nf_pf = {}, .nf_hook = {}, .nf_priority = {}", row->nf_pf,
                               row->nf_hook, row->nf_priority));
      // -g names taken verbatim are the kernel's: its headers define them.
      if (!probe->point.strings.empty() &&
          extras.statics.find("<linux/netfilter.h>") == std::string::npos)
        extras.statics +=
            "#include <linux/netfilter.h>\n#include <linux/netfilter_ipv4.h>\n"
            "#include <linux/netfilter_ipv6.h>\n#include <linux/netfilter_arp.h>\n"
            "#include <linux/netfilter_bridge.h>\n";
    }
    frames += fmt::format("\tstruct {}_locals {};\n", name, name);
  }
  if (!entries.empty())
    out += "\n#include \"runtime/linux/session/kprobe_hit.h\"\n\n" + entry_protos;
  out += "\nconst struct _stp_probe_desc _stp_probe_table[] = {\n" + table;
  if (n == 0)
    out += "\t{ .kind = STP_PROBE_NEVER, .pp = \"\", .pn = \"\", .handler = NULL, .symbol = NULL, "
           ".maxactive = -1, .optional = false },\n";
  out += "};\n";
  out += fmt::format("const size_t _stp_probe_count = {};\n", n);
  out += entries;
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
