// Expression nodes of the DSL. Each node is a literal type (so a whole
// script can be constexpr) holding its children by value, with a value_type
// and a lower() that builds the same IR the stap parser builds.
#pragma once

#include <cxxtap/dsl/location.h>
#include <cxxtap/dsl/types.h>
#include <cxxtap/ir/ast.h>

#include <boost/hana/append.hpp>
#include <boost/hana/for_each.hpp>
#include <boost/hana/tuple.hpp>

#include <cstdint>
#include <string_view>

namespace cxxtap::dsl {

namespace hana = boost::hana;

// Lowers every element of a hana tuple of expressions.
template <class Tuple>
std::vector<ir::ExprPtr> lower_all(const Tuple& t) {
  std::vector<ir::ExprPtr> out;
  hana::for_each(t, [&](const auto& e) { out.push_back(e.lower()); });
  return out;
}

// --- literals

struct LongLit {
  using value_type = Long;
  std::int64_t v;
  ir::ExprPtr lower() const {
    auto n = node<ir::NumberExpr>();
    n->value = v;
    return n;
  }
};

// The IR keeps string literals as written in stap source (escapes intact),
// so C++ bytes are written back as stap escapes.
inline std::string stap_escape(std::string_view bytes) {
  std::string out;
  for (unsigned char c : bytes) {
    switch (c) {
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      default:
        if (c < 0x20 || c >= 0x7f) {
          const char oct[] = {'\\', char('0' + (c >> 6)), char('0' + ((c >> 3) & 7)),
                              char('0' + (c & 7)), 0};
          out += oct;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out;
}

struct StrLit {
  using value_type = String;
  std::string_view v;
  ir::ExprPtr lower() const {
    auto s = node<ir::StringExpr>();
    s->value = stap_escape(v);
    return s;
  }
};

// Plain C++ values become literals where a DSL expression is expected.
template <class T>
constexpr auto as_expr(const T& x) {
  if constexpr (Expr<T>) return x;
  else if constexpr (std::is_integral_v<T>) return LongLit{static_cast<std::int64_t>(x)};
  else return StrLit{std::string_view(x)};
}
template <class T>
using expr_t = decltype(as_expr(std::declval<T>()));

// Anything usable as an operand: a DSL expression, an integer, a string.
template <class T>
concept Operand = Expr<T> || std::is_integral_v<std::remove_cvref_t<T>> ||
                  std::is_convertible_v<T, std::string_view>;

// --- variables

struct SymbolRef {
  std::string_view name;
  ir::ExprPtr lower() const {
    auto s = node<ir::SymbolExpr>();
    s->name = std::string(name);
    return s;
  }
};

// --- operators

template <ir::BinaryOp Op, class R, class A, class B>
struct Binary {
  using value_type = R;
  A a;
  B b;
  ir::ExprPtr lower() const {
    auto e = node<ir::BinaryExpr>();
    e->op = Op;
    e->left = a.lower();
    e->right = b.lower();
    return e;
  }
};

template <ir::UnaryOp Op, class A>
struct Unary {
  using value_type = Long;
  A a;
  ir::ExprPtr lower() const {
    auto e = node<ir::UnaryExpr>();
    e->op = Op;
    e->operand = a.lower();
    return e;
  }
};

template <class C, class T, class E>
struct Ternary {
  using value_type = value_of<T>;
  C c;
  T t;
  E e;
  ir::ExprPtr lower() const {
    auto x = node<ir::TernaryExpr>();
    x->cond = c.lower();
    x->then_expr = t.lower();
    x->else_expr = e.lower();
    return x;
  }
};

template <ir::AssignOp Op, class Target, class V>
struct Assign {
  using value_type = std::conditional_t<Op == ir::AssignOp::StatAppend, Void,
                                        value_of<Target>>;
  Target target;
  V v;
  ir::ExprPtr lower() const {
    auto x = node<ir::AssignExpr>();
    x->op = Op;
    x->target = target.lower();
    x->value = v.lower();
    return x;
  }
};

template <class Target>
struct IncDec {
  using value_type = Long;
  Target target;
  bool increment;
  bool prefix;
  ir::ExprPtr lower() const {
    auto x = node<ir::IncDecExpr>();
    x->increment = increment;
    x->prefix = prefix;
    x->operand = target.lower();
    return x;
  }
};

// A call of a tapset (or script) function with a known signature.
template <class R, class Args>
struct Call {
  using value_type = R;
  std::string_view name;
  Args args;
  Loc loc{};
  ir::ExprPtr lower() const {
    LocScope at(loc);
    auto c = node<ir::CallExpr>();
    c->name = std::string(name);
    c->args = lower_all(args);
    return c;
  }
};

template <class R, class... A>
constexpr auto make_call(std::string_view name, A... args) {
  return Call<R, hana::tuple<A...>>{name, hana::make_tuple(args...)};
}
template <class R, class... A>
constexpr auto make_call_at(Loc loc, std::string_view name, A... args) {
  return Call<R, hana::tuple<A...>>{name, hana::make_tuple(args...), loc};
}

// String concatenation: stap's `.` operator.
template <Operand A, Operand B>
  requires StringExpr<expr_t<A>> && StringExpr<expr_t<B>>
constexpr auto cat(const A& a, const B& b) {
  return Binary<ir::BinaryOp::Concat, String, expr_t<A>, expr_t<B>>{as_expr(a), as_expr(b)};
}

template <Operand C, Operand T, Operand E>
  requires LongExpr<expr_t<C>> && std::same_as<value_of<expr_t<T>>, value_of<expr_t<E>>>
constexpr auto cond(const C& c, const T& t, const E& e) {
  return Ternary<expr_t<C>, expr_t<T>, expr_t<E>>{as_expr(c), as_expr(t), as_expr(e)};
}

}  // namespace cxxtap::dsl
