#include "target_code.h"

#include "loc2c.h"
#include "type_names.h"

#include <dwarf.h>
#include <elfutils/libdw.h>

#include <fmt/format.h>

#include <cstdlib>

namespace cxxtap::debuginfo {

namespace {

constexpr const char* kFault =
    "STAP_ERROR(\"kernel read fault at 0x%llx (addr)\", (unsigned long long)({addr}));";

Dwarf_Die* type_of(Dwarf_Die* die, Dwarf_Die* mem) {
  Dwarf_Attribute a;
  if (!dwarf_attr_integrate(die, DW_AT_type, &a)) return nullptr;
  return dwarf_formref_die(&a, mem);
}

// Without typedefs and qualifiers; null for void.
Dwarf_Die* strip(Dwarf_Die* t, Dwarf_Die* mem) {
  for (int guard = 0; t && guard < 64; ++guard) {
    const int tag = dwarf_tag(t);
    if (tag != DW_TAG_typedef && tag != DW_TAG_const_type && tag != DW_TAG_volatile_type &&
        tag != DW_TAG_restrict_type && tag != DW_TAG_atomic_type)
      return t;
    Dwarf_Die next;
    Dwarf_Die* n = type_of(t, &next);
    if (!n) return nullptr;
    *mem = next;
    t = mem;
  }
  return t;
}

const char* name_attr(Dwarf_Die* die) {
  Dwarf_Attribute a;
  return dwarf_formstring(dwarf_attr_integrate(die, DW_AT_name, &a));
}

int64_t size_of(Dwarf_Die* t) {
  if (!t) return 0;
  Dwarf_Word size = 0;
  if (dwarf_aggregate_size(t, &size) == 0) return static_cast<int64_t>(size);
  const int tag = dwarf_tag(t);
  if (tag == DW_TAG_pointer_type || tag == DW_TAG_reference_type) return 8;
  return 0;
}

struct Scalar {
  int size = 8;
  bool is_signed = false;
  bool pointer = false;
  bool is_char = false;
};

bool scalar_of(Dwarf_Die* t, Scalar& s) {
  if (!t) return false;
  const int tag = dwarf_tag(t);
  if (tag == DW_TAG_pointer_type || tag == DW_TAG_reference_type ||
      tag == DW_TAG_rvalue_reference_type) {
    s = {8, false, true, false};
    return true;
  }
  Dwarf_Attribute a;
  Dwarf_Word enc = 0;
  if (tag == DW_TAG_base_type) {
    if (dwarf_formudata(dwarf_attr(t, DW_AT_encoding, &a), &enc) != 0) return false;
    if (enc == DW_ATE_float || enc == DW_ATE_complex_float) return false;
    s.size = static_cast<int>(size_of(t));
    s.is_signed = enc == DW_ATE_signed || enc == DW_ATE_signed_char;
    s.is_char = s.size == 1 && (enc == DW_ATE_signed_char || enc == DW_ATE_unsigned_char);
    return s.size >= 1 && s.size <= 8;
  }
  if (tag == DW_TAG_enumeration_type) {
    s.size = static_cast<int>(size_of(t));
    Dwarf_Die umem;
    Dwarf_Die* under = strip(type_of(t, &umem), &umem);
    Scalar u;
    s.is_signed = under && scalar_of(under, u) && u.is_signed;
    return s.size >= 1 && s.size <= 8;
  }
  return false;
}

bool is_aggregate(Dwarf_Die* t) {
  const int tag = t ? dwarf_tag(t) : 0;
  return tag == DW_TAG_structure_type || tag == DW_TAG_union_type || tag == DW_TAG_class_type;
}

std::string extend(const std::string& v, const Scalar& s) {
  if (s.size >= 8) return v;
  if (s.is_signed) return fmt::format("(uint64_t)(int64_t)(int{}_t){}", s.size * 8, v);
  return fmt::format("((uint64_t){} & {:#x}ULL)", v, (uint64_t{1} << (s.size * 8)) - 1);
}

std::string plus(const std::string& base, int64_t off) {
  if (off == 0) return base;
  return fmt::format("({} + {:#x}ULL)", base, off);
}

struct Member {
  Dwarf_Die die;
  int64_t offset = 0;      // bytes from the struct's start
  int64_t bit_offset = -1; // a bitfield: bits from the struct's start
  int64_t bit_size = 0;
};

// Member `name` of struct/union `t`, looking into anonymous members.
bool find_member(Dwarf_Die* t, const std::string& name, Member& out, int depth = 0) {
  Dwarf_Die child;
  if (depth > 8 || dwarf_child(t, &child) != 0) return false;
  do {
    if (dwarf_tag(&child) != DW_TAG_member) continue;
    Dwarf_Attribute a;
    Dwarf_Word off = 0;
    if (dwarf_attr_integrate(&child, DW_AT_data_member_location, &a))
      dwarf_formudata(&a, &off);
    const char* n = name_attr(&child);
    if (n && name == n) {
      out.die = child;
      out.offset = static_cast<int64_t>(off);
      Dwarf_Word bits = 0, bo = 0;
      if (dwarf_formudata(dwarf_attr(&child, DW_AT_bit_size, &a), &bits) == 0 && bits) {
        out.bit_size = static_cast<int64_t>(bits);
        if (dwarf_formudata(dwarf_attr(&child, DW_AT_data_bit_offset, &a), &bo) == 0) {
          out.bit_offset = static_cast<int64_t>(bo);
        } else if (dwarf_formudata(dwarf_attr(&child, DW_AT_bit_offset, &a), &bo) == 0) {
          // DWARF 2/3: counted from the top of the storage unit.
          Dwarf_Word unit = 0;
          dwarf_formudata(dwarf_attr(&child, DW_AT_byte_size, &a), &unit);
          out.bit_offset = static_cast<int64_t>(off * 8 + unit * 8 - bo - bits);
        }
        out.offset = out.bit_offset / 8;
      }
      return true;
    }
    if (!n) {
      Dwarf_Die tmem;
      Dwarf_Die* mt = strip(type_of(&child, &tmem), &tmem);
      if (mt && is_aggregate(mt) && find_member(mt, name, out, depth + 1)) {
        out.offset += static_cast<int64_t>(off);
        if (out.bit_offset >= 0) out.bit_offset += static_cast<int64_t>(off) * 8;
        return true;
      }
    }
  } while (dwarf_siblingof(&child, &child) == 0);
  return false;
}

// The names find_member() finds: those of anonymous members' members too.
std::string member_names(Dwarf_Die* t, int depth = 0) {
  std::string out;
  Dwarf_Die child;
  if (depth > 8 || dwarf_child(t, &child) != 0) return out;
  do {
    if (dwarf_tag(&child) != DW_TAG_member) continue;
    std::string n;
    if (const char* name = name_attr(&child)) {
      n = name;
    } else {
      Dwarf_Die tmem;
      Dwarf_Die* mt = strip(type_of(&child, &tmem), &tmem);
      if (mt && is_aggregate(mt)) n = member_names(mt, depth + 1);
    }
    if (!n.empty()) out += (out.empty() ? "" : " ") + n;
  } while (dwarf_siblingof(&child, &child) == 0);
  return out;
}

std::string describe_type(Dwarf_Die* t) { return t ? type_name(t) : std::string("void"); }

// Walks a target expression's steps from a location and type, emitting C.
class Walker {
 public:
  Walker(CEmitter& e, Location loc, Dwarf_Die type, std::string what)
      : e_(e), loc_(std::move(loc)), type_(type), what_(std::move(what)) {}

