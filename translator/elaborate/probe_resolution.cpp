#include "probe_resolution.h"

#include "similar.h"

#include <cxxtap/ir/printer.h>

#include <fmt/format.h>

#include <algorithm>

namespace cxxtap::elaborate {

namespace {

constexpr std::size_t kMaxAliasDepth = 64;

std::string pattern_text(std::span<const PatternComponent> comps) {
  std::string out;
  for (const auto& c : comps) {
    if (!out.empty()) out += '.';
    out += c.functor;
    if (c.arg) out += '(' + ir::to_string(*c.arg) + ')';
  }
  return out;
}

std::string joined_keys(const MatchNode& node) {
  std::string out;
  for (const auto& k : node.child_keys()) out += ' ' + k;
  return out;
}

}  // namespace

struct PointResolver::Context {
  std::vector<const ir::AliasDecl*> stack;  // aliases being expanded
  bool top = true;                          // matching the written point itself
};

PointResolver::PointResolver(const MatchTree& tree, std::function<void(std::size_t)> use_file,
                             const FamilyContext* families)
    : tree_(tree), use_file_(std::move(use_file)), families_(families) {}

PointResolution PointResolver::resolve(const ir::ProbePoint& written) {
  PointResolution out;
  std::string error;
  auto alternatives = expand_braces(written, &error);
  if (!error.empty()) {
    out.errors.push_back({error, written.loc});
    return out;
  }
  for (const auto& comps : alternatives) {
    Context ctx;
    resolve_components(comps, ctx, out);
  }
  return out;
}

void PointResolver::resolve_components(const std::vector<PatternComponent>& comps,
                                       Context& ctx, PointResolution& out) {
  std::vector<PointComponent> bound;
  match(tree_.root(), comps, 0, bound, ctx, out);
}

void PointResolver::match(const MatchNode& node, const std::vector<PatternComponent>& comps,
                          std::size_t pos, std::vector<PointComponent>& bound, Context& ctx,
                          PointResolution& out) {
  if (pos == comps.size()) {
    if (node.has_builders()) {
      build(node, bound, {}, ctx, out);
    } else {
      out.errors.push_back({fmt::format("probe point truncated (follow:{})", joined_keys(node)),
                            comps.empty() ? ir::SourceLoc{} : comps.back().loc});
    }
    return;
  }
  const PatternComponent& comp = comps[pos];
  if (comp.functor.find("**") != std::string::npos) {
    match_double_glob(node, comps, pos, bound, ctx, out);
    return;
  }
  if (has_glob(comp.functor)) {
    std::size_t before = out.expansions.size();
    std::vector<ResolveError> dropped;  // errors of wildcard branches
    for (const auto& [key, child] : node.children) {
      if (child->arg != comp.arg_kind() || !glob_match(comp.functor, child->functor)) continue;
      PointResolution branch;
      bound.push_back({child->functor, comp.arg, comp.loc});
      match(*child, comps, pos + 1, bound, ctx, branch);
      bound.pop_back();
      for (auto& e : branch.expansions) out.expansions.push_back(std::move(e));
      for (auto& e : branch.errors) dropped.push_back(std::move(e));
    }
    if (out.expansions.size() != before) return;
    if (node.has_builders()) {
      build(node, bound, std::span(comps).subspan(pos), ctx, out);
      return;
    }
    no_wildcard_match(node, comp, dropped, out);
    return;
  }
  if (const MatchNode* child = node.child(comp.functor, comp.arg_kind())) {
    bound.push_back({comp.functor, comp.arg, comp.loc});
    match(*child, comps, pos + 1, bound, ctx, out);
    bound.pop_back();
    return;
  }
  if (node.has_builders()) {
    build(node, bound, std::span(comps).subspan(pos), ctx, out);
    return;
  }
  out.errors.push_back(
      {"probe point mismatch" + similar_suffix(comp.functor, node.child_functors()), comp.loc});
}

// `**` matches across components: "ti**es" is timer.jiffies, "**" anything.
void PointResolver::match_double_glob(const MatchNode& node,
                                      const std::vector<PatternComponent>& comps,
                                      std::size_t pos, std::vector<PointComponent>& bound,
                                      Context& ctx, PointResolution& out) {
  const PatternComponent& comp = comps[pos];
  const auto split = comp.functor.find("**");
  const std::string head = comp.functor.substr(0, split) + "*";
  const std::string rest = comp.functor.substr(split);  // starts with "**"
  std::string single = comp.functor;
  for (auto p = single.find("**"); p != std::string::npos; p = single.find("**"))
    single.erase(p, 1);
  std::size_t before = out.expansions.size();
  std::vector<ResolveError> dropped;
  for (const auto& [key, child] : node.children) {
    // The glob ends at this component.
    if (child->arg == comp.arg_kind() && glob_match(single, child->functor)) {
      PointResolution branch;
      bound.push_back({child->functor, comp.arg, comp.loc});
      match(*child, comps, pos + 1, bound, ctx, branch);
      bound.pop_back();
      for (auto& e : branch.expansions) out.expansions.push_back(std::move(e));
      for (auto& e : branch.errors) dropped.push_back(std::move(e));
    }
    // The glob spans this component and goes on below it.
    if (child->arg == ArgKind::None && !child->children.empty() &&
        glob_match(head, child->functor)) {
      auto deeper = comps;
      deeper[pos].functor = rest;
      PointResolution branch;
      bound.push_back({child->functor, nullptr, comp.loc});
      match(*child, deeper, pos, bound, ctx, branch);
      bound.pop_back();
      for (auto& e : branch.expansions) out.expansions.push_back(std::move(e));
      for (auto& e : branch.errors) dropped.push_back(std::move(e));
    }
  }
  if (out.expansions.size() != before) return;
  no_wildcard_match(node, comp, dropped, out);
}

// Nothing a glob matched resolved. When some matches failed, their first
// error says more ("... is not yet supported") than a bare mismatch.
void PointResolver::no_wildcard_match(const MatchNode& node, const PatternComponent& comp,
                                      std::vector<ResolveError>& dropped, PointResolution& out) {
  auto generic = [](const ResolveError& e) {
    return e.message.starts_with("probe point") || e.message.starts_with("invalid suffix");
  };
  for (auto& e : dropped)
    if (!generic(e)) {
      out.errors.push_back(std::move(e));
      return;
    }
  out.errors.push_back({"probe point mismatch: didn't find any wildcard matches" +
                            similar_suffix(comp.functor, node.child_functors()),
                        comp.loc});
}

void PointResolver::build(const MatchNode& node, const std::vector<PointComponent>& bound,
                          std::span<const PatternComponent> suffix, Context& ctx,
                          PointResolution& out) {
  const bool top = ctx.top;
  for (const ProbeFamily* family : node.families) {
    if (!suffix.empty()) {
      out.errors.push_back({"invalid suffix for probe", suffix.front().loc});
      continue;
    }
    static const FamilyContext no_context;
    std::vector<ResolvedPoint> points;
    if (auto err = family->resolve_all(bound, families_ ? *families_ : no_context, points)) {
      out.errors.push_back({err->message, err->loc});
      continue;
    }
    for (auto& point : points) {
      Expansion e;
      e.point = std::move(point);
      if (top) e.point.listed = e.point.text;
      out.expansions.push_back(std::move(e));
    }
  }
  for (const AliasRef& alias : node.aliases) {
    std::size_t before = out.expansions.size();
    expand_alias(alias, bound, suffix, ctx, out);
    if (top) {
      std::string listed = point_text(bound);
      if (!suffix.empty()) listed += '.' + pattern_text(suffix);
      for (std::size_t i = before; i < out.expansions.size(); ++i)
        out.expansions[i].point.listed = listed;
    }
  }
}

void PointResolver::expand_alias(const AliasRef& alias, const std::vector<PointComponent>& bound,
                                 std::span<const PatternComponent> suffix, Context& ctx,
                                 PointResolution& out) {
  const ir::SourceLoc here =
      !suffix.empty() ? suffix.front().loc : (bound.empty() ? alias.decl->loc : bound.back().loc);
  if (std::find(ctx.stack.begin(), ctx.stack.end(), alias.decl) != ctx.stack.end()) {
    std::string text = point_text(bound);
    if (!suffix.empty()) text += '.' + pattern_text(suffix);
    out.errors.push_back({fmt::format("recursive loop in alias expansion of {} at {}", text,
                                      alias.decl->loc.str()),
                          here});
    return;
  }
  if (ctx.stack.size() >= kMaxAliasDepth) {
    out.errors.push_back({"probe alias expansion nested too deeply", here});
    return;
  }
  if (use_file_) use_file_(alias.file);

  Context inner;
  inner.stack = ctx.stack;
  inner.stack.push_back(alias.decl);
  inner.top = false;

  const std::size_t before = out.expansions.size();
  std::vector<ResolveError> optional_errors;  // shown only if nothing resolves
  for (const auto& target : alias.decl->targets) {
    std::string error;
    auto alternatives = expand_braces(*target, &error);
    PointResolution sub;
    if (!error.empty()) sub.errors.push_back({error, target->loc});
    for (auto comps : alternatives) {
      comps.insert(comps.end(), suffix.begin(), suffix.end());
      resolve_components(comps, inner, sub);
    }
    auto& errors_to = !sub.expansions.empty() || !target->optional ? out.errors : optional_errors;
    for (auto& err : sub.errors) errors_to.push_back(std::move(err));
    if (sub.expansions.empty()) continue;
    for (auto& e : sub.expansions) {
      e.chain.insert(e.chain.begin(), AliasStep{alias, target.get()});
      e.optional = e.optional || target->optional;
      e.sufficient = e.sufficient || target->sufficient;
      out.expansions.push_back(std::move(e));
    }
    if (target->sufficient) break;
  }
  // Every target was optional and none resolved: say why the first did not.
  if (out.expansions.size() == before && !optional_errors.empty())
    out.errors.push_back(std::move(optional_errors.front()));
}

}  // namespace cxxtap::elaborate
