// The format checker is header-only (constexpr); these static_asserts are its
// compiled examples, so a change that breaks stap's rules fails the build.
#include "format_check.h"

#include <array>

namespace cxxtap::elaborate {
namespace {

using K = FormatArgKind;
constexpr std::optional<K> L = K::Long;
constexpr std::optional<K> S = K::String;

constexpr bool syntax_ok(std::string_view f) {
  return !scan_format(f, [](K, std::size_t) {}).has_value();
}

static_assert(syntax_ok("plain text\\n"));
static_assert(syntax_ok("%d %s %x %X %o %u %c %p %m %M %b %i %%"));
static_assert(syntax_ok("%-5d %+d % d %#x %05d %-05d %00d %5.3s %.*s %*d %ld %ls %.2m %3b"));
static_assert(!syntax_ok("%"));
static_assert(!syntax_ok("%5"));
static_assert(!syntax_ok("%q"));
static_assert(!syntax_ok("%lld"));
static_assert(!syntax_ok("%hd"));
static_assert(!syntax_ok("%-+d"));
static_assert(!syntax_ok("%0+d"));
static_assert(!syntax_ok("%5%"));
static_assert(!syntax_ok("%e"));

static_assert(format_arg_count("%d %s") == 2);
static_assert(format_arg_count("%*.*s") == 3);
static_assert(format_arg_count("100%%") == 0);
static_assert(format_arg_kind("%d %s", 1) == K::String);
static_assert(format_arg_kind("%*s", 0) == K::Long);
static_assert(!format_arg_kind("%d", 1).has_value());

constexpr std::array<std::optional<K>, 2> kLongString{L, S};
constexpr std::array<std::optional<K>, 2> kStringString{S, S};
constexpr std::array<std::optional<K>, 1> kOne{L};
static_assert(!check_format("%d %s", kLongString));
static_assert(check_format("%d %s", kStringString)->kind == FormatMismatch::Kind::Type);
static_assert(check_format("%d %s", kStringString)->arg_index == 0);
static_assert(check_format("%d %d", kOne)->kind == FormatMismatch::Kind::Count);
static_assert(check_format("%y", kOne)->kind == FormatMismatch::Kind::Syntax);

}  // namespace
}  // namespace cxxtap::elaborate
