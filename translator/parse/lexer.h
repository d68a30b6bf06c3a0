// Lexer: source text to tokens. Handles comments (#, //, /* */), strings with
// C escapes, decimal/hex/octal numbers, stap's multi-character operators,
// %{ embedded code %}, and command-line arguments ($1 spliced raw, @1 as a
// string literal, $# and @# as their count).
#pragma once

#include "token.h"

#include <string>
#include <vector>

namespace cxxtap::parse {

struct LexerOptions {
  std::vector<std::string> args;  // $1 .. $N
  // Records which $N/@N were used, so the driver can warn about unused ones.
  std::vector<bool>* args_used = nullptr;
};

class Lexer final : public TokenSource {
 public:
  Lexer(const ir::SourceFile& file, LexerOptions opts);
  Token next() override;

 private:
  Token lex();
  Token make(TokenKind k, std::string text, std::size_t start);
  ir::SourceLoc loc_at(std::size_t offset) const;
  bool skip_space_and_comments(Token& err);
  Token lex_number(std::size_t start);
  Token lex_string(std::size_t start);
  Token lex_embedded(std::size_t start);
  Token lex_arg(std::size_t start);  // $N @N $# @#
  Token lex_operator(std::size_t start);

  const ir::SourceFile& file_;
  LexerOptions opts_;
  std::size_t pos_ = 0;
  // Tokens produced by splicing `$N` raw text, served before further input.
  std::vector<Token> pending_;
};

// The word after `@` that the lexer treats as an argument reference.
bool is_arg_reference(std::string_view word);

}  // namespace cxxtap::parse
