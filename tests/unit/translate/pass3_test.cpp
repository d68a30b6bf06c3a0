// Pass 3 as a user sees it: -p3 prints C, -v names the file, failures say
// "Pass 3: translation failed", and --runtime=user runs passes 4 and 5.
#include "unit/driver/run_stap.h"

#include <catch2/catch.hpp>

#include <regex>

using cxxtap::test::run_stap;

TEST_CASE("pass 3: -p3 prints one C file that includes the runtime") {
  auto r = run_stap("-p3 -e 'global a; probe begin { a[1] = 2; println(a[1]) }'");
  REQUIRE(r.status == 0);
  CHECK(r.out.find("#include \"runtime/runtime.h\"") != std::string::npos);
  CHECK(r.out.find("_stp_probe_table[]") != std::string::npos);
  CHECK(r.out.find("_stp_script_init") != std::string::npos);
}

TEST_CASE("pass 3: -v prints stap's Pass 3 line") {
  auto r = run_stap("-v -p3 -e 'probe begin { exit() }'");
  REQUIRE(r.status == 0);
  std::regex pass3(
      "Pass 3: translated to C into \"[^\"]+/stap_[0-9a-f]{32}_[0-9]+_src\\.c\" using "
      "[0-9]+virt/[0-9]+res/[0-9]+shr/[0-9]+data kb, in [0-9]+usr/[0-9]+sys/[0-9]+real ms\\.\n");
  CHECK(std::regex_search(r.err, pass3));
}

TEST_CASE("pass 3: constant string concatenation is folded") {
  auto one = run_stap("-p3 -e 'probe oneshot { println($1) }' '\"foobar\"'");
  auto two = run_stap("-p3 -e 'probe oneshot { println($1) }' '\"foo\" . \"bar\"'");
  REQUIRE(one.status == 0);
  CHECK(one.out == two.out);
}

TEST_CASE("pass 3: =~ translates for the kernel; a too complex pattern fails with the pass-3 line") {
  auto ok = run_stap("-p3 -e 'probe begin { if (\"abc\" =~ \"b(c)\") println(matched(1)) }'");
  CHECK(ok.status == 0);
  CHECK(ok.out.find("_stp_regex_match(pc, &_stp_re_") != std::string::npos);
  auto r = run_stap("-p3 -e 'probe begin { if (\"abc\" =~ \"(b{1,99}){1,99}\") println(1) }'");
  CHECK(r.status == 1);
  CHECK(r.err.find("<input>:1:28: error: regular expression too complex") != std::string::npos);
  CHECK(r.err.find("Pass 3: translation failed.  [man error::pass3]\n") != std::string::npos);
}

TEST_CASE("runtime=user: -v prints the Pass 4 and Pass 5 lines and runs the script") {
  auto r = run_stap("-v --runtime=user -e 'probe begin { println(\"hi\"); exit() }'");
  REQUIRE(r.status == 0);
  CHECK(r.out == "hi\n");
  CHECK(std::regex_search(r.err, std::regex("Pass 4: compiled C into \"stap_[0-9a-f]{32}_[0-9]+\" "
                                            "in [0-9]+usr/[0-9]+sys/[0-9]+real ms\\.\n")));
  CHECK(r.err.find("Pass 5: starting run.\n") != std::string::npos);
  CHECK(std::regex_search(r.err, std::regex("Pass 5: run completed in [0-9]+usr/[0-9]+sys/"
                                            "[0-9]+real ms\\.\n")));
}

TEST_CASE("runtime=user: a run-time error fails pass 5") {
  auto r = run_stap("--runtime=user -e 'probe begin { error(\"boom\") }'");
  CHECK(r.status == 1);
  CHECK(r.err.find("ERROR: boom near identifier 'error' at <input>:1:15\n") != std::string::npos);
  CHECK(r.err.find("Pass 5: run failed.  [man error::pass5]\n") != std::string::npos);
}
