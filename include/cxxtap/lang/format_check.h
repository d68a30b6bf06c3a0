// printf format strings as stap accepts them (a language rule shared by
// pass 2 and the C++ DSL, hence header-only here), and the argument kinds each
// conversion consumes. Everything here is constexpr so that the C++ DSL can
// run the very same check at compile time that pass 2 runs on .stp scripts.
//
// A conversion is `%[flag][0][width][.precision][l]conv` where
//   flag       one of `- + space #` (at most one, as stap)
//   width      digits or `*` (a `*` consumes a long argument first)
//   precision  `.` then digits, `*` or nothing
//   conv       b c d i m M o p s u x X ; `%%` is a literal percent sign.
// `%s` consumes a string, every other conversion a long.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace cxxtap::lang {

enum class FormatArgKind : std::uint8_t { Long, String };

constexpr std::string_view format_arg_kind_name(FormatArgKind k) {
  return k == FormatArgKind::String ? "string" : "long";
}

struct FormatError {
  std::size_t offset = 0;  // byte offset of the offending '%' in the format
  std::string_view message;
};

inline constexpr std::string_view kBadConversion = "invalid or missing conversion specifier";

// Calls on_arg(kind, offset) for each argument the format consumes, in
// order. Returns the first syntax error, if any (arguments before it have
// been reported).
template <class OnArg>
constexpr std::optional<FormatError> scan_format(std::string_view f, OnArg&& on_arg) {
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  std::size_t i = 0;
  while (i < f.size()) {
    if (f[i] != '%') {
      ++i;
      continue;
    }
    const std::size_t start = i++;
    if (i < f.size() && f[i] == '%') {
      ++i;
      continue;
    }
    if (i < f.size() && (f[i] == '-' || f[i] == '+' || f[i] == ' ' || f[i] == '#')) ++i;
    if (i < f.size() && f[i] == '0') ++i;
    if (i < f.size() && f[i] == '*') {
      on_arg(FormatArgKind::Long, start);
      ++i;
    } else {
      while (i < f.size() && is_digit(f[i])) ++i;
    }
    if (i < f.size() && f[i] == '.') {
      ++i;
      if (i < f.size() && f[i] == '*') {
        on_arg(FormatArgKind::Long, start);
        ++i;
      } else {
        while (i < f.size() && is_digit(f[i])) ++i;
      }
    }
    if (i < f.size() && f[i] == 'l') ++i;
    if (i >= f.size()) return FormatError{start, kBadConversion};
    switch (f[i]) {
      case 's':
        on_arg(FormatArgKind::String, start);
        break;
      case 'b': case 'c': case 'd': case 'i': case 'm': case 'M':
      case 'o': case 'p': case 'u': case 'x': case 'X':
        on_arg(FormatArgKind::Long, start);
        break;
      default:
        return FormatError{start, kBadConversion};
    }
    ++i;
  }
  return std::nullopt;
}

// Number of arguments a format consumes (meaningless after a syntax error).
constexpr std::size_t format_arg_count(std::string_view f) {
  std::size_t n = 0;
  (void)scan_format(f, [&n](FormatArgKind, std::size_t) { ++n; });
  return n;
}

// The kind of the index-th argument of a format; nullopt past the end.
constexpr std::optional<FormatArgKind> format_arg_kind(std::string_view f, std::size_t index) {
  std::optional<FormatArgKind> out;
  std::size_t n = 0;
  (void)scan_format(f, [&](FormatArgKind k, std::size_t) {
    if (n++ == index) out = k;
  });
  return out;
}

// What is wrong with a format and its actual argument kinds.
struct FormatMismatch {
  enum class Kind { Syntax, Count, Type } kind = Kind::Syntax;
  std::size_t offset = 0;       // Syntax: where in the format
  std::size_t arg_index = 0;    // Type: which argument
  FormatArgKind expected = FormatArgKind::Long;  // Type
  std::string_view message;
};

inline constexpr std::string_view kWrongArgCount =
    "Wrong number of args to formatted print operator";

// The whole check: syntax, then count, then each argument's kind. An
// argument whose kind is not known yet is passed as nullopt and always fits.
constexpr std::optional<FormatMismatch> check_format(
    std::string_view f, std::span<const std::optional<FormatArgKind>> args) {
  if (auto err = scan_format(f, [](FormatArgKind, std::size_t) {}))
    return FormatMismatch{FormatMismatch::Kind::Syntax, err->offset, 0, FormatArgKind::Long,
                          err->message};
  if (format_arg_count(f) != args.size())
    return FormatMismatch{FormatMismatch::Kind::Count, 0, 0, FormatArgKind::Long,
                          kWrongArgCount};
  std::optional<FormatMismatch> out;
  std::size_t n = 0;
  (void)scan_format(f, [&](FormatArgKind k, std::size_t off) {
    const std::size_t i = n++;
    if (!out && args[i] && *args[i] != k)
      out = FormatMismatch{FormatMismatch::Kind::Type, off, i, k, "type mismatch"};
  });
  return out;
}

}  // namespace cxxtap::lang
