#include "elaborate/format_check.h"

#include <catch2/catch.hpp>

#include <array>
#include <vector>

using namespace cxxtap::elaborate;

TEST_CASE("format_check: conversions and the argument kinds they take") {
  std::vector<FormatArgKind> kinds;
  auto err = scan_format("%d %s %5.2x %-s %*d %% %c", [&](FormatArgKind k, std::size_t) {
    kinds.push_back(k);
  });
  CHECK_FALSE(err);
  REQUIRE(kinds.size() == 7);
  CHECK(kinds[0] == FormatArgKind::Long);
  CHECK(kinds[1] == FormatArgKind::String);
  CHECK(kinds[2] == FormatArgKind::Long);
  CHECK(kinds[3] == FormatArgKind::String);
  CHECK(kinds[4] == FormatArgKind::Long);  // the '*' width
  CHECK(kinds[5] == FormatArgKind::Long);  // and the %d it belongs to
  CHECK(kinds[6] == FormatArgKind::Long);
}

TEST_CASE("format_check: stap's syntax errors, with the offset of the '%'") {
  auto err = scan_format("ok %q", [](FormatArgKind, std::size_t) {});
  REQUIRE(err);
  CHECK(err->offset == 3);
  CHECK(err->message == kBadConversion);
  CHECK(scan_format("%lld", [](FormatArgKind, std::size_t) {}));
  CHECK(scan_format("trailing %", [](FormatArgKind, std::size_t) {}));
}

TEST_CASE("format_check: check_format reports count and kind mismatches") {
  std::array<std::optional<FormatArgKind>, 2> args{FormatArgKind::String, std::nullopt};
  auto m = check_format("%d %s", args);
  REQUIRE(m);
  CHECK(m->kind == FormatMismatch::Kind::Type);
  CHECK(m->arg_index == 0);
  CHECK(m->expected == FormatArgKind::Long);
  std::array<std::optional<FormatArgKind>, 1> one{FormatArgKind::Long};
  CHECK(check_format("%d %d", one)->message == kWrongArgCount);
  // unknown kinds always fit
  std::array<std::optional<FormatArgKind>, 2> unknown{std::nullopt, std::nullopt};
  CHECK_FALSE(check_format("%d %s", unknown));
}
