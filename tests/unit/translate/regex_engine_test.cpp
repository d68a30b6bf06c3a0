// The =~ matcher (translator/translate/regex_compile.cpp compiling,
// runtime/regex.c matching: the code both runtimes use) against the C
// library's regexec with REG_EXTENDED in the C locale: match or not, and the
// offsets of every group, over a table of patterns and subjects.
#include <catch2/catch.hpp>

#include "translate/regex_compile.h"

#include <regex.h>

#include <cstdint>
#include <functional>
#include <string>
#include <variant>
#include <vector>

using namespace cxxtap::translate;

namespace {

struct Case {
  const char* pattern;
  std::vector<const char*> subjects;
};

// Tricky spots: alternatives of different lengths, nested and repeated
// groups, brackets ([]a], [a-], [^]], classes), anchors, empty matches,
// bounded repetition.
const std::vector<Case> kCases = {
    {"abc", {"abc", "xabcx", "ab", "", "aabbcc"}},
    {"b(c)", {"abc", "bc", "b", "cb"}},
    {"^abc$", {"abc", "abcd", "xabc", ""}},
    {"^", {"", "abc"}},
    {"$", {"", "abc"}},
    {"^$", {"", "a"}},
    {"a|ab", {"ab", "a", "b", "xab"}},
    {"ab|a", {"ab", "a"}},
    {"(a|ab)(c|bcd)(d*)", {"abcd", "abcdd", "acd"}},
    {"(a|ab)(bc|c)d", {"abcd", "abd"}},
    {"(a*)(b|abc)", {"abc", "ab", "aab"}},
    {"(a*)*", {"b", "aa", ""}},
    {"(a*)+", {"b", "aa", "aab"}},
    {"(a|b)*c", {"abac", "c", "ab", "abc"}},
    {"(a|ab|b)*", {"ab", "abab", "ba"}},
    {"((a)|b)+", {"ab", "ba", "aab"}},
    {"(a)|b", {"a", "b", "ba"}},
    {"(a)|(b)", {"a", "b", "cb"}},
    {"x(a|b)?y", {"xy", "xay", "xby", "xaby"}},
    {"a*(a*)", {"aa", "", "b"}},
    {"(a*)(a*)", {"aa", "aaa"}},
    {"(.*)(.*)", {"abc", ""}},
    {"([^:]*):(.*)", {"key:value", ":x", "nocolon", "a:b:c"}},
    {"^([a-z]+)=([0-9]+)$", {"abc=123", "abc=", "=1", "ab1=2"}},
    {"w(or)ld ([0-9]+)", {"hello world 42", "world x"}},
    {"^(dog|cat)$", {"cat", "dog", "cats"}},
    {"[]a]", {"]", "a", "b"}},
    {"[^]a]", {"]", "a", "b", "]a]c"}},
    {"[a-]", {"-", "a", "b"}},
    {"[-a]", {"-", "a", "z"}},
    {"[a-c]+", {"xabcx", "d", "cab"}},
    {"[^a-c]+", {"abcxyz", "abc"}},
    {"[[:digit:]]+", {"ab123cd", "abc"}},
    {"[[:alpha:]_][[:alnum:]_]*", {"9foo_bar1 x", "_x", "123"}},
    {"[[:space:]]+", {"a \t b", "ab"}},
    {"[[:upper:]][[:lower:]]*", {"helloWorld", "ABC", "abc"}},
    {"[[:xdigit:]]+", {"0xdeadBEEFg", "ghij"}},
    {"[[:punct:]]", {"abc!", "abc"}},
    {"[.].", {"a.b", "ab"}},
    {"x\\.y", {"x.y", "xzy"}},
    {"\\(a\\)", {"(a)", "a"}},
    {"a\\|b", {"a|b", "a", "b"}},
    // A backslash before any other punctuation is that character.
    {"a\\]b", {"a]b", "ab", "x]a]b"}},
    {"\\[([^]]*)\\]", {"key [value] x", "[]", "no"}},
    {"x\\{2\\}", {"x{2}", "xx"}},
    {"^\\/usr\\/", {"/usr/bin", "usr/"}},
    {"\\-\\,\\;\\:\\@\\#\\%\\&\\=\\~\\\"\\!", {"-,;:@#%&=~\"!", "-,;"}},
    {"a.c", {"abc", "a\nc", "ac"}},
    {"a+", {"baaa", "b"}},
    {"a?", {"b", "a", ""}},
    {"ba?", {"b", "ba", "baa"}},
    {"a{3}", {"aa", "aaa", "aaaa"}},
    {"a{2,}", {"a", "aa", "aaaaa"}},
    {"a{1,3}", {"aaaa", "b", "ba"}},
    {"(ab){2}", {"abab", "ab", "ababab"}},
    {"(a|b){2,3}", {"abba", "a", "ab"}},
    {"(a{1,2}){2}", {"aaa", "aa", "aaaa"}},
    {"([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})",
     {"ip 192.168.1.10 x", "1.2.3", "1234.5.6.7"}},
    {"(a(b)?)+", {"aba", "ab", "a"}},
    {"(a*)b\\1*", {}},  // back-references are rejected (not run)
    {"()", {"", "a"}},
    {"(|a)b", {"ab", "b"}},
    {"(a|)b", {"ab", "b"}},
    {"a||b", {"a", "b", "c"}},
    {"(^a|b)", {"ab", "ba", "cb"}},
    {"a$|b", {"ba", "ab"}},
    {"(foo|foobar)(bar)?", {"foobar", "foo", "foobarbar"}},
    {"(wee|week)(knights|night)", {"weeknights"}},
    {"(.+)(.+)", {"ab", "abc"}},
    {"(a+)(a+)", {"aaaa"}},
    {"(a+|b+)*", {"aabbb", "ab"}},
    {"([ab]*)([bc]*)", {"abcbc", "cc"}},
    {"x*", {"", "yxx", "xxy"}},
    {"(x|xy)(z|yz)", {"xyz"}},
    {"(a|ab)(c|bcd)", {"abcd"}},
    {"\\bfoo\\b", {"a foo b", "foobar", "foo"}},
    {"\\<foo", {"foo", "xfoo", " foo"}},
    {"foo\\>", {"foo", "foox", "foo "}},
    {"\\w+", {"  ab_1 ", "!!"}},
    {"\\W+", {"ab, cd", "abc"}},
    {"\\s+x", {"a  x", "ax"}},
    {"[0-9]+(\\.[0-9]+)?", {"v1.25 ", "v10", "."}},
    {"(\\+|-)?[0-9]+", {"-42", "+7", "x"}},
    {"^[^/]+/([^/]+)/", {"usr/lib/x", "/a/b"}},
    {"([a-z]+)@([a-z]+)\\.(com|org)", {"mail bob@example.org now", "a@b.net"}},
    {"(((a)))", {"a", "b"}},
    {"((a)|(b))*", {"ab", "ba", "b"}},
    {"(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)", {"abcdefghijk"}},
    {"z{0}a", {"a", "za"}},
    {"(ab|a)(bc|c)?", {"abc", "ab"}},
    {"y*(ab|a)(b)?", {"ab"}},
    {"a{,2}", {"a{,2}", "aa"}},
    {"a{", {}},
    {"^*", {}},
    {"a}", {"a}", "a"}},
    {"a)", {"a)", "a"}},
    {"a**", {"aa", "b"}},
    {"[a-c-e]", {}},
    {"[a-c-]", {"-", "d", "b"}},
    {"[[.-.]]", {"-", "a"}},
    {"[[=a=]b]", {"a", "b", "c"}},
    {"[\\]x", {"\\x", "]x"}},
    {"(a?)((ab)?)b", {"ab", "abb"}},
    {"(.?)*", {"ab", ""}},
    {"(a*)*b", {"aab", "b"}},
    {"(a*|b)*", {"ab", "ba"}},
    {"(a|ab)*c", {"ababc", "abac"}},
    {"^(a|ab)*$", {"aab", "abab"}},
    {"(ab|c)*d", {"abcd", "d"}},
    {"^.*$", {"", "anything"}},
    {"cat|dog|bird", {"hotdog", "birdcat", "fish"}},
    {"(cat|dog|bird)s?", {"dogs", "birds!", "cats"}},
    {"(a*){0,3}", {"b", "c"}},
    {"(a?)+", {"aa", ""}},
    {"(a*)?", {"b", "a"}},
    {"(|a)*", {"aa", "b"}},
    {"(a|b|)+", {"ab", "c"}},
    {"((a*)*b)*", {"abaab", "c"}},
    {"(a+|b)*", {"aab", "baa"}},
    {"(ab|a)*b", {"abab", "aab"}},
    {"(a|ab)(b*)", {"abb"}},
    {"^(.*)/(.*)$", {"/usr/lib/libc.so", "noslash"}},
    {"([[:alpha:]]+)[[:space:]]*=[[:space:]]*\"([^\"]*)\"", {"name = \"value\"", "x=\"\""}},
    {"[^[:space:]]+$", {"last word", "   "}},
};

// Where we knowingly differ from glibc (runtime/README.md): glibc sometimes
// takes an empty optional copy of a bounded repetition after a non-empty
// one and sometimes not; we never do.
struct Divergence {
  const char* pattern;
  const char* subject;
  const char* ours;
};
const std::vector<Divergence> kDivergences = {
    {"(a*){0,3}", "aa", "(0,2)(0,2)"},        // glibc (0,2)(2,2)
    {"([ab]*){0,2}", "ba", "(0,2)(0,2)"},     // glibc (0,2)(2,2)
    {"(a*){0,3}", "ab", "(0,1)(0,1)"},        // glibc (0,1)(1,1)
};

struct Outcome {
  bool matched = false;
  std::vector<std::pair<int, int>> groups;
  bool operator==(const Outcome&) const = default;
};

std::string show(const Outcome& o) {
  if (!o.matched) return "no match";
  std::string s;
  for (auto [a, b] : o.groups) s += "(" + std::to_string(a) + "," + std::to_string(b) + ")";
  return s;
}

Outcome run_ours(const RegexProgram& p, const std::string& subject, int n) {
  std::vector<uint64_t> work((p.work_bytes() + 7) / 8);
  std::vector<int> start(n), end(n);
  _stp_regex_prog v = p.view();
  int rc = _stp_regex_exec(&v, subject.data(), subject.size(), work.data(), work.size() * 8,
                           start.data(), end.data(), n);
  REQUIRE(rc >= 0);
  Outcome o;
  o.matched = rc == 1;
  if (o.matched)
    for (int i = 0; i < n; ++i) o.groups.emplace_back(start[i], end[i]);
  return o;
}

Outcome run_libc(const regex_t& re, const std::string& subject, int n) {
  std::vector<regmatch_t> m(n);
  Outcome o;
  o.matched = regexec(&re, subject.c_str(), n, m.data(), 0) == 0;
  if (o.matched)
    for (int i = 0; i < n; ++i) o.groups.emplace_back(int(m[i].rm_so), int(m[i].rm_eo));
  return o;
}

}  // namespace

