// netfilter.hook("H").pf("PF")[.priority("P")] and
// netfilter.pf("PF").hook("H")[.priority("P")]: one netfilter hook function
// per probe, registered in the initial network namespace. The names are the
// kernel's (stapprobes(3stap)): protocol families NFPROTO_IPV4, NFPROTO_IPV6,
// NFPROTO_ARP, NFPROTO_BRIDGE and NFPROTO_INET (IPv4 and IPv6 together;
// "NF_INET" is accepted for it), hooks NF_INET_* (also the older NF_IP_* /
// NF_IP6_* spellings and the bare PRE_ROUTING...), NF_ARP_*, NF_BR_*, and
// the NF_IP_PRI_* / NF_IP6_PRI_* / NF_BR_PRI_* priorities. Each of the three
// also takes a decimal number. With -g, as in stap, any other C identifier
// is accepted and goes into the module's C verbatim (the kernel's netfilter
// headers are included for it).
//
// What a resolved point carries for pass 3:
//   family               "netfilter"
//   numbers["pf"]        the protocol family (NFPROTO_*)
//   numbers["hook"]      the hook number
//   numbers["priority"]  the priority (default 0)
//   strings["pf"], strings["hook"], strings["priority"]  (-g only) a name
//                        taken verbatim: pass 3 writes it instead of the number
//   context_vars         $hooknum $skb $in $out $okfn $pf $verdict
//                        $indev_name $outdev_name (CONTEXT->nf_*)
#include "probe_families.h"

#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <climits>

