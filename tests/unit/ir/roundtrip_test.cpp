// print(parse(print(parse(f)))) == print(parse(f)): the canonical printer's
// output reads back to the same IR, for the corpus files stap runs directly.
#include "../parse/parse_helpers.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace {

// Returns {files parsed, files that round-tripped}.
std::pair<int, int> roundtrip_set(const char* set) {
  fs::path dir = fs::path(CXXTAP_CONFORMANCE_DIR) / set;
  REQUIRE(fs::is_directory(dir));
  int parsed = 0, same = 0;
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
    if (!first.file) continue;  // needs a kernel .config or a tapset macro
    ++parsed;
    auto second = cxxtap::test::parse_text(first.printed, true);
    REQUIRE(second.file);
    CHECK(second.printed == first.printed);
    if (second.printed == first.printed) ++same;
  }
  return {parsed, same};
}

}  // namespace

TEST_CASE("printer: every parseok script round-trips") {
  auto [parsed, same] = roundtrip_set("parseok");
  CHECK(parsed >= 38);
  CHECK(same == parsed);
}

TEST_CASE("printer: semok, semko and transok scripts round-trip") {
  for (const char* set : {"semok", "semko", "transok"}) {
    INFO(set);
    auto [parsed, same] = roundtrip_set(set);
    CHECK(parsed >= 10);
    CHECK(same == parsed);
  }
}
