#include "loc2c.h"

#include "module.h"

#include <dwarf.h>
#include <elfutils/libdwfl.h>

#include <fmt/format.h>

#include <cstdlib>
#include <optional>

namespace cxxtap::debuginfo {

std::string CEmitter::temp(const std::string& c_type) {
  std::string name = "_t" + std::to_string(temps_++);
  decls_.push_back(fmt::format("{} {} = 0;", c_type, name));
  return name;
}

std::string CEmitter::buffer(std::size_t size) {
  std::string name = "_b" + std::to_string(temps_++);
  decls_.push_back(fmt::format("uint8_t {}[{}];", name, size));
  return name;
}

std::string CEmitter::read(const std::string& addr, int size) {
  std::string t = temp();
  stmts_.push_back(fmt::format("if (_stp_tv_read(&{}, {}, {})) {}", t, addr, size, fault(addr)));
  return t;
}

std::string CEmitter::fault(const std::string& addr) const {
  std::string s = fault_;
  for (auto at = s.find("{addr}"); at != std::string::npos; at = s.find("{addr}", at + addr.size()))
    s.replace(at, 6, addr);
  return s;
}

std::string CEmitter::body(const std::string& first) const {
  std::string out;
  for (const auto& d : decls_) out += "\t" + d + "\n";
  if (!first.empty()) out += "\t" + first + "\n";
  for (const auto& s : stmts_) out += "\t" + s + "\n";
  return out;
}

std::string pt_regs_member(unsigned regno) {
  static const char* const names[] = {"ax", "dx", "cx", "bx", "si", "di", "bp", "sp",  "r8",
                                      "r9", "r10", "r11", "r12", "r13", "r14", "r15", "ip"};
  return regno < std::size(names) ? std::string("_r->") + names[regno] : std::string();
}

namespace {

const char* op_name(unsigned op) {
  const char* n = nullptr;
  switch (op) {
    case DW_OP_GNU_parameter_ref: n = "DW_OP_GNU_parameter_ref"; break;
    case DW_OP_implicit_pointer:
    case DW_OP_GNU_implicit_pointer: n = "DW_OP_implicit_pointer"; break;
    case DW_OP_form_tls_address:
    case DW_OP_GNU_push_tls_address: n = "DW_OP_form_tls_address"; break;
    case DW_OP_bra: n = "DW_OP_bra"; break;
    case DW_OP_skip: n = "DW_OP_skip"; break;
    case DW_OP_convert:
    case DW_OP_GNU_convert: n = "DW_OP_convert"; break;
    default: break;
  }
  return n;
}

class Evaluator {
 public:
  Evaluator(Module& m, Dwarf_Die* frame_fn, uint64_t pc, bool at_entry, CEmitter& out)
      : m_(m), frame_fn_(frame_fn), pc_(pc), at_entry_(at_entry), out_(out) {}

