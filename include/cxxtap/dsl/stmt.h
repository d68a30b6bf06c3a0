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
    auto x = s.lower();
    auto e = ir::make<ir::ExprStmt>(x->loc);  // where its expression is, as parsed
    e->expr = std::move(x);
    return e;
  }
}

template <class Tuple>
ir::BlockPtr lower_block(const Tuple& stmts) {
  auto b = node<ir::BlockStmt>();
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
  Loc loc{};
  ir::StmtPtr lower_stmt() const {
    LocScope at(loc);
    auto s = node<ir::IfStmt>();
    s->cond = cond.lower();
    s->then_stmt = dsl::lower_stmt(then_);
    if constexpr (!std::is_same_v<Else, hana::tuple<>>) s->else_stmt = dsl::lower_stmt(else_);
    return s;
  }
};
template <Operand C, class Then>
constexpr auto if_(const C& c, const Then& t,
                   std::source_location l = std::source_location::current()) {
  static_assert(LongExpr<expr_t<C>>, "cxxtap: an if condition is a long");
  return If<expr_t<C>, Then, hana::tuple<>>{as_expr(c), t, {}, Loc::from(l)};
}
template <Operand C, class Then, class Else>
  requires(!std::is_same_v<Else, std::source_location>)
constexpr auto if_(const C& c, const Then& t, const Else& e,
                   std::source_location l = std::source_location::current()) {
  static_assert(LongExpr<expr_t<C>>, "cxxtap: an if condition is a long");
  return If<expr_t<C>, Then, Else>{as_expr(c), t, e, Loc::from(l)};
}

