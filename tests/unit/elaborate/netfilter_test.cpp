// netfilter.hook(...).pf(...) / netfilter.pf(...).hook(...): pass 2
// resolution of every spelling, the diagnostics for bad names, the target
// variables the family provides, pass 3's table rows, and the tapset
// aliases over it (netfilter.stp).
#include "elaborate_helpers.h"

#include "elaborate/probe_families.h"
#include "unit/driver/run_stap.h"

#include <catch2/catch.hpp>

#include <climits>
#include <sstream>

using cxxtap::test::elaborate_text;
using cxxtap::test::list_pattern;
using cxxtap::test::run_stap;

namespace {

struct Nf {
  int64_t pf, hook, priority;
};

// The pf/hook/priority a single point resolves to.
Nf resolved(const std::string& point) {
  auto r = elaborate_text("probe " + point + " { println(1) }");
  INFO(point << "\n" << r.diagnostics);
  REQUIRE(r.ok());
  REQUIRE(r.program->probes.size() == 1);
  const auto& p = r.program->probes[0]->point;
  CHECK(p.family == "netfilter");
  return {p.numbers.at("pf"), p.numbers.at("hook"), p.numbers.at("priority")};
}

bool operator==(const Nf& a, const Nf& b) {
  return a.pf == b.pf && a.hook == b.hook && a.priority == b.priority;
}
std::ostream& operator<<(std::ostream& os, const Nf& n) {
  return os << "{pf " << n.pf << ", hook " << n.hook << ", priority " << n.priority << "}";
}

}  // namespace

TEST_CASE("netfilter: both component orders, stap's names and the other spellings") {
  CHECK(resolved("netfilter.hook(\"NF_INET_PRE_ROUTING\").pf(\"NFPROTO_IPV4\")") == Nf{2, 0, 0});
  CHECK(resolved("netfilter.pf(\"NFPROTO_IPV4\").hook(\"NF_INET_POST_ROUTING\")") == Nf{2, 4, 0});
  CHECK(resolved("netfilter.hook(\"NF_IP_LOCAL_IN\").pf(\"NFPROTO_IPV4\")") == Nf{2, 1, 0});
  CHECK(resolved("netfilter.hook(\"FORWARD\").pf(\"NFPROTO_IPV4\")") == Nf{2, 2, 0});
  CHECK(resolved("netfilter.hook(\"3\").pf(\"2\")") == Nf{2, 3, 0});
  // NF_INET / NFPROTO_INET: IPv4 and IPv6 together
  CHECK(resolved("netfilter.hook(\"NF_INET_PRE_ROUTING\").pf(\"NF_INET\")") == Nf{1, 0, 0});
  CHECK(resolved("netfilter.pf(\"NFPROTO_INET\").hook(\"LOCAL_OUT\")") == Nf{1, 3, 0});
  CHECK(resolved("netfilter.pf(\"NFPROTO_IPV6\").hook(\"NF_IP6_PRE_ROUTING\")") == Nf{10, 0, 0});
  CHECK(resolved("netfilter.pf(\"NFPROTO_IPV6\").hook(\"NF_INET_LOCAL_IN\")") == Nf{10, 1, 0});
  CHECK(resolved("netfilter.pf(\"NFPROTO_ARP\").hook(\"NF_ARP_OUT\")") == Nf{3, 1, 0});
  CHECK(resolved("netfilter.pf(\"NFPROTO_ARP\").hook(\"2\")") == Nf{3, 2, 0});
  CHECK(resolved("netfilter.pf(\"NFPROTO_BRIDGE\").hook(\"NF_BR_FORWARD\")") == Nf{7, 2, 0});
}

