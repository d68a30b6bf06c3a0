// Preprocessor: conditionals, macros, and robustness. Expected behaviour was
// checked against Debian's stap 4.8 (`stap -r 6.1.0-56-amd64 -p1`).
#include <catch2/catch.hpp>

#include "lexer.h"
#include "preprocessor.h"

#include <cstring>
#include <memory>
#include <random>
#include <string>
#include <vector>

using namespace cxxtap;
using namespace cxxtap::parse;

namespace {

PreprocessorContext test_ctx() {
  PreprocessorContext c;
  c.kernel_release = "6.1.0-56-amd64";
  c.arch = "x86_64";
  c.runtime = "kernel";
  c.systemtap_version = "4.8";
  c.privilege = "stapdev";
  c.guru_mode = false;
  auto k = std::make_shared<std::map<std::string, std::string>>();
  (*k)["CONFIG_SMP"] = "y";
  (*k)["CONFIG_HZ_250"] = "y";
  (*k)["CONFIG_EXT4_FS"] = "m";
  (*k)["CONFIG_HZ"] = "250";
  (*k)["CONFIG_PGTABLE_LEVELS"] = "5";
  (*k)["CONFIG_LOG_BUF_SHIFT"] = "17";
  (*k)["CONFIG_PHYSICAL_START"] = "0x1000000";
  (*k)["CONFIG_CLANG_VERSION"] = "0";
  (*k)["CONFIG_DEFAULT_HOSTNAME"] = "\"(none)\"";
  c.kconfig = k;
  return c;
}

struct Run {
  std::unique_ptr<ir::SourceFile> file;
  Diagnostics diags;
  std::vector<Token> toks;
  MacroTable locals;

  // Token texts joined by spaces; strings in double quotes.
  std::string text() const {
    std::string out;
    for (const auto& t : toks) {
      if (!out.empty()) out += ' ';
      out += t.kind == TokenKind::String ? "\"" + t.text + "\"" : t.text;
    }
    return out;
  }
  bool ok() const { return !diags.has_errors(); }
  bool has(const std::string& msg) const {
    for (const auto& d : diags.all())
      if (d.message.find(msg) != std::string::npos) return true;
    return false;
  }
  std::size_t errors() const { return diags.error_count(); }
  std::size_t warnings() const {
    std::size_t n = 0;
    for (const auto& d : diags.all())
      if (d.severity == Severity::Warning) ++n;
    return n;
  }
  std::string messages() const {
    std::string out;
    for (const auto& d : diags.all()) out += d.message + "\n";
    return out;
  }
};

std::unique_ptr<Run> pp(const std::string& src, const PreprocessorContext& ctx,
                        const MacroTable* shared = nullptr,
                        std::vector<std::string> args = {}) {
  auto r = std::make_unique<Run>();
  r->file = std::make_unique<ir::SourceFile>("<input>", src);
  Lexer lexer(*r->file, LexerOptions{std::move(args), nullptr});
  Preprocessor p(lexer, ctx, r->diags, shared);
  for (std::size_t n = 0; n < 200000; ++n) {
    Token t = p.next();
    if (t.is_eof()) break;
    r->toks.push_back(std::move(t));
  }
  // Eof is sticky.
  CHECK(p.next().is_eof());
  CHECK(p.next().is_eof());
  r->locals = p.local_macros();
  return r;
}

std::unique_ptr<Run> pp(const std::string& src) { return pp(src, test_ctx()); }

std::unique_ptr<Run> pp_args(const std::string& src, std::vector<std::string> args) {
  return pp(src, test_ctx(), nullptr, std::move(args));
}

// The taken branch of `%( COND %? Y %: N %)`, or "ERR".
std::string cond(const std::string& c, const PreprocessorContext& ctx = test_ctx()) {
  auto r = pp("%( " + c + " %? Y %: N %)", ctx);
  if (!r->ok()) return "ERR";
  return r->text();
}

int sign(int v) { return v < 0 ? -1 : (v > 0 ? 1 : 0); }

// Macro table as made by preprocessing a *.stpm text.
MacroTable stpm(const std::string& src, const PreprocessorContext& ctx = test_ctx()) {
  auto r = pp(src, ctx);
  REQUIRE(r->ok());
  REQUIRE(r->toks.empty());
  return r->locals;
}

}  // namespace

// ---------------------------------------------------------------------------
// Version order

TEST_CASE("version_compare orders like strverscmp", "[preprocessor][version]") {
  CHECK(version_compare("6.1.0", "6.1.0") == 0);
  CHECK(version_compare("", "") == 0);
  CHECK(version_compare("6.1.0", "6.10") < 0);
  CHECK(version_compare("6.10", "6.9") > 0);
  CHECK(version_compare("6.1.0", "6.1") > 0);
  CHECK(version_compare("2.6.9", "2.6.18") < 0);
  CHECK(version_compare("2.6.18-8.el5", "2.6.18") > 0);
  CHECK(version_compare("4.8", "4.10") < 0);
  CHECK(version_compare("1.2", "12") < 0);
  // Leading zeros read as fractions: 000 < 00 < 01 < 010 < 09 < 0 < 1 < 9 < 10.
  const char* order[] = {"000", "00", "01", "010", "09", "0", "1", "9", "10"};
  for (std::size_t i = 0; i < std::size(order); ++i)
    for (std::size_t j = 0; j < std::size(order); ++j) {
      INFO(order[i] << " vs " << order[j]);
      CHECK(sign(version_compare(order[i], order[j])) == (i < j ? -1 : (i > j ? 1 : 0)));
    }
  CHECK(version_compare("6.01.0", "6.1.0") < 0);
  CHECK(version_compare("6.1.00", "6.1.0") < 0);
  CHECK(version_compare("a", "b") < 0);
  CHECK(version_compare("abc", "ab") > 0);
}

