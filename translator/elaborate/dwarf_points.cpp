#include "dwarf_points.h"

#include "debuginfo/locate.h"

#include <fmt/format.h>

#include <filesystem>

namespace cxxtap::elaborate {

std::string dquoted(const std::string& s) { return '"' + s + '"'; }

namespace {

std::optional<FamilyError> open_one(const std::string& module, const std::string& path,
                                    const FamilyContext& ctx, const ir::SourceLoc& at,
                                    DwarfObject& out) {
  std::string error;
  out.module = module;
  out.path = path;
  out.m = ctx.debuginfo->module(path, error);
  if (!out.m) return FamilyError{error, at};
  // A module named by its path is registered under its file's name.
  out.modname = module;
  if (module.find('/') != std::string::npos) {
    out.modname = std::filesystem::path(module).stem().string();
    for (char& ch : out.modname)
      if (ch == '-') ch = '_';
  }
  out.head = module.empty() ? "kernel" : fmt::format("module({})", dquoted(module));
  return std::nullopt;
}

}  // namespace

std::optional<FamilyError> open_dwarf_objects(std::span<const PointComponent> comps,
                                              const FamilyContext& ctx, const ir::SourceLoc& at,
                                              std::vector<DwarfObject>& out) {
  std::string module;
  if (comps[0].functor == "module") {
    module = comps[0].string().value_or("");
    if (module.empty()) return FamilyError{"empty module name", comps[0].loc};
  }
  if (!ctx.debuginfo) return FamilyError{"no debuginfo session for " + comps[0].functor, at};
  const std::string release = debuginfo::release_or_running(ctx.kernel_release);
  std::string error;
  if (module.find_first_of("*?[") != std::string::npos && module.find('/') == std::string::npos) {
    auto found = debuginfo::find_modules_debuginfo(release, module, error);
    if (found.empty()) return FamilyError{error, comps[0].loc};
    for (const auto& [name, path] : found) {
      DwarfObject obj;
      if (auto err = open_one(name, path, ctx, at, obj)) return err;
      out.push_back(std::move(obj));
    }
    return std::nullopt;
  }
  auto path = module.empty() ? debuginfo::find_kernel_debuginfo(release, error)
                             : debuginfo::find_module_debuginfo(release, module, error);
  if (!path) return FamilyError{error, at};
  DwarfObject obj;
  if (auto err = open_one(module, *path, ctx, at, obj)) return err;
  out.push_back(std::move(obj));
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