TEST_CASE("netfilter: priorities by number and by the kernel's names") {
  CHECK(resolved("netfilter.hook(\"NF_INET_PRE_ROUTING\").pf(\"NFPROTO_IPV4\").priority(\"255\")") ==
        Nf{2, 0, 255});
  CHECK(resolved("netfilter.pf(\"NFPROTO_IPV4\").hook(\"NF_INET_LOCAL_IN\").priority(\"-5\")") ==
        Nf{2, 1, -5});
  CHECK(resolved("netfilter.pf(\"NFPROTO_IPV4\").hook(\"LOCAL_IN\")"
                 ".priority(\"NF_IP_PRI_SELINUX_LAST\")") == Nf{2, 1, 225});
  CHECK(resolved("netfilter.pf(\"NFPROTO_IPV4\").hook(\"LOCAL_IN\").priority(\"NF_IP_PRI_FIRST\")") ==
        Nf{2, 1, INT_MIN});
  CHECK(resolved("netfilter.pf(\"NFPROTO_IPV6\").hook(\"LOCAL_IN\").priority(\"NF_IP6_PRI_LAST\")") ==
        Nf{10, 1, INT_MAX});
  CHECK(resolved("netfilter.pf(\"NFPROTO_INET\").hook(\"LOCAL_IN\").priority(\"NF_IP6_PRI_RAW\")") ==
        Nf{1, 1, -300});
  CHECK(resolved("netfilter.pf(\"NFPROTO_BRIDGE\").hook(\"NF_BR_LOCAL_IN\")"
                 ".priority(\"NF_BR_PRI_NAT_SRC\")") == Nf{7, 1, 300});
}

TEST_CASE("netfilter: bad names are errors at the component that has them") {
  auto h = elaborate_text(
      "probe netfilter.hook(\"NF_INET_BOGUS\").pf(\"NFPROTO_IPV4\") { println(1) }");
  CHECK(h.says("t.stp:1:17: error: unsupported netfilter hook \"NF_INET_BOGUS\" for protocol "
               "family NFPROTO_IPV4 (one of NF_INET_PRE_ROUTING, NF_INET_LOCAL_IN, "
               "NF_INET_FORWARD, NF_INET_LOCAL_OUT, NF_INET_POST_ROUTING)"));
  auto pf = elaborate_text("probe netfilter.pf(\"IPV4\").hook(\"NF_INET_LOCAL_IN\") { println(1) }");
  CHECK(pf.says("t.stp:1:17: error: unsupported netfilter protocol family \"IPV4\" (one of "
                "NFPROTO_IPV4, NFPROTO_IPV6, NFPROTO_ARP, NFPROTO_BRIDGE, NFPROTO_INET)"));
  auto prio = elaborate_text(
      "probe netfilter.pf(\"NFPROTO_IPV4\").hook(\"LOCAL_IN\").priority(\"NF_IP6_PRI_RAW\") "
      "{ println(1) }");
  CHECK(prio.says("t.stp:1:53: error: unsupported netfilter priority \"NF_IP6_PRI_RAW\" for "
                  "protocol family NFPROTO_IPV4 (a number, or an NF_IP_PRI_* name)"));
  // a hook of another family, a hook number out of range, numbers that are no family
  CHECK(elaborate_text("probe netfilter.pf(\"NFPROTO_ARP\").hook(\"NF_INET_LOCAL_IN\") { println(1) }")
            .says("unsupported netfilter hook \"NF_INET_LOCAL_IN\" for protocol family "
                  "NFPROTO_ARP (one of NF_ARP_IN, NF_ARP_OUT, NF_ARP_FORWARD)"));
  CHECK(elaborate_text("probe netfilter.pf(\"NFPROTO_IPV4\").hook(\"5\") { println(1) }")
            .says("unsupported netfilter hook \"5\""));
  CHECK(elaborate_text("probe netfilter.pf(\"4\").hook(\"0\") { println(1) }")
            .says("unsupported netfilter protocol family \"4\""));
  CHECK(elaborate_text("probe netfilter.pf(\"NFPROTO_ARP\").hook(\"0\").priority(\"NF_IP_PRI_RAW\") "
                       "{ println(1) }")
            .says("for protocol family NFPROTO_ARP (a number)"));
  CHECK(elaborate_text("probe netfilter.pf(\"NFPROTO_IPV4\").hook(\"0\").priority(\"2147483648\") "
                       "{ println(1) }")
            .says("unsupported netfilter priority \"2147483648\""));
  // stap's patterns take strings only
  CHECK_FALSE(elaborate_text("probe netfilter.hook(0).pf(2) { println(1) }").ok());
  CHECK_FALSE(elaborate_text("probe netfilter.hook(\"0\") { println(1) }").ok());
  // an optional bad point is dropped like any unresolved optional point
  auto opt = elaborate_text("probe netfilter.pf(\"x\").hook(\"y\") ?, begin { println(1) }");
  REQUIRE(opt.ok());
  CHECK(opt.program->probes.size() == 1);
}

