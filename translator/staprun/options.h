// staprun's command line (SystemTap's staprun(8)): parsing and the checks of
// option combinations that make no sense. No side effects; main() acts on
// the result.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace cxxtap::staprun {

struct Options {
  int verbose = 0;                 // -v (repeatable; also $SYSTEMTAP_VERBOSE)
  bool version = false;            // -V
  bool suppress_warnings = false;  // -w
  std::string command;             // -c CMD
  int target_pid = 0;              // -x PID
  std::string output_file;         // -o FILE (strftime patterns)
  int buffer_mb = 0;               // -b N (1..4095), 0 = the module's default
  bool load_only = false;          // -L: start, then detach
  bool attach = false;             // -A: attach to a loaded module
  bool delete_mode = false;        // -d: unload the named modules
  bool daemon = false;             // -D: run in the background (needs -o)
  bool rename = false;             // -R: rename the module before loading
  std::string color = "auto";      // -C WHEN
  std::string size_limit;          // -S MB[,N] (needs -o)
  bool vm = false;                 // --vm: run in a QEMU guest of the module's kernel
  std::vector<std::string> vm_args;  // the command line without --vm (for the guest)
  std::size_t vm_module_index = 0;   // where the module is in vm_args
  std::string module;              // path, or name (-A, -d, /lib/modules lookup)
  std::vector<std::string> module_args;  // NAME=VALUE module parameters
};

struct ParseResult {
  std::optional<Options> options;  // empty on error
  std::string error;               // one line, without "ERROR: "
  bool usage = false;              // also print the usage text
};

ParseResult parse_options(int argc, char** argv);
std::string usage_text();

// Linux's MODULE_NAME_LEN - 1 on 64-bit targets.
inline constexpr std::size_t kMaxModuleName = 55;

// The module name a path or name stands for: basename without ".ko".
std::string module_name_of(const std::string& module);
// Whether `module` is a path (contains '/' or ends in ".ko").
bool is_module_path(const std::string& module);

}  // namespace cxxtap::staprun
