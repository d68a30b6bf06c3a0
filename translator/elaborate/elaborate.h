// Pass 2: elaboration. Takes the parsed user script and the parsed tapset
// library, and produces a Program: aliases expanded, probe points resolved
// through the family registry, symbols resolved, tapset files pulled in on
// demand, types inferred, unused code elided (unless -u).
#pragma once

#include "probe_families.h"
#include "program.h"

#include <cxxtap/support/diagnostics.h>

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace cxxtap::elaborate {

struct ElaborateOptions {
  bool unoptimized = false;  // -u: keep unused functions, globals, probes
  bool guru = false;         // -g
  bool verbose = false;      // -v: listing shows bodies
  // The kernel DWARF families resolve against (-r, or the kernel pass 4
  // builds for); empty: the running kernel's.
  std::string kernel_release;
  bool prologue_always = false;  // -P / --prologue-searching=always
};

// The parsed library: every tapset file, parsed in pass 1 (as stap does);
// elaboration takes only the files it needs out of it.
struct Library {
  std::vector<ir::FilePtr> files;
};

// The steps, in order (elaborate.cpp):
//   1. index the library; register every probe alias;
//   2. derive probes (alias expansion, family resolution) and resolve
//      symbols, pulling in library files, to a fixpoint;
//   3. warn about never-assigned variables; elide dead code (not with -u);
//   4. infer types;
//   5. drop branches ruled out by constants; report $targets left alive;
//   6. elide empty probes, drop what is unreachable;
//   7. add the global-display and condition-arming probes;
//   8. check privileges.
// Returns nothing when there were errors (they are in `diags`).
std::optional<Program> elaborate(std::vector<ir::FilePtr> user_files, Library library,
                                 const ElaborateOptions& opts, Diagnostics& diags);

// The -p2 listing: "# globals", "# functions", "# probes" in stap's format.
void print_listing(std::ostream& os, const Program& p, bool verbose);

// `stap -l PATTERN` / `-L PATTERN`. The driver wraps the pattern as
// `probe PATTERN {}` (as stap does) and parses it into `user_files`. Returns
// the distinct points it resolves to, sorted; with `with_vars` each line
// also lists the probe's variables ("name:type ..."). Errors are not
// reported (an empty result means no match).
std::vector<std::string> list_probes(std::vector<ir::FilePtr> user_files, Library library,
                                     bool with_vars, const ElaborateOptions& opts);

}  // namespace cxxtap::elaborate