  bool steps(const std::vector<TargetStep>& steps, int first_index_arg = 0) {
    int index_arg = first_index_arg;
    for (const auto& s : steps) {
      if (s.kind == TargetStep::Member) {
        if (!member(s.member)) return false;
        what_ += "->" + s.member;
      } else {
        if (!index(fmt::format("(uint64_t)STAP_ARG_i{}", index_arg++))) return false;
        what_ += "[]";
      }
    }
    return true;
  }

  // A pointer-sized or smaller scalar's value, zero- or sign-extended.
  std::string value(const Scalar& s) {
    if (loc_.copy && loc_.in_hole(s.size)) {
      fail(fmt::format("'{}' is not accessible at this address (optimized away)", what_));
      return "0";
    }
    if (loc_.kind == Location::Memory) return extend(e_.read(loc_.c, s.size), s);
    return extend(loc_.c, s);
  }

  bool member(const std::string& name) {
    Dwarf_Die mem;
    Dwarf_Die* t = strip(&type_, &mem);
    if (bit_size_) return fail(fmt::format("'{}' is a bitfield, not a struct", what_));
    if (t && (dwarf_tag(t) == DW_TAG_pointer_type || dwarf_tag(t) == DW_TAG_reference_type)) {
      Dwarf_Die pmem;
      Dwarf_Die* pointee = strip(type_of(t, &pmem), &pmem);
      if (!pointee || !is_aggregate(pointee))
        return fail(fmt::format("'{}' ({}) is not a pointer to a struct or union", what_,
                                describe_type(&type_)));
      std::string p = value({8, false, true, false});
      loc_ = {Location::Memory, p, {}};
      type_ = *pointee;
      t = &type_;
    }
    if (!t || !is_aggregate(t))
      return fail(fmt::format("'{}' ({}) is not a struct, union or pointer to one", what_,
                              describe_type(&type_)));
    if (dwarf_hasattr(t, DW_AT_declaration)) {
      Dwarf_Die whole;
      if (!complete(t, &whole))
        return fail(fmt::format("the definition of {} is not in this object's debuginfo",
                                describe_type(t)));
      type_ = whole;
      t = &type_;
    }
    Member m;
    if (!find_member(t, name, m))
      return fail(fmt::format("unable to find member '{}' for {} (alternatives: {})", name,
                              describe_type(t), member_names(t)));
    if (loc_.kind != Location::Memory)
      return fail(fmt::format("'{}' is a struct held in registers; its members cannot be read",
                              what_));
    loc_.c = plus(loc_.c, m.offset);
    if (loc_.copy_at >= 0) loc_.copy_at += m.offset;
    Dwarf_Die tmem;
    Dwarf_Die* mt = type_of(&m.die, &tmem);
    if (!mt) return fail(fmt::format("member '{}' has no type", name));
    type_ = *mt;
    if (m.bit_size) {
      bit_size_ = m.bit_size;
      bit_shift_ = m.bit_offset % 8;
    }
    return true;
  }

