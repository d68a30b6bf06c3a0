#include "elaborate_helpers.h"

#include "elaborate/probe_families.h"

#include <catch2/catch.hpp>

#include <sstream>

using cxxtap::test::elaborate_text;
using cxxtap::test::list_pattern;
using cxxtap::test::Tapset;
using cxxtap::test::unoptimized;

TEST_CASE("probe points: begin, end, error, never and their derivations") {
  auto r = elaborate_text("probe begin(-5), end(3), error, error(-1), never { println(1) }");
  REQUIRE(r.ok());
  CHECK(r.listing ==
        "# probes\n"
        "begin(-5) /* <- begin(-5),end(3),error,error(-1),never */\n"
        "end(3) /* <- begin(-5),end(3),error,error(-1),never */\n"
        "error /* <- begin(-5),end(3),error,error(-1),never */\n"
        "error(-1) /* <- begin(-5),end(3),error,error(-1),never */\n"
        "never /* <- begin(-5),end(3),error,error(-1),never */\n");
  CHECK(r.program->probes[0]->point.numbers.at("sequence") == -5);
}

TEST_CASE("probe points: timers and stap's range checks") {
  CHECK(elaborate_text("probe timer.ms(5).randomize(5) { println(1) }").ok());
  CHECK(elaborate_text("probe timer.jiffies(1000000) { println(1) }").ok());
  CHECK(elaborate_text("probe timer.hz(10000) { println(1) }").ok());
  CHECK(elaborate_text("probe timer.ms(0) { println(1) }")
            .says("interval value out of range (1, 86400000)"));
  CHECK(elaborate_text("probe timer.us(99) { println(1) }")
            .says("interval value out of range (100, 86400000000)"));
  CHECK(elaborate_text("probe timer.ns(1000) { println(1) }")
            .says("interval value out of range (100000, 86400000000000)"));
  CHECK(elaborate_text("probe timer.ms(5).randomize(10) { println(1) }")
            .says("randomization value out of range"));
  CHECK(elaborate_text("probe timer.jiffies(1000001) { println(1) }")
            .says("invalid interval for jiffies timer"));
  CHECK(elaborate_text("probe timer.jiffies(5).randomize(6) { println(1) }")
            .says("invalid randomize for jiffies timer"));
  CHECK(elaborate_text("probe timer.hz(0) { println(1) }").says("frequency must be greater than 0"));
  auto hz = elaborate_text("probe timer.hz(5).randomize(1) { println(1) }");
  CHECK(hz.says("t.stp:1:19: error: invalid suffix for probe"));
  auto ns = elaborate_text("probe timer.s(2) { println(1) }");
  REQUIRE(ns.ok());
  CHECK(ns.program->probes[0]->point.numbers.at("interval_ns") == 2'000'000'000);
}

TEST_CASE("probe points: mismatches name the component and suggest") {
  auto r = elaborate_text("probe timer.ms { println(1) }");
  CHECK(r.says("t.stp:1:13: error: probe point mismatch (similar: ms, s, "));
  CHECK(elaborate_text("probe timer { println(1) }")
            .says("probe point truncated (follow: hz(number) jiffies(number)"));
  CHECK(elaborate_text("probe timer.xx* { println(1) }")
            .says("didn't find any wildcard matches"));
}

TEST_CASE("probe points: families we cannot build yet say so") {
  auto r = elaborate_text("probe kernel.function(\"vfs_read\").callee(\"f\") { println(1) }");
  CHECK(r.says("t.stp:1:7: error: probe point family 'kernel.function' is not yet supported by cxxtap"));
  CHECK(elaborate_text("probe process(\"/bin/ls\").function(\"main\").return { println(1) }")
            .says("'process.function' is not yet supported"));
  // optional points that do not resolve are dropped silently
  auto opt = elaborate_text("probe kernel.function(\"vfs_read\")?, begin { println(1) }");
  REQUIRE(opt.ok());
  CHECK(opt.lists("begin /* <- kernel.function(\"vfs_read\")?,begin */"));
  CHECK(elaborate_text("probe kernel.function(\"x\")? { println(1) }").says("no probes found"));
}

TEST_CASE("probe points: ? and ! on the written points") {
  auto s = elaborate_text("probe begin!, end { println(1) }");
  REQUIRE(s.ok());
  CHECK(s.listing == "# probes\nbegin! /* <- begin!,end */\n");
  auto o = elaborate_text("probe begin?, end { println(1) }");
  CHECK(o.listing == "# probes\nbegin? /* <- begin?,end */\nend /* <- begin?,end */\n");
}

TEST_CASE("probe points: globs, ** and {a,b} alternatives") {
  auto r = elaborate_text("probe timer.**(2) { println(1) }");
  REQUIRE(r.ok());
  // timer.us(2) and timer.ns(2) fail their range checks and are skipped
  CHECK(r.program->probes.size() == 6);
  CHECK(r.lists("timer.hz(2) /* <- timer.**(2) */"));
  CHECK(elaborate_text("probe b*n(2) { println(1) }").lists("begin(2) /* <- b*n(2) */"));
  CHECK(elaborate_text("probe ti**es(1) { println(1) }").lists("timer.jiffies(1)"));
  auto b = elaborate_text("probe {begin,end} { println(1) }");
  REQUIRE(b.ok());
  CHECK(b.program->probes.size() == 2);
}

TEST_CASE("probe points: --dump-probe-types lists every pattern in stap's order") {
  std::ostringstream os;
  cxxtap::elaborate::dump_probe_types(os);
  const std::string out = os.str();
  CHECK(out.rfind("begin\nbegin(number)\nend\nend(number)\nerror\nerror(number)\n", 0) == 0);
  CHECK(out.find("\nkernel.function(string).return.maxactive(number)\n") != std::string::npos);
  CHECK(out.find("\nnever\n") != std::string::npos);
  CHECK(out.find("\nprocess.begin\nprocess.data") != std::string::npos);
  CHECK(out.find("timer.profile.tick\ntimer.s(number)\n") != std::string::npos);
  CHECK(out.find("kernel.mark") == std::string::npos);
}

TEST_CASE("aliases: prologue, epilogue, nesting and the derivation text") {
  auto r = elaborate_text(
      "probe foo = begin, end { a = 1 } probe bar = foo { b = 2 } probe bar { println(a+b) }");
  REQUIRE(r.ok());
  CHECK(r.listing ==
        "# probes\n"
        "begin /* <- foo = begin, end <- bar = foo <- bar */\n"
        "  # locals\n  a:long\n  b:long\n"
        "end /* <- foo = begin, end <- bar = foo <- bar */\n"
        "  # locals\n  a:long\n  b:long\n");
  // = puts the alias body first, += last
  auto order = elaborate_text(
      "probe pre = begin { x = 1 } probe post += pre { x = 3 } probe post { x = 2; println(x) }",
      {}, unoptimized());
  REQUIRE(order.ok());
  const auto& stmts = order.program->probes[0]->body->stmts;
  REQUIRE(stmts.size() == 4);
  auto value = [&](std::size_t i) {
    auto es = cxxtap::ir::as<cxxtap::ir::ExprStmt>(stmts[i].get());
    auto a = cxxtap::ir::as<cxxtap::ir::AssignExpr>(es ? es->expr.get() : nullptr);
    auto n = cxxtap::ir::as<cxxtap::ir::NumberExpr>(a ? a->value.get() : nullptr);
    return n ? n->value : -1;
  };
  CHECK(value(0) == 1);
  CHECK(value(1) == 2);
  CHECK(value(3) == 3);
}

TEST_CASE("aliases: locals are fresh per expansion, conditions are ANDed") {
  auto r = elaborate_text(
      "global g probe foo.a = begin if (g > 0), end? { a = 1 } "
      "probe foo.* if (g < 3) { println(a) } probe end { g = 2 }");
  REQUIRE(r.ok());
  CHECK(r.lists("begin if ((g > 0) && (g < 3)) /* <- foo.a = begin if (g > 0), end? <- foo.* if (g < 3) */"));
  CHECK(r.lists("end? if (g < 3) /* <-"));
  const auto& probes = r.program->probes;
  REQUIRE(probes.size() >= 2);
  CHECK(probes[0]->locals[0].get() != probes[1]->locals[0].get());
  // a begin probe arms the conditions
  CHECK(r.listing.substr(r.listing.size() - 21) == "begin /* <- begin */\n");
}

TEST_CASE("aliases: suffixes are appended to the targets") {
  auto r = elaborate_text("probe foo = timer.ms(10) { a = 1 } probe foo.randomize(3) { println(a) }");
  REQUIRE(r.ok());
  CHECK(r.lists("timer.ms(10).randomize(3) /* <- foo = timer.ms(10) <- foo.randomize(3) */"));
  CHECK(elaborate_text("probe a.b = timer {} probe a.b.*(1) { println(1) }", {}, unoptimized())
            .program->probes.size() == 6);
  CHECK(elaborate_text("probe a = begin { } probe a.randomize(1) { println(1) }")
            .says("t.stp:1:29: error: invalid suffix for probe"));
}

TEST_CASE("aliases: errors") {
  CHECK(elaborate_text("probe foo = bar {} probe bar = foo {} probe foo { println(1) }")
            .says("recursive loop in alias expansion of"));
  CHECK(elaborate_text("probe r = a.b { } probe q.c = r.c.c { } probe a.b = q { } probe a.b.c { print(1) }")
            .says("recursive loop in alias expansion of"));
  auto wild = elaborate_text("probe badalias.* = begin { } probe begin { println(1) }");
  CHECK(wild.says("invalid use of wildcard probe point component"));
  CHECK(wild.says("note: while registering probe alias"));
  CHECK(elaborate_text("probe a.q.b = begin { } probe b = a.q { } probe b.d { println(1) }")
            .says("probe point mismatch (similar: b)"));
}

TEST_CASE("aliases: ! stops at the first target that resolves, ? drops what does not") {
  auto r = elaborate_text("probe x = kernel.function(\"f\") !, begin !, end { } probe x { println(1) }");
  REQUIRE(r.ok());
  REQUIRE(r.program->probes.size() == 1);
  CHECK(r.program->probes[0]->point.text == "begin");
  auto q = elaborate_text("probe x = kernel.function(\"f\") ?, end { } probe x { println(1) }");
  REQUIRE(q.ok());
  CHECK(q.program->probes.size() == 1);
}

TEST_CASE("aliases: when every target is optional and none resolves, the first says why") {
  auto r = elaborate_text("probe t = timer.profile.tick !, kernel.function(\"f\") ! { } probe t { println(1) }");
  CHECK(r.says("profiling timer support (register_timer_hook) not found in kernel!"));
}

TEST_CASE("aliases: @probewrite tells whether the handler writes a variable") {
  auto r = elaborate_text(
      "probe foo = begin { if (@probewrite(x)) println(\"w\"); if (@probewrite(y)) println(\"r\") } "
      "probe foo { x = 3; println(x + y) }",
      {}, unoptimized());
  REQUIRE(r.ok());
  CHECK(elaborate_text("probe begin { println(@probewrite(x)) }").says("unexpected @probewrite"));
}

TEST_CASE("aliases from the library pull in their file") {
  std::vector<Tapset> lib = {
      {"oneshot.stp", "probe oneshot += begin { exit() }"},
      {"logging.stp", "function exit() %{ /* unprivileged */ %}"},
      {"unused.stp", "global never_pulled probe begin { never_pulled = 1 }"}};
  auto r = elaborate_text("probe oneshot { println(1) }", lib);
  REQUIRE(r.ok());
  CHECK(r.listing ==
        "# functions\nexit:unknown ()\n# probes\nbegin /* <- oneshot += begin <- oneshot */\n");
  CHECK(r.program->files.size() == 3);  // the script, oneshot.stp, logging.stp
}

TEST_CASE("stap -l: lists the points a pattern resolves to") {
  std::vector<Tapset> lib = {{"timers.stp", "probe timer.profile = timer.profile.tick !, never { }"},
                             {"init.stp", "probe init = begin(-100) { x = 1 } probe begin { }"}};
  CHECK(list_pattern("timer.*", lib) == std::vector<std::string>{"timer.profile"});
  CHECK(list_pattern("begin") == std::vector<std::string>{"begin"});
  CHECK(list_pattern("b*") == std::vector<std::string>{"begin"});
  CHECK(list_pattern("foo").empty());
  CHECK(list_pattern("init", lib, true) == std::vector<std::string>{"init x:long"});
}
