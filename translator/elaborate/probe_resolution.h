// Resolving written probe points: `{a,b}` alternatives, `*` and `**` globs,
// probe aliases (with suffixes appended to their targets, `?` and `!` in
// their target lists), and finally a family that checks the concrete point.
#pragma once

#include "match_tree.h"
#include "program.h"

#include <functional>
#include <string>
#include <vector>

namespace cxxtap::elaborate {

// One alias step of a derivation.
struct AliasStep {
  AliasRef alias;
  const ir::ProbePoint* target = nullptr;  // which of its targets was taken
};

// One concrete point a written point resolved to.
struct Expansion {
  ResolvedPoint point;
  std::vector<AliasStep> chain;  // outermost (the alias the user named) first
  bool optional = false;         // a `?`/`!` target along the chain
  bool sufficient = false;
};

struct ResolveError {
  std::string message;
  ir::SourceLoc loc;  // may be unknown: then it is about the whole point
};

struct PointResolution {
  std::vector<Expansion> expansions;
  std::vector<ResolveError> errors;  // what went wrong (for a non-optional point)
};

class PointResolver {
 public:
  // `use_file` is told about each file whose alias an expansion goes
  // through (the library file is then pulled in).
  PointResolver(const MatchTree& tree, std::function<void(std::size_t)> use_file,
                const FamilyContext* families = nullptr);

  // All the concrete points one written point resolves to. Its own `?`/`!`
  // are the caller's business; those of alias targets are applied here.
  PointResolution resolve(const ir::ProbePoint& written);

 private:
  struct Context;
  void resolve_components(const std::vector<PatternComponent>& comps, Context& ctx,
                          PointResolution& out);
  void match(const MatchNode& node, const std::vector<PatternComponent>& comps, std::size_t pos,
             std::vector<PointComponent>& bound, Context& ctx, PointResolution& out);
  void match_double_glob(const MatchNode& node, const std::vector<PatternComponent>& comps,
                         std::size_t pos, std::vector<PointComponent>& bound, Context& ctx,
                         PointResolution& out);
  void no_wildcard_match(const MatchNode& node, const PatternComponent& comp,
                         std::vector<ResolveError>& dropped, PointResolution& out);
  void build(const MatchNode& node, const std::vector<PointComponent>& bound,
             std::span<const PatternComponent> suffix, Context& ctx, PointResolution& out);
  void expand_alias(const AliasRef& alias, const std::vector<PointComponent>& bound,
                    std::span<const PatternComponent> suffix, Context& ctx,
                    PointResolution& out);

  const MatchTree& tree_;
  std::function<void(std::size_t)> use_file_;
  const FamilyContext* families_;
};

}  // namespace cxxtap::elaborate