  bool index(const std::string& i) {
    Dwarf_Die mem;
    Dwarf_Die* t = strip(&type_, &mem);
    const int tag = t ? dwarf_tag(t) : 0;
    Dwarf_Die emem;
    Dwarf_Die* elem = nullptr;
    std::string base;
    if (tag == DW_TAG_pointer_type) {
      elem = type_of(t, &emem);
      base = value({8, false, true, false});
    } else if (tag == DW_TAG_array_type) {
      elem = type_of(t, &emem);
      if (loc_.kind != Location::Memory)
        return fail(fmt::format("'{}' is an array held in registers", what_));
      base = loc_.c;
    } else {
      return fail(fmt::format("'{}' ({}) is not an array or pointer", what_, describe_type(&type_)));
    }
    Dwarf_Die smem;
    const int64_t size = elem ? size_of(strip(elem, &smem)) : 0;
    if (!elem || size <= 0)
      return fail(fmt::format("'{}' points to elements of unknown size", what_));
    Location element{Location::Memory, fmt::format("({} + {} * {:#x}ULL)", base, i, size), {}};
    if (tag == DW_TAG_array_type && loc_.copy) {  // an element of a copy, somewhere in it
      element.copy = true;
      element.holes = loc_.holes;
      element.copy_at = -1;
    }
    loc_ = std::move(element);
    type_ = *elem;
    return true;
  }

