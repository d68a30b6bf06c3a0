// kernel.statement's lines and addresses (translator/debuginfo/statements.h)
// on the C fixture (fixture.h), compiled at -O0 (a row per line) and -O2
// (lines sharing addresses). The expected sites are where stap 4.8 puts
// them on the same objects (checked by hand with Debian's stap -p2).
#include "fixture_module.h"

#include "debuginfo/module.h"
#include "debuginfo/statements.h"
#include "unit/driver/run_stap.h"

#include <catch2/catch.hpp>

using namespace cxxtap::debuginfo;
using cxxtap::test::fixture;
using cxxtap::test::fixture_dir;
using cxxtap::test::run_stap;

namespace {

LineSpec lines(char sep, const char* text) {
  std::string error;
  auto spec = parse_lines(sep, text, error);
  INFO(error);
  REQUIRE(spec);
  return *spec;
}

FunctionQuery fn(const char* name) {
  FunctionQuery q;
  q.name = name;
  return q;
}

// "LINE@+OFFSET" per site, OFFSET from the function's entry.
std::vector<std::string> where(const std::vector<FunctionSite>& sites) {
  std::vector<std::string> out;
  for (const auto& s : sites)
    out.push_back(std::to_string(s.line) + "@+" + std::to_string(s.probe - s.entry));
  return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("statements: line lists parse as stap writes them") {
  auto all = lines(':', "*");
  CHECK(all.all);
  auto some = lines(':', "5-7,9");
  CHECK(some.ranges == std::vector<std::pair<int, int>>{{5, 7}, {9, 9}});
  CHECK(lines('+', "2").relative);
  std::string error;
  for (const char* bad : {"", "x", "5-", "7-5", "5,", "-3", "+2"}) {
    INFO(bad);
    CHECK_FALSE(parse_lines(':', bad, error));
    CHECK(error.find("line") != std::string::npos);
  }
  CHECK_FALSE(parse_lines('+', "*", error));
}

TEST_CASE("statements: -O0 has a site per line, at the line's first instruction") {
  Session s;
  Module& m = fixture(s, "fixture-O0.o");
  CHECK(where(statements(m, fn("fixture_sum"), lines(':', "*"))) ==
        V{"4@+0", "5@+15", "6@+22", "7@+31", "8@+80", "9@+83"});
  CHECK(where(statements(m, fn("fixture_sum"), lines('+', "2"))) == V{"5@+15"});
  CHECK(where(statements(m, fn("fixture_sum"), lines(':', "5-6,8"))) ==
        V{"5@+15", "6@+22", "8@+80"});
  // Variables of the block holding the line come first, as stap lists them.
  auto in_loop = statements(m, fn("fixture_sum"), lines(':', "7"));
  REQUIRE(in_loop.size() == 1);
  REQUIRE(!in_loop[0].params.empty());
  CHECK(in_loop[0].params[0].name == "i");
  CHECK(in_loop[0].spec() == "fixture_sum@fixture.c:7");
}

TEST_CASE("statements: -O2 lines sharing an address, lines with no code, .nearest") {
  Session s;
  Module& m = fixture(s, "fixture-O2.o");
  // 4, 5 and 6 start at the entry: 6 keeps it; 9 starts where 8 does.
  CHECK(where(statements(m, fn("fixture_sum"), lines(':', "*"))) ==
        V{"6@+0", "7@+16", "8@+34"});
  CHECK(where(statements(m, fn("fixture_other"), lines(':', "*"))) == V{"12@+0", "13@+11"});
  // The other functions' lines are not fixture_sum's (helper_add is
  // inlined into it from line 2).
  CHECK(statements(m, fn("fixture_sum"), lines(':', "2")).empty());
  CHECK(statements(m, fn("fixture_sum"), lines(':', "5")).empty());
  auto near = lines(':', "5");
  near.nearest = true;
  CHECK(where(statements(m, fn("fixture_sum"), near)) == V{"5@+0"});
  near = lines(':', "9");
  near.nearest = true;
  CHECK(where(statements(m, fn("fixture_sum"), near)) == V{"9@+34"});
}

TEST_CASE("statements: by address") {
  Session s;
  Module& m = fixture(s, "fixture-O0.o");
  auto sum = m.functions(fn("fixture_sum"));
  REQUIRE(sum.size() == 1);
  std::string error;
  auto at = statement_at(m, sum[0].entry + 31, error);
  INFO(error);
  REQUIRE(at);
  CHECK(at->name == "fixture_sum");
  CHECK(at->line == 7);
  CHECK(at->probe == sum[0].entry + 31);
  CHECK_FALSE(statement_at(m, sum[0].entry + 32, error));
  CHECK(error.find("is not the address of a statement") != std::string::npos);
  // kernel.function(ADDRESS): the function holding it, probed as by name.
  auto holder = function_at(m, sum[0].entry + 32, FunctionQuery{}, error);
  REQUIRE(holder);
  CHECK(holder->name == "fixture_sum");
  CHECK(holder->probe == sum[0].probe);
  CHECK_FALSE(function_at(m, 0x7fffffff, FunctionQuery{}, error));
}

TEST_CASE("kernel.statement family: module(PATH).statement through the driver") {
  const std::string obj = fixture_dir() + "/fixture-O0.o";
  auto l = run_stap("-L 'module(\"" + obj + "\").statement(\"fixture_sum@fixture.c:6-7\")'");
  CHECK(l.status == 0);
  CHECK(l.out == "module(\"" + obj + "\").statement(\"fixture_sum@fixture.c:6\") $i:int $v:int* "
                 "$n:int $s:int\nmodule(\"" + obj + "\").statement(\"fixture_sum@fixture.c:7\") "
                 "$i:int $v:int* $n:int $s:int\n");
  // Without a line: the function's first instruction, listed at its
  // declaration; a kprobe at symbol + offset whose handler reads $i there.
  auto p3 = run_stap("-p3 -e 'probe module(\"" + obj + "\").statement(\"fixture_sum\"), module(\"" +
                     obj + "\").statement(\"fixture_sum@fixture.c:7\") { println($n) }'");
  INFO(p3.err);
  CHECK(p3.status == 0);
  CHECK(p3.out.find(".symbol = \"fixture_O0:fixture_sum\", .offset = 0x0UL") != std::string::npos);
  CHECK(p3.out.find(".symbol = \"fixture_O0:fixture_sum\", .offset = 0x1fUL") != std::string::npos);
  CHECK(p3.out.find("statement(\\\"fixture_sum@fixture.c:3\\\")") != std::string::npos);
  auto none = run_stap("-p2 -e 'probe module(\"" + obj +
                       "\").statement(\"fixture_sum@fixture.c:2\") { println(1) }'");
  CHECK(none.status != 0);
  CHECK(none.err.find("no match") != std::string::npos);
  auto bad = run_stap("-p2 -e 'probe module(\"" + obj +
                      "\").statement(\"fixture_sum@fixture.c:x\") { println(1) }'");
  CHECK(bad.status != 0);
  CHECK(bad.err.find("error: bad line number list ':x'") != std::string::npos);
  auto absolute = run_stap("-p2 -e 'probe kernel.statement(0xffffffff81000000).absolute { println(1) }'");
  CHECK(absolute.status != 0);
  CHECK(absolute.err.find("need stap -g") != std::string::npos);
  auto guru = run_stap("-g -p3 -e 'probe kernel.statement(0xffffffff81000000).absolute { println(1) }'");
  CHECK(guru.status == 0);
  CHECK(guru.out.find(".symbol = NULL, .offset = 0xffffffff81000000UL") != std::string::npos);
  // The DWARF-less form, the same kprobe by address.
  auto kp = run_stap("-g -p3 -e 'probe kprobe.statement(0xffffffff81000010).absolute { println(1) }'");
  CHECK(kp.status == 0);
  CHECK(kp.out.find(".symbol = NULL, .offset = 0xffffffff81000010UL") != std::string::npos);
  CHECK(run_stap("-p2 -e 'probe kprobe.statement(0x10).absolute { println(1) }'").status != 0);
}

TEST_CASE("vmlinux: .label lists a function's labels as stap does", "[.vmlinux]") {
  auto l = cxxtap::test::run_stap(cxxtap::test::release_opt() +
                                  "-L 'kernel.function(\"tcp_sendmsg_locked\").label(\"out*\")'");
  INFO(l.err);
  CHECK(l.status == 0);
  // out and out_nopush, at their lines, with the variables live there.
  CHECK(l.out.find("kernel.function(\"tcp_sendmsg_locked@net/ipv4/tcp.c:") == 0);
  CHECK(l.out.find(").label(\"out\") $sk:struct sock* $msg:struct msghdr*") != std::string::npos);
  CHECK(l.out.find(").label(\"out_nopush\") $sk:struct sock*") != std::string::npos);
  auto none = cxxtap::test::run_stap(cxxtap::test::release_opt() +
                                     "-p2 -e 'probe kernel.function(\"vfs_read\").label(\"*\") {}'");
  CHECK(none.status != 0);
  CHECK(none.err.find("no match") != std::string::npos);
}