#ifdef __GLIBC__
TEST_CASE("version_compare agrees with glibc strverscmp", "[preprocessor][version]") {
  std::mt19937 rng(12345);
  const std::string alphabet = "0012999.-a";
  auto gen = [&] {
    std::string s;
    int n = static_cast<int>(rng() % 7);
    for (int i = 0; i < n; ++i) s += alphabet[rng() % alphabet.size()];
    return s;
  };
  for (int i = 0; i < 50000; ++i) {
    std::string a = gen(), b = gen();
    if (rng() % 3 == 0) b = a.substr(0, rng() % (a.size() + 1)) + gen();
    INFO("'" << a << "' vs '" << b << "'");
    REQUIRE(sign(version_compare(a, b)) == sign(::strverscmp(a.c_str(), b.c_str())));
  }
}
#endif

// ---------------------------------------------------------------------------
// Conditional structure

TEST_CASE("conditionals select a branch", "[preprocessor][cond]") {
  CHECK(pp("%( 1 == 1 %? a b %: c %) d")->text() == "a b d");
  CHECK(pp("%( 1 == 2 %? a b %: c %) d")->text() == "c d");
  CHECK(pp("%( 1 == 2 %? a b %) d")->text() == "d");
  CHECK(pp("%( 1 == 1 %? a b %) d")->text() == "a b d");
  CHECK(pp("%( 1 == 1 %? %: x %)")->text().empty());
  CHECK(pp("x = %( 1 < 2 %? 10 %: 20 %) + 1;")->text() == "x = 10 + 1 ;");
  auto r = pp("%( 1 == 1 %? a %)");
  CHECK(r->ok());
}

TEST_CASE("conditionals nest in either branch", "[preprocessor][cond]") {
  for (int outer = 0; outer < 2; ++outer)
    for (int inner = 0; inner < 2; ++inner) {
      std::string o = outer ? "1==1" : "1!=1";
      std::string i = inner ? "2==2" : "2!=2";
      std::string src = "%( " + o + " %? %( " + i + " %? TT %: TF %) %: %( " + i +
                        " %? FT %: FF %) %)";
      std::string want = std::string(outer ? "T" : "F") + (inner ? "T" : "F");
      INFO(src);
      auto r = pp(src);
      CHECK(r->ok());
      CHECK(r->text() == want);
    }
  CHECK(pp("%( 1 == 1 %? a %( 1 == 1 %? %( 1 == 0 %? b %: c %) %) d %) e")->text() ==
        "a c d e");
}

TEST_CASE("probe point wildcards survive conditionals", "[preprocessor][cond]") {
  auto r = pp("%( 1==1 %? probe ab, *b, a*b, a*, * { f(x* x*y *y) } %: --ERROR-- %)");
  CHECK(r->ok());
  CHECK(r->text() == "probe ab , * b , a * b , a * , * { f ( x * x * y * y ) }");
}

TEST_CASE("&& binds tighter than ||, every comparison is checked", "[preprocessor][cond]") {
  CHECK(cond("1 == 0 && 1 == 1 || 1 == 1") == "Y");
  CHECK(cond("1 == 1 || 1 == 1 && 1 == 0") == "Y");
  CHECK(cond("1 == 0 || 1 == 1 && 1 == 0") == "N");
  CHECK(cond("1 == 1 && 1 == 1 && 1 == 1 || 2 == 3") == "Y");
  CHECK(cond("1 == 0 || 2 == 3 || 3 == 3") == "Y");
  CHECK(cond("1 == 1 && 2 == 2 && 3 == 4") == "N");
  // No short circuit for errors.
  CHECK(cond("1 == 1 || foo == \"x\"") == "ERR");
  CHECK(cond("1 == 0 && foo == \"x\"") == "ERR");
}

TEST_CASE("kernel_v and kernel_vr", "[preprocessor][cond]") {
  CHECK(cond("kernel_v == \"6.1.0\"") == "Y");
  CHECK(cond("kernel_vr == \"6.1.0-56-amd64\"") == "Y");
  CHECK(cond("kernel_vr == \"6.1.0\"") == "N");
  CHECK(cond("kernel_v >= \"6.1\"") == "Y");
  CHECK(cond("kernel_v > \"6.1\"") == "Y");
  CHECK(cond("kernel_v < \"6.10\"") == "Y");
  CHECK(cond("kernel_v <= \"2.6.32\"") == "N");
  CHECK(cond("kernel_v != \"6.1.0\"") == "N");
  CHECK(cond("kernel_v <= \"6.01.0\"") == "N");
  CHECK(cond("kernel_v == \"6.1.00\"") == "N");
  CHECK(cond("kernel_v == \"6.1*\"") == "Y");
  CHECK(cond("kernel_v != \"6.1*\"") == "N");
  CHECK(cond("kernel_v == \"5.*\"") == "N");
  CHECK(cond("kernel_vr == \"6.1.0-56-*\"") == "Y");
  CHECK(cond("kernel_vr == \"6.1.?-*\"") == "Y");
  CHECK(cond("kernel_vr == \"6.[0-1].0-*\"") == "Y");
  auto r = pp("%( kernel_v < \"6.1*\" %? Y %)");
  CHECK(r->has("wildcard not allowed with order comparison operators"));
  CHECK(cond("kernel_v == 6") == "ERR");
  CHECK(cond("kernel_v == CONFIG_HZ") == "ERR");
  CHECK(pp("%( kernel_v <= 2.6 %? probe begin { } %)")->has("expected string literal"));
  CHECK(pp("%( kernel_v * \"2.6\" %? x %)")->has("expected comparison operator"));
}