TEST_CASE("regex engine agrees with libc regexec", "[translate][regex]") {
  int pairs = 0, differ = 0;
  std::string report;
  for (const auto& c : kCases) {
    auto compiled = compile_regex(c.pattern);
    if (c.subjects.empty()) {
      CHECK(std::holds_alternative<RegexError>(compiled));
      continue;
    }
    INFO("pattern " << c.pattern);
    REQUIRE(std::holds_alternative<RegexProgram>(compiled));
    const auto& prog = std::get<RegexProgram>(compiled);
    regex_t re;
    REQUIRE(regcomp(&re, c.pattern, REG_EXTENDED) == 0);
    const int n = int(re.re_nsub) + 1;
    CHECK(prog.ngroups == n);
    for (const char* s : c.subjects) {
      ++pairs;
      Outcome ours = run_ours(prog, s, n), libc = run_libc(re, s, n);
      if (!(ours == libc)) {
        ++differ;
        report += std::string("  /") + c.pattern + "/ on \"" + s + "\": ours " + show(ours) +
                  ", libc " + show(libc) + "\n";
      }
    }
    regfree(&re);
  }
  for (const auto& d : kDivergences) {
    auto compiled = compile_regex(d.pattern);
    REQUIRE(std::holds_alternative<RegexProgram>(compiled));
    regex_t re;
    REQUIRE(regcomp(&re, d.pattern, REG_EXTENDED) == 0);
    const int n = int(re.re_nsub) + 1;
    Outcome ours = run_ours(std::get<RegexProgram>(compiled), d.subject, n);
    CHECK(show(ours) == d.ours);
    CHECK(!(ours == run_libc(re, d.subject, n)));
    regfree(&re);
  }
  INFO("differences:\n" << report);
  INFO("pairs " << pairs);
  CHECK(pairs >= 150);
  CHECK(differ == 0);
}

