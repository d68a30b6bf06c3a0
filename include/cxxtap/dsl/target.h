// Target variables and the operators around them:
//
//   tap::target_var("file")                   $file
//   tap::target_var("file").field("f_mode")   $file->f_mode
//   tap::target_var("argv").index(1)          $argv[1]
//   tap::target_var("file").pretty()          $file$  (pretty(2): $file$$)
//   tap::return_value                         $return
//   tap::var("jiffies_64@kernel/time/timer.c"[, "kernel"])
//                                             @var("jiffies_64@kernel/time/timer.c"[, "kernel"])
//   tap::entry(e)                             @entry(e)
//   tap::cast(p, "task_struct"[, "kernel"])   @cast(p, "task_struct"[, "kernel"])
//   tap::defined(e)                           @defined(e)
//   tap::const_("AF_INET")                    @const("AF_INET")
//
// They lower to the IR the parser builds (TargetExpr, AccessExpr, VarExpr,
// CastExpr, EntryExpr, DefinedExpr). Their values need debuginfo, so pass 2 decides
// what they are; in the DSL a target value is a Long unless asked otherwise
// (target_var<tap::String>("$$parms")), and a pretty-printed one is a String.
#pragma once

#include <cxxtap/dsl/expr.h>

namespace cxxtap::dsl {

struct FieldComponent {
  std::string_view name;
};
template <class E>
struct IndexComponent {
  E index;
};

template <class Base, class Comps, int Pretty>
struct Access;

// `->field`, `[index]`, `$`/`$$` after a target value, @cast or access.
template <class Derived, class Comps = hana::tuple<>>
struct Accessible {
  constexpr auto field(std::string_view name) const {
    return extend(FieldComponent{name});
  }
  template <Operand I>
  constexpr auto index(const I& i) const {
    static_assert(LongExpr<expr_t<I>>, "cxxtap: a target index is a long");
    return extend(IndexComponent<expr_t<I>>{as_expr(i)});
  }
  constexpr auto pretty(int dollars = 1) const {
    return Access<typename Derived::base_type, Comps, 1>{self().access_base(), self().components(),
                                                         dollars};
  }