  Location run(const Dwarf_Op* ops, size_t n, int depth = 0) {
    Location loc;
    if (depth > 4) return fail("location expression nests too deeply");
    pieces_.clear();
    // A location that ends a piece (DW_OP_regN, DW_OP_stack_value, ...
    // followed by DW_OP_piece) is kept and the expression goes on.
    auto piece_ends = [&](size_t i) { return i + 1 < n && ops[i + 1].atom == DW_OP_piece; };
    for (size_t i = 0; i < n; ++i) {
      const Dwarf_Op& op = ops[i];
      const unsigned a = op.atom;
      if ((a >= DW_OP_reg0 && a <= DW_OP_reg31) || a == DW_OP_regx) {
        const unsigned r = a == DW_OP_regx ? static_cast<unsigned>(op.number) : a - DW_OP_reg0;
        Location l = reg_location(r);
        if (l.kind == Location::None) return l;
        if (piece_ends(i)) {
          pieces_.push_back({l, ops[++i].number});
          continue;
        }
        if (i + 1 < n) return fail("register location in the middle of an expression");
        if (!pieces_.empty()) return fail("a register after the pieces of a value");
        return l;
      }
      if (a >= DW_OP_breg0 && a <= DW_OP_breg31) {
        if (!breg(a - DW_OP_breg0, static_cast<int64_t>(op.number))) return fail(error_);
        continue;
      }
      if (a >= DW_OP_lit0 && a <= DW_OP_lit31) {
        push(std::to_string(a - DW_OP_lit0) + "ULL");
        continue;
      }
      switch (a) {
        case DW_OP_addr: {
          std::string at = static_address(op.number);
          if (at.empty()) return fail(error_);
          push(at);
          break;
        }
        case DW_OP_bregx:
          if (!breg(static_cast<unsigned>(op.number), static_cast<int64_t>(op.number2)))
            return fail(error_);
          break;
        case DW_OP_fbreg: {
          std::string base = frame_base(depth);
          if (base.empty()) return fail(error_);
          push(offset(base, static_cast<int64_t>(op.number)));
          break;
        }
        case DW_OP_call_frame_cfa: {
          std::string cfa = call_frame_cfa(depth);
          if (cfa.empty()) return fail(error_);
          push(cfa);
          break;
        }
        case DW_OP_const1u: case DW_OP_const2u: case DW_OP_const4u: case DW_OP_const8u:
        case DW_OP_constu:
          push(fmt::format("{:#x}ULL", op.number));
          break;
        case DW_OP_const1s: case DW_OP_const2s: case DW_OP_const4s: case DW_OP_const8s:
        case DW_OP_consts:
          push(fmt::format("(uint64_t){}LL", static_cast<int64_t>(op.number)));
          break;
        case DW_OP_dup:
          if (!need(1)) return fail(error_);
          push(stack_.back());
          break;
        case DW_OP_drop:
          if (!need(1)) return fail(error_);
          stack_.pop_back();
          break;
        case DW_OP_over:
          if (!need(2)) return fail(error_);
          push(stack_[stack_.size() - 2]);
          break;
        case DW_OP_swap:
          if (!need(2)) return fail(error_);
          std::swap(stack_[stack_.size() - 1], stack_[stack_.size() - 2]);
          break;
        case DW_OP_plus_uconst:
          if (!need(1)) return fail(error_);
          stack_.back() = offset(stack_.back(), static_cast<int64_t>(op.number));
          break;
        case DW_OP_plus: case DW_OP_minus: case DW_OP_mul: case DW_OP_and: case DW_OP_or:
        case DW_OP_xor: case DW_OP_shl: case DW_OP_shr: case DW_OP_shra: {
          if (!need(2)) return fail(error_);
          std::string b = pop(), x = pop();
          const char* o = a == DW_OP_plus ? "+" : a == DW_OP_minus ? "-" : a == DW_OP_mul ? "*"
                        : a == DW_OP_and ? "&" : a == DW_OP_or ? "|" : a == DW_OP_xor ? "^"
                        : a == DW_OP_shl ? "<<" : ">>";
          if (a == DW_OP_shra)
            push(fmt::format("(uint64_t)((int64_t){} >> ({} & 63))", x, b));
          else if (a == DW_OP_shl || a == DW_OP_shr)
            push(fmt::format("({} {} ({} & 63))", x, o, b));
          else
            push(fmt::format("({} {} {})", x, o, b));
          break;
        }
        case DW_OP_neg:
          if (!need(1)) return fail(error_);
          stack_.back() = fmt::format("(uint64_t)-(int64_t){}", stack_.back());
          break;
        case DW_OP_not:
          if (!need(1)) return fail(error_);
          stack_.back() = fmt::format("(~{})", stack_.back());
          break;
        case DW_OP_deref:
          if (!need(1)) return fail(error_);
          push(out_.read(pop(), 8));
          break;
        case DW_OP_deref_size:
          if (!need(1)) return fail(error_);
          if (op.number < 1 || op.number > 8) return fail("DW_OP_deref_size of a bad size");
          push(out_.read(pop(), static_cast<int>(op.number)));
          break;
        case DW_OP_nop:
          break;
        case DW_OP_stack_value:
          if (!need(1)) return fail(error_);
          loc.kind = Location::Value;
          loc.c = pop();
          if (piece_ends(i)) {
            pieces_.push_back({loc, ops[++i].number});
            loc = {};
            continue;
          }
          return loc;
        case DW_OP_implicit_value: {
          Dwarf_Block block{};
          if (dwarf_getlocation_implicit_value(&attr_, &op, &block) != 0 || block.length > 8)
            return fail("an implicit value this translator cannot read");
          uint64_t v = 0;
          for (Dwarf_Word k = 0; k < block.length; ++k) v |= uint64_t(block.data[k]) << (8 * k);
          loc.kind = Location::Value;
          loc.c = fmt::format("{:#x}ULL", v);
          if (piece_ends(i)) {
            pieces_.push_back({loc, ops[++i].number});
            loc = {};
            continue;
          }
          return loc;
        }
        case DW_OP_entry_value:
        case DW_OP_GNU_entry_value: {
          // The operand is a nested expression; a lone DW_OP_regN there is
          // the register's value on entry, which is known at the entry only.
          Dwarf_Attribute sub;
          Dwarf_Op* sub_ops = nullptr;
          size_t sub_n = 0;
          if (dwarf_getlocation_attr(&attr_, &op, &sub) != 0 ||
              dwarf_getlocation(&sub, &sub_ops, &sub_n) != 0 || sub_n != 1)
            return fail("an entry value this translator cannot read");
          unsigned r = 0;
          if (sub_ops[0].atom >= DW_OP_reg0 && sub_ops[0].atom <= DW_OP_reg31)
            r = sub_ops[0].atom - DW_OP_reg0;
          else if (sub_ops[0].atom == DW_OP_regx)
            r = static_cast<unsigned>(sub_ops[0].number);
          else
            return fail("an entry value this translator cannot read");
          if (!at_entry_)
            return fail("the value on entry (DW_OP_entry_value) is not available here");
          std::string reg = pt_regs_member(r);
          if (reg.empty()) return fail(fmt::format("unknown register {}", r));
          push(reg);
          break;
        }
        case DW_OP_piece:
          // A piece in memory (an address on the stack), or, with nothing
          // on the stack, a piece that is optimized away.
          if (stack_.empty()) {
            pieces_.push_back({Location{Location::None, "", "optimized away"}, op.number});
          } else {
            pieces_.push_back({Location{Location::Memory, pop(), ""}, op.number});
          }
          break;
        default: {
          const char* name = op_name(a);
          return fail(name ? fmt::format("location operation {} is not supported", name)
                           : fmt::format("location operation {:#x} is not supported", a));
        }
      }
    }
    if (!pieces_.empty()) {
      if (!stack_.empty()) return fail("a location after the pieces of a value");
      return composite();
    }
    if (stack_.empty()) return fail("empty location expression (optimized away)");
    loc.kind = Location::Memory;
    loc.c = pop();
    return loc;
  }

