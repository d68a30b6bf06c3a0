#include "elaborate_helpers.h"

#include <catch2/catch.hpp>

using cxxtap::test::elaborate_text;
using cxxtap::test::unoptimized;

TEST_CASE("types: inferred for globals, arrays, functions and locals") {
  auto r = elaborate_text(
      "global x%[5], y%, q[7] function f:string(a:string, b) { c = a . b; return c } "
      "probe begin { x[1] = 2; y[\"a\"] = 3; q[1] <<< 3; "
      "println(f(\"a\", \"b\"), x[1], y[\"a\"], @count(q[1])) }");
  REQUIRE(r.ok());
  CHECK(r.listing ==
        "# globals\nx%[5]:long [long]\ny%:long [string]\nq[7]:stats [long]\n"
        "# functions\nf:string (a:string, b:string)\n  # locals\n  c:string\n"
        "# probes\nbegin /* <- begin */\n");
}

TEST_CASE("types: mismatches name both places") {
  auto r = elaborate_text("probe begin { x = 1; x = \"a\"; println(x) }");
  CHECK(r.says("t.stp:1:22: error: type mismatch (string): identifier 'x'"));
  CHECK(r.says("t.stp:1:15: note: type was first inferred here (long)"));
  CHECK(elaborate_text("global g probe begin { g = 1 } probe end { g = \"a\" }")
            .says("type mismatch (string): identifier 'g'"));
  CHECK(elaborate_text("probe begin { println(1 + \"a\") }")
            .says("type mismatch: expected long but found string: string 'a'"));
  CHECK(elaborate_text("function a:string () { } probe begin { print (a() + 1) }")
            .says("type mismatch: expected long but found string: identifier 'a'"));
  auto k = elaborate_text("global baz probe begin { baz[1] = 4; baz[\"1\"] = 5 }");
  CHECK(k.says("index 0 type mismatch (string): string '1'"));
  CHECK(k.says("type of index 0 was first inferred here (long)"));
  CHECK(elaborate_text("probe end { for (a=0; \"hello\";) {println(\"hello\")} }")
            .says("expected long but found string"));
}

TEST_CASE("types: printf formats are checked against the arguments") {
  CHECK(elaborate_text("probe begin { printf(\"%d %s\\n\", 1, \"a\") }").ok());
  CHECK(elaborate_text("probe begin { printf(\"%d\\n\", \"a\") }")
            .says("type mismatch: expected long but found string: string 'a'"));
  CHECK(elaborate_text("probe begin { printf(\"%s\\n\", 1) }")
            .says("type mismatch: expected string but found long: number '1'"));
  CHECK(elaborate_text("probe begin { printf(\"%d %d\\n\", 1) }")
            .says("Wrong number of args to formatted print operator: identifier 'printf'"));
  // the format gives a local its type
  auto r = elaborate_text("probe begin { x = y; printf(\"%s\", x) y = \"a\" }");
  REQUIRE(r.ok());
}

TEST_CASE("types: statistics") {
  CHECK(elaborate_text("global st probe begin { st <<< \"a\" }")
            .says("type mismatch: expected long but found string"));
  CHECK(elaborate_text("global st probe begin { st = 1; println(@count(st)) }")
            .says("type mismatch (stats): identifier 'st'"));
  CHECK(elaborate_text("probe begin { a <<< 1; println(@count(a)) }")
            .says("stat locals not supported, missing global declaration?"));
  CHECK(elaborate_text("global a[10] probe begin { printf(\"%d\\n\", @count(a)) }")
            .says("inconsistent arity"));
  CHECK(elaborate_text("global x probe end { x <<< 10; x++ }", {}, unoptimized())
            .says("type mismatch"));
  CHECK(elaborate_text("global arr probe begin { arr[0] <<< 1; foreach (v = k in arr) println(k) }")
            .says("invalid type stats"));
  CHECK(elaborate_text("global arr probe begin { arr[0] = 1; foreach (k in arr @sum+) println(k) }")
            .says("invalid type long"));
  auto h = elaborate_text("global h probe begin { h <<< 1; print(@hist_log(h)); println(@hist_log(h)[1]) }");
  CHECK(h.ok());
}

TEST_CASE("types: foreach variables take the array's key and value types") {
  auto r = elaborate_text(
      "global a probe begin { a[\"x\", 1] = \"v\" } "
      "probe end { foreach (v = [k, n] in a) printf(\"%s %d %s\\n\", k, n, v) }");
  REQUIRE(r.ok());
  CHECK(r.lists("end /* <- end */\n  # locals\n  k:string\n  n:long\n  v:string\n"));
}

TEST_CASE("types: what stays unknown is reported") {
  CHECK(elaborate_text("probe begin { println(x) }").says("unresolved type: identifier 'x'"));
  CHECK(elaborate_text("function stamp(s) { } probe begin { a = stamp(\"read\"); }", {}, unoptimized())
            .says("unresolved type"));
  CHECK(elaborate_text("global g probe begin { delete g }").says("unresolved type: identifier 'g'"));
  // but not in functions no probe can reach any more
  CHECK(elaborate_text("function trace(s) { return 0 } probe begin { trace(\"x\") println(1) }").ok());
}

TEST_CASE("types: regular expressions must compile") {
  CHECK(elaborate_text("probe begin { println(\"abc\" =~ \"a.c\") }").ok());
  CHECK(elaborate_text("probe begin { print(\"abc\" =~ \"a[b-d}+\") }").says("regex compilation error"));
  // Pass 2 accepts what pass 3 compiles: a backslash before punctuation is
  // that character, and the GNU escapes are operators.
  for (const char* re : {"\\\\]", "\\\\}", "\\\\/", "a\\\\{1\\\\}", "\\\\[x\\\\]", "\\\\-\\\\,\\\\;\\\\:\\\\@",
                         "\\\\\\\"", "\\\\w+\\\\b", "\\\\<a\\\\>", "a{,2}"}) {
    INFO(re);
    CHECK(elaborate_text(std::string("probe begin { println(\"a]}/\" =~ \"") + re + "\") }").ok());
  }
  CHECK(elaborate_text("probe begin { print(\"aa\" =~ \"(a)\\\\1\") }")
            .says("regex compilation error: back-references (\\1 ... \\9) are not supported"));
  CHECK(elaborate_text("probe begin { print(\"a\" =~ \"a\\\\\") }")
            .says("regex compilation error: trailing backslash in regular expression"));
}

TEST_CASE("types: embedded C may not touch aggregates") {
  cxxtap::elaborate::ElaborateOptions guru;
  guru.guru = true;
  auto r = elaborate_text(
      "global var probe begin { var <<< 1 println(%{ /* pragma:read:var */ 0 %}) println(@count(var)) }",
      {}, guru);
  CHECK(r.says("Aggregates not available in embedded-C: identifier 'var'"));
}