template <class C, class Body>
struct While {
  C cond;
  Body body;
  Loc loc{};
  ir::StmtPtr lower_stmt() const {
    LocScope at(loc);
    auto s = node<ir::WhileStmt>();
    s->cond = cond.lower();
    s->body = dsl::lower_stmt(body);
    return s;
  }
};
template <Operand C, class Body>
constexpr auto while_(const C& c, const Body& b,
                      std::source_location l = std::source_location::current()) {
  static_assert(LongExpr<expr_t<C>>, "cxxtap: a while condition is a long");
  return While<expr_t<C>, Body>{as_expr(c), b, Loc::from(l)};
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
  Loc loc{};
  ir::StmtPtr lower_stmt() const {
    LocScope at(loc);
    auto s = node<ir::ForeachStmt>();
    for (auto k : keys) {
      auto sym = node<ir::SymbolExpr>();
      sym->name = std::string(k);
      s->keys.push_back(std::move(sym));
    }
    if (!value.empty()) {
      s->value = node<ir::SymbolExpr>();
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
                        Sort sort = unsorted, std::int64_t limit = -1,
                        std::source_location l = std::source_location::current()) {
  std::array<std::string_view, sizeof...(K)> keys{};
  for (std::size_t i = 0; i < sizeof...(K); ++i) keys[i] = names[i];
  return [&]<std::size_t... I>(std::index_sequence<I...>) {
    auto body = body_of_keys(Var<K>{names[I]}...);
    return Foreach<Array<T, K...>, decltype(body), sizeof...(K)>{
        keys, {}, arr.name, sort, limit, body, Loc::from(l)};
  }(std::index_sequence_for<K...>{});
}

struct Next {
  ir::StmtPtr lower_stmt() const { return node<ir::NextStmt>(); }
};
struct Break {
  ir::StmtPtr lower_stmt() const { return node<ir::BreakStmt>(); }
};
struct Continue {
  ir::StmtPtr lower_stmt() const { return node<ir::ContinueStmt>(); }
};
inline constexpr Next next_{};
inline constexpr Break break_{};
inline constexpr Continue continue_{};

template <class Target>
struct Delete {
  Target target;
  Loc loc{};
  ir::StmtPtr lower_stmt() const {
    LocScope at(loc);
    auto s = node<ir::DeleteStmt>();
    s->target = target.lower();
    return s;
  }
};
template <class Target>
constexpr auto delete_(const Target& t,
                       std::source_location l = std::source_location::current()) {
  return Delete<Target>{t, Loc::from(l)};
}


// for (init; cond; step) body — any of the three may be `omit`.
struct Omit {};
inline constexpr Omit omit{};

template <class E>
ir::ExprPtr lower_opt(const E& e) {
  if constexpr (std::is_same_v<E, Omit>) return nullptr;
  else return e.lower();
}
template <class T>
constexpr auto as_opt_expr(const T& x) {
  if constexpr (std::is_same_v<T, Omit>) return x;
  else return as_expr(x);
}

template <class I, class C, class S, class Body>
struct For {
  I init;
  C cond;
  S step;
  Body body;
  Loc loc{};
  ir::StmtPtr lower_stmt() const {
    LocScope at(loc);
    auto s = node<ir::ForStmt>();
    s->init = lower_opt(init);
    s->cond = lower_opt(cond);
    s->incr = lower_opt(step);
    s->body = dsl::lower_stmt(body);
    return s;
  }
};
template <class I, class C, class S, class Body>
  requires(std::is_same_v<I, Omit> || Operand<I>) && (std::is_same_v<C, Omit> || Operand<C>) &&
          (std::is_same_v<S, Omit> || Operand<S>)
constexpr auto for_(const I& init, const C& cond, const S& step, const Body& body,
                    std::source_location l = std::source_location::current()) {
  if constexpr (!std::is_same_v<C, Omit>)
    static_assert(LongExpr<expr_t<C>>, "cxxtap: a for condition is a long");
  return For<decltype(as_opt_expr(init)), decltype(as_opt_expr(cond)),
             decltype(as_opt_expr(step)), Body>{as_opt_expr(init), as_opt_expr(cond),
                                                as_opt_expr(step), body, Loc::from(l)};
}

// return_(value) / return_(), only in a function body; the function
// definition checks the value's type against its result type.
struct NoValue {
  using value_type = Void;
};
template <class E>
struct Return {
  using returns = value_of<E>;
  E value;
  Loc loc{};
  ir::StmtPtr lower_stmt() const {
    LocScope at(loc);
    auto s = node<ir::ReturnStmt>();
    if constexpr (!std::is_same_v<E, NoValue>) s->value = value.lower();
    return s;
  }
};
inline constexpr auto return_(std::source_location l = std::source_location::current()) {
  return Return<NoValue>{{}, Loc::from(l)};
}
template <Operand E>
constexpr auto return_(const E& e, std::source_location l = std::source_location::current()) {
  return Return<expr_t<E>>{as_expr(e), Loc::from(l)};
}

// try { body } catch [(msg)] { handler }: tap::try_(stmts...).catch_(msg, stmts...)
// where msg is a Var<String> local, or .catch_(stmts...) without one. try_ is
// a class template (with a deduction guide) so that it can capture where it
// is written after a pack of statements.
template <class Body, class Msg, class Handler>
struct Try {
  Body body;
  Msg msg;  // Var<String> or hana::tuple<> (no variable)
  Handler handler;
  Loc loc{};
  ir::StmtPtr lower_stmt() const {
    LocScope at(loc);
    auto s = node<ir::TryStmt>();
    s->try_block = lower_block(body);
    if constexpr (!std::is_same_v<Msg, hana::tuple<>>) {
      s->error_var = node<ir::SymbolExpr>();
      s->error_var->name = std::string(msg.name);
    }
    s->catch_block = lower_block(handler);
    return s;
  }
};

template <class T>
inline constexpr bool is_var_v = false;
template <ValueType T>
inline constexpr bool is_var_v<Var<T>> = true;

template <class... S>
struct try_ {
  hana::tuple<S...> body;
  Loc loc{};
  constexpr explicit try_(const S&... s, std::source_location l = std::source_location::current())
      : body(s...), loc(Loc::from(l)) {}
  template <class... C>
  constexpr auto catch_(const Var<String>& msg, const C&... handler) const {
    return Try<hana::tuple<S...>, Var<String>, hana::tuple<C...>>{body, msg,
                                                                 hana::make_tuple(handler...), loc};
  }
  template <class... C>
  constexpr auto catch_(const C&... handler) const {
    static_assert(!(is_var_v<C> || ...),
                  "cxxtap: catch_'s variable is a Var<String> (it receives the error message)");
    return Try<hana::tuple<S...>, hana::tuple<>, hana::tuple<C...>>{
        body, {}, hana::make_tuple(handler...), loc};
  }
};
template <class... S>
try_(const S&...) -> try_<S...>;

// Whether every return_ in statement S returns an R (Void: no value).
// NotAFunction marks probe bodies, where return_ is not allowed at all.
struct NotAFunction {};
template <class R, class S>
struct returns_ok : std::true_type {};
template <class R, class E>
struct returns_ok<R, Return<E>>
    : std::bool_constant<!std::is_same_v<R, NotAFunction> &&
                         (std::is_same_v<E, NoValue> ||
                          std::is_same_v<typename Return<E>::returns, R>)> {};
template <class R, class... S>
struct returns_ok<R, hana::tuple<S...>> : std::bool_constant<(returns_ok<R, S>::value && ...)> {};
template <class R, class S>
struct returns_ok<R, Block<S>> : returns_ok<R, S> {};
template <class R, class C, class T, class E>
struct returns_ok<R, If<C, T, E>>
    : std::bool_constant<returns_ok<R, T>::value && returns_ok<R, E>::value> {};
template <class R, class C, class B>
struct returns_ok<R, While<C, B>> : returns_ok<R, B> {};
template <class R, class I, class C, class S, class B>
struct returns_ok<R, For<I, C, S, B>> : returns_ok<R, B> {};
template <class R, class A, class B, std::size_t N>
struct returns_ok<R, Foreach<A, B, N>> : returns_ok<R, B> {};
template <class R, class B, class M, class H>
struct returns_ok<R, Try<B, M, H>>
    : std::bool_constant<returns_ok<R, B>::value && returns_ok<R, H>::value> {};
template <class R, class S>
inline constexpr bool returns_ok_v = returns_ok<R, S>::value;

}  // namespace cxxtap::dsl
