// Pass 4's compiler step: a module C file plus the runtime, built out of
// tree with kbuild (make -C KDIR M=DIR modules) and -Werror.
#pragma once

#include <string>
#include <vector>

#include "kernel_build.h"

namespace cxxtap::build {

struct ModuleSource {
  std::string name;                    // the module's name (NAME.ko)
  std::string c_text;                  // the module's C (pass 3's output)
  std::string runtime_dir;             // runtime/ of the source tree or install
  std::vector<std::string> defines;    // -D NAME[=VALUE]
  std::vector<std::string> make_vars;  // -B NAME=VALUE
  // Link the kernel session (runtime/linux/session/session.c: module_init,
  // begin/end/error/timer probes on the transport), as generated modules
  // need; off for hand-written modules that bring their own module_init.
  bool session = true;
};

struct KbuildResult {
  bool ok = false;
  std::string ko_path;       // DIR/NAME.ko
  std::string c_path;        // DIR/NAME_src.c
  std::string log_path;      // DIR/kbuild.log: everything make printed
  std::string first_errors;  // the compiler's first errors (on failure)
};

// The runtime's kernel sources, relative to runtime_dir, sorted: the core
// (*.c, *.h), session/, linux/, linux/session/ and linux/transport/. They
// are what a module links and what the cache key covers.
std::vector<std::string> runtime_files(const std::string& runtime_dir);

// NAME_runtime.c: every runtime .c (of `runtime_files`) #included into one
// translation unit (the kernel session only for generated modules).
std::string runtime_unity_text(const ModuleSource& src,
                               const std::vector<std::string>& runtime_files);
// The Kbuild file for `src` (objects: NAME_src.o and NAME_runtime.o).
std::string kbuild_text(const ModuleSource& src);

// Writes NAME_src.c, a copy of the runtime and the Kbuild into `dir` (which
// must exist) and runs make there. `jobs` 0 means the number of cpus.
KbuildResult run_kbuild(const ModuleSource& src, const KernelBuild& kernel,
                        const std::string& dir, int jobs = 0);

// The compiler's first `max_errors` errors in a make log, with their
// context lines ("In file included from", source excerpts, notes), without
// make's own lines; the log's last lines when it has no compiler error.
std::string first_errors(const std::string& log, int max_errors = 3);

// `s` as one word for a shell command inside a Makefile.
std::string make_shell_quote(const std::string& s);

}  // namespace cxxtap::build
