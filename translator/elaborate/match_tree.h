// The tree written probe points are matched against: one node per pattern
// component ("timer" -> "ms(number)" -> "randomize(number)"), with the
// families and probe aliases that end at each node. Families come from the
// registry; aliases from the user script and the tapset library.
#pragma once

#include "probe_families.h"

#include <cxxtap/ir/ast.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cxxtap::elaborate {

// A probe alias as registered in the tree.
struct AliasRef {
  const ir::AliasDecl* decl = nullptr;
  const ir::ProbePoint* name = nullptr;  // which of decl->names
  std::size_t file = 0;                  // index into the elaboration's files
};

struct MatchNode {
  std::string functor;
  ArgKind arg = ArgKind::None;
  std::map<std::string, std::unique_ptr<MatchNode>> children;  // by pattern_key
  std::vector<const ProbeFamily*> families;
  std::vector<AliasRef> aliases;

  bool has_builders() const { return !families.empty() || !aliases.empty(); }
  const MatchNode* child(std::string_view functor, ArgKind arg) const;
  // Child keys ("ms(number)", "profile") and functors, for messages.
  std::vector<std::string> child_keys() const;
  std::vector<std::string> child_functors() const;
};

class MatchTree {
 public:
  explicit MatchTree(const FamilyRegistry& families);
  MatchTree(const MatchTree&) = delete;
  MatchTree& operator=(const MatchTree&) = delete;

  // Registers an alias under one of its names; returns an error message for
  // names that cannot be aliases (wildcards).
  std::optional<std::string> add_alias(const AliasRef& alias);

  const MatchNode& root() const { return root_; }

  // Every family pattern under the root, in stap's --dump-probe-types order.
  void dump_patterns(std::ostream& os) const;

 private:
  MatchNode& node_for(const std::vector<PatternStep>& steps);
  MatchNode root_;
};

// Glob match of one functor ("*", "?" and "[...]" as in fnmatch).
bool glob_match(std::string_view pattern, std::string_view text);
bool has_glob(std::string_view functor);

// A written component before glob matching (the functor may hold globs).
struct PatternComponent {
  std::string functor;
  const ir::Expr* arg = nullptr;
  ir::SourceLoc loc;
  ArgKind arg_kind() const;
};

// Expands `{a,b}` alternatives in the functors of a written point (nested,
// in product order; an alternative may hold dots and so several components).
// Returns an error message for unbalanced braces.
std::vector<std::vector<PatternComponent>> expand_braces(const ir::ProbePoint& pp,
                                                         std::string* error);

}  // namespace cxxtap::elaborate
