// kernel.trace("NAME"): probes on the kernel's tracepoints. NAME is a glob
// ("sched_*"); a "SYS:" prefix (the event's subsystem, "sched:sched_switch")
// is accepted and ignored. Not yet: module tracepoints.
//
// A tracepoint NAME is found in the kernel's DWARF as the function
// `__traceiter_NAME(void *__data, ARGS...)` that calls its probes: ARGS are
// the tracepoint's arguments, which the runtime's callback
// (runtime/linux/session/tracepoint.c) keeps in an int64_t array at
// CONTEXT->entry_data, one 64-bit slot per argument.
//
// What a resolved point carries for pass 3:
//   family                "kernel.trace"
//   strings["tracepoint"] NAME, what the runtime looks the tracepoint up by
//   context_vars          $ARG for each argument (an @cast of its pointee
//                         for `$ARG->member`), $$name, $$parms and $$vars
#include "probe_families.h"

#include "debuginfo/locate.h"
#include "debuginfo/module.h"

#include <fmt/format.h>

#include <set>

namespace cxxtap::elaborate {

namespace {

constexpr std::string_view kIter = "__traceiter_";

using CV = ResolvedPoint::ContextVar;

// The i-th argument's slot, truncated and extended by its type: a 32-bit
// argument arrives in a 64-bit register whose upper half is garbage.
std::string arg_expr(std::size_t i, const debuginfo::Parameter& p) {
  const std::string slot = fmt::format("((int64_t *)CONTEXT->entry_data)[{}]", i);
  if (p.size == 1 || p.size == 2 || p.size == 4)
    return fmt::format("({}int{}_t){}", p.is_signed ? "" : "u", p.size * 8, slot);
  return slot;
}

class KernelTraceFamily final : public ProbeFamily {
 public:
  std::string_view name() const override { return "kernel.trace"; }

  std::vector<std::string> patterns() const override { return {"kernel.trace(string)"}; }

  std::optional<FamilyError> resolve(std::span<const PointComponent> comps,
                                     ResolvedPoint& out) const override {
    return FamilyError{"kernel.trace needs a debuginfo session", {}};
  }

  std::optional<FamilyError> resolve_all(std::span<const PointComponent> comps,
                                         const FamilyContext& ctx,
                                         std::vector<ResolvedPoint>& out) const override {
    const PointComponent& tc = comps[1];
    std::string pattern = tc.string().value_or("");
    if (auto colon = pattern.find(':'); colon != std::string::npos)
      pattern = pattern.substr(colon + 1);
    if (pattern.empty()) return FamilyError{"empty tracepoint name", tc.loc};

    if (!ctx.debuginfo) return FamilyError{"no debuginfo session for kernel.trace", tc.loc};
    const std::string release = debuginfo::release_or_running(ctx.kernel_release);
    std::string error;
    auto path = debuginfo::find_kernel_debuginfo(release, error);
    if (!path) return FamilyError{error, tc.loc};
    debuginfo::Module* m = ctx.debuginfo->module(*path, error);
    if (!m) return FamilyError{error, tc.loc};

    debuginfo::FunctionQuery q;
    q.name = std::string(kIter) + pattern;
    q.kind = debuginfo::FunctionKind::Call;
    q.prologue = debuginfo::PrologueMode::Never;
    std::set<std::string> seen;
    for (const auto& site : m->functions(q)) {
      if (site.formals.empty() || !site.name.starts_with(kIter)) continue;
      const std::string tp = site.name.substr(kIter.size());
      if (!seen.insert(tp).second) continue;
      ResolvedPoint p;
      p.family = "kernel.trace";
      p.text = fmt::format("kernel.trace(\"{}\")", tp);
      p.strings["tracepoint"] = tp;
      std::string fmt_text, fmt_args;
      for (std::size_t i = 1; i < site.formals.size(); ++i) {
        const auto& a = site.formals[i];
        const std::string expr = arg_expr(i - 1, a);
        p.context_vars.push_back({a.name, ir::Type::Long, expr, a.type});
        p.listed_vars.push_back('$' + a.name + ':' + a.type);
        fmt_text += fmt::format("{}{}=0x%llx", i > 1 ? " " : "", a.name);
        fmt_args += fmt::format(", (unsigned long long)({})", expr);
      }
      p.context_vars.push_back({"$name", ir::Type::String, '"' + tp + '"', "char*"});
      const std::string parms =
          fmt_text.empty()
              ? std::string("\tSTAP_RETVALUE[0] = '\\0';\n")
              : fmt::format("\tsnprintf(STAP_RETVALUE, MAXSTRINGLEN, \"{}\"{});\n", fmt_text,
                            fmt_args);
      for (const char* v : {"$parms", "$vars"}) {
        CV cv{v, ir::Type::String, "", "char*"};
        cv.c_code = parms;
        p.context_vars.push_back(std::move(cv));
      }
      for (auto& cv : p.context_vars) cv.read_only = true;
      out.push_back(std::move(p));
    }
    return std::nullopt;
  }
};

}  // namespace

void register_kernel_trace_families(FamilyRegistry& r) {
  r.add(std::make_unique<KernelTraceFamily>());
}

}  // namespace cxxtap::elaborate
