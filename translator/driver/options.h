// The stap command line, parsed once into an immutable Options value.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace cxxtap::driver {

struct Options {
  // Script source: exactly one of these (or -l/-L, --dump-*).
  std::optional<std::string> script_file;  // path, or "-" for stdin
  std::optional<std::string> script_text;  // -e
  std::vector<std::string> extra_scripts;  // -E
  std::vector<std::string> args;           // $1 .. $N

  int last_pass = 5;      // -p
  int verbose = 0;        // -v (repeatable)
  std::vector<std::string> include_dirs;  // -I
  std::vector<std::string> defines;       // -D NAME[=VALUE]
  std::vector<std::string> globals;       // -G NAME=VALUE
  bool guru = false;         // -g
  bool unoptimized = false;  // -u
  bool prologue_always = false;  // -P, --prologue-searching[=always]
  bool no_warnings = false;  // -w
  bool warnings_as_errors = false;  // -W
  bool keep_temps = false;   // -k
  bool bulk = false;         // -b
  bool timing = false;       // -t
  std::string kernel_release;  // -r (default: uname -r)
  std::string module_name;     // -m
  std::string output_file;     // -o
  std::string target_command;  // -c
  std::string runtime_dir;     // -R (empty: the built-in runtime)
  std::vector<std::string> make_vars;  // -B NAME=VALUE
  bool disable_cache = false;  // --disable-cache
  bool vm = false;             // --vm: pass 5 in a QEMU guest of the target kernel
  long target_pid = 0;         // -x
  std::string runtime = "kernel";
  std::string compatible = "5.6";
  std::string privilege = "stapdev";
  std::string tapset_dir_override;  // -R? no: SYSTEMTAP_TAPSET env

  // Listing modes.
  std::optional<std::string> list_pattern;  // -l
  bool list_with_vars = false;              // -L
  bool dump_functions = false;
  bool dump_probe_types = false;
  bool dump_probe_aliases = false;

  bool show_help = false;
  bool show_version = false;
};

struct ParseResult {
  std::optional<Options> options;  // empty on a usage error
  std::string error;               // the message for a usage error
};

ParseResult parse_command_line(int argc, char** argv);
std::string usage_text();
std::string version_text();

}  // namespace cxxtap::driver
