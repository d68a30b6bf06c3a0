#include "parse_helpers.h"

#include <catch2/catch.hpp>

using cxxtap::test::parse_text;
using cxxtap::test::print_body;

TEST_CASE("parser: operator precedence follows stap") {
  CHECK(print_body("x = 1 + 2 * 3") == "probe begin {\n  x = (1 + (2 * 3));\n}\n");
  // `.` binds looser than + and tighter than <<
  CHECK(print_body("x = a . b + c") == "probe begin {\n  x = (a . (b + c));\n}\n");
  CHECK(print_body("x = a << b . c") == "probe begin {\n  x = (a << (b . c));\n}\n");
  // comparison binds tighter than &, looser than <<
  CHECK(print_body("x = a & b == c") == "probe begin {\n  x = (a & (b == c));\n}\n");
  CHECK(print_body("x = a || b && c") == "probe begin {\n  x = (a || (b && c));\n}\n");
  CHECK(print_body("x = a ? b : c ? d : e") == "probe begin {\n  x = (a ? b : (c ? d : e));\n}\n");
  // assignment is right associative
  CHECK(print_body("a = b = c") == "probe begin {\n  a = (b = c);\n}\n");
  CHECK(print_body("x = k in arr") == "probe begin {\n  x = ([k] in arr);\n}\n");
  CHECK(print_body("x = [1, *] in arr") == "probe begin {\n  x = ([1, *] in arr);\n}\n");
}

TEST_CASE("parser: statements without semicolons, and one postfix operator") {
  CHECK(print_body(R"(log("a") exit())") == "probe begin {\n  log(\"a\");\n  exit();\n}\n");
  CHECK(print_body("a -- -- a") == "probe begin {\n  a--;\n  --a;\n}\n");
}

TEST_CASE("parser: foreach forms") {
  CHECK(print_body("foreach (k in a) {}") ==
        "probe begin {\n  foreach ([k] in a) {\n  }\n}\n");
  CHECK(print_body("foreach (v = [k1, k2-] in a limit 5) ;") ==
        "probe begin {\n  foreach (v = [k1, k2-] in a limit 5) ;\n}\n");
  CHECK(print_body("foreach ([k] in a[*, 2] @sum+) ;") ==
        "probe begin {\n  foreach ([k] in a[*, 2] @sum+) ;\n}\n");
  auto two = parse_text("probe begin { foreach ([a+, b-] in x) ; }");
  CHECK(two.file == nullptr);
  CHECK(two.diagnostics.find("multiple sort directives") != std::string::npos);
}

TEST_CASE("parser: globals, functions, aliases") {
  auto p = parse_text(
      "global a, b[10], c%, d%[5], e = -3, f = \"s\"\n"
      "private global g\n"
      "function h:long (x:string, y) :2 { return 1 }\n"
      "probe foo = begin(-5), timer.ms(10) { z = 1 }\n"
      "probe bar += end { }\n");
  REQUIRE(p.file);
  CHECK(p.printed ==
        "global a\nglobal b[10]\nglobal c%\nglobal d%[5]\nglobal e = -3\nglobal f = \"s\"\n"
        "private global g\n"
        "function h:long (x:string, y):2 {\n  return 1;\n}\n"
        "probe foo = begin(-5), timer.ms(10) {\n  z = 1;\n}\n"
        "probe bar += end {\n}\n");
}

TEST_CASE("parser: probe points with globs, braces, suffixes and conditions") {
  auto p = parse_text("probe {a,b}.{c,{d,e}}.f!, x.*.y?, kernel.function(\"*@fs/*.c\").return if (z) {}");
  REQUIRE(p.file);
  CHECK(p.printed ==
        "probe {a,b}.{c,{d,e}}.f!, x.*.y?, kernel.function(\"*@fs/*.c\").return if (z) {\n}\n");
  // `begin{` with no space is a body, not a brace alternative
  auto q = parse_text("probe begin{x = 1}");
  REQUIRE(q.file);
  CHECK(q.printed == "probe begin {\n  x = 1;\n}\n");
}

TEST_CASE("parser: target variables, casts and autocasts") {
  CHECK(print_body("x = $foo->bar[2]$") == "probe begin {\n  x = $foo->bar[2]$;\n}\n");
  CHECK(print_body("x = &@cast(p, \"task_struct\", \"kernel\")->pid") ==
        "probe begin {\n  x = &@cast(p, \"task_struct\", \"kernel\")->pid;\n}\n");
  CHECK(print_body("x = (foo)[1]") == "probe begin {\n  x = (foo)[1];\n}\n");
  CHECK(print_body("x = foo[1]") == "probe begin {\n  x = foo[1];\n}\n");
  CHECK(print_body("x = @hist_log(s[1])[3]") == "probe begin {\n  x = @hist_log(s[1])[3];\n}\n");
  CHECK(print_body("x = $$parms$$") == "probe begin {\n  x = $$parms$$;\n}\n");
}

TEST_CASE("parser: errors are reported with file, line, column, source line and caret") {
  auto p = parse_text("probe begin {\n  x = = 1\n}\n");
  CHECK(p.file == nullptr);
  CHECK(p.diagnostics ==
        "t.stp:2:7: error: expected an expression, saw operator '='\n"
        "  x = = 1\n"
        "      ^\n");
}

TEST_CASE("parser: several errors in one run") {
  auto p = parse_text("probe begin { x = }\nprobe end { y = }\n");
  CHECK(p.file == nullptr);
  auto first = p.diagnostics.find("t.stp:1:");
  auto second = p.diagnostics.find("t.stp:2:");
  CHECK(first != std::string::npos);
  CHECK(second != std::string::npos);
}

TEST_CASE("parser: guru-only constructs need -g") {
  CHECK(parse_text("probe begin { %{ 1 %} }", false).diagnostics.find("need stap -g") !=
        std::string::npos);
  CHECK(parse_text("probe begin { x = @kregister(0) }", false).file == nullptr);
  CHECK(parse_text("probe begin { x = @kregister(0) }", true).file != nullptr);
}

TEST_CASE("parser: context rules stap checks at parse time") {
  CHECK(parse_text("probe begin { return }").diagnostics.find("not in function context") !=
        std::string::npos);
  CHECK(parse_text("global a\nglobal a").diagnostics.find("duplicate global name") !=
        std::string::npos);
  CHECK(parse_text("probe begin { printd(\",\", 1) }").file == nullptr);
  CHECK(parse_text("# nothing\n").diagnostics.find("is empty") != std::string::npos);
  // Assignability is pass 2's question, as in stap: `x <<< 1 <<< 2` parses.
  CHECK(parse_text("probe begin { 1 = 2 }").file != nullptr);
  CHECK(parse_text("probe begin { x <<< 10 <<< 11 }").file != nullptr);
}

TEST_CASE("parser: deep nesting is an error, not a crash") {
  std::string deep(5000, '(');
  auto p = parse_text("probe begin { x = " + deep + " }");
  CHECK(p.file == nullptr);
  CHECK(p.diagnostics.find("maximum nesting depth exceeded") != std::string::npos);
}