TEST_CASE("systemtap_v honours the context version", "[preprocessor][cond]") {
  CHECK(cond("systemtap_v == \"4.8\"") == "Y");
  CHECK(cond("systemtap_v >= \"4.8\"") == "Y");
  CHECK(cond("systemtap_v >= \"4.10\"") == "N");
  CHECK(cond("systemtap_v == \"4.*\"") == "Y");
  CHECK(cond("systemtap_v == 4") == "ERR");
  auto c = test_ctx();
  c.systemtap_version = "1.0";  // --compatible=1.0
  CHECK(cond("systemtap_v >= \"1.2\"", c) == "N");
  CHECK(cond("systemtap_v < \"1.2\"", c) == "Y");
}

TEST_CASE("arch, runtime, systemtap_privilege and guru_mode", "[preprocessor][cond]") {
  CHECK(cond("arch == \"x86_64\"") == "Y");
  CHECK(cond("arch == \"x86*\"") == "Y");
  CHECK(cond("arch == \"i?86\"") == "N");
  CHECK(cond("arch != \"x86_64\"") == "N");
  CHECK(cond("arch == foo") == "ERR");
  CHECK(pp("%( arch >= \"foo\" %? x %)")->has("expected '==' or '!='"));

  CHECK(cond("runtime == \"kernel\"") == "Y");
  CHECK(cond("runtime == \"k*\"") == "Y");
  CHECK(cond("runtime != \"bpf\"") == "Y");
  CHECK(cond("runtime == \"dyninst\"") == "N");
  CHECK(cond("runtime == foo") == "ERR");
  CHECK(cond("runtime >= \"foo\"") == "ERR");

  CHECK(cond("systemtap_privilege == \"stapdev\"") == "Y");
  CHECK(cond("systemtap_privilege == \"stap*\"") == "N");  // no wildcards
  CHECK(cond("systemtap_privilege != \"stapusr\"") == "Y");
  CHECK(cond("systemtap_privilege < \"stapusr\"") == "ERR");
  CHECK(cond("systemtap_privilege == 1") == "ERR");

  CHECK(cond("guru_mode == 0") == "Y");
  CHECK(cond("guru_mode != 1") == "Y");
  CHECK(cond("guru_mode == 00") == "Y");
  auto g = test_ctx();
  g.guru_mode = true;
  CHECK(cond("guru_mode == 1", g) == "Y");
  CHECK(cond("guru_mode == 0", g) == "N");
  CHECK(pp("%( guru_mode == 2 %? x %)")->has("expected 0 or 1"));
  CHECK(pp("%( guru_mode == \"bad\" %? x %)")->has("expected number"));
  CHECK(pp("%( guru_mode >= 0 %? x %)")->has("expected '==' or '!='"));
}

TEST_CASE("CONFIG_ conditions", "[preprocessor][cond]") {
  CHECK(cond("CONFIG_SMP == \"y\"") == "Y");
  CHECK(cond("CONFIG_SMP == \"[xy]\"") == "Y");
  CHECK(cond("CONFIG_SMP == \"Y\"") == "N");
  CHECK(cond("CONFIG_SMP != \"m\"") == "Y");
  CHECK(cond("CONFIG_EXT4_FS == \"m\"") == "Y");
  CHECK(cond("CONFIG_NO_SUCH_CONFIG == \"\"") == "Y");
  CHECK(cond("CONFIG_NO_SUCH_CONFIG == \"y\"") == "N");
  CHECK(cond("CONFIG_HZ == \"25*\"") == "Y");
  CHECK(cond("CONFIG_HZ >= \"25*\"") == "ERR");
  // Against numbers (a missing option is 0).
  CHECK(cond("CONFIG_HZ == 250") == "Y");
  CHECK(cond("CONFIG_HZ == 251") == "N");
  CHECK(cond("CONFIG_HZ < 251") == "Y");
  CHECK(cond("CONFIG_PHYSICAL_START == 16777216") == "Y");
  CHECK(cond("CONFIG_PHYSICAL_START == \"0x1000000\"") == "Y");
  CHECK(cond("CONFIG_NOPE == 0") == "Y");
  CHECK(cond("CONFIG_NOPE != 0") == "N");
  CHECK(pp("%( CONFIG_SMP == 1 %? x %)")->has("config option value not a number"));
  CHECK(cond("CONFIG_DEFAULT_HOSTNAME == 0") == "ERR");
  // String values keep their quotes.
  CHECK(cond("CONFIG_DEFAULT_HOSTNAME == \"(none)\"") == "N");
  CHECK(cond("CONFIG_DEFAULT_HOSTNAME == \"\\\"(none)\\\"\"") == "Y");
  // Against another option: numerically when both are numbers.
  CHECK(cond("CONFIG_HZ_250 == CONFIG_SMP") == "Y");
  CHECK(cond("CONFIG_HZ == CONFIG_HZ_250") == "N");
  CHECK(cond("CONFIG_HZ_250 < CONFIG_SMP") == "N");
  CHECK(cond("CONFIG_PGTABLE_LEVELS < CONFIG_LOG_BUF_SHIFT") == "Y");
  CHECK(cond("CONFIG_PHYSICAL_START > CONFIG_HZ") == "Y");
  CHECK(cond("CONFIG_NOPE == CONFIG_CLANG_VERSION") == "Y");
  CHECK(cond("CONFIG_NOPE == CONFIG_NOPE2") == "Y");
  CHECK(cond("CONFIG_SMP < CONFIG_HZ") == "N");
  CHECK(cond("CONFIG_HZ > CONFIG_SMP") == "N");
  CHECK(pp("%( CONFIG_HZ == foo %? x %)")
            ->has("expected string, number literal or other CONFIG_... as right side operand"));
  CHECK(cond("CONFIG_HZ == -1") == "ERR");
  // No kernel configuration at all: everything is "".
  auto c = test_ctx();
  c.kconfig = nullptr;
  CHECK(cond("CONFIG_SMP == \"\"", c) == "Y");
  CHECK(cond("CONFIG_SMP == 0", c) == "Y");
}

