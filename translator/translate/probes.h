// Probe handlers and the probe table of the generated C.
#pragma once

#include "globals.h"
#include "translate.h"

#include <string>
#include <vector>

namespace cxxtap::translate {

// File-scope declarations and init statements that bodies asked for.
struct Extras {
  std::string statics;
  std::string inits;
  void add(const std::vector<std::string>& st, const std::vector<std::string>& in) {
    for (const auto& x : st) statics += x + "\n";
    for (const auto& x : in) inits += x;
  }
};

// The handler functions (with their frame structs) and the probe table.
// Reports probes whose family pass 3 cannot translate (yet, or in this mode).
std::string probe_handlers(const elaborate::Program& p, const Globals& g,
                           const TranslateOptions& opts, Diagnostics& diags, Extras& extras);

// The statements that give each of `vars` (members of the frame `l`) its
// initial value, 0 or "": frames are pushed uninitialised (runtime/frame.h).
std::string init_locals(const std::vector<std::unique_ptr<elaborate::Variable>>& vars);

// One C function (with its frame struct) per script function, after the
// frame structs of all of them (a body may call any other).
std::string function_definitions(const elaborate::Program& p, const Globals& g,
                                 bool user_runtime, Diagnostics& diags, Extras& extras);

}  // namespace cxxtap::translate
