// Expressions, by precedence from lowest (assignment) to highest (primary).
#include "parser_impl.h"

#include <fmt/format.h>

#include <cstdlib>
#include <utility>

namespace cxxtap::parse {

namespace {

template <class T>
std::unique_ptr<T> node(const Token& at) { return ir::make<T>(at.loc); }

const std::pair<std::string_view, ir::AssignOp> kAssignOps[] = {
    {"=", ir::AssignOp::Assign},        {"+=", ir::AssignOp::AddAssign},
    {"-=", ir::AssignOp::SubAssign},    {"*=", ir::AssignOp::MulAssign},
    {"/=", ir::AssignOp::DivAssign},    {"%=", ir::AssignOp::ModAssign},
    {"<<=", ir::AssignOp::ShlAssign},   {">>=", ir::AssignOp::ShrAssign},
    {"&=", ir::AssignOp::AndAssign},    {"^=", ir::AssignOp::XorAssign},
    {"|=", ir::AssignOp::OrAssign},     {".=", ir::AssignOp::ConcatAssign},
    {"<<<", ir::AssignOp::StatAppend},
};

struct PrintName {
  std::string_view name;
  ir::PrintStyle style;
  bool to_string;
};
const PrintName kPrintNames[] = {
    {"print", ir::PrintStyle::Print, false},       {"sprint", ir::PrintStyle::Print, true},
    {"println", ir::PrintStyle::Println, false},   {"sprintln", ir::PrintStyle::Println, true},
    {"printd", ir::PrintStyle::Printd, false},     {"sprintd", ir::PrintStyle::Printd, true},
    {"printdln", ir::PrintStyle::Printdln, false}, {"sprintdln", ir::PrintStyle::Printdln, true},
    {"printf", ir::PrintStyle::Printf, false},     {"sprintf", ir::PrintStyle::Printf, true},
};

ir::ExprPtr binary(ir::BinaryOp op, const Token& at, ir::ExprPtr l, ir::ExprPtr r) {
  auto b = node<ir::BinaryExpr>(at);
  b->op = op;
  b->left = std::move(l);
  b->right = std::move(r);
  return b;
}

}  // namespace

ir::ExprPtr Parser::parse_expression() { return parse_assignment(); }

ir::ExprPtr Parser::parse_assignment() {
  DepthGuard guard(*this, peek());
  // Whether the left side can be assigned is pass 2's question, as in stap.
  auto lhs = parse_ternary();
  const Token& t = peek();
  if (t.kind != TokenKind::Operator) return lhs;
  for (auto& [spelling, op] : kAssignOps) {
    if (t.text != spelling) continue;
    Token optok = take();
    auto a = node<ir::AssignExpr>(optok);
    a->op = op;
    a->target = std::move(lhs);
    a->value = parse_assignment();  // right associative
    return a;
  }
  return lhs;
}

ir::ExprPtr Parser::parse_ternary() {
  auto cond = parse_logical_or();
  if (!at_op("?")) return cond;
  Token q = take();
  auto t = node<ir::TernaryExpr>(q);
  t->cond = std::move(cond);
  DepthGuard guard(*this, q);
  t->then_expr = parse_expression();
  expect_op(":");
  t->else_expr = parse_ternary();
  return t;
}

// The left-associative binary levels differ only in their operators and in
// the level below; one loop serves them all.
ir::ExprPtr Parser::parse_left_assoc(std::initializer_list<BinarySpelling> ops,
                                     ir::ExprPtr (Parser::*next)()) {
  auto e = (this->*next)();
  for (;;) {
    const Token& t = peek();
    const BinarySpelling* hit = nullptr;
    if (t.kind == TokenKind::Operator)
      for (const auto& op : ops)
        if (t.text == op.text) hit = &op;
    if (!hit) return e;
    Token optok = take();
    e = binary(hit->op, optok, std::move(e), (this->*next)());
  }
}

ir::ExprPtr Parser::parse_logical_or() {
  return parse_left_assoc({{"||", ir::BinaryOp::LogOr}}, &Parser::parse_logical_and);
}
ir::ExprPtr Parser::parse_logical_and() {
  return parse_left_assoc({{"&&", ir::BinaryOp::LogAnd}}, &Parser::parse_bit_or);
}
ir::ExprPtr Parser::parse_bit_or() {
  return parse_left_assoc({{"|", ir::BinaryOp::BitOr}}, &Parser::parse_bit_xor);
}
ir::ExprPtr Parser::parse_bit_xor() {
  return parse_left_assoc({{"^", ir::BinaryOp::BitXor}}, &Parser::parse_bit_and);
}
ir::ExprPtr Parser::parse_bit_and() {
  return parse_left_assoc({{"&", ir::BinaryOp::BitAnd}}, &Parser::parse_array_in);
}

// The array of `in`, of foreach and of a membership test.
ir::ExprPtr Parser::parse_array_operand() {
  const Token& t = peek();
  if (t.is_ident("@hist_linear") || t.is_ident("@hist_log")) {
    Token at = take();
    return parse_at_operator(at);
  }
  return parse_symbol_only("an array name");
}

ir::ExprPtr Parser::parse_array_in() {
  std::vector<ir::ExprPtr> keys;
  Token start = peek();
  if (start.is_op("[")) {
    take();
    keys = parse_index_list(true);
    expect_op("]");
    if (!at_ident("in")) fail_expected("'in'");
  } else {
    auto e = parse_comparison();
    if (!at_ident("in")) return e;
    keys.push_back(std::move(e));
  }
  Token in = take();
  auto a = node<ir::InArrayExpr>(in);
  a->keys = std::move(keys);
  a->array = parse_array_operand();
  return a;
}

ir::ExprPtr Parser::parse_comparison() {
  static const std::pair<std::string_view, ir::BinaryOp> kOps[] = {
      {"<", ir::BinaryOp::Lt},  {">", ir::BinaryOp::Gt},  {"<=", ir::BinaryOp::Le},
      {">=", ir::BinaryOp::Ge}, {"==", ir::BinaryOp::Eq}, {"!=", ir::BinaryOp::Ne},
      {"=~", ir::BinaryOp::RegexMatch}, {"!~", ir::BinaryOp::RegexNoMatch}};
  auto e = parse_shift();
  for (;;) {
    const Token& t = peek();
    if (t.kind != TokenKind::Operator) return e;
    bool matched = false;
    for (auto& [s, op] : kOps) {
      if (t.text != s) continue;
      Token optok = take();
      matched = true;
      if (op == ir::BinaryOp::RegexMatch || op == ir::BinaryOp::RegexNoMatch) {
        if (peek().kind != TokenKind::String)
          fail_expected("a string literal (regular expression)");
        auto re = node<ir::StringExpr>(peek());
        re->value = parse_string_literal("regular expression");
        e = binary(op, optok, std::move(e), std::move(re));
      } else {
        e = binary(op, optok, std::move(e), parse_shift());
      }
      break;
    }
    if (!matched) return e;
  }
}

ir::ExprPtr Parser::parse_shift() {
  return parse_left_assoc({{"<<", ir::BinaryOp::Shl}, {">>", ir::BinaryOp::Shr}},
                          &Parser::parse_concat);
}
ir::ExprPtr Parser::parse_concat() {
  return parse_left_assoc({{".", ir::BinaryOp::Concat}}, &Parser::parse_additive);
}
ir::ExprPtr Parser::parse_additive() {
  return parse_left_assoc({{"+", ir::BinaryOp::Add}, {"-", ir::BinaryOp::Sub}},
                          &Parser::parse_multiplicative);
}
ir::ExprPtr Parser::parse_multiplicative() {
  return parse_left_assoc(
      {{"*", ir::BinaryOp::Mul}, {"/", ir::BinaryOp::Div}, {"%", ir::BinaryOp::Mod}},
      &Parser::parse_unary);
}

ir::ExprPtr Parser::parse_unary() {
  const Token& t = peek();
  DepthGuard guard(*this, t);
  if (t.is_op("++") || t.is_op("--")) {
    Token op = take();
    auto e = node<ir::IncDecExpr>(op);
    e->increment = op.text == "++";
    e->prefix = true;
    // The operand is a primary, so `--a ++b` is two statements.
    e->operand = parse_primary();
    return e;
  }
  if (t.is_op("-") && peek(1).kind == TokenKind::Number) {
    // A negative literal, so that `-1` reads the same everywhere.
    Token op = take();
    Token n = take();
    auto e = node<ir::NumberExpr>(op);
    e->value = static_cast<int64_t>(0ULL - static_cast<uint64_t>(n.value));
    return parse_access_suffixes(std::move(e), false);
  }
  if (t.is_op("-") || t.is_op("+") || t.is_op("!") || t.is_op("~")) {
    Token op = take();
    auto e = node<ir::UnaryExpr>(op);
    e->op = op.text == "-" ? ir::UnaryOp::Neg
            : op.text == "+" ? ir::UnaryOp::Plus
            : op.text == "!" ? ir::UnaryOp::Not
                             : ir::UnaryOp::BitNot;
    e->operand = parse_unary();
    return e;
  }
  if (t.is_op("&")) {
    // Address of a target or autocast member: &$var->field, &@cast(...)->f
    Token amp = take();
    auto operand = parse_postfix();
    auto access = ir::as<ir::AccessExpr>(operand.get());
    check_autocast_allowed(amp, access ? *access->base : *operand);
    if (access && !access->address_of && access->pretty == 0) {
      access->address_of = true;
      access->loc = amp.loc;
      return operand;
    }
    auto a = node<ir::AccessExpr>(amp);
    a->base = std::move(operand);
    a->address_of = true;
    return a;
  }
  return parse_postfix();
}

ir::ExprPtr Parser::parse_postfix() {
  auto e = parse_primary();
  // One postfix operator: `a-- --b` is two expressions.
  if (at_op("++") || at_op("--")) {
    Token op = take();
    auto p = node<ir::IncDecExpr>(op);
    p->increment = op.text == "++";
    p->prefix = false;
    p->operand = std::move(e);
    e = std::move(p);
  }
  return e;
}

std::string Parser::parse_string_literal(std::string_view what) {
  if (peek().kind != TokenKind::String) fail_expected(what);
  std::string value = take().text;
  // Adjacent literals are glued ("a" "b") since language version 2.0.
  if (compatible_with(2, 0))
    while (peek().kind == TokenKind::String) value += take().text;
  return value;
}

bool Parser::compatible_with(int major, int minor) const {
  if (src_->is_tapset) return true;  // the library is always current
  const std::string& v = opts_.pp.systemtap_version;
  char* end = nullptr;
  long maj = std::strtol(v.c_str(), &end, 10);
  long min = *end == '.' ? std::strtol(end + 1, nullptr, 10) : 0;
  return maj > major || (maj == major && min >= minor);
}

// Member access on a value that is not a target variable, @cast or @var is
// an autocast, new in language version 2.6.
void Parser::check_autocast_allowed(const Token& at, const ir::Expr& base) {
  bool target = base.kind == ir::ExprKind::Target || base.kind == ir::ExprKind::Cast ||
                base.kind == ir::ExprKind::Var;
  if (!target && !compatible_with(2, 6))
    fail(at, "autocast member access needs language version 2.6 (see --compatible)");
}

std::vector<ir::ExprPtr> Parser::parse_index_list(bool allow_star) {
  std::vector<ir::ExprPtr> out;
  for (;;) {
    if (allow_star && at_op("*") && (peek(1).is_op(",") || peek(1).is_op("]"))) {
      take();
      out.push_back(nullptr);
    } else {
      out.push_back(parse_expression());
    }
    if (!accept_op(",")) break;
  }
  return out;
}

std::vector<ir::ExprPtr> Parser::parse_call_args() {
  expect_op("(");
  std::vector<ir::ExprPtr> args;
  if (accept_op(")")) return args;
  for (;;) {
    args.push_back(parse_expression());
    if (!accept_op(",")) break;
  }
  expect_op(")");
  return args;
}

ir::ExprPtr Parser::parse_primary() {
  const Token& t = peek();
  DepthGuard guard(*this, t);
  switch (t.kind) {
    case TokenKind::Number: {
      Token n = take();
      auto e = node<ir::NumberExpr>(n);
      e->value = n.value;
      return parse_access_suffixes(std::move(e), false);
    }
    case TokenKind::String: {
      auto e = node<ir::StringExpr>(t);
      e->value = parse_string_literal("string");
      return parse_access_suffixes(std::move(e), false);
    }
    case TokenKind::Embedded: {
      Token code = take();
      if (!opts_.allow_embedded)
        fail(code, "embedded expression code in unprivileged script; need stap -g");
      auto e = node<ir::EmbeddedExpr>(code);
      e->code = code.text;
      return parse_access_suffixes(std::move(e), false);
    }
    case TokenKind::Operator:
      if (t.is_op("(")) {
        take();
        auto e = parse_expression();
        expect_op(")");
        // `(foo)[1]` indexes the value (autocast), not the array foo.
        return parse_access_suffixes(std::move(e), true);
      }
      break;
    case TokenKind::Identifier: {
      Token name = take();
      if (name.text[0] == '@') return parse_at_operator(name);
      return parse_name(name);
    }
    default:
      break;
  }
  fail_expected("an expression");
}

// Splits trailing pretty-print dollars off a name: "$var$$" -> "$var", 2.
static int split_pretty(std::string& name) {
  std::size_t lead = name.find_first_not_of('$');
  if (lead == std::string::npos) return 0;  // all dollars: "$" or "$$"
  std::size_t end = name.find_last_not_of('$');
  int pretty = static_cast<int>(name.size() - end - 1);
  name.resize(end + 1);
  return pretty;
}

ir::ExprPtr Parser::parse_name(Token name) {
  if (name.text == "$" || name.text == "$$") fail(name, fmt::format("unexpected '{}'", name.text));
  check_not_keyword(name);
  int pretty = split_pretty(name.text);
  if (pretty > 2) fail(name, "too many '$' in pretty-print suffix");
  if (name.text[0] == '$') {
    auto t = node<ir::TargetExpr>(name);
    t->name = name.text;
    if (pretty) {
      auto a = node<ir::AccessExpr>(name);
      a->base = std::move(t);
      a->pretty = pretty;
      return a;
    }
    return parse_access_suffixes(std::move(t), true);
  }
  ir::ExprPtr e;
  if (!pretty && at_op("(")) {
    for (const auto& p : kPrintNames)
      if (p.name == name.text) return parse_print(name);
    auto c = node<ir::CallExpr>(name);
    c->name = name.text;
    c->args = parse_call_args();
    e = std::move(c);
  } else {
    auto s = node<ir::SymbolExpr>(name);
    s->name = name.text;
    e = std::move(s);
    if (!pretty && at_op("[")) {
      Token open = take();
      auto idx = node<ir::IndexExpr>(open);
      idx->loc = name.loc;
      idx->base = std::move(e);
      idx->indexes = parse_index_list(true);
      expect_op("]");
      e = std::move(idx);
    }
  }
  if (pretty) {
    auto a = node<ir::AccessExpr>(name);
    a->base = std::move(e);
    a->pretty = pretty;
    return a;
  }
  return parse_access_suffixes(std::move(e), false);
}

ir::ExprPtr Parser::parse_print(Token name) {
  const PrintName* info = nullptr;
  for (const auto& p : kPrintNames)
    if (p.name == name.text) info = &p;
  auto e = node<ir::PrintExpr>(name);
  e->style = info->style;
  e->to_string = info->to_string;
  expect_op("(");
  bool need_args = true;
  if (e->style == ir::PrintStyle::Printf) {
    e->format = parse_string_literal("a format string literal");
    need_args = false;
    if (accept_op(")")) return parse_access_suffixes(std::move(e), false);
    expect_op(",");
  } else if (e->style == ir::PrintStyle::Printd || e->style == ir::PrintStyle::Printdln) {
    e->delimiter = parse_string_literal("a delimiter string literal");
    expect_op(",");
  } else if (e->style == ir::PrintStyle::Println && at_op(")")) {
    need_args = false;
  }
  if (!need_args && at_op(")")) {
    take();
    return parse_access_suffixes(std::move(e), false);
  }
  for (;;) {
    e->args.push_back(parse_expression());
    if (!accept_op(",")) break;
  }
  if ((e->style == ir::PrintStyle::Printd || e->style == ir::PrintStyle::Printdln) &&
      e->args.size() < 2)
    fail(name, fmt::format("{} needs at least two values to join", name.text));
  expect_op(")");
  return parse_access_suffixes(std::move(e), false);
}

// `->member`, `[index]` and `$`/`$$` after a target, @cast, @var or any
// other value (autocast).
ir::ExprPtr Parser::parse_access_suffixes(ir::ExprPtr base, bool index_allowed) {
  const bool base_is_target = index_allowed;
  auto starts_component = [&]() {
    return at_op("->") || (at_op("[") && base_is_target);
  };
  auto is_pretty = [&]() {
    const Token& t = peek();
    return t.kind == TokenKind::Identifier && (t.text == "$" || t.text == "$$");
  };
  // `[` on a plain value is an autocast index only when written `x [i]`
  // after an expression that is not an array.
  bool generic_index = !base_is_target && at_op("[") && base->kind != ir::ExprKind::Symbol;
  if (!starts_component() && !generic_index && !is_pretty()) return base;
  check_autocast_allowed(peek(), *base);
  auto a = ir::make<ir::AccessExpr>(base->loc);
  a->base = std::move(base);
  for (;;) {
    if (at_op("->")) {
      Token arrow = take();
      Token member = peek();
      if (member.kind != TokenKind::Identifier || member.text[0] == '@')
        fail_expected("a member name after '->'");
      take();
      std::string m = member.text;
      int pretty = split_pretty(m);
      if (m.empty() || m[0] == '$') fail(member, "expected a member name after '->'");
      ir::AccessComponent c;
      c.kind = ir::AccessComponent::Member;
      c.member = m;
      c.loc = arrow.loc;
      a->components.push_back(std::move(c));
      if (pretty) {
        a->pretty = pretty;
        break;
      }
    } else if (at_op("[")) {
      Token open = take();
      ir::AccessComponent c;
      c.kind = ir::AccessComponent::Index;
      c.index = parse_expression();
      c.loc = open.loc;
      expect_op("]");
      a->components.push_back(std::move(c));
    } else if (is_pretty()) {
      a->pretty = static_cast<int>(take().text.size());
      break;
    } else {
      break;
    }
    if (a->components.size() > 1000) fail(peek(), "too many member accesses");
  }
  return a;
}

ir::ExprPtr Parser::parse_at_operator(Token at) {
  static const std::pair<std::string_view, ir::StatFn> kStats[] = {
      {"@count", ir::StatFn::Count}, {"@sum", ir::StatFn::Sum}, {"@min", ir::StatFn::Min},
      {"@max", ir::StatFn::Max},     {"@avg", ir::StatFn::Avg}, {"@variance", ir::StatFn::Variance}};
  const std::string& w = at.text;
  for (auto& [n, fn] : kStats) {
    if (w != n) continue;
    auto e = node<ir::StatExpr>(at);
    e->fn = fn;
    expect_op("(");
    e->operand = parse_expression();
    if (fn == ir::StatFn::Variance && accept_op(",")) {
      if (peek().kind != TokenKind::Number) fail_expected("a number (variance bit shift)");
      Token n = take();
      if (n.value < 0 || n.value > 62) fail(n, "variance bit shift must be in range 0-62");
      auto p = node<ir::NumberExpr>(n);
      p->value = n.value;
      e->param = std::move(p);
    }
    expect_op(")");
    return parse_access_suffixes(std::move(e), false);
  }
  if (w == "@hist_linear" || w == "@hist_log") {
    auto e = node<ir::HistExpr>(at);
    e->hist = w == "@hist_log" ? ir::HistKind::Log : ir::HistKind::Linear;
    auto args = parse_call_args();
    std::size_t want = e->hist == ir::HistKind::Log ? 1 : 4;
    if (args.size() != want)
      fail(at, fmt::format("{} takes {} argument{}", w, want, want == 1 ? "" : "s"));
    e->operand = std::move(args[0]);
    for (std::size_t i = 1; i < args.size(); ++i) {
      if (!ir::as<ir::NumberExpr>(args[i].get()))
        fail(at, fmt::format("{} parameters must be number literals", w));
      e->params.push_back(std::move(args[i]));
    }
    ir::ExprPtr out = std::move(e);
    if (at_op("[")) {
      Token open = take();
      auto idx = node<ir::IndexExpr>(open);
      idx->base = std::move(out);
      idx->indexes.push_back(parse_expression());
      expect_op("]");
      out = std::move(idx);
    }
    return parse_access_suffixes(std::move(out), false);
  }
  if (w == "@cast") {
    auto e = node<ir::CastExpr>(at);
    expect_op("(");
    e->operand = parse_expression();
    expect_op(",");
    e->type_name = parse_string_literal("a type name string");
    if (accept_op(",")) {
      e->module = parse_string_literal("a module name string");
      e->has_module = true;
    }
    expect_op(")");
    return parse_access_suffixes(std::move(e), true);
  }
  if (w == "@var") {
    auto e = node<ir::VarExpr>(at);
    expect_op("(");
    e->name = parse_string_literal("a variable name string");
    if (accept_op(",")) {
      e->module = parse_string_literal("a module name string");
      e->has_module = true;
    }
    expect_op(")");
    return parse_access_suffixes(std::move(e), true);
  }
  auto one_operand = [&](auto e) {
    expect_op("(");
    e->operand = parse_expression();
    expect_op(")");
    return e;
  };
  if (w == "@defined") return parse_access_suffixes(one_operand(node<ir::DefinedExpr>(at)), false);
  if (w == "@entry") return parse_access_suffixes(one_operand(node<ir::EntryExpr>(at)), false);
  if (w == "@probewrite") {
    auto e = node<ir::ProbewriteExpr>(at);
    expect_op("(");
    e->operand = parse_symbol_only("a variable name");
    expect_op(")");
    return e;
  }
  if (w == "@perf" || w == "@const") {
    expect_op("(");
    std::string s = parse_string_literal("a string literal");
    expect_op(")");
    if (w == "@perf") {
      if (s.empty()) fail(at, "@perf needs a counter name");
      auto e = node<ir::PerfExpr>(at);
      e->counter = s;
      return parse_access_suffixes(std::move(e), false);
    }
    if (!opts_.allow_embedded)
      fail(at, "@const in unprivileged script; need stap -g");
    auto e = node<ir::ConstExpr>(at);
    e->c_expr = s;
    return parse_access_suffixes(std::move(e), false);
  }
  if ((w == "@kregister" || w == "@uregister" || w == "@kderef" || w == "@uderef") &&
      !opts_.allow_embedded)
    fail(at, fmt::format("{} in unprivileged script; need stap -g", w));
  if (w == "@kregister" || w == "@uregister") {
    auto e = one_operand(node<ir::RegisterExpr>(at));
    e->user = w[1] == 'u';
    return parse_access_suffixes(std::move(e), false);
  }
  if (w == "@kderef" || w == "@uderef") {
    auto e = node<ir::DerefExpr>(at);
    e->user = w[1] == 'u';
    expect_op("(");
    e->size = parse_expression();
    expect_op(",");
    e->address = parse_expression();
    expect_op(")");
    return parse_access_suffixes(std::move(e), false);
  }
  fail(at, fmt::format("unknown operator '{}'", w));
}

}  // namespace cxxtap::parse
