// What the DWARF families (kernel.function, kernel.statement and their
// module(M) forms) share: opening the object a point names, and filling a
// resolved point from a debuginfo site for pass 3's kprobe runtime.
//
// A resolved DWARF point carries:
//   family               "kernel.function[.return]", "module.function[.return]",
//                        "kernel.statement", "module.statement"
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
#pragma once

#include "probe_families.h"

#include "debuginfo/module.h"

#include <span>
#include <string>
#include <vector>

namespace cxxtap::elaborate {

struct DwarfObject {
  std::string module;   // as written in module("..."); empty for the kernel
  std::string modname;  // the name the kernel knows it by
  std::string head;     // "kernel" or "module(\"M\")", for point texts
  std::string path;     // its DWARF file
  debuginfo::Module* m = nullptr;
};

// Opens the objects of a point whose first component is `kernel` or
// `module("M")` (M a name, a .ko path, or a glob over the modules with
// debuginfo); `at` is where to report a failure.
std::optional<FamilyError> open_dwarf_objects(std::span<const PointComponent> comps,
                                              const FamilyContext& ctx, const ir::SourceLoc& at,
                                              std::vector<DwarfObject>& out);

// A resolved point (family, text set by the caller) for a site of `obj`.
ResolvedPoint dwarf_point(const DwarfObject& obj, const debuginfo::FunctionSite& site);

std::string dquoted(const std::string& s);

}  // namespace cxxtap::elaborate
