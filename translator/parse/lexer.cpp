#include "lexer.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdlib>

namespace cxxtap::parse {

namespace {

bool is_ident_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' || c == '@';
}
bool is_ident_char(char c) {
  return is_ident_start(c) || (c >= '0' && c <= '9');
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Longest first within each length; matched greedily.
constexpr std::array<std::string_view, 3> kOps3 = {"<<<", "<<=", ">>="};
constexpr std::array<std::string_view, 26> kOps2 = {
    "==", "!=", "<=", ">=", "=~", "!~", "+=", "-=", "*=", "/=", "%=", "&=", "^=", "|=",
    ".=", "&&", "||", "++", "--", "->", "<<", ">>", "%(", "%?", "%:", "%)"};
constexpr std::string_view kOps1 = "+-*/%&|^~!<>=.,;:?()[]{}";

}  // namespace

std::string Token::describe() const {
  switch (kind) {
    case TokenKind::Eof: return "end of input";
    case TokenKind::Identifier:
      return text.empty() || text[0] != '@' ? fmt::format("identifier '{}'", text)
                                            : fmt::format("operator '{}'", text);
    case TokenKind::Number: return fmt::format("number '{}'", text);
    case TokenKind::String: return fmt::format("string \"{}\"", text);
    case TokenKind::Operator: return fmt::format("operator '{}'", text);
    case TokenKind::Embedded: return "embedded code";
    case TokenKind::Error: return text;
  }
  return "token";
}

bool is_arg_reference(std::string_view word) {
  if (word.size() < 2 || (word[0] != '$' && word[0] != '@')) return false;
  if (word == "$#" || word == "@#") return true;
  return std::all_of(word.begin() + 1, word.end(), is_digit);
}

Lexer::Lexer(const ir::SourceFile& file, LexerOptions opts)
    : file_(file), opts_(std::move(opts)) {}

Token Lexer::next() {
  if (!pending_.empty()) {
    Token t = std::move(pending_.back());
    pending_.pop_back();
    return t;
  }
  return lex();
}

ir::SourceLoc Lexer::loc_at(std::size_t offset) const {
  auto it = std::upper_bound(file_.line_starts.begin(), file_.line_starts.end(), offset);
  unsigned line = static_cast<unsigned>(it - file_.line_starts.begin());
  unsigned col = static_cast<unsigned>(offset - file_.line_starts[line - 1]) + 1;
  return {&file_, line, col};
}

Token Lexer::make(TokenKind k, std::string text, std::size_t start) {
  Token t;
  t.kind = k;
  t.text = std::move(text);
  t.loc = loc_at(start);
  return t;
}

// Returns false (with `err` set) on an unterminated block comment.
bool Lexer::skip_space_and_comments(Token& err) {
  const std::string& s = file_.text;
  while (pos_ < s.size()) {
    char c = s[pos_];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      ++pos_;
    } else if (c == '#') {
      while (pos_ < s.size() && s[pos_] != '\n') ++pos_;
    } else if (c == '/' && pos_ + 1 < s.size() && s[pos_ + 1] == '/') {
      while (pos_ < s.size() && s[pos_] != '\n') ++pos_;
    } else if (c == '/' && pos_ + 1 < s.size() && s[pos_ + 1] == '*') {
      std::size_t start = pos_;
      auto end = s.find("*/", pos_ + 2);
      if (end == std::string::npos) {
        pos_ = s.size();
        err = make(TokenKind::Error, "unterminated comment", start);
        return false;
      }
      pos_ = end + 2;
    } else {
      break;
    }
  }
  return true;
}

Token Lexer::lex() {
  Token err;
  if (!skip_space_and_comments(err)) return err;
  const std::string& s = file_.text;
  if (pos_ >= s.size()) return make(TokenKind::Eof, "", s.size());
  std::size_t start = pos_;
  char c = s[pos_];

  if ((c == '$' || c == '@') && pos_ + 1 < s.size() &&
      (is_digit(s[pos_ + 1]) || s[pos_ + 1] == '#'))
    return lex_arg(start);
  if (is_digit(c)) return lex_number(start);
  if (c == '"') return lex_string(start);
  if (c == '%' && pos_ + 1 < s.size() && s[pos_ + 1] == '{') return lex_embedded(start);
  if (is_ident_start(c)) {
    while (pos_ < s.size() && is_ident_char(s[pos_])) ++pos_;
    return make(TokenKind::Identifier, s.substr(start, pos_ - start), start);
  }
  return lex_operator(start);
}

