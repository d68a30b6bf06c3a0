// One IR, two front-ends: each example written both as .stp and in the C++
// DSL prints the same -p1 text.
#include "hello/hello.h"
#include "timer_report/timer_report.h"

#include "parse/parser.h"

#include <cxxtap/ir/printer.h>

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

namespace {

std::string stp_print(const std::string& relpath) {
  std::ifstream in(std::string(CXXTAP_SOURCE_DIR) + "/examples/" + relpath);
  REQUIRE(in);
  std::stringstream ss;
  ss << in.rdbuf();
  cxxtap::Diagnostics d;
  cxxtap::parse::ParseOptions po;
  auto f = cxxtap::parse::parse_file(std::make_shared<cxxtap::ir::SourceFile>(relpath, ss.str()),
                                     po, d);
  REQUIRE(f);
  return cxxtap::ir::to_string(*f);
}

}  // namespace

// The scripts are constexpr values.
static_assert(sizeof(examples::hello) > 0);
static_assert(examples::timer_report.decls[boost::hana::size_c<0>].name == "reads");

TEST_CASE("dsl: hello world lowers to the IR of hello.stp") {
  CHECK(cxxtap::ir::to_string(*examples::hello.lower()) == stp_print("hello/hello.stp"));
}

TEST_CASE("dsl: the timer report lowers to the IR of timer_report.stp") {
  CHECK(cxxtap::ir::to_string(*examples::timer_report.lower()) ==
        stp_print("timer_report/timer_report.stp"));
}
