#include "dwarf_points.h"

#include "debuginfo/locate.h"

#include <fmt/format.h>

#include <filesystem>

namespace cxxtap::elaborate {

std::string dquoted(const std::string& s) { return '"' + s + '"'; }

std::optional<FamilyError> open_dwarf_object(std::span<const PointComponent> comps,
                                             const FamilyContext& ctx, const ir::SourceLoc& at,
                                             DwarfObject& out) {
  if (comps[0].functor == "module") {
    out.module = comps[0].string().value_or("");
    if (out.module.empty()) return FamilyError{"empty module name", comps[0].loc};
    if (out.module.find_first_of("*?[") != std::string::npos)
      return FamilyError{fmt::format("module(\"{}\"): module name wildcards are not supported "
                                     "yet by cxxtap; name the module",
                                     out.module),
                         comps[0].loc};
  }
  if (!ctx.debuginfo) return FamilyError{"no debuginfo session for " + comps[0].functor, at};
  const std::string release = debuginfo::release_or_running(ctx.kernel_release);
  std::string error;
  auto path = out.module.empty() ? debuginfo::find_kernel_debuginfo(release, error)
                                 : debuginfo::find_module_debuginfo(release, out.module, error);
  if (!path) return FamilyError{error, at};
  out.path = *path;
  out.m = ctx.debuginfo->module(*path, error);
  if (!out.m) return FamilyError{error, at};

  // A module named by its path is registered under its file's name.
  out.modname = out.module;
  if (out.module.find('/') != std::string::npos) {
    out.modname = std::filesystem::path(out.module).stem().string();
    for (char& ch : out.modname)
      if (ch == '-') ch = '_';
  }
  out.head = out.module.empty() ? "kernel" : fmt::format("module({})", dquoted(out.module));
  return std::nullopt;
}

ResolvedPoint dwarf_point(const DwarfObject& obj, const debuginfo::FunctionSite& site) {
  ResolvedPoint p;
  p.strings["function"] = site.name;
  p.strings["module"] = obj.modname;
  p.strings["symbol"] = obj.modname.empty() ? site.symbol : obj.modname + ":" + site.symbol;
  p.strings["dwarf"] = obj.path;  // the object target variables are read from
  p.numbers["die"] = static_cast<int64_t>(site.die);
  p.numbers["dwarf_pc"] = static_cast<int64_t>(site.probe);
  p.numbers["at_entry"] = site.probe == site.entry && !site.inlined;
  p.numbers["offset"] = static_cast<int64_t>(site.symbol_offset);
  p.numbers["maxactive"] = -1;
  p.strings["pc"] = fmt::format("{}+{:#x}", p.strings["symbol"], site.symbol_offset);
  for (const auto& param : site.params) p.listed_vars.push_back('$' + param.name + ':' + param.type);
  return p;
}

}  // namespace cxxtap::elaborate