TEST_CASE("literal comparisons", "[preprocessor][cond]") {
  CHECK(cond("1 == 1") == "Y");
  CHECK(cond("1 != 1") == "N");
  CHECK(cond("1 < 2") == "Y");
  CHECK(cond("2 <= 1") == "N");
  CHECK(cond("3 > 2") == "Y");
  CHECK(cond("3 >= 4") == "N");
  CHECK(cond("0x10 == 16") == "Y");
  CHECK(cond("\"a\" < \"b\"") == "Y");
  CHECK(cond("\"b\" <= \"a\"") == "N");
  CHECK(cond("\"abc\" == \"abc\"") == "Y");
  CHECK(cond("\"abc\" == \"a*\"") == "N");  // no wildcards here
  CHECK(pp("%( 1 == \"1\" %? x %)")->has("expected number literal as right value"));
  CHECK(pp("%( \"1\" == 1 %? x %)")->has("expected string literal as right value"));
  CHECK(cond("1 = 1") == "ERR");
  CHECK(cond("-1 == -1") == "ERR");
  CHECK(cond("\"a\" == foo") == "ERR");
}

TEST_CASE("$# and @# in conditions", "[preprocessor][cond]") {
  CHECK(pp_args("%( $# == 2 %? two %: other %)", {"a", "b"})->text() == "two");
  CHECK(pp_args("%( $# >= 5 %? many %: few %)", {"1", "2", "3", "4"})->text() == "few");
  CHECK(pp_args("%( @# == \"1\" %? one %: other %)", {"a"})->text() == "one");
  CHECK(pp_args("%( $# != \"2\" %? probe begin { } %)", {})->has(
      "expected number literal as right value"));
  CHECK(pp_args("%( @# != 2 %? probe begin { } %)", {})->has(
      "expected string literal as right value"));
  // The true branch's @1 is a lexical error for the parser; a skipped one is not.
  auto r = pp_args("%( $# < 2 %? probe begin { print @1 } %)", {});
  CHECK(r->ok());
  bool saw_error = false;
  for (const auto& t : r->toks) saw_error |= t.kind == TokenKind::Error;
  CHECK(saw_error);
  // A lexical error inside a condition is reported as itself.
  auto e = pp_args("%( $1 == 1 %? a %: b %) c", {});
  CHECK(e->errors() == 1);
  CHECK(e->has("out of range"));
  CHECK(e->text() == "c");
  auto s = pp_args("%( $# > 2 %? print @1 %: ok %)", {});
  CHECK(s->ok());
  CHECK(s->text() == "ok");
}

TEST_CASE("malformed conditions are errors", "[preprocessor][cond]") {
  struct Case {
    const char* src;
    const char* msg;
  };
  const Case cases[] = {
      {"%( foo == \"2.6\" %? probe begin { } %)", "expected 'arch', 'kernel_v'"},
      {"%( arch == \"2.6\" %)", "expected '%?' marker for conditional"},
      {"%( 1 == 1 foo %? x %)", "expected '%?' marker for conditional"},
      {"%( arch == ", "incomplete condition after '%('"},
      {"%(", "incomplete condition after '%('"},
      {"%( 0 == 0 %?", "incomplete conditional at end of file"},
      {"%( 0 == 1 %? %:", "incomplete conditional at end of file"},
      {"%( arch == \"2.6\" %? probe begin { } %:", "incomplete conditional at end of file"},
      {"%( 1 == 0 %? a", "incomplete conditional at end of file"},
      {"%( arch == \"2.6\" && %? probe begin() { } %)", "expected 'arch', 'kernel_v'"},
      {"%( arch == \"2.6\" && || arch == \"2.66\" %? probe begin() { } %)",
       "expected 'arch', 'kernel_v'"},
      {"%( 1 %? x %)", "expected comparison operator"},
      {"%( %( 1 == 1 %? 1 %: 2 %) == 1 %? x %)", "expected 'arch', 'kernel_v'"},
      {"%? x", "incomplete conditional - missing '%('"},
      {"%: x", "incomplete conditional - missing '%('"},
      {"%) x", "incomplete conditional - missing '%('"},
      {"%( 1 == 1 %? a %? b %)", "incomplete conditional - missing '%('"},
      {"%( 1 == 0 %? a %? b %: c %)", "incomplete conditional - missing '%('"},
      {"%( 1 == 0 %? a %: b %: c %)", "invalid conditional - duplicate '%:'"},
      {"%( 1 == 1 %? a %: b %: c %)", "invalid conditional - duplicate '%:'"},
  };
  for (const auto& c : cases) {
    INFO(c.src);
    auto r = pp(c.src);
    CHECK(!r->ok());
    CHECK(r->has(c.msg));
  }
}

TEST_CASE("a bad condition skips its conditional and carries on", "[preprocessor][cond]") {
  auto r = pp("%( kernel_v <= 2.6 %? probe begin { } %: x %) after");
  CHECK(r->errors() == 1);
  CHECK(r->text() == "after");
  auto s = pp("%( arch == \"2.6\" %) after");
  CHECK(s->errors() == 1);
  CHECK(s->text() == "after");
  auto t = pp("%( foo %( 1 == 1 %? a %: b %) %? c %: d %) after");
  CHECK(t->errors() == 1);
  CHECK(t->text() == "after");
  // The error is at the comparison's operand.
  auto u = pp("%( arch == foo %? x %)");
  REQUIRE(u->errors() == 1);
  CHECK(u->diags.all()[0].loc.line == 1);
  CHECK(u->diags.all()[0].loc.column == 12);
}

