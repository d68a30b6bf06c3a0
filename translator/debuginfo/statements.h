// Probe sites inside functions, for kernel.statement("FN@FILE:LINES"),
// kernel.statement(ADDRESS) and kernel.function(ADDRESS): source lines and
// addresses mapped to code through the line table of the function's
// compilation unit.
//
// The line part of a pattern (stapprobes(3stap)):
//   ":N"         line N of FILE
//   ":N-M,K"     lines N to M and line K
//   ":*"         every line of the function that has code
//   "+N"         N lines after the line that declares the function
// A line is probed at the lowest address the line table gives it inside the
// function's code (all its address ranges), counting only rows of the file
// the function is declared in (not the headers inlined into it) and lines
// from its declaration to the next function's. When lines share an
// address only one keeps it (statements.cpp says which). That is where
// stap 4.8 puts them, and which lines it lists. A line with no code has no site; with
// `nearest`, the closest line that has code stands in for it (the later one
// on a tie), listed under the written line as stap does.
#pragma once

#include "module.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cxxtap::debuginfo {

struct LineSpec {
  bool all = false;       // ":*"
  bool relative = false;  // "+N"
  std::vector<std::pair<int, int>> ranges;  // inclusive; one line is {N, N}
  bool nearest = false;
};

// Parses what follows the ':' (sep ':') or the '+' (sep '+') of a pattern.
// Nullopt with `error` set when it is not a line list.
std::optional<LineSpec> parse_lines(char sep, std::string_view text, std::string& error);

// The sites of the lines of every out-of-line function matching `q` (its
// kind is taken as Call: an inlined copy has no lines of its own to number).
// Sorted like Module::functions, then by line.
std::vector<FunctionSite> statements(Module& m, FunctionQuery q, const LineSpec& lines);

// kernel.function("F").label("L"): the labels of the out-of-line functions
// matching `q` whose name matches the glob `label` and that have an address
// (DW_TAG_label with DW_AT_low_pc, in the function or its lexical blocks),
// sorted like Module::functions, then by address. The site's line is the
// label's.
struct LabelSite {
  FunctionSite site;
  std::string label;
};
std::vector<LabelSite> labels(Module& m, FunctionQuery q, const std::string& label);

// The out-of-line function holding the object address `addr`, probed as
// functions() would probe it (`q` gives the prologue mode), or the exact
// statement at `addr` (which must be the address of a line-table row: stap
// checks an address against "known statement code boundaries" too).
// Nullopt with `error` set otherwise.
std::optional<FunctionSite> function_at(Module& m, uint64_t addr, FunctionQuery q,
                                        std::string& error);
std::optional<FunctionSite> statement_at(Module& m, uint64_t addr, std::string& error);

}  // namespace cxxtap::debuginfo
