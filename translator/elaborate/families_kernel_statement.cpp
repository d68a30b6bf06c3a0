// kernel.statement("PATTERN")[.nearest], kernel.statement(ADDRESS)[.nearest],
// kernel.statement(ADDRESS).absolute (guru mode) and their
// module("MOD").statement forms: probes at source lines and addresses
// inside functions (translator/debuginfo/statements.h). One written point
// becomes one derived probe per function and line, listed as stap lists
// them: kernel.statement("vfs_read@fs/read_write.c:462").
//
// PATTERN is "NAME[@FILE[:LINES|+N]]": without a line part the point is the
// function's first instruction, listed at its declaration's line. An
// ADDRESS is an address of the object (for the kernel, as System.map gives
// it): it must start a statement; .absolute takes a run-time address as is
// and probes it with no DWARF (no target variables).
//
// What a resolved point carries: dwarf_points.h; an .absolute point has
// strings["symbol"] empty and numbers["offset"] the address.
#include "dwarf_points.h"

#include "debuginfo/statements.h"

#include <fmt/format.h>

namespace cxxtap::elaborate {

namespace {

class KernelStatementFamily final : public ProbeFamily {
 public:
  std::string_view name() const override { return "kernel.statement"; }

  std::vector<std::string> patterns() const override {
    return {"kernel.statement(number)",
            "kernel.statement(number).absolute",
            "kernel.statement(number).nearest",
            "kernel.statement(string)",
            "kernel.statement(string).nearest",
            "module(string).statement(number)",
            "module(string).statement(number).nearest",
            "module(string).statement(string)",
            "module(string).statement(string).nearest"};
  }

  std::optional<FamilyError> resolve(std::span<const PointComponent>,
                                     ResolvedPoint&) const override {
    return FamilyError{"kernel.statement needs a debuginfo session", {}};
  }

  std::optional<FamilyError> resolve_all(std::span<const PointComponent> comps,
                                         const FamilyContext& ctx,
                                         std::vector<ResolvedPoint>& out) const override {
    const PointComponent& st = comps[1];
    const std::string last = comps.size() > 2 ? comps[2].functor : "";
    const bool nearest = last == "nearest";
    const std::string suffix = last.empty() ? "" : "." + last;
    const std::string family = comps[0].functor == "module" ? "module.statement"
                                                             : "kernel.statement";
    if (auto address = st.number()) {
      if (last == "absolute") return absolute(*address, ctx, st, out);
      std::vector<DwarfObject> objects;
      if (auto err = open_dwarf_objects(comps, ctx, st.loc, objects)) return err;
      const DwarfObject& obj = objects.front();
      if (!obj.module.empty())
        return FamilyError{"module(\"M\").statement(ADDRESS) is not supported yet by cxxtap; "
                           "name a function and line",
                           st.loc};
      std::string error;
      auto site = debuginfo::statement_at(*obj.m, static_cast<uint64_t>(*address), error);
      if (!site) return FamilyError{error, st.loc};
      ResolvedPoint p = dwarf_point(obj, *site);
      p.family = family;
      p.text = fmt::format("{}.statement({:#x}){}", obj.head, static_cast<uint64_t>(*address), suffix);
      out.push_back(std::move(p));
      return std::nullopt;
    }

    const std::string pattern = st.string().value_or("");
    debuginfo::FunctionQuery q;
    const auto at = pattern.find('@');
    q.name = pattern.substr(0, at);
    if (q.name.empty()) return FamilyError{"empty function name", st.loc};
    std::optional<debuginfo::LineSpec> lines;
    if (at != std::string::npos) {
      const auto sep = pattern.find_first_of(":+", at);
      q.file = pattern.substr(at + 1, sep - at - 1);
      if (sep != std::string::npos) {
        std::string error;
        lines = debuginfo::parse_lines(pattern[sep], std::string_view(pattern).substr(sep + 1),
                                       error);
        if (!lines) return FamilyError{error, st.loc};
        lines->nearest = nearest;
      }
    }
    std::vector<DwarfObject> objects;
    if (auto err = open_dwarf_objects(comps, ctx, st.loc, objects)) return err;
    for (const DwarfObject& obj : objects) {
      std::vector<debuginfo::FunctionSite> sites;
      if (lines) {
        sites = debuginfo::statements(*obj.m, q, *lines);
      } else {
        q.kind = debuginfo::FunctionKind::Call;
        q.prologue = debuginfo::PrologueMode::Never;  // the exact first instruction
        sites = obj.m->functions(q);
      }
      for (const auto& site : sites) {
        ResolvedPoint p = dwarf_point(obj, site);
        p.family = family;
        p.text = fmt::format("{}.statement({}){}", obj.head, dquoted(site.spec()), suffix);
        out.push_back(std::move(p));
      }
    }
    return std::nullopt;
  }

 private:
  // A run-time kernel address, probed as is: guru mode only, since nothing
  // checks it is an instruction boundary.
  static std::optional<FamilyError> absolute(int64_t address, const FamilyContext& ctx,
                                             const PointComponent& st,
                                             std::vector<ResolvedPoint>& out) {
    if (!ctx.guru)
      return FamilyError{"absolute statement probe in unprivileged script; need stap -g", st.loc};
    ResolvedPoint p;
    p.family = "kernel.statement";
    p.text = fmt::format("kernel.statement({:#x}).absolute", static_cast<uint64_t>(address));
    p.strings["function"] = "";
    p.strings["module"] = "";
    p.strings["symbol"] = "";
    p.numbers["offset"] = address;
    p.numbers["maxactive"] = -1;
    p.strings["pc"] = fmt::format("{:#x}", static_cast<uint64_t>(address));
    out.push_back(std::move(p));
    return std::nullopt;
  }
};

}  // namespace

void register_kernel_statement_families(FamilyRegistry& r) {
  r.add(std::make_unique<KernelStatementFamily>());
}

}  // namespace cxxtap::elaborate
