#include "match_tree.h"

#include <fnmatch.h>

#include <ostream>

namespace cxxtap::elaborate {

namespace {

ArgKind kind_of(const ir::Expr* arg) {
  if (!arg) return ArgKind::None;
  if (arg->kind == ir::ExprKind::String) return ArgKind::String;
  return ArgKind::Number;
}

void dump_node(std::ostream& os, const MatchNode& n, const std::string& path) {
  if (!n.families.empty()) os << path << '\n';
  for (const auto& [key, child] : n.children)
    dump_node(os, *child, path.empty() ? key : path + '.' + key);
}

// Expands the brace groups of one functor text.
bool expand_text(const std::string& s, std::vector<std::string>& out, int depth) {
  if (depth > 64) return false;
  auto open = s.find('{');
  if (open == std::string::npos) {
    if (s.find('}') != std::string::npos || s.find(',') != std::string::npos) return false;
    out.push_back(s);
    return true;
  }
  int level = 0;
  std::size_t close = std::string::npos;
  std::vector<std::size_t> commas;
  for (std::size_t i = open; i < s.size(); ++i) {
    if (s[i] == '{') ++level;
    else if (s[i] == '}') {
      if (--level == 0) {
        close = i;
        break;
      }
    } else if (s[i] == ',' && level == 1) {
      commas.push_back(i);
    }
  }
  if (close == std::string::npos) return false;
  std::string prefix = s.substr(0, open), suffix = s.substr(close + 1);
  std::size_t from = open + 1;
  commas.push_back(close);
  for (std::size_t c : commas) {
    std::string alt = s.substr(from, c - from);
    if (!expand_text(prefix + alt + suffix, out, depth + 1)) return false;
    from = c + 1;
  }
  return true;
}

}  // namespace

const MatchNode* MatchNode::child(std::string_view functor, ArgKind arg) const {
  auto it = children.find(pattern_key(functor, arg));
  return it == children.end() ? nullptr : it->second.get();
}

std::vector<std::string> MatchNode::child_keys() const {
  std::vector<std::string> out;
  for (const auto& [key, c] : children) out.push_back(key);
  return out;
}

std::vector<std::string> MatchNode::child_functors() const {
  std::vector<std::string> out;
  for (const auto& [key, c] : children)
    if (out.empty() || out.back() != c->functor) out.push_back(c->functor);
  return out;
}

MatchTree::MatchTree(const FamilyRegistry& families) {
  for (const auto& f : families.families())
    for (const auto& pattern : f->patterns()) node_for(parse_pattern(pattern)).families.push_back(f.get());
}

MatchNode& MatchTree::node_for(const std::vector<PatternStep>& steps) {
  MatchNode* n = &root_;
  for (const auto& s : steps) {
    auto& slot = n->children[pattern_key(s.functor, s.arg)];
    if (!slot) {
      slot = std::make_unique<MatchNode>();
      slot->functor = s.functor;
      slot->arg = s.arg;
    }
    n = slot.get();
  }
  return *n;
}

std::optional<std::string> MatchTree::add_alias(const AliasRef& alias) {
  std::vector<PatternStep> steps;
  for (const auto& c : alias.name->components) {
    if (has_glob(c.functor) || c.functor.find('{') != std::string::npos)
      return std::string("invalid use of wildcard probe point component");
    steps.push_back({c.functor, kind_of(c.arg.get())});
  }
  if (steps.empty()) return std::string("empty probe alias name");
  node_for(steps).aliases.push_back(alias);
  return std::nullopt;
}

void MatchTree::dump_patterns(std::ostream& os) const { dump_node(os, root_, ""); }

bool glob_match(std::string_view pattern, std::string_view text) {
  return ::fnmatch(std::string(pattern).c_str(), std::string(text).c_str(), 0) == 0;
}

bool has_glob(std::string_view functor) {
  return functor.find_first_of("*?[") != std::string_view::npos;
}

ArgKind PatternComponent::arg_kind() const { return kind_of(arg); }

std::vector<std::vector<PatternComponent>> expand_braces(const ir::ProbePoint& pp,
                                                         std::string* error) {
  std::vector<std::vector<PatternComponent>> points(1);
  for (const auto& c : pp.components) {
    std::vector<std::string> alts;
    if (!expand_text(c.functor, alts, 0)) {
      if (error) *error = "unbalanced '{' '}' alternatives in probe point";
      return {};
    }
    std::vector<std::vector<PatternComponent>> next;
    for (const auto& prefix : points) {
      for (const auto& alt : alts) {
        auto point = prefix;
        std::size_t from = 0;
        for (;;) {
          auto dot = alt.find('.', from);
          PatternComponent pc;
          pc.functor = alt.substr(from, dot == std::string::npos ? std::string::npos : dot - from);
          pc.loc = c.loc;
          if (dot == std::string::npos) pc.arg = c.arg.get();
          point.push_back(std::move(pc));
          if (dot == std::string::npos) break;
          from = dot + 1;
        }
        next.push_back(std::move(point));
      }
    }
    points = std::move(next);
  }
  return points;
}

}  // namespace cxxtap::elaborate
