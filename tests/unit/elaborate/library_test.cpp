#include "elaborate_helpers.h"

#include <catch2/catch.hpp>

using cxxtap::test::elaborate_text;
using cxxtap::test::Tapset;
using cxxtap::test::unoptimized;

namespace {

const std::vector<Tapset> kLib = {
    {"context.stp",
     "function pid:long() %{ /* pure */ /* unprivileged */ STAP_RETURN(0); %}\n"
     "function execname:string() %{ /* pure */ STAP_RETURN(\"x\"); %}\n"},
    {"logging.stp",
     "function exit() %{ /* unprivileged */ %}\n"
     "function printk(level:long, msg:string) %{ /* guru */ %}\n"},
    {"argv.stp",
     "global argv\n"
     "private global hidden = 3\n"
     "probe init { argv[1] = \"a\" }\n"
     "function argc_helper() { return hidden }\n"},
    {"init.stp", "probe init = begin(-100) { }\n"},
    {"util.stp",
     "function twice(x) { return helper(x) * 2 }\n"
     "private function helper(x) { return x }\n"
     "function over(a) { return 1 }\n"},
};

}  // namespace

TEST_CASE("library: functions are pulled in by reference, whole files at a time") {
  auto r = elaborate_text("probe begin { println(pid(), execname()) exit() }", kLib);
  REQUIRE(r.ok());
  CHECK(r.listing ==
        "# functions\nexecname:string ()\nexit:unknown ()\npid:long ()\n"
        "# probes\nbegin /* <- begin */\n");
  CHECK(r.program->files.size() == 3);
  CHECK(r.program->functions[0]->tags.pure);
}

TEST_CASE("library: a global pulls in its file, and the file's probes come with it") {
  auto r = elaborate_text("probe begin { println(argv[1]) }", kLib);
  REQUIRE(r.ok());
  CHECK(r.listing ==
        "# globals\nargv:string [long]\n# probes\nbegin /* <- begin */\n"
        "begin(-100) /* <- init = begin(-100) <- init */\n");
}

TEST_CASE("library: private names are visible only inside their file") {
  CHECK(elaborate_text("probe begin { println(twice(2)) }", kLib).ok());
  CHECK(elaborate_text("probe begin { println(helper(2)) }", kLib)
            .says("unresolved function helper"));
  // `hidden` is not the tapset's private global here: it is a local
  auto local = elaborate_text("probe begin { hidden = 1; println(hidden) }", kLib);
  REQUIRE(local.ok());
  CHECK(local.lists("  # locals\n  hidden:long\n"));
}

TEST_CASE("library: user definitions win, and tapset code never sees user globals") {
  auto r = elaborate_text("function pid() { return 3 } probe begin { println(pid()) }", kLib);
  REQUIRE(r.ok());
  CHECK_FALSE(r.program->functions[0]->from_tapset());
  // a user function of another arity does not hide the library's
  auto other = elaborate_text("function pid(a) { return a } probe begin { println(pid()) }", kLib);
  REQUIRE(other.ok());
  CHECK(other.program->functions[0]->from_tapset());
  // the user's global `x` does not capture the tapset's local `x`
  auto g = elaborate_text("global x[1] probe begin { x[0] = 1; println(twice(1)) }", kLib);
  CHECK(g.ok());
}

TEST_CASE("library: unresolved functions and arity mismatches") {
  auto r = elaborate_text("probe begin { foo(1) }", kLib);
  CHECK(r.says("t.stp:1:15: error: unresolved function foo"));
  auto s = elaborate_text("probe begin { exitt() }", kLib);
  CHECK(s.says("unresolved function exitt (similar: exit"));
  auto a = elaborate_text("function foo(a) { return a } probe begin { println(foo(1, 2)) }");
  CHECK(a.says("arity mismatch found (function 'foo' takes 1 args)"));
  CHECK(a.says("note: function declared here"));
}