  Dwarf_Attribute attr_{};

 private:
  struct Piece {
    Location loc;
    uint64_t size;
  };

  Location reg_location(unsigned r) {
    Location loc;
    loc.c = pt_regs_member(r);
    if (loc.c.empty()) return fail(fmt::format("unknown register {}", r));
    loc.kind = Location::Register;
    return loc;
  }

  // A value in pieces. One piece is the value's leading bytes, where they
  // are (a register or memory: readable and writable as before). Several
  // are copied into a buffer of the generated function, in order, and the
  // value is read from there: a copy, so it cannot be written.
  Location composite() {
    if (pieces_.size() == 1) return pieces_[0].loc.kind == Location::None
                                        ? fail("not accessible at this address (optimized away)")
                                        : pieces_[0].loc;
    uint64_t total = 0;
    bool any = false;
    for (const auto& p : pieces_) {
      any = any || p.loc.kind != Location::None;
      if (p.size == 0 || (p.loc.kind != Location::None && p.loc.kind != Location::Memory &&
                          p.size > 8))
        return fail(fmt::format("a piece of {} bytes this translator cannot read", p.size));
      total += p.size;
    }
    if (!any) return fail("not accessible at this address (optimized away)");
    if (total > kMaxComposite)
      return fail(fmt::format("a value in pieces of {} bytes (at most {} are read)", total,
                              kMaxComposite));
    const std::string buf = out_.buffer(total);
    out_.stmt(fmt::format("memset({}, 0, sizeof({}));", buf, buf));
    Location loc;
    uint64_t off = 0;
    for (const auto& p : pieces_) {
      if (p.loc.kind == Location::None) {
        loc.holes.emplace_back(off, off + p.size);
      } else if (p.loc.kind == Location::Memory) {
        out_.stmt(fmt::format("if (_stp_tv_read(&{}[{}], {}, {})) {}", buf, off, p.loc.c, p.size,
                              out_.fault(p.loc.c)));
      } else {  // a register's or a computed value's low bytes
        out_.stmt(fmt::format("{{ uint64_t _v = (uint64_t)({}); memcpy(&{}[{}], &_v, {}); }}",
                              p.loc.c, buf, off, p.size));
      }
      off += p.size;
    }
    loc.kind = Location::Memory;
    loc.c = fmt::format("(uint64_t)(unsigned long){}", buf);
    loc.copy = true;
    return loc;
  }

