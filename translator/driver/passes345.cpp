#include "passes345.h"

#include "pass_report.h"

#include "translate/translate.h"

#include <fmt/format.h>

#include <spawn.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

extern char** environ;

namespace cxxtap::driver {

namespace {

void fail_line(int pass, const char* verb) {
  std::cerr << fmt::format("Pass {}: {} failed.  [man error::pass{}]\n", pass, verb, pass);
}

// stap_<32 hex>_<bytes>: a name derived from the generated C.
std::string module_name(const Options& o, const std::string& c) {
  if (!o.module_name.empty()) return o.module_name;
  uint64_t h1 = 1469598103934665603ULL, h2 = 0x9e3779b97f4a7c15ULL;
  for (unsigned char ch : c) {
    h1 = (h1 ^ ch) * 1099511628211ULL;
    h2 = (h2 + ch) * 0xff51afd7ed558ccdULL ^ (h2 >> 29);
  }
  return fmt::format("stap_{:016x}{:016x}_{}", h1, h2, c.size()).substr(0, 55);
}

// Runs argv and waits; returns the exit status (128 + signal when killed).
int run(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawnp(&pid, argv[0], nullptr, nullptr, argv.data(), environ) != 0) return 127;
  int status = 0;
  if (waitpid(pid, &status, 0) < 0) return 127;
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return WEXITSTATUS(status);
}

int build_user(const Options& o, const std::string& src, const std::string& exe) {
  std::vector<std::string> cmd = {"gcc", "-std=gnu11", "-O1", "-w", "-I" CXXTAP_SOURCE_DIR};
  for (const auto& d : o.defines) cmd.push_back("-D" + d);
  cmd.insert(cmd.end(), {"-o", exe, src});
  if (o.defines.empty()) {
    cmd.push_back(CXXTAP_RT_USER_LIB);
  } else {
    // Limits change the runtime's own code: build it from source with them.
    namespace fs = std::filesystem;
    const fs::path rt = fs::path(CXXTAP_SOURCE_DIR) / "runtime";
    std::vector<std::string> sources;
    for (const fs::path dir : {rt, rt / "user"})
      for (const auto& e : fs::directory_iterator(dir))
        if (e.path().extension() == ".c") sources.push_back(e.path().string());
    std::sort(sources.begin(), sources.end());
    cmd.insert(cmd.end(), sources.begin(), sources.end());
  }
  cmd.push_back("-lpthread");
  if (o.verbose > 2) {
    std::string line;
    for (const auto& a : cmd) line += a + " ";
    std::cerr << "Running " << line << '\n';
  }
  return run(cmd);
}

}  // namespace

int run_passes_3_to_5(const Options& o, const elaborate::Program& program, const TempDir& tmp,
                      Diagnostics& diags, std::ostream& out) {
  const bool user = o.runtime == "user";
  PassTimer t3;
  translate::TranslateOptions to;
  to.user_runtime = user;
  auto c = translate::translate(program, to, diags);
  diags.render(std::cerr);
  if (!c || diags.has_errors()) {
    fail_line(3, "translation");
    return 1;
  }
  const std::string name = module_name(o, *c);
  const std::string src = tmp.path() + "/" + name + "_src.c";
  {
    std::ofstream f(src);
    f << *c;
  }
  if (o.verbose)
    std::cerr << fmt::format("Pass 3: translated to C into \"{}\" {}\n", src, t3.usage_suffix());
  if (o.last_pass == 3) {
    out << *c;
    return 0;
  }

  if (!user) {
    std::cerr << "stap: error: pass 4 (kernel module build) is not implemented yet in cxxtap; "
                 "use --runtime=user, or stop after pass 3 with -p3\n";
    fail_line(4, "compilation");
    return 1;
  }
  PassTimer t4;
  const std::string exe = tmp.path() + "/" + name;
  const int rc = build_user(o, src, exe);
  if (o.verbose)
    std::cerr << fmt::format("Pass 4: compiled C into \"{}\" {}\n", name, t4.time_suffix());
  if (rc != 0) {
    fail_line(4, "compilation");
    return 1;
  }
  if (o.last_pass == 4) {
    out << exe << '\n';
    return 0;
  }

  PassTimer t5;
  if (o.verbose) std::cerr << "Pass 5: starting run.\n";
  std::cout.flush();
  std::vector<std::string> cmd = {exe};
  if (!o.output_file.empty()) cmd.insert(cmd.end(), {"-o", o.output_file});
  cmd.insert(cmd.end(), o.globals.begin(), o.globals.end());
  const int status = run(cmd);
  if (o.verbose) std::cerr << fmt::format("Pass 5: run completed {}\n", t5.time_suffix());
  if (status != 0) {
    fail_line(5, "run");
    return 1;
  }
  return 0;
}

}  // namespace cxxtap::driver
