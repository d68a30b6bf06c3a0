// The recursive-descent parser's internals, shared by parser_top.cpp
// (declarations, probe points), parser_stmt.cpp and parser_expr.cpp.
// Not part of the parse layer's interface (that is parser.h).
#pragma once

#include "parser.h"
#include "token.h"

#include <cxxtap/ir/ast.h>

#include <deque>
#include <initializer_list>
#include <stdexcept>
#include <string>

namespace cxxtap::parse {

// Thrown inside the parser only; caught at declaration boundaries, where the
// diagnostic is recorded and the parser resynchronises.
struct ParseFailure {
  ir::SourceLoc loc;
  std::string message;
};

class Parser {
 public:
  Parser(TokenSource& tokens, const ParseOptions& opts, Diagnostics& diags,
         ir::SourceFilePtr src);
  ir::FilePtr parse();

 private:
  // --- token stream
  const Token& peek(std::size_t ahead = 0);
  Token take();
  bool at_op(std::string_view op) { return peek().is_op(op); }
  bool at_ident(std::string_view w) { return peek().is_ident(w); }
  bool accept_op(std::string_view op);
  Token expect_op(std::string_view op);
  Token expect_identifier(std::string_view what);
  [[noreturn]] void fail(const Token& at, std::string msg);
  [[noreturn]] void fail_expected(std::string_view what);
  bool adjacent(const Token& a, const Token& b) const;
  void check_not_keyword(const Token& t);

  // --- declarations (parser_top.cpp)
  void parse_decl(ir::File& file, bool is_private);
  void parse_probe(ir::File& file);
  void parse_global(ir::File& file, bool is_private);
  void parse_function(ir::File& file, bool is_private);
  ir::ProbePointPtr parse_probe_point(bool allow_suffixes);
  std::string parse_functor(const Token& first);
  std::size_t brace_group_ahead();
  ir::ExprPtr parse_literal_arg();
  ir::Type parse_type_annotation();
  void resync();

  // --- statements (parser_stmt.cpp)
  ir::BlockPtr parse_block();
  ir::StmtPtr parse_statement();
  ir::StmtPtr parse_if();
  ir::StmtPtr parse_while();
  ir::StmtPtr parse_for();
  ir::StmtPtr parse_foreach();
  ir::StmtPtr parse_try();
  ir::StmtPtr parse_delete();
  ir::StmtPtr parse_return();
  void accept_semicolon() { accept_op(";"); }
  // --compatible=VERSION switches off language features newer than VERSION.
  bool compatible_with(int major, int minor) const;
  void check_autocast_allowed(const Token& at, const ir::Expr& base);

  // --- expressions (parser_expr.cpp)
  struct BinarySpelling {
    std::string_view text;
    ir::BinaryOp op;
  };
  ir::ExprPtr parse_left_assoc(std::initializer_list<BinarySpelling> ops,
                               ir::ExprPtr (Parser::*next)());
  ir::ExprPtr parse_expression();
  ir::ExprPtr parse_assignment();
  ir::ExprPtr parse_ternary();
  ir::ExprPtr parse_logical_or();
  ir::ExprPtr parse_logical_and();
  ir::ExprPtr parse_bit_or();
  ir::ExprPtr parse_bit_xor();
  ir::ExprPtr parse_bit_and();
  ir::ExprPtr parse_array_in();
  ir::ExprPtr parse_comparison();
  ir::ExprPtr parse_shift();
  ir::ExprPtr parse_concat();
  ir::ExprPtr parse_additive();
  ir::ExprPtr parse_multiplicative();
  ir::ExprPtr parse_unary();
  ir::ExprPtr parse_postfix();
  ir::ExprPtr parse_primary();
  ir::ExprPtr parse_name(Token name);
  ir::ExprPtr parse_at_operator(Token at);
  ir::ExprPtr parse_print(Token name);
  ir::ExprPtr parse_access_suffixes(ir::ExprPtr base, bool base_is_target);
  std::vector<ir::ExprPtr> parse_index_list(bool allow_star);
  std::vector<ir::ExprPtr> parse_call_args();
  std::string parse_string_literal(std::string_view what);
  ir::ExprPtr parse_array_operand();
  std::unique_ptr<ir::SymbolExpr> parse_symbol_only(std::string_view what);

  // Bounds recursion so that no input can overflow the stack.
  struct DepthGuard {
    Parser& p;
    explicit DepthGuard(Parser& parser, const Token& at);
    ~DepthGuard() { --p.depth_; }
  };
  friend struct DepthGuard;

  TokenSource& tokens_;
  const ParseOptions& opts_;
  Diagnostics& diags_;
  ir::SourceFilePtr src_;
  std::deque<Token> lookahead_;
  int depth_ = 0;
  bool in_function_ = false;  // `return` is only valid in function bodies
  std::vector<std::string> global_names_;  // duplicates are parse errors
  Token last_;  // most recently taken token
};

// Language words that cannot name variables or functions.
bool is_keyword(std::string_view word);

}  // namespace cxxtap::parse
