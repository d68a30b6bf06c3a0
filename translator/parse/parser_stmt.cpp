// Statements.
#include "parser_impl.h"

#include <fmt/format.h>

namespace cxxtap::parse {

ir::BlockPtr Parser::parse_block() {
  Token open = expect_op("{");
  DepthGuard guard(*this, open);
  auto block = ir::make<ir::BlockStmt>(open.loc);
  while (!at_op("}")) {
    if (peek().is_eof()) fail(open, "missing '}' to close this block");
    block->stmts.push_back(parse_statement());
  }
  take();
  return block;
}

ir::StmtPtr Parser::parse_statement() {
  const Token& t = peek();
  DepthGuard guard(*this, t);
  if (t.is_op("{")) return parse_block();
  if (t.is_op(";")) {
    auto s = ir::make<ir::NullStmt>(t.loc);
    take();
    return s;
  }
  if (t.kind == TokenKind::Embedded) {
    Token e = take();
    if (!opts_.allow_embedded) fail(e, "embedded code in unprivileged script; need stap -g");
    auto s = ir::make<ir::EmbeddedStmt>(e.loc);
    s->code = e.text;
    accept_semicolon();
    return s;
  }
  if (t.kind == TokenKind::Identifier) {
    if (t.text == "if") return parse_if();
    if (t.text == "while") return parse_while();
    if (t.text == "for") return parse_for();
    if (t.text == "foreach") return parse_foreach();
    if (t.text == "try") return parse_try();
    if (t.text == "delete") return parse_delete();
    if (t.text == "return") return parse_return();
    if (t.text == "break" || t.text == "continue" || t.text == "next") {
      Token kw = take();
      ir::StmtPtr s;
      if (kw.text == "break") s = ir::make<ir::BreakStmt>(kw.loc);
      else if (kw.text == "continue") s = ir::make<ir::ContinueStmt>(kw.loc);
      else s = ir::make<ir::NextStmt>(kw.loc);
      accept_semicolon();
      return s;
    }
    if (t.text == "else") fail(t, "'else' without a matching 'if'");
    if (t.text == "catch") fail(t, "'catch' without a matching 'try'");
  }
  auto s = ir::make<ir::ExprStmt>(t.loc);
  s->expr = parse_expression();
  accept_semicolon();
  return s;
}

ir::StmtPtr Parser::parse_if() {
  Token kw = take();
  auto s = ir::make<ir::IfStmt>(kw.loc);
  expect_op("(");
  s->cond = parse_expression();
  expect_op(")");
  s->then_stmt = parse_statement();
  if (at_ident("else")) {
    take();
    s->else_stmt = parse_statement();
  }
  return s;
}

ir::StmtPtr Parser::parse_while() {
  Token kw = take();
  auto s = ir::make<ir::WhileStmt>(kw.loc);
  expect_op("(");
  s->cond = parse_expression();
  expect_op(")");
  s->body = parse_statement();
  return s;
}

ir::StmtPtr Parser::parse_for() {
  Token kw = take();
  auto s = ir::make<ir::ForStmt>(kw.loc);
  expect_op("(");
  if (!at_op(";")) s->init = parse_expression();
  expect_op(";");
  if (!at_op(";")) s->cond = parse_expression();
  expect_op(";");
  if (!at_op(")")) s->incr = parse_expression();
  expect_op(")");
  s->body = parse_statement();
  return s;
}

std::unique_ptr<ir::SymbolExpr> Parser::parse_symbol_only(std::string_view what) {
  Token name = expect_identifier(what);
  auto sym = ir::make<ir::SymbolExpr>(name.loc);
  sym->name = name.text;
  return sym;
}

// foreach ([v =] k | [k1, k2] [+|-] in A[slice] [@agg] [+|-] [limit N]) stmt
ir::StmtPtr Parser::parse_foreach() {
  Token kw = take();
  auto s = ir::make<ir::ForeachStmt>(kw.loc);
  expect_op("(");
  auto take_sort = [&](int column) {
    if (at_op("+") || at_op("-")) {
      Token m = take();
      if (s->sort_direction != 0) fail(m, "multiple sort directives");
      s->sort_direction = m.text == "+" ? 1 : -1;
      s->sort_column = column;
    }
  };
  auto parse_keys = [&]() {
    if (accept_op("[")) {
      for (;;) {
        s->keys.push_back(parse_symbol_only("an identifier"));
        take_sort(static_cast<int>(s->keys.size()));
        if (!accept_op(",")) break;
      }
      expect_op("]");
    } else {
      s->keys.push_back(parse_symbol_only("an identifier or '['"));
      take_sort(1);
    }
  };
  if (peek().kind == TokenKind::Identifier && !at_op("[") &&
      (peek(1).is_op("=") ||
       ((peek(1).is_op("+") || peek(1).is_op("-")) && peek(2).is_op("=")))) {
    s->value = parse_symbol_only("an identifier");
    take_sort(0);
    expect_op("=");
  }
  parse_keys();
  if (!at_ident("in")) fail_expected("'in'");
  take();
  s->array = parse_array_operand();
  if (at_op("[")) {
    take();
    s->slice = parse_index_list(true);
    expect_op("]");
  }
  if (peek().kind == TokenKind::Identifier && peek().text[0] == '@') {
    Token agg = take();
    static const std::pair<std::string_view, ir::StatFn> kAggs[] = {
        {"@count", ir::StatFn::Count}, {"@sum", ir::StatFn::Sum},
        {"@min", ir::StatFn::Min},     {"@max", ir::StatFn::Max},
        {"@avg", ir::StatFn::Avg},     {"@variance", ir::StatFn::Variance}};
    for (auto& [n, fn] : kAggs)
      if (agg.text == n) s->sort_aggregate = fn;
    if (s->sort_aggregate == ir::StatFn::None)
      fail(agg, fmt::format("expected statistical operation, saw '{}'", agg.text));
    if (!at_op("+") && !at_op("-")) fail_expected("sort directive '+' or '-'");
  }
  take_sort(0);
  if (at_ident("limit")) {
    take();
    s->limit = parse_expression();
  }
  expect_op(")");
  s->body = parse_statement();
  return s;
}

ir::StmtPtr Parser::parse_try() {
  Token kw = take();
  auto s = ir::make<ir::TryStmt>(kw.loc);
  s->try_block = parse_block();
  if (!at_ident("catch")) fail_expected("'catch'");
  take();
  if (accept_op("(")) {
    s->error_var = parse_symbol_only("an identifier");
    expect_op(")");
  }
  s->catch_block = parse_block();
  return s;
}

ir::StmtPtr Parser::parse_delete() {
  Token kw = take();
  auto s = ir::make<ir::DeleteStmt>(kw.loc);
  s->target = parse_primary();
  accept_semicolon();
  return s;
}

ir::StmtPtr Parser::parse_return() {
  Token kw = take();
  if (!in_function_) fail(kw, "found 'return' not in function context");
  auto s = ir::make<ir::ReturnStmt>(kw.loc);
  const Token& t = peek();
  if (!(t.is_op(";") || t.is_op("}"))) s->value = parse_expression();
  accept_semicolon();
  return s;
}

}  // namespace cxxtap::parse
