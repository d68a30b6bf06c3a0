// kprobe.function("NAME")[.call | .return[.maxactive(N)]] and
// kprobe.module("MOD").function("NAME")[...]: kprobes and kretprobes that
// need no debuginfo. The kernel resolves the name when the probe registers
// (by symbol_name, "MOD:NAME" for a module's function), so pass 2 takes
// exact names only: a wildcard would need a symbol table to expand it, and
// there is none here (Debian's System.map is a stub).
//
// What a resolved point carries for pass 3:
//   family              "kprobe.function" or "kprobe.function.return"
//   strings["function"] the function's name
//   strings["module"]   the module's name ("" for kprobe.function)
//   strings["symbol"]   what register_kprobe() looks up: "NAME" or "MOD:NAME"
//   numbers["maxactive"] the .maxactive(N) of a return probe, -1 without one
#include "probe_families.h"

#include <fmt/format.h>

namespace cxxtap::elaborate {

namespace {

bool has_wildcard(std::string_view s) {
  return s.find_first_of("*?[") != std::string_view::npos;
}

// The longest module name the kernel allows (MODULE_NAME_LEN - 1 on 64-bit).
constexpr std::size_t kMaxModuleName = 55;
// KSYM_NAME_LEN - 1 (the kernel's limit for a symbol since 6.1).
constexpr std::size_t kMaxSymbolName = 511;

class KprobeFamily final : public ProbeFamily {
 public:
  std::string_view name() const override { return "kprobe.function"; }

  std::vector<std::string> patterns() const override {
    std::vector<std::string> out;
    for (std::string_view head : {"kprobe.function(string)",
                                  "kprobe.module(string).function(string)"}) {
      out.push_back(std::string(head));
      out.push_back(std::string(head) + ".call");
      out.push_back(std::string(head) + ".return");
      out.push_back(std::string(head) + ".return.maxactive(number)");
    }
    return out;
  }

  std::optional<FamilyError> resolve(std::span<const PointComponent> comps,
                                     ResolvedPoint& out) const override {
    out.text = point_text(comps);
    std::size_t i = 1;
    std::string module;
    if (comps[i].functor == "module") {
      module = comps[i].string().value_or("");
      if (module.empty()) return FamilyError{"empty module name in kprobe probe point", comps[i].loc};
      if (has_wildcard(module))
        return FamilyError{
            fmt::format("kprobe.module(\"{}\"): a wildcard in a kprobe module name needs the "
                        "kernel's module list at translation time, which cxxtap does not read; "
                        "name the module exactly",
                        module),
            comps[i].loc};
      if (module.size() > kMaxModuleName || module.find(':') != std::string::npos)
        return FamilyError{fmt::format("invalid module name \"{}\"", module), comps[i].loc};
      ++i;
    }
    const PointComponent& fn = comps[i];
    const std::string function = fn.string().value_or("");
    if (function.empty()) return FamilyError{"empty function name in kprobe probe point", fn.loc};
    if (has_wildcard(function))
      return FamilyError{
          fmt::format("kprobe.function(\"{}\"): wildcards in kprobe function names need a "
                      "symbol table (System.map), and there is none for this kernel; name the "
                      "function exactly",
                      function),
          fn.loc};
    if (function.size() > kMaxSymbolName ||
        function.find_first_of(": \t@") != std::string::npos)
      return FamilyError{fmt::format("invalid kprobe function name \"{}\"", function), fn.loc};
    ++i;

    bool is_return = false;
    int64_t maxactive = -1;
    if (i < comps.size() && comps[i].functor == "return") {
      is_return = true;
      ++i;
      if (i < comps.size() && comps[i].functor == "maxactive") {
        maxactive = comps[i].number().value_or(-1);
        if (maxactive < 0 || maxactive > 0x7fffffff)
          return FamilyError{"maxactive value out of range", comps[i].loc};
      }
    }

    out.family = is_return ? "kprobe.function.return" : "kprobe.function";
    out.strings["function"] = function;
    out.strings["module"] = module;
    out.strings["symbol"] = module.empty() ? function : module + ":" + function;
    out.numbers["maxactive"] = maxactive;
    return std::nullopt;
  }
};

// kprobe.statement(ADDRESS).absolute: a run-time kernel address, probed as
// is (registered by address, no symbol); guru mode only, since nothing
// checks that it is an instruction boundary.
class KprobeStatementFamily final : public ProbeFamily {
 public:
  std::string_view name() const override { return "kprobe.statement"; }
  std::vector<std::string> patterns() const override {
    return {"kprobe.statement(number).absolute"};
  }
  std::optional<FamilyError> resolve(std::span<const PointComponent>,
                                     ResolvedPoint&) const override {
    return FamilyError{"kprobe.statement needs the translation context", {}};
  }
  std::optional<FamilyError> resolve_all(std::span<const PointComponent> comps,
                                         const FamilyContext& ctx,
                                         std::vector<ResolvedPoint>& out) const override {
    if (!ctx.guru)
      return FamilyError{"absolute statement probe in unprivileged script; need stap -g",
                         comps[1].loc};
    const auto address = static_cast<uint64_t>(comps[1].number().value_or(0));
    ResolvedPoint p;
    p.family = "kprobe.statement";
    p.text = fmt::format("kprobe.statement({:#x}).absolute", address);
    p.strings["function"] = "";
    p.strings["module"] = "";
    p.strings["symbol"] = "";  // by address
    p.numbers["offset"] = static_cast<int64_t>(address);
    p.numbers["maxactive"] = -1;
    out.push_back(std::move(p));
    return std::nullopt;
  }
};

}  // namespace

void register_kprobe_families(FamilyRegistry& r) {
  r.add(std::make_unique<KprobeFamily>());
  r.add(std::make_unique<KprobeStatementFamily>());
}

}  // namespace cxxtap::elaborate
