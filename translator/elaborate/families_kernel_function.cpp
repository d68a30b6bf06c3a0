// kernel.function("PATTERN") and module("MOD").function("PATTERN"), with
// .call, .inline, .exported, .return[.maxactive(N)]: probes on functions
// found in DWARF (translator/debuginfo/). One written point becomes one
// derived probe per matching function or inlined instance, as in stap.
//
// PATTERN is "NAME[@FILE]"; NAME and FILE are globs ("vfs_*",
// "*@fs/*.c"). Not yet: "@FILE:LINE" and the other line forms, a number
// (an address), module-name globs, .label, .callee(s).
//
// What a resolved point carries for pass 3 (the kprobe family's runtime):
//   family               "kernel.function[.return]" / "module.function[.return]"
//   strings["function"]  the function's name
//   strings["module"]    "" for the kernel, else the module's name
//   strings["symbol"]    what register_kprobe() looks up: "SYM" or "MOD:SYM"
//   numbers["offset"]    the probe address minus the symbol's
//   numbers["maxactive"] the .maxactive(N) of a return probe, -1 without one
//   strings["dwarf"]     the DWARF object the point came from; with
//   numbers["die"]       the function's (or inlined instance's) DIE,
//   numbers["dwarf_pc"]  the probe address in that object, and
//   numbers["at_entry"]  1 when that is the function's first instruction:
//                        what target variables are translated from
//                        (elaborate/target_lowering.h)
#include "probe_families.h"

#include "debuginfo/locate.h"
#include "debuginfo/module.h"

#include <fmt/format.h>

#include <filesystem>

namespace cxxtap::elaborate {

namespace {

std::string dquoted(const std::string& s) { return '"' + s + '"'; }

class KernelFunctionFamily final : public ProbeFamily {
 public:
  std::string_view name() const override { return "kernel.function"; }

  std::vector<std::string> patterns() const override {
    std::vector<std::string> out;
    for (std::string_view head :
         {"kernel.function(string)", "module(string).function(string)"}) {
      for (std::string_view suffix :
           {"", ".call", ".exported", ".inline", ".return", ".return.maxactive(number)"})
        out.push_back(std::string(head) + std::string(suffix));
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
    std::size_t i = 1;
    std::string module;
    if (comps[0].functor == "module") {
      module = comps[0].string().value_or("");
      if (module.empty()) return FamilyError{"empty module name", comps[0].loc};
      if (module.find_first_of("*?[") != std::string::npos)
        return FamilyError{fmt::format("module(\"{}\"): module name wildcards are not supported "
                                       "yet by cxxtap; name the module",
                                       module),
                           comps[0].loc};
    }
    const PointComponent& fn = comps[i];
    const std::string pattern = fn.string().value_or("");
    if (pattern.empty()) return FamilyError{"empty function pattern", fn.loc};

    debuginfo::FunctionQuery q;
    const auto at = pattern.find('@');
    q.name = pattern.substr(0, at);
    if (at != std::string::npos) {
      q.file = pattern.substr(at + 1);
      if (q.file.find_first_of(":+") != std::string::npos)
        return FamilyError{fmt::format("\"{}\": line and offset forms (@FILE:LINE, +OFF) are "
                                       "not supported yet by cxxtap",
                                       pattern),
                           fn.loc};
    }
    if (q.name.empty()) return FamilyError{"empty function name", fn.loc};

    std::string suffix;
    bool is_return = false;
    int64_t maxactive = -1;
    for (std::size_t k = i + 1; k < comps.size(); ++k) {
      const auto& c = comps[k];
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

    if (!ctx.debuginfo) return FamilyError{"no debuginfo session for kernel.function", fn.loc};
    const std::string release = debuginfo::release_or_running(ctx.kernel_release);
    std::string error;
    auto path = module.empty() ? debuginfo::find_kernel_debuginfo(release, error)
                               : debuginfo::find_module_debuginfo(release, module, error);
    if (!path) return FamilyError{error, fn.loc};
    debuginfo::Module* m = ctx.debuginfo->module(*path, error);
    if (!m) return FamilyError{error, fn.loc};

    // A module named by its path is registered under its file's name.
    std::string modname = module;
    if (module.find('/') != std::string::npos) {
      modname = std::filesystem::path(module).stem().string();
      for (char& ch : modname)
        if (ch == '-') ch = '_';
    }
    const std::string head =
        module.empty() ? "kernel" : fmt::format("module({})", dquoted(module));
    const std::string family_base = module.empty() ? "kernel.function" : "module.function";
    for (const auto& site : m->functions(q)) {
      ResolvedPoint p;
      p.family = is_return ? family_base + ".return" : family_base;
      p.text = fmt::format("{}.function({}){}", head, dquoted(site.spec()), suffix);
      p.strings["function"] = site.name;
      p.strings["module"] = modname;
      p.strings["symbol"] = modname.empty() ? site.symbol : modname + ":" + site.symbol;
      p.strings["dwarf"] = *path;  // the object target variables are read from
      p.numbers["die"] = static_cast<int64_t>(site.die);
      p.numbers["dwarf_pc"] = static_cast<int64_t>(site.probe);
      p.numbers["at_entry"] = site.probe == site.entry && !site.inlined;
      p.numbers["offset"] = static_cast<int64_t>(site.symbol_offset);
      p.numbers["maxactive"] = maxactive;
      p.strings["pc"] = fmt::format("{}+{:#x}", p.strings["symbol"], site.symbol_offset);
      if (is_return && !site.return_type.empty())
        p.listed_vars.push_back("$return:" + site.return_type);
      for (const auto& param : site.params) p.listed_vars.push_back('$' + param.name + ':' + param.type);
      out.push_back(std::move(p));
    }
    return std::nullopt;
  }
};

}  // namespace

void register_kernel_function_families(FamilyRegistry& r) {
  r.add(std::make_unique<KernelFunctionFamily>());
}

}  // namespace cxxtap::elaborate
