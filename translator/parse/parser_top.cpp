// Top level: the token stream helpers, declarations and probe points.
#include "lexer.h"
#include "parser_impl.h"

#include <fmt/format.h>

#include <array>

namespace cxxtap::parse {

namespace {
constexpr int kMaxDepth = 400;
}

bool is_keyword(std::string_view w) {
  static constexpr std::array<std::string_view, 19> kWords = {
      "probe", "global", "private", "function", "if", "else", "for", "foreach", "in", "limit",
      "return", "delete", "while", "break", "continue", "next", "string", "long", "try"};
  for (auto k : kWords)
    if (k == w) return true;
  return w == "catch";
}

Parser::Parser(TokenSource& tokens, const ParseOptions& opts, Diagnostics& diags,
               ir::SourceFilePtr src)
    : tokens_(tokens), opts_(opts), diags_(diags), src_(std::move(src)) {}

Parser::DepthGuard::DepthGuard(Parser& parser, const Token& at) : p(parser) {
  if (++p.depth_ > kMaxDepth) {
    --p.depth_;
    p.fail(at, "maximum nesting depth exceeded");
  }
}

const Token& Parser::peek(std::size_t ahead) {
  while (lookahead_.size() <= ahead) {
    Token t = tokens_.next();
    lookahead_.push_back(std::move(t));
    if (lookahead_.back().is_eof()) break;
  }
  if (ahead >= lookahead_.size()) return lookahead_.back();  // Eof
  const Token& t = lookahead_[ahead];
  if (t.kind == TokenKind::Error) {
    // Lexical errors surface where the parser first looks at them.
    Token copy = t;
    lookahead_.clear();
    lookahead_.push_back(Token{TokenKind::Eof, "", 0, copy.loc, {}});
    throw ParseFailure{copy.loc, copy.text};
  }
  return t;
}

Token Parser::take() {
  peek();
  Token t = std::move(lookahead_.front());
  if (!t.is_eof()) lookahead_.pop_front();
  last_ = t;
  return t;
}

bool Parser::accept_op(std::string_view op) {
  if (!at_op(op)) return false;
  take();
  return true;
}

Token Parser::expect_op(std::string_view op) {
  if (!at_op(op)) fail_expected(fmt::format("'{}'", op));
  return take();
}

Token Parser::expect_identifier(std::string_view what) {
  const Token& t = peek();
  if (t.kind != TokenKind::Identifier || t.text[0] == '@' || t.text[0] == '$')
    fail_expected(what);
  check_not_keyword(t);
  return take();
}

void Parser::check_not_keyword(const Token& t) {
  if (t.kind == TokenKind::Identifier && is_keyword(t.text))
    fail(t, fmt::format("unexpected keyword '{}'", t.text));
}

void Parser::fail(const Token& at, std::string msg) {
  throw ParseFailure{at.loc, std::move(msg)};
}

void Parser::fail_expected(std::string_view what) {
  const Token& t = peek();
  fail(t, fmt::format("expected {}, saw {}", what, t.describe()));
}

// True when `b` starts right where `a` ends (no space): probe point
// functors such as `foo*bar` are made of adjacent tokens.
bool Parser::adjacent(const Token& a, const Token& b) const {
  if (!a.loc.known() || !b.loc.known() || a.loc.line != b.loc.line) return false;
  if (a.kind != TokenKind::Identifier && a.kind != TokenKind::Operator &&
      a.kind != TokenKind::Number)
    return false;
  return b.loc.column == a.loc.column + a.text.size() && !b.expanded_from.known();
}

ir::FilePtr Parser::parse() {
  auto file = std::make_unique<ir::File>();
  file->source = src_;
  std::size_t errors_before = diags_.error_count();
  for (;;) {
    try {
      if (peek().is_eof()) break;
      if (at_ident("private")) {
        take();
        parse_decl(*file, true);
      } else {
        parse_decl(*file, false);
      }
    } catch (const ParseFailure& f) {
      diags_.error(f.loc, f.message);
      if (diags_.error_count() - errors_before >= 20) break;
      resync();
    }
  }
  if (diags_.error_count() != errors_before) return nullptr;
  if (file->decls.empty() && !src_->is_tapset) {
    diags_.error({}, fmt::format("input file '{}' is empty", src_->name));
    return nullptr;
  }
  return file;
}

// Skips to the next token that can start a declaration.
void Parser::resync() {
  depth_ = 0;
  in_function_ = false;
  for (;;) {
    try {
      const Token& t = peek();
      if (t.is_eof()) return;
      if (t.is_ident("probe") || t.is_ident("global") || t.is_ident("function") ||
          t.is_ident("private"))
        return;
      take();
    } catch (const ParseFailure& f) {
      diags_.error(f.loc, f.message);
      return;
    }
  }
}

void Parser::parse_decl(ir::File& file, bool is_private) {
  const Token& t = peek();
  if (t.is_ident("probe") && !is_private) {
    parse_probe(file);
  } else if (t.is_ident("global")) {
    take();
    parse_global(file, is_private);
  } else if (t.is_ident("function")) {
    take();
    parse_function(file, is_private);
  } else if (is_private && t.kind == TokenKind::Identifier && !is_keyword(t.text)) {
    parse_global(file, true);  // `private x` declares a private global
  } else if (t.kind == TokenKind::Embedded && !is_private) {
    Token e = take();
    if (!opts_.allow_embedded)
      fail(e, "embedded code in unprivileged script; need stap -g");
    auto d = ir::make<ir::EmbeddedDecl>(e.loc);
    d->code = e.text;
    file.decls.push_back(std::move(d));
  } else {
    fail(t, fmt::format("expected 'probe', 'global', 'private', 'function', or '%{{', saw {}",
                        t.describe()));
  }
}

void Parser::parse_probe(ir::File& file) {
  Token kw = take();  // probe
  std::vector<ir::ProbePointPtr> points;
  for (;;) {
    points.push_back(parse_probe_point(true));
    if (!accept_op(",")) break;
  }
  if (at_op("=") || at_op("+=")) {
    Token op = take();
    auto alias = ir::make<ir::AliasDecl>(kw.loc);
    for (auto& n : points) {
      if (n->optional || n->sufficient || n->condition)
        fail(op, "probe alias name cannot be optional or conditional");
    }
    alias->names = std::move(points);
    alias->epilogue = op.text == "+=";
    for (;;) {
      alias->targets.push_back(parse_probe_point(true));
      if (!accept_op(",")) break;
    }
    alias->body = parse_block();
    file.decls.push_back(std::move(alias));
    return;
  }
  auto probe = ir::make<ir::ProbeDecl>(kw.loc);
  probe->points = std::move(points);
  probe->body = parse_block();
  file.decls.push_back(std::move(probe));
}

ir::ExprPtr Parser::parse_literal_arg() {
  const Token& t = peek();
  if (t.kind == TokenKind::String) {
    auto s = ir::make<ir::StringExpr>(t.loc);
    s->value = parse_string_literal("string");
    return s;
  }
  bool negative = false;
  Token first = t;
  if (t.is_op("-")) {
    take();
    negative = true;
  }
  if (peek().kind != TokenKind::Number) fail_expected("a number or string literal");
  Token n = take();
  auto e = ir::make<ir::NumberExpr>(first.loc);
  e->value = negative ? static_cast<int64_t>(0ULL - static_cast<uint64_t>(n.value)) : n.value;
  return e;
}

// Number of tokens in a `{a,b}` alternatives group starting at peek(0), or 0
// when the `{` opens something else (a probe body). A group holds only names,
// globs, dots, commas and nested groups, and at least one comma.
std::size_t Parser::brace_group_ahead() {
  int depth = 0;
  bool comma = false;
  for (std::size_t i = 0; i < 4096; ++i) {
    const Token& t = peek(i);
    if (t.is_op("{")) {
      ++depth;
    } else if (t.is_op("}")) {
      if (--depth == 0) return comma ? i + 1 : 0;
    } else if (t.is_op(",")) {
      comma = true;
    } else if (!(t.kind == TokenKind::Identifier || t.kind == TokenKind::Number ||
                 t.is_op("*") || t.is_op("."))) {
      return 0;
    }
  }
  return 0;
}

// A component's functor: adjacent identifier, `*`, number and `{a,b}` tokens,
// kept as text (globs and brace alternatives are expanded in pass 2).
std::string Parser::parse_functor(const Token& first) {
  std::string text;
  Token prev;
  bool have_prev = false;
  for (;;) {
    const Token& t = peek();
    if (have_prev && !adjacent(prev, t)) break;
    if (t.is_op("{")) {
      std::size_t n = brace_group_ahead();
      if (n == 0) break;
      for (std::size_t i = 0; i < n; ++i) {
        prev = take();
        text += prev.text;
      }
      have_prev = true;
      continue;
    }
    bool part = (t.kind == TokenKind::Identifier && t.text[0] != '@') || t.is_op("*") ||
                (t.kind == TokenKind::Number && have_prev);
    if (!part) break;
    prev = take();
    have_prev = true;
    text += prev.text;
    if (text.size() > 4096) fail(first, "probe point component too long");
  }
  if (text.empty()) fail_expected("a probe point component");
  return text;
}

ir::ProbePointPtr Parser::parse_probe_point(bool allow_suffixes) {
  auto pp = std::make_unique<ir::ProbePoint>();
  pp->loc = peek().loc;
  DepthGuard guard(*this, peek());
  for (;;) {
    ir::ProbePointComponent c;
    c.loc = peek().loc;
    Token first = peek();
    c.functor = parse_functor(first);
    if (accept_op("(")) {
      c.arg = parse_literal_arg();
      expect_op(")");
    }
    pp->components.push_back(std::move(c));
    if (!accept_op(".")) break;
  }
  if (allow_suffixes) {
    if (accept_op("?")) pp->optional = true;
    else if (accept_op("!")) pp->optional = pp->sufficient = true;
    if (at_ident("if")) {
      take();
      expect_op("(");
      pp->condition = parse_expression();
      expect_op(")");
    }
  }
  const Token& t = peek();
  if (!(t.is_op(",") || t.is_op("{") || t.is_op("=") || t.is_op("+=")))
    fail_expected("one of ', . ( ? ! { = +='");
  return pp;
}

ir::Type Parser::parse_type_annotation() {
  Token t = take();
  if (t.is_ident("long")) return ir::Type::Long;
  if (t.is_ident("string")) return ir::Type::String;
  fail(t, fmt::format("expected 'long' or 'string', saw {}", t.describe()));
}

void Parser::parse_global(ir::File& file, bool is_private) {
  for (;;) {
    Token name = expect_identifier("an identifier");
    for (const auto& seen : global_names_)
      if (seen == name.text) fail(name, fmt::format("duplicate global name '{}'", name.text));
    global_names_.push_back(name.text);
    auto g = ir::make<ir::GlobalDecl>(name.loc);
    g->name = name.text;
    g->is_private = is_private;
    if (accept_op("%")) g->wrap = g->is_array = true;
    if (accept_op("[")) {
      Token n = peek();
      if (n.kind != TokenKind::Number) fail_expected("a number");
      take();
      if (n.value <= 0) fail(n, "array size must be positive");
      g->max_size = n.value;
      g->is_array = true;
      expect_op("]");
      if (accept_op("%")) g->wrap = true;
    }
    if (accept_op("=")) {
      if (g->is_array) fail(last_, "array globals cannot be initialized");
      g->init = parse_literal_arg();
    }
    file.decls.push_back(std::move(g));
    if (!accept_op(",")) break;
  }
  accept_semicolon();
}

void Parser::parse_function(ir::File& file, bool is_private) {
  Token name = expect_identifier("a function name");
  auto f = ir::make<ir::FunctionDecl>(name.loc);
  f->name = name.text;
  f->is_private = is_private;
  if (accept_op(":")) f->return_type = parse_type_annotation();
  expect_op("(");
  if (!at_op(")")) {
    for (;;) {
      Token p = expect_identifier("a parameter name");
      for (const auto& other : f->params)
        if (other.name == p.text) fail(p, fmt::format("duplicate parameter name '{}'", p.text));
      ir::Param param{p.text, ir::Type::Unknown, p.loc};
      if (accept_op(":")) param.type = parse_type_annotation();
      f->params.push_back(std::move(param));
      if (!accept_op(",")) break;
    }
  }
  expect_op(")");
  if (accept_op(":")) {
    if (peek().kind != TokenKind::Number) fail_expected("a function priority number");
    Token n = take();
    if (n.value <= 0) fail(n, "specified priority must be > 0");
    f->priority = n.value;
    f->has_priority = true;
  }
  if (peek().kind == TokenKind::Embedded) {
    Token e = take();
    if (!opts_.allow_embedded)
      fail(e, "embedded code in unprivileged script; need stap -g");
    f->is_embedded = true;
    f->embedded_code = e.text;
  } else {
    in_function_ = true;
    f->body = parse_block();
    in_function_ = false;
  }
  file.decls.push_back(std::move(f));
}

ir::FilePtr parse_file(ir::SourceFilePtr src, const ParseOptions& opts, Diagnostics& diags) {
  Lexer lexer(*src, LexerOptions{opts.args, opts.args_used});
  Preprocessor pp(lexer, opts.pp, diags, opts.shared_macros);
  Parser parser(pp, opts, diags, src);
  auto file = parser.parse();
  if (!file) diags.keep_alive(src);
  if (opts.defined_macros) *opts.defined_macros = pp.local_macros();
  return file;
}

}  // namespace cxxtap::parse