  // The final value: STAP_RETURN / STAP_RETVALUE statements.
  bool finish(const TargetSpec& spec, TargetCode& out) {
    if (spec.write) return finish_write(out);
    if (spec.address_of) {
      if (loc_.kind != Location::Memory || bit_size_ || loc_.copy)
        return fail(fmt::format("'{}' is not addressable", what_));
      e_.stmt(fmt::format("STAP_RETURN((int64_t){});", loc_.c));
      out.type = describe_type(&type_) + "*";
      return true;
    }
    Dwarf_Die mem;
    Dwarf_Die* t = strip(&type_, &mem);
    out.type = describe_type(&type_);
    if (spec.pretty) {
      out.is_string = true;
      e_.stmt("STAP_RETVALUE[0] = '\\0';");
      return append_pretty(spec.pretty);
    }
    Scalar s;
    if (bit_size_) {
      if (!scalar_of(t, s)) return fail(fmt::format("'{}' is a bitfield of an odd type", what_));
      e_.stmt(fmt::format("STAP_RETURN((int64_t){});", bitfield(s)));
      return true;
    }
    if (scalar_of(t, s)) {
      e_.stmt(fmt::format("STAP_RETURN((int64_t){});", value(s)));
      return true;
    }
    if (t && dwarf_tag(t) == DW_TAG_array_type) {
      Dwarf_Die emem;
      Scalar es;
      Dwarf_Die* elem = strip(type_of(t, &emem), &emem);
      if (elem && scalar_of(elem, es) && es.is_char && loc_.kind == Location::Memory) {
        const int64_t n = size_of(t);
        out.is_string = true;
        e_.stmt(fmt::format(
            "if (_stp_strncpy_from_kernel(STAP_RETVALUE, {}, {}) < 0) {}", loc_.c,
            n > 0 ? fmt::format("min_t(long, {}, MAXSTRINGLEN)", n + 1) : "MAXSTRINGLEN",
            e_.fault(loc_.c)));
        return true;
      }
      return fail(fmt::format("'{}' is an array ({}); index it with [i] or take its address with &",
                              what_, describe_type(&type_)));
    }
    if (is_aggregate(t))
      return fail(fmt::format("'{}' is a {} and not a value; use ->member, or {}$ to print it",
                              what_, describe_type(&type_), what_));
    return fail(fmt::format("'{}' has type {}, which a script cannot hold", what_,
                            describe_type(&type_)));
  }

  const std::string& error() const { return error_; }

  // `target = STAP_ARG_v`: an integer or pointer, in a register of the
  // probe's pt_regs (the function sees the new value when the probe
  // returns) or in memory (copy_to_kernel_nofault).
  bool finish_write(TargetCode& out) {
    Dwarf_Die mem;
    Dwarf_Die* t = strip(&type_, &mem);
    Scalar s;
    out.type = describe_type(&type_);
    if (bit_size_ || !scalar_of(t, s))
      return fail(fmt::format("'{}' ({}) cannot be written: only integers and pointers can",
                              what_, describe_type(&type_)));
    if (loc_.copy)
      return fail(fmt::format("'{}' is split across registers here (DW_OP_piece) and cannot be "
                              "written", what_));
    if (loc_.kind == Location::Register) {
      e_.stmt(fmt::format("{} = (unsigned long)STAP_ARG_v;", loc_.c));
    } else if (loc_.kind == Location::Memory) {
      const std::string v = e_.temp(fmt::format("uint{}_t", s.size * 8));
      e_.stmt(fmt::format("{} = (uint{}_t)STAP_ARG_v;", v, s.size * 8));
      e_.stmt(fmt::format(
          "if (_stp_tv_write({}, &{}, {})) STAP_ERROR(\"kernel write fault at 0x%llx (addr)\", "
          "(unsigned long long)({}));",
          loc_.c, v, s.size, loc_.c));
    } else {
      return fail(fmt::format("'{}' is a computed value here and cannot be written", what_));
    }
    e_.stmt("STAP_RETURN(STAP_ARG_v);");
    return true;
  }

  // Appends the current value pretty-printed, without clearing the buffer.
  // A pointer to a struct or union is followed here, at the top only (stap
  // prints $file$ as the struct; pointers inside a struct stay addresses).
  bool append_pretty(int depth) {
    Dwarf_Die mem;
    Dwarf_Die* t = strip(&type_, &mem);
    if (!bit_size_ && t && dwarf_tag(t) == DW_TAG_pointer_type) {
      Dwarf_Die pmem;
      Dwarf_Die* pointee = strip(type_of(t, &pmem), &pmem);
      if (pointee && is_aggregate(pointee) && !dwarf_hasattr(pointee, DW_AT_declaration))
        return pretty({Location::Memory, value({8, false, true, false}), {}}, *pointee, depth);
    }
    return pretty(loc_, type_, depth, bit_size_, bit_shift_);
  }

 private:
  std::string bitfield(const Scalar& s) {
    if (loc_.kind != Location::Memory) return "0";
    const int bytes = static_cast<int>((bit_shift_ + bit_size_ + 7) / 8);
    std::string raw = e_.read(loc_.c, bytes > 8 ? 8 : bytes);
    std::string v = fmt::format("(({} >> {}) & {:#x}ULL)", raw, bit_shift_,
                                bit_size_ >= 64 ? ~uint64_t{0} : (uint64_t{1} << bit_size_) - 1);
    if (!s.is_signed) return v;
    return fmt::format("(uint64_t)(((int64_t){} << {}) >> {})", v, 64 - bit_size_, 64 - bit_size_);
  }

