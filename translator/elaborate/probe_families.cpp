// The registry of probe families: every family cxxtap knows is registered
// here, in one place.
#include "probe_families.h"

#include "match_tree.h"

#include <cxxtap/ir/printer.h>

#include <ostream>

namespace cxxtap::elaborate {

std::string pattern_key(std::string_view functor, ArgKind arg) {
  std::string k(functor);
  if (arg == ArgKind::Number) k += "(number)";
  else if (arg == ArgKind::String) k += "(string)";
  return k;
}

std::vector<PatternStep> parse_pattern(std::string_view pattern) {
  std::vector<PatternStep> out;
  std::size_t from = 0;
  while (from <= pattern.size()) {
    auto dot = pattern.find('.', from);
    std::string_view part = pattern.substr(from, dot == std::string_view::npos ? pattern.npos
                                                                             : dot - from);
    PatternStep step;
    auto paren = part.find('(');
    step.functor = std::string(part.substr(0, paren));
    if (paren != std::string_view::npos)
      step.arg = part.substr(paren) == "(string)" ? ArgKind::String : ArgKind::Number;
    out.push_back(std::move(step));
    if (dot == std::string_view::npos) break;
    from = dot + 1;
  }
  return out;
}

ArgKind PointComponent::arg_kind() const {
  if (!arg) return ArgKind::None;
  return arg->kind == ir::ExprKind::String ? ArgKind::String : ArgKind::Number;
}

std::optional<int64_t> PointComponent::number() const {
  if (auto n = ir::as<ir::NumberExpr>(arg)) return n->value;
  return std::nullopt;
}

std::optional<std::string> PointComponent::string() const {
  if (auto s = ir::as<ir::StringExpr>(arg)) return s->value;
  return std::nullopt;
}

std::string point_text(std::span<const PointComponent> comps) {
  std::string out;
  for (const auto& c : comps) {
    if (!out.empty()) out += '.';
    out += c.functor;
    if (c.arg) out += '(' + ir::to_string(*c.arg) + ')';
  }
  return out;
}

void FamilyRegistry::add(std::unique_ptr<ProbeFamily> family) {
  families_.push_back(std::move(family));
}

const FamilyRegistry& FamilyRegistry::standard() {
  static const FamilyRegistry registry = [] {
    FamilyRegistry r;
    register_been_families(r);
    register_timer_families(r);
    register_kprobe_families(r);
    register_kernel_function_families(r);
    register_kernel_statement_families(r);
    register_kernel_trace_families(r);
    register_netfilter_families(r);
    register_unsupported_families(r);
    return r;
  }();
  return registry;
}

void dump_probe_types(std::ostream& os, const FamilyRegistry& r) {
  MatchTree(r).dump_patterns(os);
}

}  // namespace cxxtap::elaborate
