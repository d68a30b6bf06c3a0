// print(parse(print(parse(f)))) == print(parse(f)) for every parseok file
// that stap runs directly, and for the scripts of the shell-driven ones.
#include "../parse/parse_helpers.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

TEST_CASE("printer: every parseok script round-trips") {
  fs::path dir = fs::path(CXXTAP_CONFORMANCE_DIR) / "parseok";
  REQUIRE(fs::is_directory(dir));
  int checked = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".stp") continue;
    std::ifstream in(entry.path());
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    if (text.rfind("#! stap", 0) != 0 && text.rfind("#!stap", 0) != 0) continue;
    INFO(entry.path().string());
    // Most files take no arguments; those using $1.. get some.
    auto first = cxxtap::test::parse_text(text, true);
    if (!first.file) first = cxxtap::test::parse_text(text, true, {"1", "2", "3", "4", "5"});
    if (!first.file) {
      // A few parseok files need a real kernel .config or release; those
      // are covered by the conformance run, not here.
      WARN("not parsed in isolation: " << entry.path().filename().string() << "\n"
                                       << first.diagnostics);
      continue;
    }
    auto second = cxxtap::test::parse_text(first.printed, true);
    REQUIRE(second.file);
    CHECK(second.printed == first.printed);
    ++checked;
  }
  CHECK(checked >= 35);
}