  // Appends the value at `loc` of `type` to STAP_RETVALUE, as stap's $ and
  // $$ print: integers in decimal, pointers in hex, chars quoted, char
  // arrays as strings, structs as {.a=1, .b=...} (nested ones expanded only
  // at depth 2), other arrays as [...].
  bool pretty(const Location& loc, Dwarf_Die type, int depth, int64_t bits = 0, int64_t shift = 0) {
    if (loc.copy && !loc.holes.empty())
      return fail(fmt::format("'{}' is partly optimized away here and cannot be printed whole",
                              what_));
    Dwarf_Die mem;
    Dwarf_Die* t = strip(&type, &mem);
    Scalar s;
    if (scalar_of(t, s)) {
      Walker w(e_, loc, type, what_);
      w.bit_size_ = bits;
      w.bit_shift_ = shift;
      std::string v = bits ? w.bitfield(s) : w.value(s);
      if (s.is_char && !bits) {
        // %c takes an int; a char that is not printable (NUL would end the
        // string) is written as an octal escape.
        std::string c = e_.temp();
        e_.stmt(fmt::format("{} = {} & 0xffULL;", c, v));
        e_.stmt(fmt::format(
            "if ({0} >= 0x20 && {0} < 0x7f) _stp_tv_appendf(STAP_RETVALUE, \"'%c'\", (int){0}); "
            "else _stp_tv_appendf(STAP_RETVALUE, \"'\\\\%03o'\", (int){0});",
            c));
        return true;
      }
      const char* f = s.pointer ? "0x%llx" : s.is_signed ? "%lld" : "%llu";
      e_.stmt(fmt::format("_stp_tv_appendf(STAP_RETVALUE, \"{}\", ({})({}));", f,
                          s.is_signed ? "long long" : "unsigned long long", v));
      return true;
    }
    if (t && dwarf_tag(t) == DW_TAG_array_type) {
      Dwarf_Die emem;
      Scalar es;
      Dwarf_Die* elem = strip(type_of(t, &emem), &emem);
      if (elem && scalar_of(elem, es) && es.is_char && loc.kind == Location::Memory) {
        e_.stmt(fmt::format("if (_stp_tv_append_string(STAP_RETVALUE, {}, {}) < 0) {}", loc.c,
                            size_of(t), e_.fault(loc.c)));
        return true;
      }
      e_.stmt("_stp_tv_appendf(STAP_RETVALUE, \"[...]\");");
      return true;
    }
    if (!is_aggregate(t) || loc.kind != Location::Memory || depth <= 0) {
      e_.stmt(fmt::format("_stp_tv_appendf(STAP_RETVALUE, \"{}\");", is_aggregate(t) ? "{...}" : "?"));
      return true;
    }
    e_.stmt("_stp_tv_appendf(STAP_RETVALUE, \"{\");");
    bool first = true;
    if (!members(loc, t, depth, first, 0)) return false;
    e_.stmt("_stp_tv_appendf(STAP_RETVALUE, \"}\");");
    return true;
  }

  bool members(const Location& loc, Dwarf_Die* t, int depth, bool& first, int nest) {
    Dwarf_Die child;
    if (nest > 8 || dwarf_child(t, &child) != 0) return true;
    do {
      if (dwarf_tag(&child) != DW_TAG_member) continue;
      const char* n = name_attr(&child);
      Dwarf_Die tmem;
      Dwarf_Die* mt = type_of(&child, &tmem);
      if (!mt) continue;
      Member m;
      Location at = loc;
      if (!n) {
        Dwarf_Attribute a;
        Dwarf_Word off = 0;
        if (dwarf_attr_integrate(&child, DW_AT_data_member_location, &a)) dwarf_formudata(&a, &off);
        Dwarf_Die smem;
        Dwarf_Die* st = strip(mt, &smem);
        if (st && is_aggregate(st)) {
          at.c = plus(loc.c, static_cast<int64_t>(off));
          if (!members(at, st, depth, first, nest + 1)) return false;
        }
        continue;
      }
      if (!find_member(t, n, m)) continue;
      at.c = plus(loc.c, m.offset);
      e_.stmt(fmt::format("_stp_tv_appendf(STAP_RETVALUE, \"{}.{}=\");", first ? "" : ", ", n));
      first = false;
      if (!pretty(at, *mt, depth - 1, m.bit_size, m.bit_size ? m.bit_offset % 8 : 0)) return false;
    } while (dwarf_siblingof(&child, &child) == 0);
    return true;
  }

