// Tokens of the stap language, produced by the Lexer and filtered by the
// Preprocessor before the Parser sees them.
#pragma once

#include <cxxtap/ir/source.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace cxxtap::parse {

enum class TokenKind {
  Eof,
  Identifier,  // name, keyword, or @-word ("@count", "@define", "@1" is String)
  Number,      // text holds the spelling; value the parsed number
  String,      // text holds the unescaped contents
  Operator,    // text holds the spelling: "+", "<<<", "%(", "%?", ...
  Embedded,    // %{ ... %}: text holds the code between the braces
  Error,       // lexical error: text holds the message
};

struct Token {
  TokenKind kind = TokenKind::Eof;
  std::string text;
  int64_t value = 0;              // Number only
  ir::SourceLoc loc;
  // Where a macro or command-line argument expansion came from; used for
  // "expanded from" notes. Unknown when the token is literal source text.
  ir::SourceLoc expanded_from;

  bool is(TokenKind k, std::string_view t) const { return kind == k && text == t; }
  bool is_op(std::string_view t) const { return is(TokenKind::Operator, t); }
  bool is_ident(std::string_view t) const { return is(TokenKind::Identifier, t); }
  bool is_eof() const { return kind == TokenKind::Eof; }
  std::string describe() const;  // "identifier 'foo'", "operator '}'", ...
};

// Anything that yields tokens one at a time (lexer, preprocessor, macro
// bodies being replayed).
class TokenSource {
 public:
  virtual ~TokenSource() = default;
  virtual Token next() = 0;
};

}  // namespace cxxtap::parse
