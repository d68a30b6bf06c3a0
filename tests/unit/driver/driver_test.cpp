#include "run_stap.h"

#include <cstdlib>
#include <filesystem>

#include <catch2/catch.hpp>

#include <regex>

using cxxtap::test::run_stap;

TEST_CASE("driver: -v prints stap's Pass lines with real figures") {
  auto r = run_stap("-v -p2 -e 'probe begin { log(\"hello world\") exit() }'");
  CHECK(r.status == 0);
  std::regex pass1(
      "Pass 1: parsed user script and [0-9]+ library scripts using "
      "[0-9]+virt/[0-9]+res/[0-9]+shr/[0-9]+data kb, in [0-9]+usr/[0-9]+sys/[0-9]+real ms\\.\n");
  std::regex pass2(
      "Pass 2: analyzed script: 1 probe, 2 functions, 0 embeds, 0 globals using "
      "[0-9]+virt/[0-9]+res/[0-9]+shr/[0-9]+data kb, in [0-9]+usr/[0-9]+sys/[0-9]+real ms\\.\n");
  CHECK(std::regex_search(r.err, pass1));
  CHECK(std::regex_search(r.err, pass2));
}

TEST_CASE("driver: -p1 prints the parse tree, which stap -p1 reads back") {
  auto r = run_stap("-p1 -e 'probe begin { x = 1 + 2 * 3; println(x) }'");
  REQUIRE(r.status == 0);
  CHECK(r.out ==
        "# parse tree dump\n# file <input>\nprobe begin {\n  x = (1 + (2 * 3));\n  println(x);\n}\n");
  auto again = run_stap("-p1 -", r.out);
  REQUIRE(again.status == 0);
  CHECK(again.out == r.out);
}

TEST_CASE("driver: script arguments become $1 and @1") {
  auto r = run_stap("-p1 -e 'probe begin { printf(\"%d %s\\n\", $1, @2) }' 42 hello");
  REQUIRE(r.status == 0);
  CHECK(r.out.find("printf(\"%d %s\\n\", 42, \"hello\");") != std::string::npos);
  auto missing = run_stap("-p1 -e 'probe begin { print($3) }' 1");
  CHECK(missing.status == 1);
  CHECK(missing.err.find("command line argument index 3 out of range [1-1]") !=
        std::string::npos);
}

TEST_CASE("driver: a parse error is file:line:col, source line, caret, exit 1") {
  auto r = run_stap("-p1 -e 'probe begin {\n  x = = 1\n}'");
  CHECK(r.status == 1);
  CHECK(r.err.find("<input>:2:7: error: expected an expression, saw operator '='\n"
                   "  x = = 1\n"
                   "      ^\n") != std::string::npos);
  CHECK(r.err.find("Pass 1: parse failed.  [man error::pass1]") != std::string::npos);
}

TEST_CASE("driver: usage errors exit non-zero with a message") {
  CHECK(run_stap("-p0 -e 'probe begin {}'").status == 1);
  CHECK(run_stap("-p6 -e 'probe begin {}'").status == 1);
  CHECK(run_stap("-p1 -e 'probe begin {}' -e 'probe end {}'").status == 1);
  CHECK(run_stap("-p1 -m 'x^y' -e 'probe begin {}'").status == 1);
  CHECK(run_stap("-p1 -s 0 -e 'probe begin {}'").status == 1);
  CHECK(run_stap("-p1 -c /bin/ls -x 100 -e 'probe begin {}'").status == 1);
  CHECK(run_stap("-p1 --prologue-searching=blah -e 'probe never {}'").status == 1);
  CHECK(run_stap("-p1").status == 1);
}

TEST_CASE("driver: -h and -V succeed") {
  auto h = run_stap("-h");
  CHECK(h.status == 0);
  CHECK(h.out.find("Usage: stap") != std::string::npos);
  auto v = run_stap("-V");
  CHECK(v.status == 0);
  CHECK(v.out.find("cxxtap") != std::string::npos);
}

TEST_CASE("driver: -o writes the listing to a file") {
  auto r = run_stap("-p1 -o listing.txt -e 'probe never {}' && cat listing.txt");
  CHECK(r.status == 0);
  CHECK(r.out.find("probe never {") != std::string::npos);
}

TEST_CASE("driver: pass 4 without a kernel build tree fails with stap's line") {
  auto r = run_stap("-r /nonexistent/kernel/tree -e 'probe begin { exit() }'");
  CHECK(r.status == 1);
  CHECK(r.err.find("Pass 4: compilation failed.  [man error::pass4]") != std::string::npos);
}

TEST_CASE("driver: pass 5 on a kernel that cannot load modules points to --vm") {
  if (std::filesystem::exists("/proc/modules")) return;  // it could load it
  char dir[] = "/tmp/cxxtap-driver-test.XXXXXX";
  REQUIRE(mkdtemp(dir) != nullptr);
  setenv("CXXTAP_CACHE_DIR", dir, 1);
  auto r = run_stap("-e 'probe begin { exit() }'");
  unsetenv("CXXTAP_CACHE_DIR");
  std::filesystem::remove_all(dir);
  CHECK(r.status == 1);
  CHECK(r.err.find("cannot load modules (no /proc/modules); run with --vm") != std::string::npos);
  CHECK(r.err.find("Pass 5: run failed.  [man error::pass5]") != std::string::npos);
}

TEST_CASE("driver: -W makes a broken tapset directory fatal, without -W it is a warning") {
  std::string dir = std::string(CXXTAP_CONFORMANCE_DIR) + "/parseko/bad_tapset";
  auto warn = run_stap("-p1 -e 'probe begin {}' -I " + dir);
  CHECK(warn.status == 0);
  CHECK(warn.err.find("foo.stp") != std::string::npos);
  auto fatal = run_stap("-p1 -e 'probe begin {}' -W -I " + dir);
  CHECK(fatal.status == 1);
}

TEST_CASE("driver: pass 2 rejects assignments to values that are not storage") {
  auto r = run_stap("-p2 -e 'probe begin { 1 = 2 }'");
  CHECK(r.status == 1);
  CHECK(r.err.find("<input>:1:17: error: Expecting lvalue for assignment") != std::string::npos);
  auto inc = run_stap("-p2 -e 'probe begin { (a + b)++ }'");
  CHECK(inc.status == 1);
  CHECK(inc.err.find("Expecting lvalue for increment") != std::string::npos);
}