 private:
  constexpr const Derived& self() const { return static_cast<const Derived&>(*this); }
  template <class C>
  constexpr auto extend(C c) const {
    auto comps = hana::append(self().components(), c);
    return Access<typename Derived::base_type, decltype(comps), 0>{self().access_base(), comps, 0};
  }
};

// A chain of accesses on Base; Pretty: whether it ends in `$`/`$$`.
template <class Base, class Comps, int Pretty>
struct Access : Accessible<Access<Base, Comps, Pretty>, Comps> {
  using base_type = Base;
  using value_type = std::conditional_t<Pretty != 0, String, Long>;
  Base base;
  Comps comps;
  int dollars = 0;
  constexpr Access(Base b, Comps c, int d) : base(b), comps(c), dollars(d) {}
  constexpr const Base& access_base() const { return base; }
  constexpr const Comps& components() const { return comps; }
  ir::ExprPtr lower() const {
    auto b = base.lower();
    auto a = ir::make<ir::AccessExpr>(b->loc);
    a->base = std::move(b);
    hana::for_each(comps, [&](const auto& c) {
      ir::AccessComponent ac;
      ac.loc = a->loc;
      if constexpr (std::is_same_v<std::remove_cvref_t<decltype(c)>, FieldComponent>) {
        ac.kind = ir::AccessComponent::Member;
        ac.member = std::string(c.name);
      } else {
        ac.kind = ir::AccessComponent::Index;
        ac.index = c.index.lower();
      }
      a->components.push_back(std::move(ac));
    });
    a->pretty = dollars;
    return a;
  }
};

// $name (the dollar may be written or not: "file" and "$file" are the same).
template <ValueType T>
struct TargetVar : Accessible<TargetVar<T>> {
  using base_type = TargetVar<T>;
  using value_type = T;
  std::string_view name;
  Loc loc{};
  constexpr TargetVar(std::string_view n, Loc l) : name(n), loc(l) {}
  constexpr const TargetVar& access_base() const { return *this; }
  constexpr hana::tuple<> components() const { return {}; }
  ir::ExprPtr lower() const {
    LocScope at(loc);
    auto t = node<ir::TargetExpr>();
    t->name = name.starts_with('$') ? std::string(name) : "$" + std::string(name);
    return t;
  }
};
template <ValueType T = Long>
constexpr auto target_var(std::string_view name,
                          std::source_location l = std::source_location::current()) {
  return TargetVar<T>{name, Loc::from(l)};
}
// $return (in a .return probe).
inline constexpr TargetVar<Long> return_value{"$return", Loc{}};

// @var("name[@file]"[, "module"]): a global variable (or, in a DWARF probe
// and without a file, the same as $name).
template <ValueType T>
struct GlobalVar : Accessible<GlobalVar<T>> {
  using base_type = GlobalVar<T>;
  using value_type = T;
  std::string_view name;
  std::string_view module;
  bool has_module = false;
  Loc loc{};
  constexpr GlobalVar(std::string_view n, std::string_view m, bool hm, Loc l)
      : name(n), module(m), has_module(hm), loc(l) {}
  constexpr const GlobalVar& access_base() const { return *this; }
  constexpr hana::tuple<> components() const { return {}; }
  ir::ExprPtr lower() const {
    LocScope at(loc);
    auto v = node<ir::VarExpr>();
    v->name = stap_escape(name);
    v->module = stap_escape(module);
    v->has_module = has_module;
    return v;
  }
};
template <ValueType T = Long>
constexpr auto var(std::string_view name,
                   std::source_location l = std::source_location::current()) {
  return GlobalVar<T>{name, {}, false, Loc::from(l)};
}
template <ValueType T = Long>
constexpr auto var(std::string_view name, std::string_view module,
                   std::source_location l = std::source_location::current()) {
  return GlobalVar<T>{name, module, true, Loc::from(l)};
}

// @cast(ptr, "type"[, "module"])
template <class E>
struct Cast : Accessible<Cast<E>> {
  using base_type = Cast<E>;
  using value_type = Long;
  E operand;
  std::string_view type_name;
  std::string_view module;
  bool has_module = false;
  Loc loc{};
  constexpr Cast(E e, std::string_view t, std::string_view m, bool hm, Loc l)
      : operand(e), type_name(t), module(m), has_module(hm), loc(l) {}
  constexpr const Cast& access_base() const { return *this; }
  constexpr hana::tuple<> components() const { return {}; }
  ir::ExprPtr lower() const {
    LocScope at(loc);
    auto c = node<ir::CastExpr>();
    c->operand = operand.lower();
    c->type_name = stap_escape(type_name);
    c->module = stap_escape(module);
    c->has_module = has_module;
    return c;
  }
};
template <Operand E>
constexpr auto cast(const E& ptr, std::string_view type,
                    std::source_location l = std::source_location::current()) {
  static_assert(LongExpr<expr_t<E>>, "cxxtap: @cast takes a long (an address)");
  return Cast<expr_t<E>>{as_expr(ptr), type, {}, false, Loc::from(l)};
}
template <Operand E>
constexpr auto cast(const E& ptr, std::string_view type, std::string_view module,
                    std::source_location l = std::source_location::current()) {
  static_assert(LongExpr<expr_t<E>>, "cxxtap: @cast takes a long (an address)");
  return Cast<expr_t<E>>{as_expr(ptr), type, module, true, Loc::from(l)};
}

// @const("C_EXPR"): a constant of the kernel's headers, a long.
struct Const {
  using value_type = Long;
  std::string_view c_expr;
  Loc loc{};
  ir::ExprPtr lower() const {
    LocScope at(loc);
    auto c = node<ir::ConstExpr>();
    c->c_expr = stap_escape(c_expr);
    return c;
  }
};
constexpr auto const_(std::string_view c_expr,
                      std::source_location l = std::source_location::current()) {
  return Const{c_expr, Loc::from(l)};
}

// @entry(e) and @defined(e)
template <class Node, class R, class E>
struct OneOperand {
  using value_type = R;
  E operand;
  Loc loc{};
  ir::ExprPtr lower() const {
    LocScope at(loc);
    auto n = node<Node>();
    n->operand = operand.lower();
    return n;
  }
};
template <Expr E>
constexpr auto entry(const E& e, std::source_location l = std::source_location::current()) {
  return OneOperand<ir::EntryExpr, value_of<E>, E>{e, Loc::from(l)};
}
template <Expr E>
constexpr auto defined(const E& e, std::source_location l = std::source_location::current()) {
  return OneOperand<ir::DefinedExpr, Long, E>{e, Loc::from(l)};
}

}  // namespace cxxtap::dsl