TEST_CASE("netfilter: the hook's target variables, in -L and in the probe") {
  auto r = elaborate_text(
      "probe netfilter.pf(\"NFPROTO_IPV4\").hook(\"LOCAL_IN\") {\n"
      "  printf(\"%d %d %d %d %d %d %d %s %s\\n\", $hooknum, $skb, $in, $out, $okfn, $pf,\n"
      "         $verdict, $indev_name, $outdev_name)\n"
      "}\n");
  INFO(r.diagnostics);
  REQUIRE(r.ok());
  const auto& vars = r.program->probes[0]->point.context_vars;
  REQUIRE(vars.size() == 9);
  CHECK(vars[1].name == "skb");
  CHECK(vars[1].c_type == "struct sk_buff*");
  CHECK(vars[1].c_expr == "(unsigned long)CONTEXT->nf_skb");
  CHECK(vars[7].type == cxxtap::ir::Type::String);
  CHECK(elaborate_text("probe netfilter.pf(\"NFPROTO_IPV4\").hook(\"LOCAL_IN\") { println($nope) }")
            .says("'$nope'"));
  auto listed = list_pattern("netfilter.hook(\"NF_INET_LOCAL_IN\").pf(\"NFPROTO_IPV4\")", {}, true);
  REQUIRE(listed.size() == 1);
  CHECK(listed[0].find("netfilter.hook(\"NF_INET_LOCAL_IN\").pf(\"NFPROTO_IPV4\") $hooknum:unsigned "
                       "int $skb:struct sk_buff* $in:struct net_device*") == 0);
  std::ostringstream os;
  cxxtap::elaborate::dump_probe_types(os);
  for (const char* p : {"\nnetfilter.hook(string).pf(string)\n",
                        "\nnetfilter.hook(string).pf(string).priority(string)\n",
                        "\nnetfilter.pf(string).hook(string)\n",
                        "\nnetfilter.pf(string).hook(string).priority(string)\n"})
    CHECK(os.str().find(p) != std::string::npos);
}

TEST_CASE("netfilter: pass 3 emits netfilter rows; --runtime=user refuses them") {
  auto r = run_stap(
      "-p3 -e 'probe netfilter.pf(\"NFPROTO_IPV6\").hook(\"NF_INET_LOCAL_OUT\")"
      ".priority(\"NF_IP6_PRI_FIRST\") { println($skb != 0) } "
      "probe netfilter.hook(\"PRE_ROUTING\").pf(\"NF_INET\") ? { println($indev_name) }'");
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.out.find(".kind = STP_PROBE_NETFILTER") != std::string::npos);
  CHECK(r.out.find(".optional = false,\n\t  .nf_pf = 10, .nf_hook = 3, .nf_priority = -2147483648 },") !=
        std::string::npos);
  CHECK(r.out.find(".optional = true,\n\t  .nf_pf = 1, .nf_hook = 0, .nf_priority = 0 },") !=
        std::string::npos);
  CHECK(r.out.find("CONTEXT->nf_skb") != std::string::npos);
  CHECK(r.out.find("CONTEXT->nf_indev_name") != std::string::npos);
  auto u = run_stap(
      "--runtime=user -e 'probe netfilter.pf(\"NFPROTO_IPV4\").hook(\"LOCAL_IN\") { exit() }'");
  CHECK(u.status != 0);
  CHECK(u.err.find("is not available with --runtime=user (it needs the kernel runtime)") !=
        std::string::npos);
}