  static constexpr uint64_t kMaxComposite = 64;
  std::vector<Piece> pieces_;

  bool breg(unsigned r, int64_t off) {
    std::string reg = pt_regs_member(r);
    if (reg.empty()) {
      error_ = fmt::format("unknown register {}", r);
      return false;
    }
    push(offset(reg, off));
    return true;
  }

  // A fixed address of the object where the running kernel has it. The
  // vmlinux is moved as a whole by the KASLR offset, taken from an exported
  // variable's address at run time and its address in the vmlinux here. A
  // module's sections were placed one by one when it was loaded: the
  // address is named by the symbol holding it, looked up in the loaded
  // module at run time (runtime/linux/session/module_symbols.h).
  std::string static_address(uint64_t addr) {
    if (!m_.is_kernel()) {
      auto sym = m_.symbol_holding(addr);
      if (!sym) {
        error_ = fmt::format("no symbol of {} holds the fixed address {:#x}", m_.path(), addr);
        return "";
      }
      const std::string mod = m_.kernel_name();
      const std::string t = out_.temp();
      out_.stmt(fmt::format("{} = _stp_module_symbol(\"{}\", \"{}\");", t, mod, sym->first));
      out_.stmt(fmt::format("if (!{}) STAP_ERROR(\"symbol {} of module {} not found (is it loaded?)\");",
                            t, sym->first, mod));
      return offset(t, static_cast<int64_t>(sym->second));
    }
    static const char* const kAnchor = "jiffies_64";
    auto anchor = m_.symbol_value(kAnchor);
    if (!anchor) {
      error_ = fmt::format("no '{}' symbol in {} to relocate DW_OP_addr by", kAnchor, m_.path());
      return "";
    }
    return offset(fmt::format("(uint64_t)&{}", kAnchor),
                  static_cast<int64_t>(addr - *anchor));
  }

  static std::string offset(const std::string& base, int64_t off) {
    if (off == 0) return base;
    return off > 0 ? fmt::format("({} + {:#x}ULL)", base, off)
                   : fmt::format("({} - {:#x}ULL)", base, -static_cast<uint64_t>(off));
  }

  std::string frame_base(int depth) {
    Dwarf_Attribute fb;
    if (!frame_fn_ || !dwarf_attr_integrate(frame_fn_, DW_AT_frame_base, &fb)) {
      error_ = "no frame base (DW_AT_frame_base)";
      return {};
    }
    Dwarf_Op* ops = nullptr;
    size_t n = 0;
    if (dwarf_getlocation_addr(&fb, pc_, &ops, &n, 1) <= 0 || n == 0) {
      error_ = "no frame base at this address";
      return {};
    }
    Evaluator sub(m_, nullptr, pc_, at_entry_, out_);
    sub.attr_ = fb;
    sub.cfa_ = cfa_;
    Location l = sub.run(ops, n, depth + 1);
    cfa_ = sub.cfa_;
    if (l.kind == Location::Register || l.kind == Location::Value) return l.c;
    if (l.kind == Location::Memory) return l.c;  // an expression's value is the base
    error_ = l.error;
    return {};
  }