TEST_CASE("skipped branches are not interpreted", "[preprocessor][cond]") {
  // Bad nested conditions, wrong macro arity and unknown macros are fine there.
  CHECK(pp("%( 1 == 0 %? %( foo == 1 %? x %) %: N %)")->text() == "N");
  CHECK(pp("%( 1 == 0 %? %( 1 == 1 %? x %: %: y %) %: N %)")->text() == "N");
  CHECK(pp("%( 1 == 1 %? Y %: %( foo == 1 %? x %) %)")->text() == "Y");
  auto r = pp("@define f(a,b) %( a %) %( 1 == 0 %? @f(1) @nosuch(1 %: N %)");
  CHECK(r->ok());
  CHECK(r->text() == "N");
  CHECK(pp("%( 1 == 0 %? --ERROR-- %: probe ok { } %)")->text() == "probe ok { }");
}

TEST_CASE("skipped branches still expand macros, quietly", "[preprocessor][cond]") {
  // A macro can end the branch being skipped (stap 4.8 does this).
  CHECK(pp("@define e %( %: %) %( 1 == 0 %? @e probe N {} %)")->text() == "probe N { }");
  CHECK(pp("@define e(a) %( %: %) %( 1 == 0 %? @e(1) probe N {} %)")->text() ==
        "probe N { }");
  CHECK(pp("@define f(a) %( @a %) %( 1 == 0 %? @f(%:) probe N {} %)")->text() ==
        "probe N { }");
  // Wrong arity: dropped without an error, and not expanded.
  auto r = pp("@define f(a,b) %( %: %) %( 1 == 0 %? @f(1) probe N {} %)");
  CHECK(r->ok());
  CHECK(r->text().empty());
  CHECK(pp("@define f(a) %( %: %) %( 1 == 0 %? @f(1,2) probe N {} %)")->text().empty());
  // A missing '(' swallows the token in its place, here the '%)'.
  CHECK(pp("@define f(a) %( x %) %( 1 == 0 %? @f %) probe N {}")
            ->has("incomplete conditional at end of file"));
  CHECK(pp("@define f(a) %( x %) %( 1 == 1 %? probe N {} %: @f %) probe M {}")
            ->has("incomplete conditional at end of file"));
  CHECK(pp("@define f(a) %( x %) %( 1 == 1 %? probe N {} %: @f(%)) %) probe M {}")->text() ==
        "probe N { } probe M { }");
  // Arguments are gathered raw, so a '%)' in an unterminated one is lost.
  CHECK(pp("@define f(a) %( x %) %( 1 == 0 %? @f(x %) probe N {}")
            ->has("incomplete conditional at end of file"));
  // @define is an ordinary token there; conditions in expanded bodies are
  // not evaluated.
  auto d = pp("%( 1 == 0 %? @define g %( %: %) probe N {} %) probe M {}");
  CHECK(d->ok());
  CHECK(d->text() == "probe M { }");
  CHECK(d->locals.empty());
  CHECK(pp("@define f(a) %( %( foo %? x %) %) %( 1 == 0 %? @f(1) %) probe N {}")->text() ==
        "probe N { }");
  // Recursion there is still caught.
  CHECK(pp("@define f %( @f %) %( 1 == 0 %? @f %) probe N {}")
            ->has("macro expansion nested too deeply"));
}

// ---------------------------------------------------------------------------
// Macros

TEST_CASE("simple macros expand", "[preprocessor][macro]") {
  CHECK(pp("@define foo %( cheese %) probe begin { print (\"Hello, World!\") }")->text() ==
        "probe begin { print ( \"Hello, World!\" ) }");
  CHECK(pp("@define foo %( begin %) probe @foo { }")->text() == "probe begin { }");
  CHECK(pp("@define foo %( probe %) @foo begin { }")->text() == "probe begin { }");
  CHECK(pp("@define foo(a) %( probe @a %) @foo(begin) { }")->text() == "probe begin { }");
  CHECK(pp("@define add(a,b) %( ((@a)+(@b)) %) x = @add(2,2)")->text() ==
        "x = ( ( 2 ) + ( 2 ) )");
  auto r = pp("@define foo %( cheese %)");
  CHECK(r->ok());
  CHECK(r->toks.empty());
}

TEST_CASE("macros call macros, passing parameters", "[preprocessor][macro]") {
  auto r = pp("@define bar(b) %( @b %)\n@define foo(a) %( @bar(@a) %)\nprobe @foo(begin) { }");
  CHECK(r->ok());
  CHECK(r->text() == "probe begin { }");
  CHECK(pp("@define f(a) %( @a %) print(@f(@f(@f(3))))")->text() == "print ( 3 )");
  // Looked up when expanded, so a body may use a macro defined later.
  CHECK(pp("@define a %( @b %) @define b %( 2 %) print(@a)")->text() == "print ( 2 )");
  // A parameter shadows a macro of the same name.
  CHECK(pp("@define x %( 1 %) @define f(x) %( @x %) print(@f(2))")->text() == "print ( 2 )");
  // Duplicate parameter names: the last one wins (as in stap).
  CHECK(pp("@define f(a,a) %( @a %) print(@f(1,2))")->text() == "print ( 2 )");
}