namespace cxxtap::elaborate {

namespace {

struct Named {
  std::string_view name;
  int64_t value;
};

// Protocol families (uapi/linux/netfilter.h).
constexpr Named kFamilies[] = {
    {"NFPROTO_INET", 1},  {"NF_INET", 1},       {"NFPROTO_IPV4", 2},
    {"NFPROTO_ARP", 3},   {"NFPROTO_BRIDGE", 7}, {"NFPROTO_IPV6", 10},
};

// Hooks of the IP families (enum nf_inet_hooks), in every spelling.
constexpr Named kInetHooks[] = {
    {"NF_INET_PRE_ROUTING", 0}, {"NF_INET_LOCAL_IN", 1},   {"NF_INET_FORWARD", 2},
    {"NF_INET_LOCAL_OUT", 3},   {"NF_INET_POST_ROUTING", 4},
    {"NF_IP_PRE_ROUTING", 0},   {"NF_IP_LOCAL_IN", 1},     {"NF_IP_FORWARD", 2},
    {"NF_IP_LOCAL_OUT", 3},     {"NF_IP_POST_ROUTING", 4},
    {"NF_IP6_PRE_ROUTING", 0},  {"NF_IP6_LOCAL_IN", 1},    {"NF_IP6_FORWARD", 2},
    {"NF_IP6_LOCAL_OUT", 3},    {"NF_IP6_POST_ROUTING", 4},
    {"PRE_ROUTING", 0},         {"LOCAL_IN", 1},           {"FORWARD", 2},
    {"LOCAL_OUT", 3},           {"POST_ROUTING", 4},
};
constexpr Named kArpHooks[] = {{"NF_ARP_IN", 0}, {"NF_ARP_OUT", 1}, {"NF_ARP_FORWARD", 2}};
constexpr Named kBridgeHooks[] = {
    {"NF_BR_PRE_ROUTING", 0}, {"NF_BR_LOCAL_IN", 1},      {"NF_BR_FORWARD", 2},
    {"NF_BR_LOCAL_OUT", 3},   {"NF_BR_POST_ROUTING", 4},
};

// Priorities (enum nf_ip_hook_priorities, nf_ip6_hook_priorities,
// nf_br_hook_priorities).
constexpr Named kIpPriorities[] = {
    {"NF_IP_PRI_FIRST", INT_MIN},
    {"NF_IP_PRI_RAW_BEFORE_DEFRAG", -450},
    {"NF_IP_PRI_CONNTRACK_DEFRAG", -400},
    {"NF_IP_PRI_RAW", -300},
    {"NF_IP_PRI_SELINUX_FIRST", -225},
    {"NF_IP_PRI_CONNTRACK", -200},
    {"NF_IP_PRI_MANGLE", -150},
    {"NF_IP_PRI_NAT_DST", -100},
    {"NF_IP_PRI_FILTER", 0},
    {"NF_IP_PRI_SECURITY", 50},
    {"NF_IP_PRI_NAT_SRC", 100},
    {"NF_IP_PRI_SELINUX_LAST", 225},
    {"NF_IP_PRI_CONNTRACK_HELPER", 300},
    {"NF_IP_PRI_CONNTRACK_CONFIRM", INT_MAX},
    {"NF_IP_PRI_LAST", INT_MAX},
};
constexpr Named kIp6Priorities[] = {
    {"NF_IP6_PRI_FIRST", INT_MIN},
    {"NF_IP6_PRI_RAW_BEFORE_DEFRAG", -450},
    {"NF_IP6_PRI_CONNTRACK_DEFRAG", -400},
    {"NF_IP6_PRI_RAW", -300},
    {"NF_IP6_PRI_SELINUX_FIRST", -225},
    {"NF_IP6_PRI_CONNTRACK", -200},
    {"NF_IP6_PRI_MANGLE", -150},
    {"NF_IP6_PRI_NAT_DST", -100},
    {"NF_IP6_PRI_FILTER", 0},
    {"NF_IP6_PRI_SECURITY", 50},
    {"NF_IP6_PRI_NAT_SRC", 100},
    {"NF_IP6_PRI_SELINUX_LAST", 225},
    {"NF_IP6_PRI_CONNTRACK_HELPER", 300},
    {"NF_IP6_PRI_LAST", INT_MAX},
};
constexpr Named kBridgePriorities[] = {
    {"NF_BR_PRI_FIRST", INT_MIN},
    {"NF_BR_PRI_NAT_DST_BRIDGED", -300},
    {"NF_BR_PRI_FILTER_BRIDGED", -200},
    {"NF_BR_PRI_BRNF", 0},
    {"NF_BR_PRI_NAT_DST_OTHER", 100},
    {"NF_BR_PRI_FILTER_OTHER", 200},
    {"NF_BR_PRI_NAT_SRC", 300},
    {"NF_BR_PRI_LAST", INT_MAX},
};

// A decimal number in [lo, hi] ("-5", "255"), or nothing.
std::optional<int64_t> decimal(std::string_view s, int64_t lo, int64_t hi) {
  int64_t v = 0;
  const char* b = s.data();
  const char* e = b + s.size();
  if (b != e && *b == '+') ++b;
  auto [p, ec] = std::from_chars(b, e, v);
  if (b == e || ec != std::errc() || p != e || v < lo || v > hi) return std::nullopt;
  return v;
}

// What -g lets through verbatim: a C identifier.
bool c_identifier(std::string_view s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  return true;
}

template <std::size_t N>
std::optional<int64_t> lookup(const Named (&table)[N], std::string_view s) {
  for (const auto& n : table)
    if (n.name == s) return n.value;
  return std::nullopt;
}

template <std::size_t N>
std::string names_of(const Named (&table)[N], std::size_t max = N) {
  std::string out;
  for (std::size_t i = 0; i < N && i < max; ++i) {
    if (!out.empty()) out += ", ";
    out += table[i].name;
  }
  return out;
}

std::string pf_name(int64_t pf) {
  switch (pf) {
    case 1: return "NFPROTO_INET";
    case 2: return "NFPROTO_IPV4";
    case 3: return "NFPROTO_ARP";
    case 7: return "NFPROTO_BRIDGE";
    case 10: return "NFPROTO_IPV6";
    default: return std::to_string(pf);
  }
}

std::optional<int64_t> hook_of(int64_t pf, std::string_view s) {
  if (auto n = decimal(s, 0, 255)) {
    const int64_t hooks = pf == 3 ? 3 : 5;  // NF_ARP_NUMHOOKS, NF_INET/BR hooks
    return *n < hooks ? n : std::nullopt;
  }
  if (pf == 3) return lookup(kArpHooks, s);
  if (pf == 7) return lookup(kBridgeHooks, s);
  return lookup(kInetHooks, s);
}

std::string hook_names(int64_t pf) {
  if (pf == 3) return names_of(kArpHooks);
  if (pf == 7) return names_of(kBridgeHooks);
  return names_of(kInetHooks, 5);
}

std::optional<int64_t> priority_of(int64_t pf, std::string_view s) {
  if (auto n = decimal(s, INT_MIN, INT_MAX)) return n;
  switch (pf) {
    case 2: return lookup(kIpPriorities, s);
    case 10: return lookup(kIp6Priorities, s);
    case 7: return lookup(kBridgePriorities, s);
    case 1: {
      auto v = lookup(kIpPriorities, s);
      return v ? v : lookup(kIp6Priorities, s);
    }
    default: return std::nullopt;  // ARP has no named priorities
  }
}

using CV = ResolvedPoint::ContextVar;

// The hook's arguments, kept in the probe context by the runtime
// (runtime/linux/session/netfilter.c).
std::vector<CV> context_vars() {
  return {
      {"hooknum", ir::Type::Long, "CONTEXT->nf_hooknum", "unsigned int"},
      {"skb", ir::Type::Long, "(unsigned long)CONTEXT->nf_skb", "struct sk_buff*"},
      {"in", ir::Type::Long, "(unsigned long)CONTEXT->nf_in", "struct net_device*"},
      {"out", ir::Type::Long, "(unsigned long)CONTEXT->nf_out", "struct net_device*"},
      {"okfn", ir::Type::Long, "(unsigned long)CONTEXT->nf_okfn", "long int (*)()"},
      {"pf", ir::Type::Long, "CONTEXT->nf_pf", "u_int8_t"},
      {"verdict", ir::Type::Long, "CONTEXT->nf_verdict", "unsigned int"},
      {"indev_name", ir::Type::String, "CONTEXT->nf_indev_name", "char*"},
      {"outdev_name", ir::Type::String, "CONTEXT->nf_outdev_name", "char*"},
  };
}

class NetfilterFamily final : public ProbeFamily {
 public:
  std::string_view name() const override { return "netfilter"; }

