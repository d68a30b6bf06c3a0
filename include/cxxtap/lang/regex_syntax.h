// The patterns of the =~ and !~ operators: POSIX extended regular
// expressions (C locale, bytes) with the GNU escapes, parsed into a tree.
// Pass 2 checks a pattern with this parser and pass 3 compiles its tree
// (translator/translate/regex_compile.h), so a pattern pass 2 accepts always
// translates.
//
// Supported: literals, `.`, bracket expressions (ranges, negation, `]`
// first, `-` first or last, [:class:], [=c=], [.c.]; a `\` inside brackets
// is an ordinary byte, as in POSIX), `^ $`, groups, alternation (empty
// alternatives too), `* + ? {m} {m,} {m,n} {,n}` (stacked quantifiers apply
// in turn), the GNU escapes \w \W \s \S \b \B \< \> \` \', and `\` before any
// other character, which stands for that character (`\.`, `\]`, `\}`, `\/`,
// ...). Back-references (\1 ... \9) are rejected.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cxxtap::lang {

// RE_DUP_MAX: the largest count of an interval {m,n}.
inline constexpr int kRegexMaxCount = 32767;

struct RegexNode {
  enum Kind { Empty, Char, Any, Class, Assert, Group, Cat, Alt, Repeat };
  enum AssertOp : uint8_t {
    Bol,              // ^ and \`
    Eol,              // $ and \'
    WordBoundary,     // \b
    NotWordBoundary,  // \B
    WordStart,        // \<
    WordEnd,          // \>
  };
  Kind kind = Empty;
  uint8_t c = 0;                 // Char
  std::array<uint8_t, 32> set{};  // Class: bit c of the 256-bit set
  AssertOp op = Bol;             // Assert
  int group = 0;                 // Group: its number (1 ...)
  int min = 0, max = 0;          // Repeat (max < 0: unbounded)
  std::vector<RegexNode> kids;   // Group, Repeat: one; Cat, Alt: several
};

struct RegexSyntax {
  RegexNode root;
  int groups = 0;     // capturing groups, not counting the whole match
  std::string error;  // empty when the pattern is valid
};

// `pattern` is the regular expression itself (a string literal's bytes,
// escapes already processed).
RegexSyntax parse_regex(std::string_view pattern);

}  // namespace cxxtap::lang
