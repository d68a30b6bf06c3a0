// kprobe.function / kprobe.module(...).function: pass 2 resolution, the
// errors for wildcards and bad forms, -l listing, pass 3's table and the
// --runtime=user refusal.
#include "elaborate_helpers.h"

#include "elaborate/probe_families.h"
#include "unit/driver/run_stap.h"

#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

using cxxtap::test::elaborate_text;
using cxxtap::test::list_pattern;
using cxxtap::test::run_stap;

TEST_CASE("kprobe: exact names resolve with the symbol the kernel looks up") {
  auto r = elaborate_text(
      "probe kprobe.function(\"vfs_read\") { println(1) }\n"
      "probe kprobe.function(\"vfs_read\").call { println(2) }\n"
      "probe kprobe.function(\"vfs_read\").return { println(3) }\n"
      "probe kprobe.function(\"vfs_read\").return.maxactive(20) { println(4) }\n"
      "probe kprobe.module(\"ext4\").function(\"ext4_file_read_iter\") { println(5) }\n"
      "probe kprobe.module(\"ext4\").function(\"ext4_file_read_iter\").return { println(6) }\n");
  REQUIRE(r.ok());
  const auto& ps = r.program->probes;
  REQUIRE(ps.size() == 6);
  CHECK(ps[0]->point.family == "kprobe.function");
  CHECK(ps[0]->point.text == "kprobe.function(\"vfs_read\")");
  CHECK(ps[0]->point.strings.at("symbol") == "vfs_read");
  CHECK(ps[0]->point.strings.at("module").empty());
  CHECK(ps[0]->point.numbers.at("maxactive") == -1);
  CHECK(ps[1]->point.family == "kprobe.function");
  CHECK(ps[1]->point.text == "kprobe.function(\"vfs_read\").call");
  CHECK(ps[2]->point.family == "kprobe.function.return");
  CHECK(ps[3]->point.family == "kprobe.function.return");
  CHECK(ps[3]->point.numbers.at("maxactive") == 20);
  CHECK(ps[4]->point.family == "kprobe.function");
  CHECK(ps[4]->point.strings.at("symbol") == "ext4:ext4_file_read_iter");
  CHECK(ps[4]->point.strings.at("module") == "ext4");
  CHECK(ps[4]->point.strings.at("function") == "ext4_file_read_iter");
  CHECK(ps[5]->point.family == "kprobe.function.return");
  CHECK(r.lists("kprobe.module(\"ext4\").function(\"ext4_file_read_iter\").return /* <- "));
}

TEST_CASE("kprobe: wildcards need a symbol table and say so") {
  auto f = elaborate_text("probe kprobe.function(\"vfs_*\") { println(1) }");
  CHECK(f.says("t.stp:1:14: error: kprobe.function(\"vfs_*\"): wildcards in kprobe function "
               "names need a symbol table (System.map)"));
  CHECK(elaborate_text("probe kprobe.function(\"vfs_rea?\").return { println(1) }")
            .says("wildcards in kprobe function names need a symbol table"));
  CHECK(elaborate_text("probe kprobe.module(\"ext*\").function(\"f\") { println(1) }")
            .says("a wildcard in a kprobe module name"));
  CHECK(elaborate_text("probe kprobe.module(\"ext4\").function(\"ext4_[ab]\") { println(1) }")
            .says("wildcards in kprobe function names need a symbol table"));
  // an optional wildcard point is dropped like any unresolved optional point
  auto opt = elaborate_text("probe kprobe.function(\"vfs_*\")?, begin { println(1) }");
  REQUIRE(opt.ok());
  CHECK(opt.program->probes.size() == 1);
}

TEST_CASE("kprobe: forms stap does not have, and bad names") {
  CHECK(elaborate_text("probe kprobe.function(\"\") { println(1) }")
            .says("empty function name in kprobe probe point"));
  CHECK(elaborate_text("probe kprobe.module(\"\").function(\"f\") { println(1) }")
            .says("empty module name in kprobe probe point"));
  CHECK(elaborate_text("probe kprobe.function(\"a b\") { println(1) }")
            .says("invalid kprobe function name \"a b\""));
  CHECK(elaborate_text("probe kprobe.function(\"m:f\") { println(1) }")
            .says("invalid kprobe function name"));
  CHECK(elaborate_text("probe kprobe.function(\"f\").return.maxactive(-1) { println(1) }")
            .says("maxactive value out of range"));
  // no number form, no .maxactive without .return, no .inline
  CHECK_FALSE(elaborate_text("probe kprobe.function(12) { println(1) }").ok());
  CHECK_FALSE(elaborate_text("probe kprobe.function(\"f\").maxactive(3) { println(1) }").ok());
  CHECK_FALSE(elaborate_text("probe kprobe.function(\"f\").inline { println(1) }").ok());
  CHECK_FALSE(elaborate_text("probe kprobe.module(\"m\") { println(1) }").ok());
  // kprobe.statement(A).absolute needs guru mode (-p3 rows: statements_test.cpp)
  CHECK(elaborate_text("probe kprobe.statement(0x1234).absolute { println(1) }")
            .says("absolute statement probe in unprivileged script; need stap -g"));
  CHECK_FALSE(elaborate_text("probe kprobe.statement(0x1234) { println(1) }").ok());
}

