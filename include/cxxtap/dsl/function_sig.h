// Typed declarations of tapset functions for the DSL: calling one with the
// wrong number or types of arguments does not compile, and an unknown
// function is simply not declared. SigInfo lets a test compare every
// declaration with the stap-language tapset that defines the function.
#pragma once

#include <cxxtap/dsl/expr.h>

#include <array>
#include <tuple>

namespace cxxtap::dsl {

namespace detail {

template <class A, class P>
constexpr bool arg_ok() {
  if constexpr (Operand<A>) return std::is_same_v<value_of<expr_t<A>>, P>;
  else return false;
}

// True when arguments A... fit parameters P... in number and types.
template <class Params, class... A>
struct args_match;
template <class... P, class... A>
struct args_match<hana::tuple<P...>, A...> {
  static constexpr bool value = [] {
    if constexpr (sizeof...(A) != sizeof...(P)) return false;
    else return (arg_ok<A, P>() && ...);
  }();
};

template <class T>
struct count_of;
template <class... P>
struct count_of<hana::tuple<P...>> : std::integral_constant<std::size_t, sizeof...(P)> {};

template <std::size_t I, class... P>
using nth = std::tuple_element_t<I, std::tuple<P...>>;

}  // namespace detail

// The call operators of a function with parameters P...: one of exactly the
// function's arity, which captures where the call is written (a parameter
// pack cannot be followed by a defaulted std::source_location, so there is
// one specialization per arity). Self provides call_name() and, for the
// calls that do not fit, a variadic operator() whose static_asserts say why.
template <class Self, class R, class Params, std::size_t N = detail::count_of<Params>::value>
struct Calls;

template <class Self, class R, class... P>
struct Calls<Self, R, hana::tuple<P...>, 0> {
  constexpr auto operator()(std::source_location l = std::source_location::current()) const {
    return make_call_at<R>(Loc::from(l), static_cast<const Self&>(*this).call_name());
  }
};

#define CXXTAP_DSL_CALLS(N, TPARAMS, CHECKS, PARAMS, ARGS)                                 \
  template <class Self, class R, class... P>                                                \
  struct Calls<Self, R, hana::tuple<P...>, N> {                                             \
    template <TPARAMS>                                                                      \
      requires(CHECKS)                                                                      \
    constexpr auto operator()(PARAMS,                                                       \
                              std::source_location l = std::source_location::current())    \
        const {                                                                             \
      return make_call_at<R>(Loc::from(l), static_cast<const Self&>(*this).call_name(),     \
                             ARGS);                                                         \
    }                                                                                       \
  };
#define CXXTAP_OK(I) detail::arg_ok<A##I, detail::nth<I, P...>>()
#define CXXTAP_COMMA ,
CXXTAP_DSL_CALLS(1, class A0, CXXTAP_OK(0), const A0& a0, as_expr(a0))
CXXTAP_DSL_CALLS(2, class A0 CXXTAP_COMMA class A1, CXXTAP_OK(0) && CXXTAP_OK(1),
                 const A0& a0 CXXTAP_COMMA const A1& a1, as_expr(a0) CXXTAP_COMMA as_expr(a1))
CXXTAP_DSL_CALLS(3, class A0 CXXTAP_COMMA class A1 CXXTAP_COMMA class A2,
                 CXXTAP_OK(0) && CXXTAP_OK(1) && CXXTAP_OK(2),
                 const A0& a0 CXXTAP_COMMA const A1& a1 CXXTAP_COMMA const A2& a2,
                 as_expr(a0) CXXTAP_COMMA as_expr(a1) CXXTAP_COMMA as_expr(a2))
CXXTAP_DSL_CALLS(4, class A0 CXXTAP_COMMA class A1 CXXTAP_COMMA class A2 CXXTAP_COMMA class A3,
                 CXXTAP_OK(0) && CXXTAP_OK(1) && CXXTAP_OK(2) && CXXTAP_OK(3),
                 const A0& a0 CXXTAP_COMMA const A1& a1 CXXTAP_COMMA const A2& a2
                     CXXTAP_COMMA const A3& a3,
                 as_expr(a0) CXXTAP_COMMA as_expr(a1) CXXTAP_COMMA as_expr(a2)
                     CXXTAP_COMMA as_expr(a3))
CXXTAP_DSL_CALLS(5,
                 class A0 CXXTAP_COMMA class A1 CXXTAP_COMMA class A2 CXXTAP_COMMA class A3
                     CXXTAP_COMMA class A4,
                 CXXTAP_OK(0) && CXXTAP_OK(1) && CXXTAP_OK(2) && CXXTAP_OK(3) && CXXTAP_OK(4),
                 const A0& a0 CXXTAP_COMMA const A1& a1 CXXTAP_COMMA const A2& a2
                     CXXTAP_COMMA const A3& a3 CXXTAP_COMMA const A4& a4,
                 as_expr(a0) CXXTAP_COMMA as_expr(a1) CXXTAP_COMMA as_expr(a2)
                     CXXTAP_COMMA as_expr(a3) CXXTAP_COMMA as_expr(a4))
CXXTAP_DSL_CALLS(6,
                 class A0 CXXTAP_COMMA class A1 CXXTAP_COMMA class A2 CXXTAP_COMMA class A3
                     CXXTAP_COMMA class A4 CXXTAP_COMMA class A5,
                 CXXTAP_OK(0) && CXXTAP_OK(1) && CXXTAP_OK(2) && CXXTAP_OK(3) && CXXTAP_OK(4) &&
                     CXXTAP_OK(5),
                 const A0& a0 CXXTAP_COMMA const A1& a1 CXXTAP_COMMA const A2& a2
                     CXXTAP_COMMA const A3& a3 CXXTAP_COMMA const A4& a4
                         CXXTAP_COMMA const A5& a5,
                 as_expr(a0) CXXTAP_COMMA as_expr(a1) CXXTAP_COMMA as_expr(a2)
                     CXXTAP_COMMA as_expr(a3) CXXTAP_COMMA as_expr(a4) CXXTAP_COMMA as_expr(a5))
#undef CXXTAP_COMMA
#undef CXXTAP_OK
#undef CXXTAP_DSL_CALLS

struct SigInfo {
  std::string_view name;
  ir::Type result;
  std::array<ir::Type, 4> params{};
  std::size_t arity = 0;
};

template <ValueType R, ValueType... P>
struct Sig : Calls<Sig<R, P...>, R, hana::tuple<P...>> {
  static_assert(sizeof...(P) <= 4, "cxxtap: extend SigInfo::params");
  std::string_view name;
  constexpr explicit Sig(std::string_view n) : name(n) {}

  using Calls<Sig<R, P...>, R, hana::tuple<P...>>::operator();
  // The calls that do not fit: say why.
  template <class... A>
    requires(!detail::args_match<hana::tuple<P...>, A...>::value)
  constexpr auto operator()(const A&...) const {
    static_assert(sizeof...(A) == sizeof...(P),
                  "cxxtap: wrong number of arguments to a tapset function");
    static_assert(detail::args_match<hana::tuple<P...>, A...>::value,
                  "cxxtap: argument of the wrong type for a tapset function");
    return make_call<R>(name);
  }
  constexpr std::string_view call_name() const { return name; }
  constexpr SigInfo info() const {
    return SigInfo{name, ir_type<R>(), {ir_type<P>()...}, sizeof...(P)};
  }
};

}  // namespace cxxtap::dsl