Token Lexer::lex_number(std::size_t start) {
  const std::string& s = file_.text;
  while (pos_ < s.size() && (is_ident_char(s[pos_]))) ++pos_;
  std::string text = s.substr(start, pos_ - start);
  errno = 0;
  char* end = nullptr;
  unsigned long long v = std::strtoull(text.c_str(), &end, 0);
  if (errno == ERANGE || end == text.c_str() || *end != '\0')
    return make(TokenKind::Error, fmt::format("number '{}' invalid or out of range", text), start);
  Token t = make(TokenKind::Number, text, start);
  t.value = static_cast<int64_t>(v);  // values above 2^63 wrap, as in stap
  return t;
}

Token Lexer::lex_string(std::size_t start) {
  const std::string& s = file_.text;
  ++pos_;  // opening quote
  std::string value;
  while (pos_ < s.size() && s[pos_] != '"') {
    if (s[pos_] == '\\' && pos_ + 1 < s.size()) {
      value += s[pos_++];
    }
    value += s[pos_++];
  }
  if (pos_ >= s.size())
    return make(TokenKind::Error, "could not find matching closing quote", start);
  ++pos_;  // closing quote
  return make(TokenKind::String, std::move(value), start);
}

Token Lexer::lex_embedded(std::size_t start) {
  const std::string& s = file_.text;
  auto end = s.find("%}", pos_ + 2);
  if (end == std::string::npos) {
    pos_ = s.size();
    return make(TokenKind::Error, "could not find matching '%}' to close embedded code", start);
  }
  std::string code = s.substr(start + 2, end - start - 2);
  pos_ = end + 2;
  return make(TokenKind::Embedded, std::move(code), start);
}

Token Lexer::lex_arg(std::size_t start) {
  const std::string& s = file_.text;
  char sigil = s[pos_++];
  std::size_t count = opts_.args.size();
  if (s[pos_] == '#') {
    ++pos_;
    Token t = sigil == '$' ? make(TokenKind::Number, std::to_string(count), start)
                           : make(TokenKind::String, std::to_string(count), start);
    t.value = static_cast<int64_t>(count);
    t.expanded_from = t.loc;
    return t;
  }
  while (pos_ < s.size() && is_digit(s[pos_])) ++pos_;
  std::string digits = s.substr(start + 1, pos_ - start - 1);
  unsigned long idx = std::strtoul(digits.c_str(), nullptr, 10);
  if (idx == 0 || idx > count || digits.size() > 6)
    return make(TokenKind::Error,
                fmt::format("command line argument index {} out of range [1-{}]", digits, count),
                start);
  if (opts_.args_used && opts_.args_used->size() >= idx) (*opts_.args_used)[idx - 1] = true;
  const std::string& arg = opts_.args[idx - 1];
  if (sigil == '@') {
    // @N is the argument as a string literal; quote it the way the lexer
    // keeps strings (escapes as written).
    std::string value;
    for (char ch : arg) {
      if (ch == '"' || ch == '\\') value += '\\';
      value += ch;
    }
    Token t = make(TokenKind::String, std::move(value), start);
    t.expanded_from = t.loc;
    return t;
  }
  // $N is spliced raw: lex the argument text on its own (it may not refer
  // to further arguments) and serve its tokens from here.
  ir::SourceFile arg_file(fmt::format("<argument ${}>", idx), arg);
  Lexer sub(arg_file, {});
  std::vector<Token> toks;
  ir::SourceLoc here = loc_at(start);
  for (;;) {
    Token t = sub.next();
    if (t.is_eof()) break;
    t.loc = here;
    t.expanded_from = here;
    toks.push_back(std::move(t));
    if (toks.back().kind == TokenKind::Error || toks.size() > 100000) break;
  }
  if (toks.empty()) return lex();
  std::reverse(toks.begin(), toks.end());
  Token first = std::move(toks.back());
  toks.pop_back();
  for (auto& t : toks) pending_.push_back(std::move(t));
  return first;
}

Token Lexer::lex_operator(std::size_t start) {
  std::string_view rest(file_.text.data() + pos_, file_.text.size() - pos_);
  for (auto op : kOps3)
    if (rest.substr(0, 3) == op) { pos_ += 3; return make(TokenKind::Operator, std::string(op), start); }
  for (auto op : kOps2)
    if (rest.substr(0, 2) == op) { pos_ += 2; return make(TokenKind::Operator, std::string(op), start); }
  if (kOps1.find(rest[0]) != std::string_view::npos) {
    ++pos_;
    return make(TokenKind::Operator, std::string(1, rest[0]), start);
  }
  ++pos_;
  unsigned char uc = static_cast<unsigned char>(rest[0]);
  std::string shown = uc >= 0x20 && uc < 0x7f ? std::string(1, rest[0]) : fmt::format("\\x{:02x}", uc);
  return make(TokenKind::Error, fmt::format("unexpected character '{}'", shown), start);
}

}  // namespace cxxtap::parse
