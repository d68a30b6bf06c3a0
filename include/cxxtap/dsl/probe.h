// Probe points as typed builders, probes, and the script that holds them.
// A builder offers only the suffixes its family has, so `begin.return_()`
// does not compile while `kernel.function("vfs_read").return_()` does.
#pragma once

#include <cxxtap/dsl/stmt.h>

#include <array>

namespace cxxtap::dsl {

struct PointComponent {
  std::string_view functor;
  enum class Arg { None, Number, String } arg = Arg::None;
  std::int64_t number = 0;
  std::string_view string;
};

// A probe point of up to 8 components.
struct Point {
  std::array<PointComponent, 8> comps{};
  std::size_t size = 0;
  bool optional = false;

  constexpr Point then(PointComponent c) const {
    Point p = *this;
    p.comps[p.size++] = c;
    return p;
  }
  constexpr Point maybe() const {  // `?`
    Point p = *this;
    p.optional = true;
    return p;
  }
  ir::ProbePointPtr lower() const {
    auto pp = std::make_unique<ir::ProbePoint>();
    pp->loc = here_loc();
    for (std::size_t i = 0; i < size; ++i) {
      ir::ProbePointComponent c;
      c.loc = here_loc();
      c.functor = std::string(comps[i].functor);
      if (comps[i].arg == PointComponent::Arg::Number) c.arg = LongLit{comps[i].number}.lower();
      if (comps[i].arg == PointComponent::Arg::String) c.arg = StrLit{comps[i].string}.lower();
      pp->components.push_back(std::move(c));
    }
    pp->optional = optional;
    return pp;
  }
};

constexpr PointComponent word(std::string_view w) { return {w, PointComponent::Arg::None, 0, {}}; }
constexpr PointComponent word(std::string_view w, std::int64_t n) {
  return {w, PointComponent::Arg::Number, n, {}};
}
constexpr PointComponent word(std::string_view w, std::string_view s) {
  return {w, PointComponent::Arg::String, 0, s};
}

// begin, begin(N), end, end(N), error, never
struct SequencedPoint : Point {
  constexpr explicit SequencedPoint(std::string_view w) : Point(Point{}.then(word(w))) {}
  constexpr Point operator()(std::int64_t seq) const { return Point{}.then(word(comps[0].functor, seq)); }
};
inline constexpr SequencedPoint begin{"begin"};
inline constexpr SequencedPoint end{"end"};
inline constexpr SequencedPoint error_probe{"error"};  // `error` is the function
inline constexpr Point never = Point{}.then(word("never"));

// timer.ms(N) ... with .randomize(M)
struct TimerPoint : Point {
  constexpr TimerPoint randomize(std::int64_t m) const {
    return TimerPoint{then(word("randomize", m))};
  }
};
struct Timers {
  constexpr TimerPoint unit(std::string_view u, std::int64_t n) const {
    return TimerPoint{Point{}.then(word("timer")).then(word(u, n))};
  }
  constexpr TimerPoint s(std::int64_t n) const { return unit("s", n); }
  constexpr TimerPoint ms(std::int64_t n) const { return unit("ms", n); }
  constexpr TimerPoint us(std::int64_t n) const { return unit("us", n); }
  constexpr TimerPoint ns(std::int64_t n) const { return unit("ns", n); }
  constexpr TimerPoint jiffies(std::int64_t n) const { return unit("jiffies", n); }
  constexpr Point hz(std::int64_t n) const { return unit("hz", n); }  // no randomize
  constexpr Point profile() const { return Point{}.then(word("timer")).then(word("profile")); }
};
inline constexpr Timers timer{};

// kernel.function("f").call() / .exported() / .inline_() / .label("l") / .return_()
// [.maxactive(N)], kernel.function(ADDRESS) (no .inline_()),
// kernel.statement("f@file:N"|ADDRESS) / .nearest(), kernel.statement(A)
// .absolute() (guru mode), kernel.trace("t"), and the module("m") forms.
struct FunctionReturnPoint : Point {
  constexpr Point maxactive(std::int64_t n) const { return then(word("maxactive", n)); }
};
struct FunctionAddressPoint : Point {
  constexpr Point call() const { return then(word("call")); }
  constexpr Point exported() const { return then(word("exported")); }
  constexpr FunctionReturnPoint return_() const { return FunctionReturnPoint{then(word("return"))}; }
};
struct FunctionPoint : FunctionAddressPoint {
  constexpr Point inline_() const { return then(word("inline")); }
  constexpr Point label(std::string_view l) const { return then(word("label", l)); }
};
struct StatementPoint : Point {
  constexpr Point nearest() const { return then(word("nearest")); }
};
struct StatementAddressPoint : StatementPoint {
  constexpr Point absolute() const { return then(word("absolute")); }
};
template <bool Kernel>
struct DwarfObjectPoints : Point {
  constexpr FunctionPoint function(std::string_view f) const {
    return FunctionPoint{then(word("function", f))};
  }
  constexpr FunctionAddressPoint function(std::int64_t address) const {
    return FunctionAddressPoint{then(word("function", address))};
  }
  constexpr StatementPoint statement(std::string_view s) const {
    return StatementPoint{then(word("statement", s))};
  }
  // .absolute() only for the kernel, as in stap.
  constexpr auto statement(std::int64_t address) const {
    if constexpr (Kernel)
      return StatementAddressPoint{then(word("statement", address))};
    else
      return StatementPoint{then(word("statement", address))};
  }
  constexpr Point trace(std::string_view t) const
    requires Kernel
  {
    return then(word("trace", t));
  }
};
using KernelPoints = DwarfObjectPoints<true>;
using ModulePoint = DwarfObjectPoints<false>;
inline constexpr KernelPoints kernel{Point{}.then(word("kernel"))};
constexpr ModulePoint module(std::string_view m) { return ModulePoint{Point{}.then(word("module", m))}; }

// kprobe.function("f") / .call() / .return_() / .return_().maxactive(N) and
// kprobe.module("m").function("f") with the same suffixes: kprobes by symbol
// name, no debuginfo (exact names; no .inline, no number form).
struct KprobeReturnPoint : Point {
  constexpr Point maxactive(std::int64_t n) const { return then(word("maxactive", n)); }
};
struct KprobeFunctionPoint : Point {
  constexpr Point call() const { return then(word("call")); }
  constexpr KprobeReturnPoint return_() const { return KprobeReturnPoint{then(word("return"))}; }
};
struct KprobeModulePoint : Point {
  constexpr KprobeFunctionPoint function(std::string_view f) const {
    return KprobeFunctionPoint{then(word("function", f))};
  }
};
struct KprobePoints {
  constexpr KprobeFunctionPoint function(std::string_view f) const {
    return KprobeFunctionPoint{Point{}.then(word("kprobe")).then(word("function", f))};
  }
  constexpr KprobeModulePoint module(std::string_view m) const {
    return KprobeModulePoint{Point{}.then(word("kprobe")).then(word("module", m))};
  }
};
inline constexpr KprobePoints kprobe{};

// An alias or family reached by name: point("vfs.read") or
// point("vfs", "read") for vfs.read (each word is split at its dots, as the
// parser splits a written probe point into components).
template <class... W>
constexpr Point point(W... words) {
  Point p;
  auto add = [&p](std::string_view w) {
    for (;;) {
      auto dot = w.find('.');
      p = p.then(word(w.substr(0, dot)));
      if (dot == std::string_view::npos) break;
      w.remove_prefix(dot + 1);
    }
  };
  (add(std::string_view(words)), ...);
  return p;
}

// A probe point and where the probe using it is written: probe() takes its
// point as one of these so that the call's location is captured.
struct LocatedPoint {
  Point point;
  Loc loc;
  template <class P>
    requires std::derived_from<P, Point>
  constexpr LocatedPoint(const P& p, std::source_location l = std::source_location::current())
      : point(p), loc(Loc::from(l)) {}
};

// probe POINT { body }
template <class Body>
struct Probe {
  Point where;
  Body body;
  Loc loc{};
  ir::DeclPtr lower_decl() const {
    LocScope at(loc);
    auto d = node<ir::ProbeDecl>();
    d->points.push_back(where.lower());
    d->body = lower_block(body);
    return d;
  }
};
template <class... S>
constexpr auto probe(LocatedPoint where, const S&... body) {
  static_assert(returns_ok_v<NotAFunction, hana::tuple<S...>>,
                "cxxtap: return_ is only allowed in a function body, not in a probe");
  return Probe<hana::tuple<S...>>{where.point, hana::make_tuple(body...), where.loc};
}

// Top level: globals are the Var and Array objects listed in the script.
template <ValueType T>
ir::DeclPtr lower_decl(const Var<T>& v) {
  LocScope at(v.loc);
  auto g = node<ir::GlobalDecl>();
  g->name = std::string(v.name);
  return g;
}
template <ValueType T, ValueType... K>
ir::DeclPtr lower_decl(const Array<T, K...>& a) {
  LocScope at(a.loc);
  auto g = node<ir::GlobalDecl>();
  g->name = std::string(a.name);
  g->is_array = a.max_size != 0 || a.wrap;
  g->max_size = a.max_size;
  g->wrap = a.wrap;
  return g;
}
template <class D>
  requires requires(const D& d) { d.lower_decl(); }
ir::DeclPtr lower_decl(const D& d) { return d.lower_decl(); }

template <class Decls>
struct Script {
  Decls decls;
  // The IR of the script, as the stap parser would produce it from the same
  // script written in .stp; `name` is what diagnostics call the file.
  ir::FilePtr lower(std::string name = "<dsl>") const {
    auto f = std::make_unique<ir::File>();
    f->source = std::make_shared<ir::SourceFile>(std::move(name), "");
    detail::current_loc() = {};
    hana::for_each(decls, [&](const auto& d) { f->decls.push_back(lower_decl(d)); });
    return f;
  }
};
template <class... D>
constexpr auto script(const D&... decls) {
  return Script<hana::tuple<D...>>{hana::make_tuple(decls...)};
}

}  // namespace cxxtap::dsl
