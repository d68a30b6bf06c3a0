// DWARF location expressions to C (x86_64 kernel code).
//
// A variable's location at the probe address (its DW_AT_location, or the
// entry of its location list covering the address) becomes a C expression
// over the probe's registers (`_r`, the struct pt_regs * of the hit):
// registers (DW_OP_reg*), register + offset (DW_OP_breg*), the frame base
// (DW_OP_fbreg through DW_AT_frame_base, DW_OP_call_frame_cfa through the
// object's CFI), constants and arithmetic, DW_OP_deref[_size] (a
// fault-tolerant read), DW_OP_stack_value, DW_OP_implicit_value, values
// in pieces (DW_OP_piece: registers, memory and computed values gathered
// into a buffer, read-only), and DW_OP_entry_value of a
// register at the function's first instruction. Anything else is reported
// as untranslatable (the script then gets a semantic error, or @defined 0).
#pragma once

#include <elfutils/libdw.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace cxxtap::debuginfo {

class Module;

// The statements of one generated function body. Values are uint64_t
// temporaries declared at its top (kernel C: no declarations after
// statements).
class CEmitter {
 public:
  // `fault` is the statement run when a read faults; "{addr}" in it is
  // replaced by the C expression of the address.
  explicit CEmitter(std::string fault) : fault_(std::move(fault)) {}

  std::string temp(const std::string& c_type = "uint64_t");
  // A byte array of `size` bytes, uninitialised.
  std::string buffer(std::size_t size);
  void stmt(std::string s) { stmts_.push_back(std::move(s)); }
  // `size` (1..8) bytes at `addr` into a new temporary, zero-extended.
  std::string read(const std::string& addr, int size);
  std::string fault(const std::string& addr) const;
  void set_fault(std::string f) { fault_ = std::move(f); }
  // Declarations, then `first` (a statement), then the statements.
  std::string body(const std::string& first = "") const;

 private:
  std::string fault_;
  std::vector<std::string> decls_;
  std::vector<std::string> stmts_;
  int temps_ = 0;
};

struct Location {
  enum Kind { None, Register, Memory, Value } kind = None;
  std::string c;      // Register: "_r->di"; Memory: the address; Value: the value
  std::string error;  // None: why
  // Memory that is a copy of the value (its pieces gathered in a buffer of
  // the generated function): readable, not writable. The byte ranges of the
  // copy that are optimized away (`holes`) must not be read; `copy_at` is
  // where this location is in the copy (-1: not known, after an index).
  bool copy = false;
  std::vector<std::pair<uint64_t, uint64_t>> holes;
  int64_t copy_at = 0;

  // Whether `size` bytes here may overlap a hole.
  bool in_hole(uint64_t size) const {
    if (holes.empty()) return false;
    if (copy_at < 0) return true;
    const uint64_t lo = static_cast<uint64_t>(copy_at), hi = lo + size;
    for (auto [a, b] : holes)
      if (lo < b && a < hi) return true;
    return false;
  }
};

// The location of variable DIE `var` at `pc`; `frame_fn` is the subprogram
// whose DW_AT_frame_base DW_OP_fbreg uses; `at_entry`: pc is the outermost
// function's first instruction.
Location variable_location(Module& m, Dwarf_Die* var, Dwarf_Die* frame_fn, uint64_t pc,
                           bool at_entry, CEmitter& out);

// The pt_regs member of DWARF register `regno`, or "" (x86_64 numbering).
std::string pt_regs_member(unsigned regno);

}  // namespace cxxtap::debuginfo
