// Statements. Any expression is also a statement; control flow is spelled
// with trailing underscores (if_, while_, foreach_, ...) as C++ reserves the
// plain words.
#pragma once

#include <cxxtap/dsl/print.h>

namespace cxxtap::dsl {

// A statement lowers through lower_stmt(); an expression becomes an
// expression statement.
template <class S>
ir::StmtPtr lower_stmt(const S& s) {
  if constexpr (requires { s.lower_stmt(); }) {
    return s.lower_stmt();
  } else {
    static_assert(Expr<S>, "cxxtap: not a statement or expression");
    auto e = ir::make<ir::ExprStmt>({});
    e->expr = s.lower();
    return e;
  }
}

template <class Tuple>
ir::BlockPtr lower_block(const Tuple& stmts) {
  auto b = ir::make<ir::BlockStmt>({});
  hana::for_each(stmts, [&](const auto& s) { b->stmts.push_back(lower_stmt(s)); });
  return b;
}

template <class Stmts>
struct Block {
  Stmts stmts;
  ir::StmtPtr lower_stmt() const { return lower_block(stmts); }
};
template <class... S>
constexpr auto block(const S&... s) { return Block<hana::tuple<S...>>{hana::make_tuple(s...)}; }

template <class C, class Then, class Else>
struct If {
  C cond;
  Then then_;
  Else else_;
  ir::StmtPtr lower_stmt() const {
    auto s = ir::make<ir::IfStmt>({});
    s->cond = cond.lower();
    s->then_stmt = dsl::lower_stmt(then_);
    if constexpr (!std::is_same_v<Else, hana::tuple<>>) s->else_stmt = dsl::lower_stmt(else_);
    return s;
  }
};
template <Operand C, class Then>
constexpr auto if_(const C& c, const Then& t) {
  static_assert(LongExpr<expr_t<C>>, "cxxtap: an if condition is a long");
  return If<expr_t<C>, Then, hana::tuple<>>{as_expr(c), t, {}};
}
template <Operand C, class Then, class Else>
constexpr auto if_(const C& c, const Then& t, const Else& e) {
  static_assert(LongExpr<expr_t<C>>, "cxxtap: an if condition is a long");
  return If<expr_t<C>, Then, Else>{as_expr(c), t, e};
}

template <class C, class Body>
struct While {
  C cond;
  Body body;
  ir::StmtPtr lower_stmt() const {
    auto s = ir::make<ir::WhileStmt>({});
    s->cond = cond.lower();
    s->body = dsl::lower_stmt(body);
    return s;
  }
};
template <Operand C, class Body>
constexpr auto while_(const C& c, const Body& b) {
  static_assert(LongExpr<expr_t<C>>, "cxxtap: a while condition is a long");
  return While<expr_t<C>, Body>{as_expr(c), b};
}

// Sort order of a foreach: by value or by key 1..N, ascending or descending.
struct Sort {
  int column = 0;
  int direction = 0;
};
inline constexpr Sort unsorted{};
inline constexpr Sort by_value_asc{0, 1};
inline constexpr Sort by_value_desc{0, -1};
constexpr Sort by_key_asc(int k = 1) { return {k, 1}; }
constexpr Sort by_key_desc(int k = 1) { return {k, -1}; }

// foreach ([k1, ...] in A [sort] [limit N]) body — keys are local names.
template <class ArrayT, class Body, std::size_t N>
struct Foreach {
  std::array<std::string_view, N> keys;
  std::string_view value;  // `v =` form; empty when not used
  std::string_view array;
  Sort sort;
  std::int64_t limit;  // < 0: none
  Body body;
  ir::StmtPtr lower_stmt() const {
    auto s = ir::make<ir::ForeachStmt>({});
    for (auto k : keys) {
      auto sym = ir::make<ir::SymbolExpr>({});
      sym->name = std::string(k);
      s->keys.push_back(std::move(sym));
    }
    if (!value.empty()) {
      s->value = ir::make<ir::SymbolExpr>({});
      s->value->name = std::string(value);
    }
    s->array = SymbolRef{array}.lower();
    s->sort_column = sort.column;
    s->sort_direction = sort.direction;
    if (limit >= 0) s->limit = LongLit{limit}.lower();
    s->body = dsl::lower_stmt(body);
    return s;
  }
};

// foreach over A with key variables named `names` (one per key of A), typed
// like A's keys: body_of_keys receives them and returns the loop body.
template <ValueType T, ValueType... K, class F>
constexpr auto foreach_(const Array<T, K...>& arr,
                        const std::string_view (&names)[sizeof...(K)], F body_of_keys,
                        Sort sort = unsorted, std::int64_t limit = -1) {
  std::array<std::string_view, sizeof...(K)> keys{};
  for (std::size_t i = 0; i < sizeof...(K); ++i) keys[i] = names[i];
  return [&]<std::size_t... I>(std::index_sequence<I...>) {
    auto body = body_of_keys(Var<K>{names[I]}...);
    return Foreach<Array<T, K...>, decltype(body), sizeof...(K)>{keys, {}, arr.name, sort,
                                                                 limit, body};
  }(std::index_sequence_for<K...>{});
}

struct Next {
  ir::StmtPtr lower_stmt() const { return ir::make<ir::NextStmt>({}); }
};
struct Break {
  ir::StmtPtr lower_stmt() const { return ir::make<ir::BreakStmt>({}); }
};
struct Continue {
  ir::StmtPtr lower_stmt() const { return ir::make<ir::ContinueStmt>({}); }
};
inline constexpr Next next_{};
inline constexpr Break break_{};
inline constexpr Continue continue_{};

template <class Target>
struct Delete {
  Target target;
  ir::StmtPtr lower_stmt() const {
    auto s = ir::make<ir::DeleteStmt>({});
    s->target = target.lower();
    return s;
  }
};
template <class Target>
constexpr auto delete_(const Target& t) { return Delete<Target>{t}; }

}  // namespace cxxtap::dsl