  bool fail(std::string why) {
    error_ = std::move(why);
    return false;
  }

  CEmitter& e_;
  Location loc_;
  Dwarf_Die type_;
  std::string what_;

 public:
  // Where a struct only declared in one unit is looked up whole (a
  // member through `struct fs_struct *` in a unit that never defines it).
  Module* module_ = nullptr;

 private:
  bool complete(Dwarf_Die* decl, Dwarf_Die* out) {
    if (!module_) return false;
    const uint64_t off = module_->type_named(describe_type(decl));
    return off && dwarf_offdie(module_->dwarf(), off, out);
  }
  int64_t bit_size_ = 0;
  int64_t bit_shift_ = 0;
  std::string error_;
};

// The body, with the registers it reads (kernel C: declarations first).
std::string with_registers(const CEmitter& e) {
  std::string body = e.body();
  if (body.find("_r->") == std::string::npos) return body;
  return "\tstruct pt_regs *_r = CONTEXT->kregs;\n" +
         e.body("if (!_r) STAP_ERROR(\"no registers to read target variables from\");");
}

// The steps and the final read (or write) of `spec` from `loc`, a value of
// `type`: `out` gets the body, or the walk's error.
TargetCode walk(CEmitter& e, Location loc, Dwarf_Die type, std::string what,
                const TargetSpec& spec, TargetCode out = {}, int first_index_arg = 0,
                Module* module = nullptr) {
  Walker w(e, std::move(loc), type, std::move(what));
  w.module_ = module;
  // value() reports a read of an optimized-away piece by setting the error.
  if (!w.steps(spec.steps, first_index_arg) || !w.finish(spec, out) || !w.error().empty()) {
    out.error = w.error();
    return out;
  }
  out.c = with_registers(e);
  return out;
}

// The subprogram whose frame base a variable of `scope` uses.
bool frame_function(Dwarf_Die* scope, Dwarf_Die* out) {
  if (dwarf_tag(scope) == DW_TAG_subprogram) {
    *out = *scope;
    return true;
  }
  Dwarf_Die* scopes = nullptr;
  int n = dwarf_getscopes_die(scope, &scopes);
  bool found = false;
  for (int i = 0; i < n; ++i)
    if (dwarf_tag(&scopes[i]) == DW_TAG_subprogram) {
      *out = scopes[i];
      found = true;
      break;
    }
  std::free(scopes);
  return found;
}

struct ScopeVar {
  Dwarf_Die die;
  bool param = false;
};

// Parameters and variables of `scope` and of the lexical blocks in it that
// hold pc, outermost first.
void scope_vars(Dwarf_Die* scope, uint64_t pc, std::vector<ScopeVar>& out, int depth = 0) {
  Dwarf_Die child;
  if (depth > 16 || dwarf_child(scope, &child) != 0) return;
  std::vector<Dwarf_Die> blocks;
  do {
    const int tag = dwarf_tag(&child);
    if (tag == DW_TAG_formal_parameter || tag == DW_TAG_variable) {
      if (name_attr(&child)) out.push_back({child, tag == DW_TAG_formal_parameter});
    } else if (tag == DW_TAG_lexical_block && dwarf_haspc(&child, pc) == 1) {
      blocks.push_back(child);
    }
  } while (dwarf_siblingof(&child, &child) == 0);
  for (auto& b : blocks) scope_vars(&b, pc, out, depth + 1);
}

// The DIE at `off` into `die`; false with out.error set when the object has
// none there (a stale offset).
bool die_at(Module& m, uint64_t off, Dwarf_Die& die, TargetCode& out, const char* what) {
  if (dwarf_offdie(m.dwarf(), off, &die)) return true;
  out.error = fmt::format("the {} is gone from the debuginfo", what);
  return false;
}

// The code of variable `var` found at `loc` (None: why it is not there).
TargetCode variable_code(CEmitter& e, Dwarf_Die& var, Location loc, const TargetSpec& spec) {
  TargetCode out;
  if (loc.kind == Location::None) {
    out.error = fmt::format("'${}' is {}", spec.name, loc.error);
    return out;
  }
  Dwarf_Die tmem;
  Dwarf_Die* t = type_of(&var, &tmem);
  if (!t) {
    out.error = fmt::format("'${}' has no type", spec.name);
    return out;
  }
  return walk(e, loc, *t, "$" + spec.name, spec);
}

}  // namespace

TargetCode TargetTranslator::variable(const ProbeScope& where, const TargetSpec& spec) {
  TargetCode out;
  Dwarf_Die scope;
  if (!die_at(m_, where.die, scope, out, "probe's function")) return out;
  std::vector<ScopeVar> vars;
  scope_vars(&scope, where.pc, vars);
  const ScopeVar* found = nullptr;
  for (auto it = vars.rbegin(); it != vars.rend(); ++it)  // innermost wins
    if (spec.name == name_attr(&it->die)) {
      found = &*it;
      break;
    }
  const char* fn = name_attr(&scope);
  if (!found) {
    // A global of the unit (or of the object) the probe's function is in.
    Dwarf_Die cu;
    if (dwarf_diecu(&scope, &cu, nullptr, nullptr)) {
      if (uint64_t g = m_.global_variable(spec.name, "", dwarf_dieoffset(&cu))) {
        TargetCode code = global(g, spec);
        if (code.error.empty()) return code;
      }
    }
    std::string alts;
    for (auto& v : vars) alts += (alts.empty() ? "$" : " $") + std::string(name_attr(&v.die));
    out.error = fmt::format("unable to find local '{}', near pc {:#x} in {} (alternatives: {})",
                            spec.name, where.pc, fn ? fn : "?", alts);
    return out;
  }
  Dwarf_Die frame_fn;
  bool have_frame = frame_function(&scope, &frame_fn);
  CEmitter e(kFault);
  Dwarf_Die var = found->die;
  Location loc = variable_location(m_, &var, have_frame ? &frame_fn : nullptr, where.pc,
                                   where.at_entry, e);
  return variable_code(e, var, std::move(loc), spec);
}

TargetCode TargetTranslator::global(uint64_t var_die, const TargetSpec& spec) {
  TargetCode out;
  Dwarf_Die var;
  if (!die_at(m_, var_die, var, out, "variable")) return out;
  CEmitter e(kFault);
  // A global's location does not depend on where the probe is.
  Location loc = variable_location(m_, &var, nullptr, 0, false, e);
  return variable_code(e, var, std::move(loc), spec);
}

TargetCode TargetTranslator::return_value(uint64_t fn_die, const TargetSpec& spec) {
  TargetCode out;
  Dwarf_Die fn;
  if (!die_at(m_, fn_die, fn, out, "probe's function")) return out;
  Dwarf_Die tmem;
  Dwarf_Die* t = type_of(&fn, &tmem);
  if (!t) {
    out.error = "the function returns no value (void)";
    return out;
  }
  Dwarf_Die smem;
  Scalar s;
  if (!scalar_of(strip(t, &smem), s) && !spec.pretty) {
    out.error = fmt::format("the return value's type {} is not one a register holds",
                            describe_type(t));
    return out;
  }
  CEmitter e(kFault);
  return walk(e, {Location::Register, "_r->ax", {}}, *t, "$return", spec);
}

TargetCode TargetTranslator::cast(uint64_t type_die, const TargetSpec& spec) {
  TargetCode out;
  Dwarf_Die t;
  if (!die_at(m_, type_die, t, out, "type")) return out;
  if (spec.steps.empty() && !spec.pretty && !spec.address_of && !spec.write) {
    // @cast(p, "T") alone is the pointer itself.
    out.c = "\tSTAP_RETURN(STAP_ARG_ptr);\n";
    out.type = describe_type(&t) + "*";
    return out;
  }
  CEmitter e(kFault);
  if (!spec.steps.empty() && spec.steps[0].kind == TargetStep::Index) {
    // @cast(p, "T")[i]: p taken as an array of T.
    Dwarf_Die smem;
    Dwarf_Die* st = strip(&t, &smem);
    const int64_t size = st ? size_of(st) : 0;
    if (size <= 0) {
      out.error = fmt::format("'@cast' ({}) has no size to index by", describe_type(&t));
      return out;
    }
    TargetSpec rest = spec;
    rest.steps.erase(rest.steps.begin());
    return walk(e,
                {Location::Memory,
                 fmt::format("((uint64_t)STAP_ARG_ptr + (uint64_t)STAP_ARG_i0 * {:#x}ULL)", size),
                 {}},
                t, "@cast[]", rest, {}, 1, &m_);
  }
  return walk(e, {Location::Memory, "(uint64_t)STAP_ARG_ptr", {}}, t, "@cast", spec, {}, 0,
              &m_);
}

TargetCode TargetTranslator::vars(const ProbeScope& where, VarSet which, bool pretty) {
  TargetCode out;
  out.is_string = true;
  out.type = "string";
  Dwarf_Die scope;
  if (!die_at(m_, where.die, scope, out, "probe's function")) return out;
  std::vector<ScopeVar> vars;
  scope_vars(&scope, where.pc, vars);
  Dwarf_Die frame_fn;
  bool have_frame = frame_function(&scope, &frame_fn);
  CEmitter e(kFault);
  e.stmt("STAP_RETVALUE[0] = '\\0';");
  bool first = true;
  int k = 0;
  for (auto& v : vars) {
    if (which == VarSet::Parms && !v.param) continue;
    if (which == VarSet::Locals && v.param) continue;
    const std::string name = name_attr(&v.die);
    const std::string sep = first ? "" : " ";
    first = false;
    const std::string skip = fmt::format("_tv_skip{}", k), done = fmt::format("_tv_done{}", k);
    ++k;
    // A variable that cannot be read prints as name=?.
    CEmitter probe_e("");
    Location loc = variable_location(m_, &v.die, have_frame ? &frame_fn : nullptr, where.pc,
                                     where.at_entry, probe_e);
    Dwarf_Die tmem;
    Dwarf_Die* t = type_of(&v.die, &tmem);
    Dwarf_Die smem;
    Scalar s;
    const bool scalar = t && scalar_of(strip(t, &smem), s);
    if (loc.kind == Location::None || !t || (!scalar && !pretty)) {
      e.stmt(fmt::format("_stp_tv_appendf(STAP_RETVALUE, \"{}{}=?\");", sep, name));
      continue;
    }
    e.stmt(fmt::format("_stp_tv_appendf(STAP_RETVALUE, \"{}{}=\");", sep, name));
    // A fault takes back what was appended of the value, then writes '?'.
    const std::string len = e.temp();
    e.stmt(fmt::format("{} = strnlen(STAP_RETVALUE, MAXSTRINGLEN);", len));
    e.set_fault("goto " + skip + ";");
    loc = variable_location(m_, &v.die, have_frame ? &frame_fn : nullptr, where.pc,
                            where.at_entry, e);
    Walker w(e, loc, *t, "$" + name);
    if (pretty) {
      if (!w.append_pretty(1)) e.stmt("_stp_tv_appendf(STAP_RETVALUE, \"?\");");
    } else {
      std::string v = w.value(s);
      e.stmt(fmt::format("_stp_tv_appendf(STAP_RETVALUE, \"0x%llx\", (unsigned long long){});", v));
    }
    const std::string body = e.body();
    if (body.find("goto " + skip) != std::string::npos) {
      e.stmt(fmt::format("goto {};", done));
      e.stmt(fmt::format("{}: STAP_RETVALUE[{}] = '\\0'; _stp_tv_appendf(STAP_RETVALUE, \"?\");",
                         skip, len));
      e.stmt(fmt::format("{}: ;", done));
    } else {
      e.stmt(fmt::format("(void){};", len));
    }
    e.set_fault(kFault);
  }
  out.c = with_registers(e);
  return out;
}

TargetCode TargetTranslator::return_string(uint64_t fn_die) {
  TargetCode out;
  out.is_string = true;
  out.type = "string";
  Dwarf_Die fn;
  if (!die_at(m_, fn_die, fn, out, "probe's function")) return out;
  Dwarf_Die tmem;
  Dwarf_Die* t = type_of(&fn, &tmem);
  if (!t) {
    out.c = "\tSTAP_RETVALUE[0] = '\\0';\n";
    return out;
  }
  Dwarf_Die smem;
  Scalar s;
  if (!scalar_of(strip(t, &smem), s)) {
    out.c = "\tstrlcpy(STAP_RETVALUE, \"return=?\", MAXSTRINGLEN);\n";
    return out;
  }
  CEmitter e(kFault);
  e.stmt(fmt::format(
      "snprintf(STAP_RETVALUE, MAXSTRINGLEN, \"return=0x%llx\", (unsigned long long){});",
      extend("_r->ax", s)));
  out.c = with_registers(e);
  return out;
}

}  // namespace cxxtap::debuginfo
