// Pass 1 as the driver runs it: read the user script (file, -e, stdin),
// find and parse the tapset library, and report both.
#pragma once

#include "options.h"

#include "../elaborate/elaborate.h"
#include "../parse/parser.h"

#include <cxxtap/support/diagnostics.h>

namespace cxxtap::driver {

struct Pass1Result {
  std::vector<ir::FilePtr> user_files;  // the script, then -E scripts
  elaborate::Library library;
  bool ok = false;
};

// The facts preprocessor conditions are evaluated against (-r, arch,
// --compatible, -g, kernel .config).
parse::PreprocessorContext make_preprocessor_context(const Options& o);

// Tapset directories, in search order: -I directories, then ours.
std::vector<std::string> tapset_dirs(const Options& o);

Pass1Result run_pass1(const Options& o, Diagnostics& diags);

// The kernel release pass 2 reads debuginfo for: the one pass 4 builds for
// (-r, else the running kernel's, else the newest installed headers').
std::string target_kernel_release(const Options& o);

// Parses the library alone (for --dump-functions and -l).
// `macros_out`, if given, receives the macros of the library's *.stpm files,
// which user scripts may use.
elaborate::Library load_library(const Options& o, const parse::PreprocessorContext& ctx,
                                Diagnostics& diags, parse::MacroTable* macros_out = nullptr);

}  // namespace cxxtap::driver