TEST_CASE("netfilter: the tapset's aliases and their locals") {
  // netfilter.ip.* is both families; unused locals are elided.
  auto r = run_stap(
      "-p2 -e 'probe netfilter.ip.local_in { printf(\"%s %s %s %d %d %d %d %d %s\\n\", pf, saddr, "
      "daddr, length, protocol, sport, dport, syn, indev_name) }'");
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.out.find("netfilter.pf(\"NFPROTO_IPV4\").hook(\"NF_INET_LOCAL_IN\") /* <- "
                   "netfilter.ipv4.local_in = ") != std::string::npos);
  CHECK(r.out.find("netfilter.pf(\"NFPROTO_IPV6\").hook(\"NF_INET_LOCAL_IN\") /* <- "
                   "netfilter.ipv6.local_in = ") != std::string::npos);
  for (const char* f : {"__get_skb_iphdr:long (skb:long)", "__ip_skb_saddr:long (iphdr:long)",
                        "__ip_skb_proto:long (iphdr:long)", "__ip6_skb_nexthdr:long (iphdr:long)",
                        "__tcpudp_sport:long (thdr:long)", "__tcp_skb_flags:long (thdr:long)"})
    CHECK(r.out.find(f) != std::string::npos);
  std::string points;
  for (const char* hook : {"pre_routing", "local_in", "forward", "local_out", "post_routing"})
    for (const char* fam : {"ipv4", "ipv6", "ip"})
      points += std::string(points.empty() ? "" : ", ") + "netfilter." + fam + "." + hook;
  auto all = run_stap("-p2 -e 'probe " + points +
                      " { println(saddr, daddr, length, protocol, family, outdev_name) }'");
  INFO(all.err);
  CHECK(all.status == 0);
}

TEST_CASE("netfilter: with -g any identifier goes into the C verbatim, as in stap") {
  cxxtap::elaborate::ElaborateOptions guru;
  guru.guru = true;
  guru.unoptimized = true;  // keep the empty probes
  auto r = elaborate_text(
      "probe netfilter.hook(\"NF_INET_WARP_10\").pf(\"INTERGALACTIC_IPV3000\") { }\n"
      "probe netfilter.pf(\"NFPROTO_IPV4\").hook(\"NF_INET_LOCAL_IN\").priority(\"INT_MIN\") { }\n",
      {}, guru);
  INFO(r.diagnostics);
  REQUIRE(r.ok());
  const auto& a = r.program->probes[0]->point;
  CHECK(a.strings.at("pf") == "INTERGALACTIC_IPV3000");
  CHECK(a.strings.at("hook") == "NF_INET_WARP_10");
  const auto& b = r.program->probes[1]->point;
  CHECK(b.numbers.at("pf") == 2);
  CHECK(b.numbers.at("hook") == 1);
  CHECK(b.strings.at("priority") == "INT_MIN");
  // not C: still an error; without -g: an error
  CHECK(elaborate_text("probe netfilter.pf(\"NFPROTO_IPV4\").hook(\"a-b\") { }", {}, guru)
            .says("unsupported netfilter hook \"a-b\""));
  CHECK(elaborate_text("probe netfilter.pf(\"X\").hook(\"NF_INET_LOCAL_IN\") { }")
            .says("unsupported netfilter protocol family \"X\""));
  auto p3 = run_stap(
      "-g -p3 -e 'probe netfilter.pf(\"NFPROTO_IPV4\").hook(\"NF_INET_LOCAL_IN\")"
      ".priority(\"NF_IP_PRI_NAT_SRC + 1\") ?, "
      "netfilter.pf(\"NFPROTO_NETDEV\").hook(\"NF_NETDEV_INGRESS\") ? { println(1) }'");
  CHECK(p3.status == 0);
  CHECK(p3.out.find(".nf_pf = NFPROTO_NETDEV, .nf_hook = NF_NETDEV_INGRESS, .nf_priority = 0 }") !=
        std::string::npos);
  CHECK(p3.out.find("#include <linux/netfilter.h>\n") != std::string::npos);
}
