// The fixture objects (fixture.h) opened through a debuginfo session, for
// the tests of the debuginfo layer.
#pragma once

#include "fixture.h"

#include "debuginfo/module.h"

#include <catch2/catch.hpp>

#include <string>

namespace cxxtap::test {

inline debuginfo::Module& fixture(debuginfo::Session& s, const char* which = "fixture-O2.o") {
  const std::string dir = fixture_dir();
  REQUIRE(!dir.empty());
  std::string error;
  debuginfo::Module* m = s.module(dir + "/" + which, error);
  INFO(error);
  REQUIRE(m);
  return *m;
}

}  // namespace cxxtap::test
