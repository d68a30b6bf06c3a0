// The print family and statistics. printf/sprintf formats are checked at
// compile time against the static types of the arguments, by the same
// constexpr checker pass 2 uses for .stp scripts (cxxtap/lang/format_check.h).
#pragma once

#include <cxxtap/dsl/variables.h>
#include <cxxtap/lang/format_check.h>

#include <array>
#include <optional>

namespace cxxtap::dsl {

namespace detail {

template <class T>
constexpr std::optional<lang::FormatArgKind> format_kind() {
  if constexpr (std::is_same_v<T, Long>) return lang::FormatArgKind::Long;
  else if constexpr (std::is_same_v<T, String>) return lang::FormatArgKind::String;
  else return std::nullopt;
}

// Not constexpr: reaching one of these in a consteval context is the compile
// error, and its name is the message.
void printf_format_is_malformed();
void printf_argument_count_does_not_match_format();
void printf_argument_type_does_not_match_format();
void printf_argument_must_be_a_long_or_a_string();

}  // namespace detail

// A format string checked at compile time against Args (fmt's technique).
template <class... Args>
struct FormatString {
  std::string_view str;
  Loc loc;  // where the printf/sprintf call is written
  template <class S>
    requires std::is_convertible_v<const S&, std::string_view>
  consteval FormatString(const S& s,
                         std::source_location l = std::source_location::current())
      : str(s), loc(Loc::from(l)) {
    constexpr std::array<std::optional<lang::FormatArgKind>, sizeof...(Args)> kinds{
        detail::format_kind<value_of<expr_t<Args>>>()...};
    for (const auto& k : kinds)
      if (!k) detail::printf_argument_must_be_a_long_or_a_string();
    auto err = lang::check_format(str, kinds);
    if (err) {
      if (err->kind == lang::FormatMismatch::Kind::Syntax) detail::printf_format_is_malformed();
      else if (err->kind == lang::FormatMismatch::Kind::Count)
        detail::printf_argument_count_does_not_match_format();
      else detail::printf_argument_type_does_not_match_format();
    }
  }
};

template <ir::PrintStyle Style, bool ToString, class Args>
struct Print {
  using value_type = std::conditional_t<ToString, String, Void>;
  std::string_view format;  // Printf: the format; Printd: the delimiter
  Args args;
  Loc loc{};
  ir::ExprPtr lower() const {
    LocScope at(loc);
    auto p = node<ir::PrintExpr>();
    p->style = Style;
    p->to_string = ToString;
    if constexpr (Style == ir::PrintStyle::Printf) p->format = stap_escape(format);
    if constexpr (Style == ir::PrintStyle::Printd || Style == ir::PrintStyle::Printdln)
      p->delimiter = stap_escape(format);
    p->args = lower_all(args);
    return p;
  }
};

template <Operand... A>
constexpr auto printf(FormatString<std::type_identity_t<A>...> fmt, const A&... args) {
  using Args = hana::tuple<expr_t<A>...>;
  return Print<ir::PrintStyle::Printf, false, Args>{fmt.str, Args{as_expr(args)...}, fmt.loc};
}
template <Operand... A>
constexpr auto sprintf(FormatString<std::type_identity_t<A>...> fmt, const A&... args) {
  using Args = hana::tuple<expr_t<A>...>;
  return Print<ir::PrintStyle::Printf, true, Args>{fmt.str, Args{as_expr(args)...}, fmt.loc};
}

template <ir::PrintStyle Style, bool ToString, class... A>
constexpr auto make_print(const A&... args) {
  static_assert(((!std::is_same_v<value_of<expr_t<A>>, Void> &&
                  !std::is_same_v<value_of<expr_t<A>>, Stats>) && ...),
                "cxxtap: print arguments must be values (a statistic needs an extractor "
                "such as count(x))");
  using Args = hana::tuple<expr_t<A>...>;
  return Print<Style, ToString, Args>{{}, Args{as_expr(args)...}};
}

template <Operand... A>
constexpr auto print(const A&... args) { return make_print<ir::PrintStyle::Print, false>(args...); }
template <Operand... A>
constexpr auto println(const A&... args) {
  return make_print<ir::PrintStyle::Println, false>(args...);
}
template <Operand A>
constexpr auto sprint(const A& a) { return make_print<ir::PrintStyle::Print, true>(a); }

// --- statistics: extractors and histograms of a Stats scalar or element

template <class S>
concept StatsExpr = Expr<S> && std::is_same_v<value_of<S>, Stats>;

template <ir::StatFn Fn, class S>
struct StatOf {
  using value_type = Long;
  S s;
  ir::ExprPtr lower() const {
    auto e = node<ir::StatExpr>();
    e->fn = Fn;
    e->operand = s.lower();
    return e;
  }
};

#define CXXTAP_DSL_EXTRACTOR(NAME, FN)                                           \
  template <Expr S>                                                               \
  constexpr auto NAME(const S& s) {                                               \
    static_assert(StatsExpr<S>, "cxxtap: " #NAME "() needs a statistic (x <<= v)"); \
    return StatOf<ir::StatFn::FN, S>{s};                                          \
  }
CXXTAP_DSL_EXTRACTOR(count, Count)
CXXTAP_DSL_EXTRACTOR(sum, Sum)
CXXTAP_DSL_EXTRACTOR(min, Min)
CXXTAP_DSL_EXTRACTOR(max, Max)
CXXTAP_DSL_EXTRACTOR(avg, Avg)
#undef CXXTAP_DSL_EXTRACTOR

template <ir::HistKind K, class S>
struct HistOf {
  using value_type = Histogram;
  S s;
  std::array<std::int64_t, 3> params{};
  ir::ExprPtr lower() const {
    auto e = node<ir::HistExpr>();
    e->hist = K;
    e->operand = s.lower();
    if constexpr (K == ir::HistKind::Linear)
      for (auto p : params) e->params.push_back(LongLit{p}.lower());
    return e;
  }
};

template <Expr S>
constexpr auto hist_log(const S& s) {
  static_assert(StatsExpr<S>, "cxxtap: hist_log() needs a statistic");
  return HistOf<ir::HistKind::Log, S>{s, {}};
}
template <Expr S>
constexpr auto hist_linear(const S& s, std::int64_t lo, std::int64_t hi, std::int64_t step) {
  static_assert(StatsExpr<S>, "cxxtap: hist_linear() needs a statistic");
  return HistOf<ir::HistKind::Linear, S>{s, {lo, hi, step}};
}

}  // namespace cxxtap::dsl
