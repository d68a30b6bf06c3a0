// Static types of DSL values. Every DSL expression node has a member type
// `value_type` that is one of these tags; the C++ compiler checks the rules
// stap's pass 2 would check (a string is not a long, a statistic is not a
// scalar) before the script ever reaches the translator.
#pragma once

#include <cxxtap/ir/types.h>

#include <concepts>
#include <type_traits>

namespace cxxtap::dsl {

struct Long {};    // int64
struct String {};  // bounded string
struct Stats {};   // statistics (x <<< v)
struct Void {};    // calls whose result may not be used (log, exit, ...)
struct Histogram {};  // @hist_log/@hist_linear: only printed or indexed

template <class T>
concept ValueType = std::same_as<T, Long> || std::same_as<T, String> ||
                    std::same_as<T, Stats> || std::same_as<T, Void> ||
                    std::same_as<T, Histogram>;

// For static_asserts that must fire only when a template is instantiated.
template <class...>
inline constexpr bool always_false = false;

template <class T>
constexpr ir::Type ir_type() {
  if constexpr (std::is_same_v<T, Long>) return ir::Type::Long;
  else if constexpr (std::is_same_v<T, String>) return ir::Type::String;
  else if constexpr (std::is_same_v<T, Stats>) return ir::Type::Stats;
  else return ir::Type::Unknown;
}

// An expression node: anything with a value_type and a lower() to IR.
template <class E>
concept Expr = requires { typename std::remove_cvref_t<E>::value_type; } &&
               ValueType<typename std::remove_cvref_t<E>::value_type>;

template <class E>
using value_of = typename std::remove_cvref_t<E>::value_type;

template <class E>
concept LongExpr = Expr<E> && std::same_as<value_of<E>, Long>;
template <class E>
concept StringExpr = Expr<E> && std::same_as<value_of<E>, String>;

}  // namespace cxxtap::dsl