TEST_CASE("library: overloads by arity and by priority") {
  auto r = elaborate_text(
      "function foo(a) { return a } function foo(a, b) { return a + b } "
      "probe begin { println(foo(1, 2)) println(foo(1)) }");
  REQUIRE(r.ok());
  CHECK(r.lists("foo:long (a:long)\nfoo:long (a:long, b:long)\n"));
  // the lower priority number is called first; `next` goes on to the other
  auto p = elaborate_text(
      "function foo(a):2 { if (a) next; return a } function foo(b):1 { return b + 1 } "
      "probe begin { println(foo(1)) }");
  REQUIRE(p.ok());
  CHECK(p.lists("foo:long (b:long)\n# probes"));
  auto chained = elaborate_text(
      "function foo(a) { if (a) next; return a } function foo(b) { return b + 1 } "
      "probe begin { println(foo(1)) }");
  REQUIRE(chained.ok());
  CHECK(chained.program->functions.size() == 2);
  auto unreachable = elaborate_text(
      "function f() { println(1) } function f() { println(2) } probe begin { f() }");
  CHECK(unreachable.says("warning: unreachable overload of function 'f'"));
}

TEST_CASE("library: guru-only tapset functions need -g") {
  auto r = elaborate_text("probe begin { printk(0, \"x\") }", kLib);
  CHECK(r.says("function may not be used unless -g is specified: identifier 'printk'"));
  cxxtap::elaborate::ElaborateOptions guru;
  guru.guru = true;
  CHECK(elaborate_text("probe begin { printk(0, \"x\") }", kLib, guru).ok());
}

TEST_CASE("symbols: arrays must be globals, arity must agree") {
  CHECK(elaborate_text("probe begin { x[1] = 1; println(x[1]) }")
            .says("unresolved arity-1 global array x, missing global declaration?"));
  auto a = elaborate_text("global x probe begin { x[1] = 1; x[1,2] = 3; println(x[1]) }");
  CHECK(a.says("t.stp:1:34: error: inconsistent arity (1 vs 2): identifier 'x'"));
  CHECK(a.says("note: arity 1 first inferred here"));
  CHECK(elaborate_text("global a probe begin { a[1,2] = 1; println(1 in a) }")
            .says("inconsistent arity (2 vs 1)"));
  CHECK(elaborate_text("global a probe begin { a[1,2] = 1; println([1,2] in a) }").ok());
  CHECK(elaborate_text("global x%  probe begin { x = 2 }").says("wrapping not supported for scalars"));
  CHECK(elaborate_text("global x[10] probe begin { x = 2 }").says("inconsistent arity: identifier 'x'"));
  CHECK(elaborate_text("global x probe begin { x = 1; foreach (k in x) println(k) }")
            .says("inconsistent arity (0 vs 1)"));
}

TEST_CASE("symbols: foreach may not modify the array it iterates") {
  CHECK(elaborate_text("global t probe begin { t[1] = 1; foreach (s in t) { t[s]++ } }")
            .says("variable 't' modified during 'foreach' iteration"));
  CHECK(elaborate_text("global t function f() { t[\"a\"] = 1 } "
                       "probe begin { t[\"b\"] = 2; foreach (s in t) { f() } }")
            .says("function call modifies var 't' during 'foreach' iteration"));
}

TEST_CASE("symbols: probe conditions") {
  CHECK(elaborate_text("global x probe begin if (y > 1) { println(1) }")
            .says("probe condition must not reference undeclared global: identifier 'y'"));
  CHECK(elaborate_text("global x probe begin if (f(x)) { println(1) } function f(a) { return a }")
            .says("probe condition must not reference function"));
  CHECK(elaborate_text("global x probe begin if (x = 1) { println(1) }")
            .says("probe condition must not modify any variables"));
}

TEST_CASE("symbols: $targets, @defined, and dead branches") {
  CHECK(elaborate_text("probe begin { println($foo) }")
            .says("unresolved target-symbol expression: identifier '$foo'"));
  CHECK(elaborate_text("probe begin { println(@defined($foo) ? $foo : 0) }").ok());
  CHECK(elaborate_text("probe begin { if (@defined($x)) println($x) else println(2) }").ok());
  CHECK(elaborate_text("probe begin { println(@defined($x) ? 1 : $x) }")
            .says("unresolved target-symbol expression"));
  // dead code is still type-checked
  CHECK(elaborate_text("probe begin { if (0) println(\"a\" + 1) println(1) }")
            .says("type mismatch: expected long but found string"));
  CHECK(elaborate_text("probe begin { println(@var(\"x\")) }").says("unresolved @var() expression"));
}
