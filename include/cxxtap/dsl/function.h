// Script functions: `function NAME:R(p1:P1, ...) { body }`.
//
//   constexpr tap::Function<"fib", tap::Long(tap::Long)> fib{"n"};   // signature
//   constexpr auto script = tap::script(
//       fib.define([](auto n) {                                         // definition
//         return tap::block(tap::if_(n < 2, tap::return_(n)),
//                           tap::return_(fib(n - 1) + fib(n - 2)));
//       }),
//       tap::probe(tap::begin, tap::printf("%d\n", fib(10)), tap::exit()));
//
// The signature is a constexpr object, so the body (and any other function
// declared before it) can call it: recursion and mutual recursion work.
// Calls are checked for arity and argument types, and the definition checks
// that every return_ gives the declared result type; the compiler names the
// function in the instantiation of the failed check (Name = ..."fib"...).
// R is Long or String, or Void for a function without a result (no
// annotation in stap); parameters are Long or String and always annotated.
#pragma once

#include <cxxtap/dsl/function_sig.h>
#include <cxxtap/dsl/stmt.h>

#include <array>
#include <cstddef>

namespace cxxtap::dsl {

// A string usable as a template argument: the function's name is part of its
// type, so compiler diagnostics about a call show which function it is.
template <std::size_t N>
struct FixedString {
  char chars[N]{};
  constexpr FixedString(const char (&s)[N]) {
    for (std::size_t i = 0; i < N; ++i) chars[i] = s[i];
  }
  constexpr std::string_view view() const { return {chars, N - 1}; }
};

template <class P>
concept ParamType = std::same_as<P, Long> || std::same_as<P, String>;
template <class R>
concept ResultType = ParamType<R> || std::same_as<R, Void>;

template <FixedString Name, class Signature>
struct Function {
  static_assert(always_false<Signature>,
                "cxxtap: a function signature is written R(P...), e.g. tap::Long(tap::String)");
};

template <class Fn, class Body>
struct FunctionDef;

template <class T>
inline constexpr bool is_block_v = false;
template <class S>
inline constexpr bool is_block_v<Block<S>> = true;

template <FixedString Name, ResultType R, ParamType... P>
struct Function<Name, R(P...)> : Calls<Function<Name, R(P...)>, R, hana::tuple<P...>> {
  using result_type = R;
  std::array<std::string_view, sizeof...(P)> params;

  template <class... S>
    requires(sizeof...(S) == sizeof...(P) && (std::is_convertible_v<S, std::string_view> && ...))
  constexpr explicit Function(S... param_names) : params{std::string_view(param_names)...} {}

  constexpr std::string_view call_name() const { return Name.view(); }

  using Calls<Function<Name, R(P...)>, R, hana::tuple<P...>>::operator();
  // The calls that do not fit: say why (the instantiation names the function).
  template <class... A>
    requires(!detail::args_match<hana::tuple<P...>, A...>::value)
  constexpr auto operator()(const A&...) const {
    static_assert(sizeof...(A) == sizeof...(P),
                  "cxxtap: wrong number of arguments to a script function");
    static_assert(detail::args_match<hana::tuple<P...>, A...>::value,
                  "cxxtap: argument of the wrong type for a script function");
    return make_call<R>(call_name());
  }

  // The definition: `body` gets one typed local per parameter and returns
  // the body statement (a tap::block(...) or a single statement); a function
  // without parameters may also be given its body directly.
  template <class F>
  constexpr auto define(F body, std::source_location l = std::source_location::current()) const {
    static_assert(std::is_invocable_v<const F&, Var<P>...> || sizeof...(P) == 0,
                  "cxxtap: the body of a function with parameters is a lambda taking one "
                  "local per parameter");
    auto stmt = [&]<std::size_t... I>(std::index_sequence<I...>) {
      if constexpr (std::is_invocable_v<const F&, Var<P>...>) return body(Var<P>{params[I]}...);
      else return body;
    }(std::index_sequence_for<P...>{});
    static_assert(returns_ok_v<R, decltype(stmt)>,
                  "cxxtap: return_ value does not match the function's result type "
                  "(a Void function returns no value)");
    return FunctionDef<Function, decltype(stmt)>{*this, stmt, Loc::from(l)};
  }
};

template <FixedString Name, class R, class... P, class Body>
struct FunctionDef<Function<Name, R(P...)>, Body> {
  Function<Name, R(P...)> fn;
  Body body;
  Loc loc{};
  ir::DeclPtr lower_decl() const {
    LocScope at(loc);
    auto d = node<ir::FunctionDecl>();
    d->name = std::string(Name.view());
    d->return_type = ir_type<R>();
    std::size_t i = 0;
    ((d->params.push_back(ir::Param{std::string(fn.params[i++]), ir_type<P>(), here_loc()})), ...);
    if constexpr (is_block_v<Body>) {
      d->body = lower_block(body.stmts);  // the block is the function's body
    } else {
      d->body = node<ir::BlockStmt>();
      d->body->stmts.push_back(lower_stmt(body));
    }
    return d;
  }
};

}  // namespace cxxtap::dsl
