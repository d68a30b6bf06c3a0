// Typed declarations of tapset functions for the DSL: calling one with the
// wrong number or types of arguments does not compile, and an unknown
// function is simply not declared. SigInfo lets a test compare every
// declaration with the stap-language tapset that defines the function.
#pragma once

#include <cxxtap/dsl/expr.h>

#include <array>

namespace cxxtap::dsl {

struct SigInfo {
  std::string_view name;
  ir::Type result;
  std::array<ir::Type, 4> params{};
  std::size_t arity = 0;
};

template <ValueType R, ValueType... P>
struct Sig {
  static_assert(sizeof...(P) <= 4, "cxxtap: extend SigInfo::params");
  std::string_view name;

  template <Operand... A>
  constexpr auto operator()(const A&... args) const {
    static_assert(sizeof...(A) == sizeof...(P),
                  "cxxtap: wrong number of arguments to a tapset function");
    static_assert((std::is_same_v<value_of<expr_t<A>>, P> && ...),
                  "cxxtap: argument of the wrong type for a tapset function");
    return make_call<R>(name, as_expr(args)...);
  }
  constexpr SigInfo info() const {
    return SigInfo{name, ir_type<R>(), {ir_type<P>()...}, sizeof...(P)};
  }
};

}  // namespace cxxtap::dsl