TEST_CASE("kprobe: -l lists exact names as written, --dump-probe-types has the patterns") {
  CHECK(list_pattern("kprobe.function(\"vfs_read\")") ==
        std::vector<std::string>{"kprobe.function(\"vfs_read\")"});
  CHECK(list_pattern("kprobe.function(\"vfs_read\").return") ==
        std::vector<std::string>{"kprobe.function(\"vfs_read\").return"});
  CHECK(list_pattern("kprobe.module(\"ext4\").function(\"ext4_sync_fs\")") ==
        std::vector<std::string>{"kprobe.module(\"ext4\").function(\"ext4_sync_fs\")"});
  CHECK(list_pattern("kprobe.function(\"vfs_*\")").empty());
  std::ostringstream os;
  cxxtap::elaborate::dump_probe_types(os);
  const std::string out = os.str();
  for (const char* p :
       {"\nkprobe.function(string)\n", "\nkprobe.function(string).call\n",
        "\nkprobe.function(string).return\n", "\nkprobe.function(string).return.maxactive(number)\n",
        "\nkprobe.module(string).function(string)\n",
        "\nkprobe.module(string).function(string).return.maxactive(number)\n",
        "\nkprobe.statement(number).absolute\n"})
    CHECK(out.find(p) != std::string::npos);
}

TEST_CASE("kprobe: pass 3 emits kprobe and kretprobe rows; --runtime=user refuses them") {
  auto r = run_stap(
      "-p3 -e 'probe kprobe.function(\"vfs_read\") { println(pid()) } "
      "probe kprobe.module(\"m\").function(\"f\").return.maxactive(7) { println(returnval()) } "
      "probe kprobe.function(\"nope\") ? { println(1) }'");
  REQUIRE(r.status == 0);
  CHECK(r.out.find(".kind = STP_PROBE_KPROBE") != std::string::npos);
  CHECK(r.out.find(".symbol = \"vfs_read\", .offset = 0x0UL, .maxactive = -1, .optional = false") !=
        std::string::npos);
  CHECK(r.out.find(".kind = STP_PROBE_KRETPROBE") != std::string::npos);
  CHECK(r.out.find(".symbol = \"m:f\", .offset = 0x0UL, .maxactive = 7, .optional = false") != std::string::npos);
  CHECK(r.out.find(".symbol = \"nope\", .offset = 0x0UL, .maxactive = -1, .optional = true") != std::string::npos);
  CHECK(r.out.find("const size_t _stp_frame_arena_size") != std::string::npos);
  auto u = run_stap("--runtime=user -e 'probe kprobe.function(\"vfs_read\") { exit() }'");
  CHECK(u.status != 0);
  CHECK(u.err.find("probe point 'kprobe.function(\"vfs_read\")' is not available with "
                   "--runtime=user (it needs the kernel runtime)") != std::string::npos);
}

TEST_CASE("kprobe: probes on one point keep script order in pass 3's table") {
  // The runtime registers the table's kprobes so that the kernel runs the
  // ones sharing an address in table order (guest case order_same_point).
  auto r = run_stap(
      "-p3 -e 'probe kprobe.function(\"vfs_read\") { print(\"first\") } "
      "probe kprobe.function(\"vfs_read\") { print(\"second\") } "
      "probe kprobe.function(\"vfs_read\").return { print(\"third\") } "
      "probe kprobe.function(\"vfs_read\").return { print(\"fourth\") }'");
  REQUIRE(r.status == 0);
  const std::vector<std::string> in_order = {
      "static void probe_0(", "\"first\"",  "static void probe_1(", "\"second\"",
      "static void probe_2(", "\"third\"",  "static void probe_3(", "\"fourth\"",
      ".kprobe_pre = probe_0_kprobe", ".kprobe_pre = probe_1_kprobe", ".handler = probe_2,",
      ".handler = probe_3,"};
  std::size_t at = 0;
  for (const auto& s : in_order) {
    INFO(s);
    at = r.out.find(s, at);
    REQUIRE(at != std::string::npos);
  }
}
