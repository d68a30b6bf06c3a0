#include "parse/lexer.h"

#include <catch2/catch.hpp>

using namespace cxxtap;
using parse::TokenKind;

namespace {

std::vector<parse::Token> lex(const std::string& text, std::vector<std::string> args = {}) {
  static std::vector<std::shared_ptr<ir::SourceFile>> keep;
  keep.push_back(std::make_shared<ir::SourceFile>("t", text));
  parse::Lexer lx(*keep.back(), {args, nullptr});
  std::vector<parse::Token> out;
  for (int i = 0; i < 1000; ++i) {
    auto t = lx.next();
    if (t.is_eof()) break;
    out.push_back(t);
    if (t.kind == TokenKind::Error) break;
  }
  return out;
}

}  // namespace

TEST_CASE("lexer: longest operators win") {
  auto t = lex("a <<< b <<= c >>= d .= e -> f %( %? %: %)");
  std::vector<std::string> ops;
  for (auto& x : t)
    if (x.kind == TokenKind::Operator) ops.push_back(x.text);
  CHECK(ops == std::vector<std::string>{"<<<", "<<=", ">>=", ".=", "->", "%(", "%?", "%:", "%)"});
}

TEST_CASE("lexer: comments of three kinds are skipped") {
  auto t = lex("a # one\n b // two\n /* three \n */ c");
  REQUIRE(t.size() == 3);
  CHECK(t[2].text == "c");
  CHECK(t[2].loc.line == 4);
  CHECK(t[2].loc.column == 5);
}

TEST_CASE("lexer: numbers in three bases, and wrap above 2^63") {
  auto t = lex("42 0x2a 052 18446744073709551615");
  REQUIRE(t.size() == 4);
  CHECK(t[0].value == 42);
  CHECK(t[1].value == 42);
  CHECK(t[2].value == 42);
  CHECK(t[3].value == -1);
  auto bad = lex("99999999999999999999999");
  REQUIRE(bad.size() == 1);
  CHECK(bad[0].kind == TokenKind::Error);
}

TEST_CASE("lexer: strings keep their escapes; unterminated is an error") {
  auto t = lex(R"("a\"b\n")");
  REQUIRE(t.size() == 1);
  CHECK(t[0].text == R"(a\"b\n)");
  auto bad = lex("\"abc");
  CHECK(bad.back().kind == TokenKind::Error);
}

TEST_CASE("lexer: embedded code and target names") {
  auto t = lex("%{ int x; %} $var $$vars @count");
  REQUIRE(t.size() == 4);
  CHECK(t[0].kind == TokenKind::Embedded);
  CHECK(t[0].text == " int x; ");
  CHECK(t[1].text == "$var");
  CHECK(t[2].text == "$$vars");
  CHECK(t[3].text == "@count");
}

TEST_CASE("lexer: command line arguments") {
  auto t = lex("$1 @2 $# @#", {"x + 1", "str\"q"});
  REQUIRE(t.size() == 6);
  CHECK(t[0].text == "x");
  CHECK(t[1].text == "+");
  CHECK(t[2].value == 1);
  CHECK(t[3].kind == TokenKind::String);
  CHECK(t[3].text == "str\\\"q");
  CHECK(t[4].kind == TokenKind::Number);
  CHECK(t[4].value == 2);
  CHECK(t[5].kind == TokenKind::String);
  auto missing = lex("$3", {"a"});
  REQUIRE(missing.size() == 1);
  CHECK(missing[0].kind == TokenKind::Error);
  CHECK(missing[0].text == "command line argument index 3 out of range [1-1]");
}

TEST_CASE("lexer: a spliced argument cannot refer to arguments again") {
  auto t = lex("$1", {"$1"});
  REQUIRE(!t.empty());
  CHECK(t.back().kind == TokenKind::Error);
}
