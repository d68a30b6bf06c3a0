// kernel.function("PATTERN") and module("MOD").function("PATTERN"), with
// .call, .inline, .exported, .return[.maxactive(N)]: probes on functions
// found in DWARF (translator/debuginfo/). One written point becomes one
// derived probe per matching function or inlined instance, as in stap.
//
// PATTERN is "NAME[@FILE[:LINES|+N]]"; NAME and FILE are globs ("vfs_*",
// "*@fs/*.c"). A line part does not narrow a function probe: stap 4.8 matches
// the same functions without it (and suggests .statement, which probes
// lines: families_kernel_statement.cpp). kernel.function(ADDRESS) probes the
// function whose code holds ADDRESS. MOD may be a glob over the modules
// with debuginfo. .label("L") probes the function's labels matching the
// glob L (translator/debuginfo/statements.h), like statements. Not yet:
// .callee(s). What a resolved point carries: dwarf_points.h.
#include "probe_families.h"

#include "dwarf_points.h"

#include "debuginfo/statements.h"

#include <fmt/format.h>

namespace cxxtap::elaborate {

namespace {

class KernelFunctionFamily final : public ProbeFamily {
 public:
  std::string_view name() const override { return "kernel.function"; }

  std::vector<std::string> patterns() const override {
    std::vector<std::string> out;
    for (std::string_view head :
         {"kernel.function(string)", "module(string).function(string)",
          "kernel.function(number)", "module(string).function(number)"}) {
      for (std::string_view suffix :
           {"", ".call", ".exported", ".inline", ".return", ".return.maxactive(number)"}) {
        if (head.ends_with("(number)") && suffix == ".inline") continue;  // as in stap
        out.push_back(std::string(head) + std::string(suffix));
      }
      if (head.ends_with("(string)")) out.push_back(std::string(head) + ".label(string)");
    }
    return out;
  }

  std::optional<FamilyError> resolve(std::span<const PointComponent> comps,
                                     ResolvedPoint& out) const override {
    return FamilyError{"kernel.function needs a debuginfo session", {}};
  }

  std::optional<FamilyError> resolve_all(std::span<const PointComponent> comps,
                                         const FamilyContext& ctx,
                                         std::vector<ResolvedPoint>& out) const override {
    const std::size_t i = 1;  // after "kernel" or module("M")
    const PointComponent& fn = comps[i];
    debuginfo::FunctionQuery q;
    const std::optional<int64_t> address = fn.number();
    if (!address) {
      const std::string pattern = fn.string().value_or("");
      if (pattern.empty()) return FamilyError{"empty function pattern", fn.loc};
      const auto at = pattern.find('@');
      q.name = pattern.substr(0, at);
      if (at != std::string::npos)
        q.file = pattern.substr(at + 1, pattern.find_first_of(":+", at) - at - 1);
      if (q.name.empty()) return FamilyError{"empty function name", fn.loc};
    }

    std::string suffix;
    bool is_return = false;
    int64_t maxactive = -1;
    std::optional<std::string> label;
    for (std::size_t k = i + 1; k < comps.size(); ++k) {
      const auto& c = comps[k];
      if (c.functor == "label") {
        label = c.string().value_or("");
        if (label->empty()) return FamilyError{"empty label pattern", c.loc};
        continue;  // the text names the label found, not the pattern
      }
      if (c.functor == "call") q.kind = debuginfo::FunctionKind::Call;
      else if (c.functor == "inline") q.kind = debuginfo::FunctionKind::Inline;
      else if (c.functor == "exported") q.exported = true;
      else if (c.functor == "return") {
        is_return = true;
        q.kind = debuginfo::FunctionKind::Call;  // an inlined copy has no return to probe
      } else if (c.functor == "maxactive") {
        maxactive = c.number().value_or(-1);
        if (maxactive < 0 || maxactive > 0x7fffffff)
          return FamilyError{"maxactive value out of range", c.loc};
      }
      suffix += '.' + c.functor;
      if (c.arg) suffix += '(' + std::to_string(c.number().value_or(0)) + ')';
    }
    if (ctx.prologue_always) q.prologue = debuginfo::PrologueMode::Always;
    if (is_return) q.prologue = debuginfo::PrologueMode::Never;  // kretprobes: the entry

    std::vector<DwarfObject> objects;
    if (auto err = open_dwarf_objects(comps, ctx, fn.loc, objects)) return err;
    for (const DwarfObject& obj : objects) {
      if (label) {
        for (const auto& l : debuginfo::labels(*obj.m, q, *label)) {
          ResolvedPoint p = dwarf_point(obj, l.site);
          p.family = obj.module.empty() ? "kernel.statement" : "module.statement";  // a kprobe there
          p.text = fmt::format("{}.function({}).label({})", obj.head, dquoted(l.site.spec()),
                               dquoted(l.label));
          out.push_back(std::move(p));
        }
        continue;
      }
      std::vector<debuginfo::FunctionSite> sites;
      if (address) {
        if (objects.size() > 1)
          return FamilyError{"a function address needs one module, not a module glob", fn.loc};
        std::string error;
        auto site = debuginfo::function_at(*obj.m, static_cast<uint64_t>(*address), q, error);
        if (!site) return FamilyError{error, fn.loc};
        sites.push_back(std::move(*site));
      } else {
        sites = obj.m->functions(q);
      }
      const std::string family_base = obj.module.empty() ? "kernel.function" : "module.function";
      for (const auto& site : sites) {
        ResolvedPoint p = dwarf_point(obj, site);
        p.family = is_return ? family_base + ".return" : family_base;
        p.text = address ? fmt::format("{}.function({:#x}){}", obj.head,
                                       static_cast<uint64_t>(*address), suffix)
                         : fmt::format("{}.function({}){}", obj.head, dquoted(site.spec()), suffix);
        p.numbers["maxactive"] = maxactive;
        if (is_return && !site.return_type.empty())
          p.listed_vars.insert(p.listed_vars.begin(), "$return:" + site.return_type);
        out.push_back(std::move(p));
      }
    }
    return std::nullopt;
  }
};

}  // namespace

void register_kernel_function_families(FamilyRegistry& r) {
  r.add(std::make_unique<KernelFunctionFamily>());
}

}  // namespace cxxtap::elaborate
