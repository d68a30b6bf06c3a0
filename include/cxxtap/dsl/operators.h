// Operators on DSL expressions, with stap's typing: arithmetic, bitwise,
// shifts and logic on longs; comparisons on two longs or two strings.
// A mistake is a compile error that says what stap would have said.
#pragma once

#include <cxxtap/dsl/expr.h>

namespace cxxtap::dsl {

// At least one side must be a DSL expression, so plain C++ arithmetic on
// integers is untouched.
template <class A, class B>
concept DslOperands = Operand<A> && Operand<B> && (Expr<A> || Expr<B>);

template <class A, class B>
concept LongOperands =
    DslOperands<A, B> && LongExpr<expr_t<A>> && LongExpr<expr_t<B>>;

template <class A, class B>
concept ComparableOperands =
    DslOperands<A, B> && (LongOperands<A, B> ||
                          (StringExpr<expr_t<A>> && StringExpr<expr_t<B>>));

#define CXXTAP_DSL_LONG_BINARY(OP, IROP)                                              \
  template <class A, class B>                                                          \
    requires DslOperands<A, B>                                                         \
  constexpr auto operator OP(const A& a, const B& b) {                                 \
    static_assert(LongOperands<A, B>,                                                  \
                  "cxxtap: operator " #OP " needs two long operands "                  \
                  "(join strings with cxxtap::dsl::cat(a, b))");                        \
    return Binary<ir::BinaryOp::IROP, Long, expr_t<A>, expr_t<B>>{as_expr(a), as_expr(b)}; \
  }

CXXTAP_DSL_LONG_BINARY(+, Add)
CXXTAP_DSL_LONG_BINARY(-, Sub)
CXXTAP_DSL_LONG_BINARY(*, Mul)
CXXTAP_DSL_LONG_BINARY(/, Div)
CXXTAP_DSL_LONG_BINARY(%, Mod)
CXXTAP_DSL_LONG_BINARY(<<, Shl)
CXXTAP_DSL_LONG_BINARY(>>, Shr)
CXXTAP_DSL_LONG_BINARY(&, BitAnd)
CXXTAP_DSL_LONG_BINARY(|, BitOr)
CXXTAP_DSL_LONG_BINARY(^, BitXor)
CXXTAP_DSL_LONG_BINARY(&&, LogAnd)
CXXTAP_DSL_LONG_BINARY(||, LogOr)
#undef CXXTAP_DSL_LONG_BINARY

#define CXXTAP_DSL_COMPARISON(OP, IROP)                                               \
  template <class A, class B>                                                          \
    requires DslOperands<A, B>                                                         \
  constexpr auto operator OP(const A& a, const B& b) {                                 \
    static_assert(ComparableOperands<A, B>,                                            \
                  "cxxtap: operator " #OP " compares two longs or two strings");        \
    return Binary<ir::BinaryOp::IROP, Long, expr_t<A>, expr_t<B>>{as_expr(a), as_expr(b)}; \
  }

CXXTAP_DSL_COMPARISON(<, Lt)
CXXTAP_DSL_COMPARISON(>, Gt)
CXXTAP_DSL_COMPARISON(<=, Le)
CXXTAP_DSL_COMPARISON(>=, Ge)
CXXTAP_DSL_COMPARISON(==, Eq)
CXXTAP_DSL_COMPARISON(!=, Ne)
#undef CXXTAP_DSL_COMPARISON

template <Expr A>
constexpr auto operator-(const A& a) {
  static_assert(LongExpr<A>, "cxxtap: unary '-' needs a long operand");
  return Unary<ir::UnaryOp::Neg, A>{a};
}
template <Expr A>
constexpr auto operator!(const A& a) {
  static_assert(LongExpr<A>, "cxxtap: '!' needs a long operand");
  return Unary<ir::UnaryOp::Not, A>{a};
}
template <Expr A>
constexpr auto operator~(const A& a) {
  static_assert(LongExpr<A>, "cxxtap: '~' needs a long operand");
  return Unary<ir::UnaryOp::BitNot, A>{a};
}

}  // namespace cxxtap::dsl