// Random patterns over a small alphabet against regexec (not run by
// default: unit_tests "[.regexfuzz]").
TEST_CASE("regex engine random comparison", "[.regexfuzz]") {
  uint64_t seed = 12345;
  auto rnd = [&](int n) {
    seed = seed * 6364136223846793005ull + 1442695040888963407ull;
    return int((seed >> 33) % uint64_t(n));
  };
  std::function<std::string(int)> gen = [&](int depth) -> std::string {
    std::string r;
    int atoms = 1 + rnd(3);
    for (int i = 0; i < atoms; ++i) {
      int k = rnd(depth > 2 ? 4 : 7);
      std::string a;
      if (k == 0) a = "a";
      else if (k == 1) a = "b";
      else if (k == 2) a = rnd(2) ? "." : "[ab]";
      else if (k == 3) a = "c";
      else if (k == 4 || k == 5) a = "(" + gen(depth + 1) + ")";
      else a = "(" + gen(depth + 1) + "|" + gen(depth + 1) + ")";
      static const char* const q[] = {"", "", "", "*", "+", "?", "{1,2}", "{2}", "{0,2}"};
      a += q[rnd(9)];
      r += a;
    }
    return r;
  };
  int tested = 0, differ = 0;
  std::string report;
  for (int iter = 0; iter < 3000; ++iter) {
    std::string pat = gen(0);
    if (getenv("REGEX_FUZZ_TRACE")) fprintf(stderr, "%d %s\n", iter, pat.c_str());
    auto compiled = compile_regex(pat);
    regex_t re;
    if (regcomp(&re, pat.c_str(), REG_EXTENDED) != 0) continue;
    if (!std::holds_alternative<RegexProgram>(compiled)) {
      regfree(&re);
      continue;
    }
    const auto& prog = std::get<RegexProgram>(compiled);
    const int n = int(re.re_nsub) + 1;
    for (int k = 0; k < 4; ++k) {
      std::string s;
      int len = rnd(5);
      for (int i = 0; i < len; ++i) s += "abc"[rnd(3)];
      ++tested;
      Outcome ours = run_ours(prog, s, n), libc = run_libc(re, s, n);
      if (!(ours == libc)) {
        if (++differ <= 40)
          report += "  /" + pat + "/ on \"" + s + "\": ours " + show(ours) + ", libc " +
                    show(libc) + "\n";
      }
    }
    regfree(&re);
  }
  INFO("tested " << tested << ", differ " << differ << "\n" << report);
  CHECK(differ == 0);
}

// One pattern and subject from the environment (REGEX, SUBJECT), for
// debugging: unit_tests "[.regexone]".
TEST_CASE("regex engine one", "[.regexone]") {
  const char* pat = getenv("REGEX");
  const char* subj = getenv("SUBJECT");
  if (!pat || !subj) return;
  auto compiled = compile_regex(pat);
  REQUIRE(std::holds_alternative<RegexProgram>(compiled));
  const auto& prog = std::get<RegexProgram>(compiled);
  fprintf(stderr, "insns %zu threads %u tags %u work %zu\n", prog.insn.size(), prog.nthreads,
          prog.ntags, prog.work_bytes());
  regex_t re;
  REQUIRE(regcomp(&re, pat, REG_EXTENDED) == 0);
  const int n = int(re.re_nsub) + 1;
  fprintf(stderr, "ours %s\nlibc %s\n", show(run_ours(prog, subj, n)).c_str(),
          show(run_libc(re, subj, n)).c_str());
  regfree(&re);
}