TEST_CASE("macro arguments", "[preprocessor][macro]") {
  // Balanced () and [] protect commas; {} and %( %) do not.
  CHECK(pp("@define f(a) %( <@a> %) @f((1,2)[3])")->text() == "< ( 1 , 2 ) [ 3 ] >");
  CHECK(pp("@define f(a) %( <@a> %) @f([1,2])")->text() == "< [ 1 , 2 ] >");
  CHECK(pp("@define f(a) %( <@a> %) @f({1,2})")->has("too many parameters for macro '@f'"));
  CHECK(pp("@define f(x) %( <@x> %) @f(%( 1 == 1 %? Y, Z %: N %))")
            ->has("too many parameters for macro '@f' (expected 1)"));
  // A conditional inside an argument is evaluated where the argument is used.
  CHECK(pp("@define f(x) %( probe @x {} %) @f(%( 1 == 1 %? Y %: N %))")->text() ==
        "probe Y { }");
  // Empty arguments.
  CHECK(pp("@define f(a) %( <@a> %) @f()")->text() == "< >");
  CHECK(pp("@define f(a,b) %( <@a|@b> %) @f(1,)")->text() == "< 1 | >");
  CHECK(pp("@define f(a,b) %( <@a|@b> %) @f(,)")->text() == "< | >");
  // Commas that come from a macro do not split arguments.
  CHECK(pp("@define c %( , %) @define f(a) %( [@a] %) @f(1 @c 2)")->text() == "[ 1 , 2 ]");
  // An unused argument is never expanded.
  auto r = pp("@define g(x,y) %( 1 %) @define f(a) %( 2 %) print(@f(@g(1)))");
  CHECK(r->ok());
  CHECK(r->text() == "print ( 2 )");
  // Arguments are resolved where they were written: @b is not f's parameter.
  auto s = pp("@define f(b,c) %( @c %) print(@f(1, @b))");
  CHECK(s->has("unknown macro @b"));
  CHECK(s->text() == "print ( )");
  // A parameter inside a conditional in the body.
  CHECK(pp("@define f(a) %( %( @a == 1 %? x %: y %) %) @f(1) @f(2)")->text() == "x y");
}

TEST_CASE("macro invocation errors", "[preprocessor][macro]") {
  auto r = pp("@define foo(a) %( probe @a %) @foo { print (1) }");
  CHECK(r->has("expected '(' in invocation of macro '@foo' taking 1 parameter"));
  CHECK(r->text() == "{ print ( 1 ) }");
  CHECK(pp("@define foo(a,b) %( x %) @foo;")
            ->has("expected '(' in invocation of macro '@foo' taking 2 parameters"));
  CHECK(pp("@define foo(a) %( probe @a %) @foo(begin,end) { }")
            ->has("too many parameters for macro '@foo' (expected 1)"));
  auto few = pp("@define f(a,b) %( @a + @b %) print(@f(1)) x");
  CHECK(few->has("too few parameters for macro '@f' (expected 2)"));
  CHECK(few->text() == "print ( ) x");
  CHECK(pp("@define bar(b) %( @b %)\n@define foo(a) %( @bar(@a %)\nprobe @foo(begin) { }")
            ->has("could not find end of macro invocation"));
  CHECK(pp("@define bar(b) %( @b %)\n@define foo(a) %( @bar(@a) %)\nprobe @foo(begin { }")
            ->has("could not find end of macro invocation"));
  // Arguments come from the frame holding the invocation only.
  CHECK(pp("@define g %( @f %) @define f(a) %( @a %) print(@g(1))")
            ->has("expected '(' in invocation of macro '@f' taking 1 parameter"));
  // A macro without parameters leaves following parentheses alone.
  CHECK(pp("@define foo %( 1 %) @foo()")->text() == "1 ( )");
}

TEST_CASE("unknown macros and built-in @-operators", "[preprocessor][macro]") {
  auto r = pp("probe begin { print(@foo) } @define foo %( 1 %) probe end { print(@foo) }");
  CHECK(r->errors() == 1);
  CHECK(r->has("unknown macro @foo"));
  CHECK(r->text() == "probe begin { print ( ) } probe end { print ( 1 ) }");
  auto b = pp("@cast(p, \"t\") @defined(x) @entry(x) @var(\"x\") @count(s) @sum(s) @min(s) "
              "@max(s) @avg(s) @hist_linear(s,0,1,1) @hist_log(s) @const(\"X\") @variance(s) "
              "@kregister(1) @uregister(1) @kderef(1,2) @uderef(1,2) @errno @enum @enumname "
              "@perf(\"c\") @probewrite(x)");
  CHECK(b->ok());
  CHECK(b->toks.size() > 20);
  CHECK(b->toks.front().text == "@cast");
  // stap lets a macro override a built-in operator, with a warning.
  auto m = pp("@define min(a) %( @a %) print(@min(\"x\"))");
  CHECK(m->ok());
  CHECK(m->warnings() == 1);
  CHECK(m->has("macro redefines built-in operator '@min'"));
  CHECK(m->text() == "print ( \"x\" )");
}

TEST_CASE("macro definition errors", "[preprocessor][macro]") {
  CHECK(pp("@define")->has("expected identifier"));
  CHECK(pp("@define foo")->has("expected '%(' or '('"));
  CHECK(pp("@define foo %(")->has("incomplete macro definition - missing '%)'"));
  CHECK(pp("@define foo %( cheese")->has("incomplete macro definition - missing '%)'"));
  CHECK(pp("@define foo() %( 1 %)")->has("expected identifier"));
  CHECK(pp("@define f(a b) %( @a %)")->has("expected ',' or ')'"));
  CHECK(pp("@define f(a,) %( @a %)")->has("expected identifier"));
  CHECK(pp("@define f(a")->has("expected ',' or ')'"));
  CHECK(pp("@define 1 %( 1 %)")->has("expected identifier"));
  // A keyword is no name, but the definition is still skipped whole.
  auto k = pp("@define probe %( 1 %) probe begin { }");
  CHECK(k->errors() == 1);
  CHECK(k->has("expected identifier"));
  CHECK(k->text() == "probe begin { }");
  auto d = pp("@define define %( cheese %) probe begin { }");
  CHECK(d->errors() == 1);
  CHECK(d->has("attempt to redefine '@define'"));
  CHECK(d->text() == "probe begin { }");
}

