// Target variables ($var, $var->a[i], $return, $$parms, @cast(p, "T")->f,
// the $ and $$ pretty-printers) translated to the C body of an embedded-C
// function, from DWARF: the variable's location expression at the probe
// address (translator/debuginfo/loc2c.h) and a walk over its type.
//
// The C runs in a probe handler's embedded-C scope (tapset-cpp/README.md):
// registers come from CONTEXT->kregs (the kprobe's pt_regs), every read of
// kernel memory goes through _stp_tv_read (copy_from_kernel_nofault), so a
// bad pointer is a script error ("kernel read fault at 0x..."), never an
// oops. Function parameters: STAP_ARG_ptr first for @cast, then STAP_ARG_i0,
// STAP_ARG_i1, ... for the index steps ([i]) in order.
#pragma once

#include "module.h"

#include <cstdint>
#include <string>
#include <vector>

namespace cxxtap::debuginfo {

struct TargetStep {
  enum Kind { Member, Index } kind = Member;
  std::string member;  // Member: the field's name
};

// What a script wrote: $name->a[i] (steps), a leading &, a trailing $ or $$.
struct TargetSpec {
  std::string name;  // without the '$'
  std::vector<TargetStep> steps;
  bool address_of = false;
  int pretty = 0;    // 1: $, 2: $$
  // An assignment (guru mode): the body stores STAP_ARG_v (its last
  // parameter) and returns it.
  bool write = false;
};

struct TargetCode {
  std::string error;  // not empty: the expression cannot be translated
  std::string c;      // the function body
  bool is_string = false;
  std::string type;   // C type of the result, as -L spells it
};

enum class VarSet { Vars, Locals, Parms };

// Where the probe is: the concrete DIE (function or inlined instance), the
// probe address, and whether that is the function's first instruction
// (DW_OP_entry_value can be answered from the registers only there).
struct ProbeScope {
  uint64_t die = 0;
  uint64_t pc = 0;
  bool at_entry = false;
};

class TargetTranslator {
 public:
  explicit TargetTranslator(Module& m) : m_(m) {}

  TargetCode variable(const ProbeScope& where, const TargetSpec& s);
  // A global variable (Module::global_variable): @var("name@file"), or a
  // $name the probe's function does not have.
  TargetCode global(uint64_t var_die, const TargetSpec& s);
  // $return (s.name is "return") in a return probe of function `fn_die`.
  TargetCode return_value(uint64_t fn_die, const TargetSpec& s);
  // @cast(STAP_ARG_ptr, TYPE) with steps; TYPE is a DIE of type_named().
  TargetCode cast(uint64_t type_die, const TargetSpec& s);
  // $$vars, $$locals, $$parms (pretty: $$vars$ ...): "a=0x1 b=0x2".
  TargetCode vars(const ProbeScope& where, VarSet which, bool pretty);
  // $$return: "return=0x..", or "" for a void function.
  TargetCode return_string(uint64_t fn_die);

 private:
  Module& m_;
};

}  // namespace cxxtap::debuginfo
