// Target variables to function calls: in each derived probe, every target
// expression ($var, $var->a[i], &$x->y, $var$, $$parms, $return, @cast(p,
// "T")->f, a family's context variable such as netfilter's $skb) becomes a
// call of an embedded-C function made here for it, whose body pass 2
// derives from DWARF (translator/debuginfo/target_code.h) or from the
// family (ResolvedPoint::context_vars). Index expressions and the @cast
// pointer become the call's arguments. From here on such a call is an
// ordinary call of a /* pure */ embedded function: typing, locking, pass 3
// and -p2 listings need nothing new (stap's -p2 shows its _dwarf_tvar_get_*
// functions the same way).
//
// An expression that cannot be translated stays in the tree and its reason
// goes to Program::target_errors: symbol resolution reports it if it is
// still live after @defined() folding (which treats it as undefined).
#pragma once

#include "probe_families.h"
#include "program.h"

#include <functional>
#include <memory>
#include <string>

namespace cxxtap::elaborate {

class TargetLowering {
 public:
  TargetLowering(Program& program, const FamilyContext& ctx);
  ~TargetLowering();
  void lower(DerivedProbe& probe);
  // A DWARF .return probe's entry snapshots: each @entry(e) and each
  // target expression other than $return / $$return becomes a read of a
  // slot of the kretprobe instance's data, and the returned probe (the
  // entry part, to be lowered and resolved like any other) stores them
  // there when the function is entered. Null when there is nothing to
  // snapshot. Call before lower().
  std::unique_ptr<DerivedProbe> split_entry(DerivedProbe& probe);
  // A script function's body, before its symbols are resolved: @cast only
  // (a function has no probe point, so no $variables of its own).
  void lower_function(ir::FunctionDecl& f);

  // Autocast: `x->f`, `x[i]`, `x$` on a value x whose DWARF type is known
  // become @cast(x, "T", "MODULE")->f. A value is typed when it is a
  // translated target expression of pointer or array type, an assignment
  // or a ternary of typed values of one type, a local every assignment of
  // which in its body gives one type, or a call of a script function every
  // `return` of which gives one type. What is not typed (or typed two ways)
  // stays an access symbol resolution reports. Lowering needs to tell a
  // global from a local and to find a function's definition:
  struct Lookup {
    std::function<ir::FunctionDecl*(const std::string&)> function;  // null: none or several
    std::function<bool(const std::string&)> is_global;
  };
  void set_lookup(Lookup lookup);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cxxtap::elaborate