TEST_CASE("redefinition in the same file", "[preprocessor][macro]") {
  auto r = pp("@define foo %( 1 %)\n@define foo %( 2 %)\nprint(@foo)");
  CHECK(r->errors() == 1);
  REQUIRE(r->has("attempt to redefine macro '@foo' in the same file"));
  const auto& d = r->diags.all()[0];
  CHECK(d.loc.line == 2);
  REQUIRE(d.notes.size() == 1);
  CHECK(d.notes[0].message == "macro '@foo' first defined here");
  CHECK(d.notes[0].loc.line == 1);
  CHECK(d.notes[0].loc.column == 9);
  CHECK(r->text() == "print ( 1 )");
}

TEST_CASE("definitions follow the taken branch", "[preprocessor][macro]") {
  auto r = pp("%( 1 == 1 %? @define A %( 7 %) %: @define B %( 7 %) %)");
  CHECK(r->ok());
  CHECK(r->locals.count("A") == 1);
  CHECK(r->locals.count("B") == 0);
  // Both branches defining one name is no redefinition.
  CHECK(pp("%( 1 == 1 %? @define E %( 7 %) %: @define E %( 9 %) %) @E")->text() == "7");
  CHECK(pp("%( 1 != 1 %? @define F %( 7 %) %: @define F %( 9 %) %) @F")->text() == "9");
  auto n = pp("%( 1 == 1 %? %( 1 == 1 %? @define G %( 7 %) %: @define H %( 7 %) %) "
              "%: @define I %( 7 %) %)");
  CHECK(n->locals.count("G") == 1);
  CHECK(n->locals.count("H") == 0);
  CHECK(n->locals.count("I") == 0);
  CHECK(pp("%( 1 == 0 %? @define foo %( 1 %) %) print(@foo)")->has("unknown macro @foo"));
  // Incomplete conditional: the definition still happened, but it is an error.
  auto e = pp("%( 1 == 1 %?\n@define J %( 7 %)\n");
  CHECK(e->has("incomplete conditional at end of file"));
}

TEST_CASE("@define placement", "[preprocessor][macro]") {
  CHECK(pp("probe begin { @define foo %( 3 %) print(@foo) }")->text() ==
        "probe begin { print ( 3 ) }");
  // Inside a macro body it is an error when the body is expanded...
  auto r = pp("@define foo %( @define bar %( 3 %) 1 %) print(@foo)");
  CHECK(r->has("'@define' forbidden inside macro body"));
  CHECK(r->locals.count("bar") == 0);
  CHECK(r->text() == "print ( 1 )");
  // ... and not before.
  CHECK(pp("@define foo %( @define bar %( 3 %) 1 %) print(1)")->ok());
  // Also in an argument, which is part of the invocation.
  CHECK(pp("@define f(a) %( @a %) print(@f(@define foo %( 3 %) 4))")
            ->has("'@define' forbidden inside macro body"));
}

TEST_CASE("macro bodies with conditionals", "[preprocessor][macro]") {
  CHECK(pp("@define foo %( %( 1 == 1 %? a %: b %) %) print(@foo)")->text() == "print ( a )");
  std::string src =
      "@define foo %( %( $# >= 5 %? @5 %: \"\" %) %)\n"
      "probe begin { printf(\"Hello, World %s!\", @foo) }\n";
  auto five = pp_args(src, {"1", "2", "3", "4", "5"});
  CHECK(five->ok());
  CHECK(five->text() == "probe begin { printf ( \"Hello, World %s!\" , \"5\" ) }");
  auto four = pp_args(src, {"1", "2", "3", "4"});
  CHECK(four->ok());
  CHECK(four->text() == "probe begin { printf ( \"Hello, World %s!\" , \"\" ) }");
  // Macros in conditions.
  CHECK(pp("@define ver %( \"6.1\" %) %( kernel_v >= @ver %? Y %: N %)")->text() == "Y");
  // Conditional markers may come out of a macro.
  CHECK(pp("@define e %( %: %) print(%( 1 == 1 %? x @e y %))")->text() == "print ( x )");
  CHECK(pp("@define q %( %? a %: %) print(%( 1 == 0 @q b %))")->text() == "print ( b )");
}

TEST_CASE("shared macros from *.stpm files", "[preprocessor][macro]") {
  MacroTable shared = stpm("@define __testmacro %( 7 %)\n@define __twice(x) %( @x @x %)\n"
                           "@define __uses %( @__testmacro %)\n@define __local_ref %( @__x %)");
  auto ctx = test_ctx();
  CHECK(pp("println(@__testmacro)", ctx, &shared)->text() == "println ( 7 )");
  CHECK(pp("@__twice(a)", ctx, &shared)->text() == "a a");
  CHECK(pp("@__uses", ctx, &shared)->text() == "7");
  // Local definitions shadow library ones without complaint.
  auto r = pp("@define __testmacro %( 8 %) println(@__testmacro)", ctx, &shared);
  CHECK(r->ok());
  CHECK(r->text() == "println ( 8 )");
  // A library body sees library macros only.
  CHECK(pp("@define __x %( 5 %) @__local_ref", ctx, &shared)->has("unknown macro @__x"));
  // ... but arguments are resolved where they were written.
  CHECK(pp("@define y %( 5 %) @__twice(@y)", ctx, &shared)->text() == "5 5");

  // Conditional definitions in a library file.
  MacroTable cond_defs = stpm(
      "%( 1 == 1 %?\n@define __testmacroA %( 7 %)\n%:\n@define __testmacroB %( 7 %)\n%)\n"
      "%( \"a\" == \"b\" %?\n@define __testmacroC %( 7 %)\n%:\n@define __testmacroD %( 7 %)\n%)");
  CHECK(cond_defs.count("__testmacroA") == 1);
  CHECK(cond_defs.count("__testmacroB") == 0);
  CHECK(cond_defs.count("__testmacroC") == 0);
  CHECK(cond_defs.count("__testmacroD") == 1);
  CHECK(pp("@__testmacroB", ctx, &cond_defs)->has("unknown macro @__testmacroB"));

  // What local_macros() records.
  const MacroDef& d = shared.at("__twice");
  CHECK(d.name == "__twice");
  CHECK(d.params == std::vector<std::string>{"x"});
  REQUIRE(d.body.size() == 2);
  CHECK(d.body[0].text == "@x");
  CHECK(d.loc.line == 2);
  CHECK(d.loc.column == 9);
}