  std::vector<std::string> patterns() const override {
    return {"netfilter.hook(string).pf(string)",
            "netfilter.hook(string).pf(string).priority(string)",
            "netfilter.pf(string).hook(string)",
            "netfilter.pf(string).hook(string).priority(string)"};
  }

  std::optional<FamilyError> resolve(std::span<const PointComponent> comps,
                                     ResolvedPoint& out) const override {
    return resolve_point(comps, out, false);
  }

  std::optional<FamilyError> resolve_all(std::span<const PointComponent> comps,
                                         const FamilyContext& ctx,
                                         std::vector<ResolvedPoint>& out) const override {
    ResolvedPoint p;
    if (auto err = resolve_point(comps, p, ctx.guru)) return err;
    out.push_back(std::move(p));
    return std::nullopt;
  }

 private:
  std::optional<FamilyError> resolve_point(std::span<const PointComponent> comps,
                                           ResolvedPoint& out, bool guru) const {
    out.text = point_text(comps);
    const PointComponent* hook = nullptr;
    const PointComponent* pf = nullptr;
    const PointComponent* prio = nullptr;
    for (const auto& c : comps.subspan(1)) {
      if (c.functor == "hook") hook = &c;
      else if (c.functor == "pf") pf = &c;
      else if (c.functor == "priority") prio = &c;
    }
    if (!hook || !pf) return FamilyError{"netfilter probe point needs .hook and .pf", {}};

    const std::string pf_text = pf->string().value_or("");
    auto pf_value = lookup(kFamilies, pf_text);
    if (!pf_value) {
      if (auto n = decimal(pf_text, 0, 255); n && (*n == 1 || *n == 2 || *n == 3 || *n == 7 ||
                                                   *n == 10))
        pf_value = n;
    }
    if (!pf_value && guru && c_identifier(pf_text)) {
      out.strings["pf"] = pf_text;
      pf_value = -1;  // unknown: every hook and priority name is taken as it is
    }
    if (!pf_value)
      return FamilyError{fmt::format("unsupported netfilter protocol family \"{}\" (one of "
                                     "NFPROTO_IPV4, NFPROTO_IPV6, NFPROTO_ARP, NFPROTO_BRIDGE, "
                                     "NFPROTO_INET)",
                                     pf_text),
                         pf->loc};

    const std::string pf_shown = *pf_value < 0 ? pf_text : pf_name(*pf_value);
    const std::string hook_text = hook->string().value_or("");
    auto hook_value = *pf_value < 0 ? decimal(hook_text, 0, 255) : hook_of(*pf_value, hook_text);
    if (!hook_value && guru && c_identifier(hook_text)) {
      out.strings["hook"] = hook_text;
      hook_value = 0;
    }
    if (!hook_value)
      return FamilyError{fmt::format("unsupported netfilter hook \"{}\" for protocol family {} "
                                     "(one of {})",
                                     hook_text, pf_shown, hook_names(*pf_value)),
                         hook->loc};

    int64_t priority = 0;
    if (prio) {
      const std::string prio_text = prio->string().value_or("");
      auto v = priority_of(*pf_value, prio_text);
      if (!v && guru && c_identifier(prio_text)) {
        out.strings["priority"] = prio_text;
        v = 0;
      }
      if (!v) {
        const char* names = *pf_value == 10  ? "an NF_IP6_PRI_* name"
                            : *pf_value == 7 ? "an NF_BR_PRI_* name"
                            : *pf_value == 1 ? "an NF_IP_PRI_* or NF_IP6_PRI_* name"
                            : *pf_value == 2 ? "an NF_IP_PRI_* name"
                                             : nullptr;
        return FamilyError{
            fmt::format("unsupported netfilter priority \"{}\" for protocol family {} (a "
                        "number{}{})",
                        prio_text, pf_shown, names ? ", or " : "", names ? names : ""),
            prio->loc};
      }
      priority = *v;
    }

    out.family = "netfilter";
    out.numbers["pf"] = *pf_value;
    out.numbers["hook"] = *hook_value;
    out.numbers["priority"] = priority;
    out.context_vars = context_vars();
    for (const auto& v : out.context_vars)
      out.listed_vars.push_back('$' + v.name + ':' + (v.type == ir::Type::String ? "string"
                                                                                 : v.c_type));
    return std::nullopt;
  }
};

}  // namespace

void register_netfilter_families(FamilyRegistry& r) {
  r.add(std::make_unique<NetfilterFamily>());
}

}  // namespace cxxtap::elaborate
