// Variables: scalars and arrays with typed keys, as globals (declared by
// listing them in the script) or locals (just used in a body). Assignment
// operators build assignment expressions; a value of the wrong type, or a key
// of the wrong type, does not compile.
#pragma once

#include <cxxtap/dsl/expr.h>

#include <array>

namespace cxxtap::dsl {

// Assignment operators shared by scalars and array elements. Derived must
// have a lower() producing the storage (symbol or indexed element).
template <class Derived, ValueType T>
struct Storage {
  using value_type = T;

  template <Operand V>
  constexpr auto operator=(const V& v) const {
    static_assert(!std::is_same_v<T, Stats>,
                  "cxxtap: a statistic is not assigned; add samples with `x <<= value`");
    static_assert(std::is_same_v<value_of<expr_t<V>>, T>,
                  "cxxtap: type mismatch in assignment (long vs. string)");
    return Assign<ir::AssignOp::Assign, Derived, expr_t<V>>{self(), as_expr(v)};
  }
  // `x <<= v`: on a statistic, stap's `x <<< v`; on a long, a shift.
  template <Operand V>
  constexpr auto operator<<=(const V& v) const {
    static_assert(LongExpr<expr_t<V>>, "cxxtap: `<<=` needs a long value");
    if constexpr (std::is_same_v<T, Stats>)
      return Assign<ir::AssignOp::StatAppend, Derived, expr_t<V>>{self(), as_expr(v)};
    else
      return Assign<ir::AssignOp::ShlAssign, Derived, expr_t<V>>{self(), as_expr(v)};
  }
  template <Operand V>
  constexpr auto operator+=(const V& v) const { return long_op<ir::AssignOp::AddAssign>(v); }
  template <Operand V>
  constexpr auto operator-=(const V& v) const { return long_op<ir::AssignOp::SubAssign>(v); }
  template <Operand V>
  constexpr auto operator*=(const V& v) const { return long_op<ir::AssignOp::MulAssign>(v); }
  template <Operand V>
  constexpr auto operator/=(const V& v) const { return long_op<ir::AssignOp::DivAssign>(v); }
  template <Operand V>
  constexpr auto operator%=(const V& v) const { return long_op<ir::AssignOp::ModAssign>(v); }

  // `.=`: append to a string.
  template <Operand V>
  constexpr auto append(const V& v) const {
    static_assert(std::is_same_v<T, String> && StringExpr<expr_t<V>>,
                  "cxxtap: append (.=) needs a string variable and a string value");
    return Assign<ir::AssignOp::ConcatAssign, Derived, expr_t<V>>{self(), as_expr(v)};
  }

  constexpr auto operator++() const { return inc_dec(true, true); }
  constexpr auto operator++(int) const { return inc_dec(true, false); }
  constexpr auto operator--() const { return inc_dec(false, true); }
  constexpr auto operator--(int) const { return inc_dec(false, false); }

 private:
  constexpr const Derived& self() const { return static_cast<const Derived&>(*this); }
  template <ir::AssignOp Op, class V>
  constexpr auto long_op(const V& v) const {
    static_assert(std::is_same_v<T, Long> && LongExpr<expr_t<V>>,
                  "cxxtap: arithmetic assignment needs a long variable and a long value");
    return Assign<Op, Derived, expr_t<V>>{self(), as_expr(v)};
  }
  constexpr auto inc_dec(bool inc, bool prefix) const {
    static_assert(std::is_same_v<T, Long>, "cxxtap: ++/-- need a long variable");
    return IncDec<Derived>{self(), inc, prefix};
  }
};

// A scalar variable.
template <ValueType T>
struct Var : Storage<Var<T>, T> {
  using Storage<Var<T>, T>::operator=;
  std::string_view name;
  Loc loc{};  // where it is declared (a global's declaration)
  constexpr explicit Var(std::string_view n,
                         std::source_location l = std::source_location::current())
      : name(n), loc(Loc::from(l)) {}
  ir::ExprPtr lower() const { return SymbolRef{name}.lower(); }
};

// One element of an array.
template <ValueType T, class Keys>
struct Element : Storage<Element<T, Keys>, T> {
  using Storage<Element<T, Keys>, T>::operator=;
  std::string_view array;
  Keys keys;
  constexpr Element(std::string_view a, Keys k) : array(a), keys(k) {}
  ir::ExprPtr lower() const {
    auto idx = node<ir::IndexExpr>();
    idx->base = SymbolRef{array}.lower();
    idx->indexes = lower_all(keys);
    return idx;
  }
};

// An array of T indexed by keys of types K...
template <ValueType T, ValueType... K>
struct Array {
  static_assert(sizeof...(K) >= 1 && sizeof...(K) <= 9, "cxxtap: arrays take 1 to 9 keys");
  using element_type = T;
  std::string_view name;
  std::int64_t max_size = 0;  // [N]; 0 = MAXMAPENTRIES
  bool wrap = false;          // %
  Loc loc{};                  // where it is declared
  constexpr explicit Array(std::string_view n, std::int64_t size = 0, bool w = false,
                           std::source_location l = std::source_location::current())
      : name(n), max_size(size), wrap(w), loc(Loc::from(l)) {}

  template <Operand... A>
  constexpr auto operator()(const A&... keys) const {
    static_assert(sizeof...(A) == sizeof...(K), "cxxtap: wrong number of array keys");
    static_assert((std::is_same_v<value_of<expr_t<A>>, K> && ...),
                  "cxxtap: array key of the wrong type");
    using Keys = hana::tuple<expr_t<A>...>;
    return Element<T, Keys>{name, Keys{as_expr(keys)...}};
  }
  ir::ExprPtr lower() const { return SymbolRef{name}.lower(); }
};

// `[k1, k2] in A`
template <ValueType T, ValueType... K, Operand... A>
constexpr auto contains(const Array<T, K...>& arr, const A&... keys) {
  static_assert(sizeof...(A) == sizeof...(K), "cxxtap: wrong number of array keys");
  static_assert((std::is_same_v<value_of<expr_t<A>>, K> && ...),
                "cxxtap: array key of the wrong type");
  struct In {
    using value_type = Long;
    std::string_view array;
    hana::tuple<expr_t<A>...> keys;
    ir::ExprPtr lower() const {
      auto e = node<ir::InArrayExpr>();
      e->keys = lower_all(keys);
      e->array = SymbolRef{array}.lower();
      return e;
    }
  };
  return In{arr.name, hana::make_tuple(as_expr(keys)...)};
}

}  // namespace cxxtap::dsl