TEST_CASE("expanded tokens record the invocation", "[preprocessor][macro]") {
  auto r = pp("@define foo(a) %( x @a %)\nprobe @foo(y)");
  REQUIRE(r->toks.size() == 3);
  const Token& probe = r->toks[0];
  const Token& x = r->toks[1];
  const Token& y = r->toks[2];
  CHECK(!probe.expanded_from.known());
  // A body token: its own place in the definition, expanded from the call.
  CHECK(x.loc.line == 1);
  CHECK(x.loc.column == 19);
  CHECK(x.expanded_from.line == 2);
  CHECK(x.expanded_from.column == 7);
  // An argument token is source text at the call.
  CHECK(y.loc.line == 2);
  CHECK(y.loc.column == 12);
  CHECK(!y.expanded_from.known());
  // Errors on expanded tokens carry a note.
  auto e = pp("@define bar %( @bluff %)\nprobe @bar");
  REQUIRE(e->errors() == 1);
  const auto& d = e->diags.all()[0];
  CHECK(d.message == "unknown macro @bluff");
  CHECK(d.loc.line == 1);
  REQUIRE(d.notes.size() == 1);
  CHECK(d.notes[0].loc.line == 2);
}

TEST_CASE("other tokens pass through", "[preprocessor]") {
  auto r = pp("function f() %{ return 1; %} probe begin { x = \"unterminated");
  REQUIRE(r->toks.size() >= 8);
  CHECK(r->toks[4].kind == TokenKind::Embedded);
  CHECK(r->toks.back().kind == TokenKind::Error);
  CHECK(r->ok());  // lexical errors are the parser's to report
  auto m = pp("@define c %( %{ code %} %) @c");
  REQUIRE(m->toks.size() == 1);
  CHECK(m->toks[0].kind == TokenKind::Embedded);
}

// ---------------------------------------------------------------------------
// Robustness

TEST_CASE("recursive macros are errors, not hangs", "[preprocessor][robust]") {
  const char* cases[] = {
      "@define f %( @f %) probe begin { print(@f) }",
      "@define f %( x @f %) @f",
      "@define f %( @g %) @define g %( @f %) @f tail",
      "@define f(a) %( @f(@a @a) %) @f(1)",
      "@define f(a) %( @a %) @define g %( @f(@g) %) @g",
  };
  for (const char* src : cases) {
    INFO(src);
    auto r = pp(src);
    CHECK(r->has("macro expansion nested too deeply"));
    CHECK(r->toks.size() < 5000);
  }
  auto t = pp("@define f %( @f %) @f after");
  CHECK(t->text() == "after");
}

TEST_CASE("exploding macros are bounded", "[preprocessor][robust]") {
  std::string src;
  const std::string names = "abcdefghijklmnopqrstuvwxy";
  for (std::size_t i = 0; i + 1 < names.size(); ++i)
    src += std::string("@define ") + names[i] + " %( @" + names[i + 1] + " @" + names[i + 1] +
           " %)\n";
  src += "@define y %( x %)\n@a";  // 2^24 x
  ir::SourceFile file("<input>", src);
  Lexer lexer(file, LexerOptions{});
  Diagnostics diags;
  auto ctx = test_ctx();
  Preprocessor p(lexer, ctx, diags);
  std::size_t n = 0;
  while (!p.next().is_eof() && n < 100000000) ++n;
  CHECK(n < 2000000);
  REQUIRE(diags.error_count() == 1);
  CHECK(diags.all()[0].message == "too many macro expansions");
  CHECK(p.next().is_eof());
}

TEST_CASE("deep nesting does not overflow the stack", "[preprocessor][robust]") {
  std::string open, close;
  for (int i = 0; i < 100000; ++i) {
    open += "%( 1 == 1 %? ";
    close += "%) ";
  }
  auto r = pp(open + "x " + close);
  CHECK(r->ok());
  CHECK(r->text() == "x");
  std::string skipped;
  for (int i = 0; i < 100000; ++i) skipped += "%( ";
  auto s = pp("%( 1 == 0 %? " + skipped);
  CHECK(s->has("incomplete conditional at end of file"));
  std::string unclosed;
  for (int i = 0; i < 1000; ++i) unclosed += "%( 1 == 1 %? ";
  auto u = pp(unclosed);
  CHECK(u->has("incomplete conditional at end of file"));
  std::string args;
  for (int i = 0; i < 100000; ++i) args += "(";
  auto v = pp("@define f(a) %( @a %) @f" + args);
  CHECK(v->has("could not find end of macro invocation"));
}

TEST_CASE("random token soup never crashes or hangs", "[preprocessor][robust]") {
  const char* words[] = {"%(", "%?", "%:", "%)", "@define", "@f", "@g", "@a", "(", ")", ",",
                         "[", "]", "1", "2", "==", "!=", "<", "&&", "||", "\"a\"", "kernel_v",
                         "arch", "CONFIG_SMP", "x", "f", "g", "a", "$#", "@cast", "%{ c %}"};
  std::mt19937 rng(4242);
  for (int iter = 0; iter < 3000; ++iter) {
    std::string src;
    int n = 1 + static_cast<int>(rng() % 60);
    for (int i = 0; i < n; ++i) {
      src += words[rng() % std::size(words)];
      src += ' ';
    }
    INFO(src);
    auto r = pp(src);
    REQUIRE(r->toks.size() < 200000);
  }
}
