// Pass 3's locking of globals: which globals a probe locks, shared or
// exclusive, in one global order, released in reverse (lock_sets.h).
#include "unit/driver/run_stap.h"

#include <catch2/catch.hpp>

#include <regex>
#include <string>
#include <vector>

using cxxtap::test::run_stap;

namespace {

// The lock operations of the handler that follows the comment /* pp */.
std::vector<std::string> lock_ops(const std::string& c, const std::string& pp) {
  auto start = c.find("/* " + pp + " */");
  REQUIRE(start != std::string::npos);
  auto end = c.find("\n}\n", start);
  std::string body = c.substr(start, end - start);
  std::vector<std::string> ops;
  std::regex op(R"(_stp_(read|write)_(lock_try|unlock)\(&g_(\w+)_lock\))");
  for (std::sregex_iterator it(body.begin(), body.end(), op), e; it != e; ++it)
    ops.push_back((*it)[1].str() + ((*it)[2] == "lock_try" ? " lock " : " unlock ") +
                  (*it)[3].str());
  return ops;
}

}  // namespace

TEST_CASE("locks: readers share, writers and statistic readers exclude") {
  auto r = run_stap(
      "-p3 -e 'global a, b = 5, s, m, unused\n"
      "probe begin { a = 1; println(b); s <<< 1; m[1] = 2 }\n"
      "probe timer.s(1) { println(a, m[1]) }\n"
      "probe end { println(@count(s)); println(b) }'");
  REQUIRE(r.status == 0);
  using V = std::vector<std::string>;
  // Declaration order a, b, s, m; unlocked in reverse.
  CHECK(lock_ops(r.out, "begin") == V{"write lock a", "read lock b", "read lock s", "write lock m",
                                      "write unlock m", "read unlock s", "read unlock b", "write unlock a"});
  CHECK(lock_ops(r.out, "timer.s(1)") == V{"read lock a", "read lock m", "read unlock m", "read unlock a"});
  CHECK(lock_ops(r.out, "end") == V{"read lock b", "write lock s", "write unlock s", "read unlock b"});
}

TEST_CASE("locks: globals reached through called functions are locked too") {
  auto r = run_stap(
      "-p3 -e 'global x, y\n"
      "function bump() { x++ }\n"
      "function peek() { return y + 1 }\n"
      "function both() { bump(); return peek() }\n"
      "probe begin { println(both()) }\n"
      "probe end { println(x, y) }'");
  REQUIRE(r.status == 0);
  using V = std::vector<std::string>;
  CHECK(lock_ops(r.out, "begin") == V{"write lock x", "read lock y", "read unlock y", "write unlock x"});
}

TEST_CASE("locks: a probe that touches no global takes no lock") {
  auto r = run_stap("-p3 -e 'global g probe begin { println(1) } probe end { g = 2; println(g) }'");
  REQUIRE(r.status == 0);
  CHECK(lock_ops(r.out, "begin").empty());
  CHECK(lock_ops(r.out, "end") == std::vector<std::string>{"write lock g", "write unlock g"});
}

TEST_CASE("locks: embedded C pragmas name the globals it touches") {
  auto r = run_stap(
      "-p3 -g -e 'global z = 3\n"
      "function get:long () %{ /* pragma:read:z */ STAP_RETVALUE = 1; %}\n"
      "function set () %{ /* pragma:write:z */ %}\n"
      "probe begin { println(get()) }\n"
      "probe end { set() }'");
  REQUIRE(r.status == 0);
  using V = std::vector<std::string>;
  CHECK(lock_ops(r.out, "begin") == V{"read lock z", "read unlock z"});
  CHECK(lock_ops(r.out, "end") == V{"write lock z", "write unlock z"});
}