  std::string call_frame_cfa(int depth) {
    if (!cfa_.empty()) return cfa_;
    // pc_ is a DWARF address (module address - m_.bias()); a CFI's
    // addresses are module address - its own bias.
    Dwarf_Addr bias = 0;
    Dwarf_CFI* cfi = dwfl_module_dwarf_cfi(m_.dwfl_module(), &bias);
    Dwarf_Frame* frame = nullptr;
    if (!cfi || dwarf_cfi_addrframe(cfi, pc_ + m_.bias() - bias, &frame) != 0) {
      cfi = dwfl_module_eh_cfi(m_.dwfl_module(), &bias);
      if (!cfi || dwarf_cfi_addrframe(cfi, pc_ + m_.bias() - bias, &frame) != 0)
        frame = nullptr;
    }
    if (!frame) {
      // Without call frame information only the entry is certain: the
      // return address was just pushed.
      if (at_entry_) return cfa_ = "(_r->sp + 8ULL)";
      error_ = "no call frame information for this address";
      return {};
    }
    Dwarf_Op* ops = nullptr;
    size_t n = 0;
    std::string out;
    if (dwarf_frame_cfa(frame, &ops, &n) == 0 && n > 0) {
      Evaluator sub(m_, nullptr, pc_, at_entry_, out_);
      Location l = sub.run(ops, n, depth + 1);
      if (l.kind == Location::Memory || l.kind == Location::Value) out = l.c;
      else error_ = l.error.empty() ? "an unusual canonical frame address" : l.error;
    } else {
      error_ = "no canonical frame address";
    }
    std::free(frame);
    return cfa_ = out;
  }

  Location fail(std::string why) {
    Location l;
    l.error = std::move(why);
    return l;
  }
  bool need(size_t k) {
    if (stack_.size() >= k) return true;
    error_ = "location expression stack underflow";
    return false;
  }
  void push(std::string s) { stack_.push_back(std::move(s)); }
  std::string pop() {
    std::string s = std::move(stack_.back());
    stack_.pop_back();
    return s;
  }

  Module& m_;
  Dwarf_Die* frame_fn_;
  uint64_t pc_;
  bool at_entry_;
  CEmitter& out_;
  std::vector<std::string> stack_;
  std::string error_;
  std::string cfa_;
};

}  // namespace

Location variable_location(Module& m, Dwarf_Die* var, Dwarf_Die* frame_fn, uint64_t pc,
                           bool at_entry, CEmitter& out) {
  Location l;
  Dwarf_Attribute attr;
  if (dwarf_hasattr_integrate(var, DW_AT_const_value)) {
    Dwarf_Attribute cv;
    dwarf_attr_integrate(var, DW_AT_const_value, &cv);
    Dwarf_Sword s = 0;
    Dwarf_Word u = 0;
    if (dwarf_formsdata(&cv, &s) == 0) {
      l.kind = Location::Value;
      l.c = fmt::format("(uint64_t){}LL", static_cast<int64_t>(s));
    } else if (dwarf_formudata(&cv, &u) == 0) {
      l.kind = Location::Value;
      l.c = fmt::format("{:#x}ULL", u);
    } else {
      l.error = "a constant value this translator cannot read";
    }
    return l;
  }
  if (!dwarf_attr(var, DW_AT_location, &attr)) {
    l.error = "not accessible at this address (no location: optimized away)";
    return l;
  }
  Dwarf_Op* ops = nullptr;
  size_t n = 0;
  if (dwarf_getlocation_addr(&attr, pc, &ops, &n, 1) <= 0 || n == 0) {
    l.error = fmt::format("not accessible at this address ({:#x})", pc);
    return l;
  }
  Evaluator e(m, frame_fn, pc, at_entry, out);
  e.attr_ = attr;
  return e.run(ops, n);
}

}  // namespace cxxtap::debuginfo
