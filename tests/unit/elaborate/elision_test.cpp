#include "elaborate_helpers.h"

#include <catch2/catch.hpp>

using cxxtap::test::elaborate_text;
using cxxtap::test::unoptimized;

TEST_CASE("elision: dead stores and side-effect-free statements, with stap's warnings") {
  auto r = elaborate_text("probe begin { x = 1; println(1) }");
  REQUIRE(r.ok());
  CHECK(r.says("t.stp:1:17: warning: Eliding assignment to 'x': operator '='"));
  CHECK(r.says("warning: Eliding side-effect-free expression: identifier 'x'"));
  CHECK(r.listing == "# probes\nbegin /* <- begin */\n");
  auto e = elaborate_text("probe begin { 1 + 2; println(1) }");
  CHECK(e.says("t.stp:1:15: warning: Eliding side-effect-free expression: number '1'"));
  // -u keeps everything
  auto u = elaborate_text("probe begin { x = 1; println(1) }", {}, unoptimized());
  REQUIRE(u.ok());
  CHECK(u.warnings == 0);
  CHECK(u.lists("  # locals\n  x:long\n"));
}

TEST_CASE("elision: empty probes are elided, and none left is an error") {
  auto r = elaborate_text("global y probe begin {}");
  CHECK(r.says("warning: Probe 'begin' has been elided"));
  CHECK(r.says("error: no probes found"));
  CHECK(elaborate_text("probe begin { if (@defined($foo)) { print(\"x\") } } probe end {}")
            .says("no probes found"));
  CHECK(elaborate_text("probe begin {}", {}, unoptimized()).ok());
}

TEST_CASE("elision: unreferenced functions and globals are not in the program") {
  auto r = elaborate_text(
      "global used, unused function f() { return 1 } function g() { return 2 } "
      "probe begin { used = g(); println(used) }");
  REQUIRE(r.ok());
  CHECK(r.listing == "# globals\nused:long\n# functions\ng:long ()\n# probes\nbegin /* <- begin */\n");
  CHECK(r.says("warning: Eliding unused variable 'unused'"));
  auto s = elaborate_text("function f() { x = 1 } probe begin { f() ; println(1) }");
  CHECK(s.says("warning: side-effect-free function 'f'"));
}

TEST_CASE("elision: chains of dead code go away before types are checked") {
  auto r = elaborate_text(
      "global b function zoo(x) { return x } "
      "probe begin { a = b + 2; zoo(zoo(5)); b = \"goodbye\"; no . $such . $target + $variable } "
      "probe begin { foo = $bar; if (foo) {} } "
      "probe begin { println(1) }");
  REQUIRE(r.ok());
  CHECK(elaborate_text("global stats probe begin { statvar <<< value <<< 4; stats <<< 1 }").ok());
}

TEST_CASE("warnings: never-assigned variables") {
  auto r = elaborate_text("probe begin { println(x, y) ; println(xx) }");
  CHECK(r.says("warning: never-assigned local variable 'x' (similar: xx, y): identifier 'x'"));
  auto g = elaborate_text("global a, b probe begin { a = b; println(a) }");
  CHECK(g.says("warning: never-assigned global variable 'b' (similar: a)"));
}

TEST_CASE("global display: written but never read globals are printed at the end") {
  auto r = elaborate_text(
      "global x, s, a, st, sa probe begin { x = 1; s = \"a\"; a[1, \"k\"] = 1; st <<< 1; sa[1] <<< 2 }");
  REQUIRE(r.ok());
  CHECK(r.listing ==
        "# globals\nx:long\ns:string\na:long [long, string]\nst:stats\nsa:stats [long]\n"
        "# probes\nbegin /* <- begin */\n"
        "end /* <- end */\nend /* <- end */\n"
        "end /* <- end */\n  # locals\n  __idx0:long\n  __idx1:string\n  __val:long\n"
        "end /* <- end */\n"
        "end /* <- end */\n  # locals\n  __idx0:long\n");
}

TEST_CASE("listing: -v adds the bodies") {
  cxxtap::elaborate::ElaborateOptions v;
  v.verbose = true;
  auto r = elaborate_text("function f(a) { return a + 1 } probe begin { println(f(1)) }", {}, v);
  REQUIRE(r.ok());
  CHECK(r.lists("f:long (a:long)\n{\n"));
  CHECK(r.lists("begin /* <- begin */\n{\n"));
}
