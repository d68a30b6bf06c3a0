// The right operand of =~ / !~ compiled at translation time: the tree
// lang::parse_regex builds (include/cxxtap/lang/regex_syntax.h: the syntax
// supported, shared with pass 2's check) into the instruction array that
// the runtime's Pike VM runs (runtime/regex.h describes the program and the
// match rules), and the C text of that program for the generated module.
#pragma once

#include "runtime/regex.h"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace cxxtap::translate {

struct RegexProgram {
  std::vector<_stp_regex_insn> insn;
  std::vector<std::array<uint8_t, 32>> classes;
  std::vector<uint8_t> group_tag;  // group g (1..) -> subpattern group_tag[g - 1]
  uint16_t nthreads = 0;
  uint16_t ntags = 0;
  uint16_t ngroups = 1;
  // Bytes of work area the runtime needs to run it (STP_REGEX_WORK_BYTES).
  std::size_t work_bytes() const;
  // A C view of it (pointing into this object) for running it in-process.
  _stp_regex_prog view() const;
};

struct RegexError {
  std::string message;
};

// `pattern` is the regex itself (the string literal already unescaped).
// Rejects patterns whose program would exceed the runtime's limits.
std::variant<RegexProgram, RegexError> compile_regex(std::string_view pattern);

// A stable C identifier for the pattern's program (_stp_re_<hash>).
std::string regex_c_name(std::string_view pattern);

// File-scope C definitions of `prog` as `static const struct _stp_regex_prog
// NAME` (guarded with #ifndef NAME so that a pattern used twice is defined
// once); `pattern` goes into a comment.
std::string regex_program_c(const RegexProgram& prog, const std::string& name,
                            std::string_view pattern);

}  // namespace cxxtap::translate
