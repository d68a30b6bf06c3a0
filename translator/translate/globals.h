// What pass 3 knows about each global: its C name and, for statistics, the
// shape (histogram, @variance shift) gathered from every use in the program.
#pragma once

#include "elaborate/program.h"

#include <cxxtap/support/diagnostics.h>

#include <string>
#include <unordered_map>
#include <vector>

namespace cxxtap::translate {

struct StatShape {
  enum Hist { None, Linear, Log } hist = None;
  int64_t start = 0, stop = 0, interval = 0;
  int64_t bit_shift = 0;
};

struct GlobalInfo {
  const elaborate::Variable* var = nullptr;
  std::string c_name;
  StatShape shape;  // statistics only
  bool is_stat() const { return var->type == ir::Type::Stats; }
  bool is_map() const { return var->is_array() && !is_stat(); }
  bool is_pmap() const { return var->is_array() && is_stat(); }
};

struct Globals {
  std::unordered_map<const elaborate::Variable*, GlobalInfo> info;
  std::vector<const GlobalInfo*> ordered;
  const GlobalInfo& at(const elaborate::Variable* v) const { return info.at(v); }
};

// Collects the globals and their statistic shapes; reports conflicting
// histogram uses of one global.
Globals collect_globals(const elaborate::Program& p, Diagnostics& diags);

// C declarations of the globals, and the bodies of _stp_script_init/exit.
std::string global_declarations(const Globals& g);
std::string global_init(const Globals& g);
std::string global_exit(const Globals& g);
// The table of scalar globals -G may set.
std::string global_table(const Globals& g);

// The C expression of a global's stat spec ("&g_x_spec").
std::string spec_of(const GlobalInfo& g);
// The global's reader/writer lock ("g_x_lock"); see lock_sets.h.
std::string lock_of(const GlobalInfo& g);

}  // namespace cxxtap::translate
