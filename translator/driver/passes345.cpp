#include "passes345.h"

#include "pass_report.h"

#include "translate/translate.h"
#include "build/pass4.h"
#include "guest_run.h"

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

// Pass 5 on this machine: runs the program (user runtime) or staprun
// (kernel) with stap's Pass 5 lines around it.
int run_pass5(const Options& o, const std::vector<std::string>& cmd) {
  PassTimer t5;
  if (o.verbose) std::cerr << "Pass 5: starting run.\n";
  std::cout.flush();
  const int status = run(cmd);
  if (o.verbose) std::cerr << fmt::format("Pass 5: run completed {}\n", t5.time_suffix());
  if (status != 0) {
    fail_line(5, "run");
    return 1;
  }
  return 0;
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
    for (const fs::path& dir : {rt, rt / "user"})
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

namespace fs = std::filesystem;

// The runtime the module includes: -R, else the one installed beside the
// binary (<prefix>/share/cxxtap/runtime), else the source tree's.
std::string runtime_dir(const Options& o) {
  if (!o.runtime_dir.empty()) return o.runtime_dir;
  std::error_code ec;
  auto exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    auto installed = exe.parent_path().parent_path() / "share" / "cxxtap" / "runtime";
    if (fs::exists(installed / "runtime.h", ec)) return installed.string();
  }
  return std::string(CXXTAP_SOURCE_DIR) + "/runtime";
}

// A program installed next to stap (staprun).
std::string sibling(const char* name) {
  std::error_code ec;
  auto exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return name;
  return (exe.parent_path() / name).string();
}

// Pass 4 for the kernel: the cache, else kbuild. Returns the module's path
// (empty on failure, after the error lines).
std::string build_kernel(const Options& o, const build::Pass4& p4, const TempDir& tmp,
                         const std::string& src, const PassTimer& t3) {
  if (auto hit = p4.cached()) {
    if (o.verbose) std::cerr << build::cached_lines(*hit);
    return hit->ko_path;
  }
  if (o.verbose)
    std::cerr << fmt::format("Pass 3: translated to C into \"{}\" {}\n", src, t3.usage_suffix());
  PassTimer t4;
  std::string cache_error;
  const auto r = p4.build(tmp.path() + "/build", &cache_error);
  if (!r.ok) {
    std::cerr << r.first_errors;
    if (!r.first_errors.empty() && r.first_errors.back() != '\n') std::cerr << '\n';
    std::cerr << build::failure_line();
    return {};
  }
  if (o.verbose)
    std::cerr << fmt::format("Pass 4: compiled C into \"{}.ko\" {}\n", p4.module_name(),
                             t4.time_suffix());
  if (!cache_error.empty() && o.verbose)
    std::cerr << "stap: warning: cannot store the module in the cache: " << cache_error << '\n';
  if (!o.disable_cache && cache_error.empty()) {
    std::error_code ec;
    auto entry = p4.cache().paths(p4.key());
    if (fs::exists(entry.ko_path, ec)) return entry.ko_path;
  }
  return r.ko_path;
}

int run_kernel(const Options& o, const std::string& c,
               const TempDir& tmp, const PassTimer& t3, std::ostream& out) {
  build::Pass4Options po;
  po.release = o.kernel_release;
  po.module_name = o.module_name;
  po.runtime_dir = runtime_dir(o);
  po.defines = o.defines;
  po.make_vars = o.make_vars;
  if (o.guru) po.key_options.push_back("-g");
  if (o.unoptimized) po.key_options.push_back("-u");
  po.translator_version = CXXTAP_VERSION;
  po.use_cache = !o.disable_cache;
  std::string error;
  auto p4 = build::Pass4::prepare(po, c, error);
  const std::string name = p4 ? p4->module_name() : module_name(o, c);
  const std::string src = tmp.path() + "/" + name + "_src.c";
  {
    std::ofstream f(src);
    f << c;
  }
  if (!p4) {
    if (o.verbose)
      std::cerr << fmt::format("Pass 3: translated to C into \"{}\" {}\n", src, t3.usage_suffix());
    std::cerr << "stap: error: " << error << '\n';
    fail_line(4, "compilation");
    return 1;
  }
  std::string ko = build_kernel(o, *p4, tmp, src, t3);
  if (ko.empty()) return 1;
  // -m NAME, or a module that is not in the cache: a copy in the current
  // directory is the persistent result, as with stap.
  const bool in_cache = !o.disable_cache && ko.rfind(p4->cache().root(), 0) == 0;
  if (o.last_pass == 4 && (!o.module_name.empty() || !in_cache)) {
    const std::string dest = name + ".ko";
    std::error_code ec;
    fs::copy_file(ko, dest, fs::copy_options::overwrite_existing, ec);
    if (ec) {
      std::cerr << fmt::format("stap: error: cannot copy module to '{}': {}\n", dest, ec.message());
      return 1;
    }
    ko = dest;
  }
  if (o.last_pass == 4) {
    out << ko << '\n';
    return 0;
  }

  // Pass 5: staprun, here or in a guest of the target kernel.
  std::vector<std::string> args;
  if (o.verbose) args.push_back("-v");
  if (o.no_warnings) args.push_back("-w");
  if (!o.output_file.empty()) args.insert(args.end(), {"-o", o.output_file});
  if (!o.target_command.empty()) args.insert(args.end(), {"-c", o.target_command});
  else if (o.target_pid) args.insert(args.end(), {"-x", std::to_string(o.target_pid)});
  if (o.module_name.empty()) args.push_back("-R");
  const std::size_t ko_index = args.size();
  args.push_back(ko);
  args.insert(args.end(), o.globals.begin(), o.globals.end());

  PassTimer t5;
  if (o.vm) {
    if (o.verbose) std::cerr << "Pass 5: starting run.\n";
    vm::VmRun vr;
    vr.release = p4->kernel().release;
    vr.staprun = sibling("staprun");
    vr.module_path = ko;
    vr.module_name = name;
    vr.staprun_args = args;
    vr.ko_index = ko_index;
    vr.output_file = o.output_file;
    vr.command = o.target_command;
    vr.work_dir = tmp.path() + "/vm";
    vr.verbose = o.verbose;
    const int status = vm::run_in_vm(vr);
    if (o.verbose) std::cerr << fmt::format("Pass 5: run completed {}\n", t5.time_suffix());
    if (status != 0) fail_line(5, "run");
    return status;
  }
  std::error_code ec;
  if (!fs::exists("/proc/modules", ec)) {
    std::cerr << "stap: error: this kernel cannot load modules (no /proc/modules); run with --vm\n";
    fail_line(5, "run");
    return 1;
  }
  std::vector<std::string> cmd = {sibling("staprun")};
  cmd.insert(cmd.end(), args.begin(), args.end());
  return run_pass5(o, cmd);
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
  if (!user && o.last_pass > 3) return run_kernel(o, *c, tmp, t3, out);
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

  std::vector<std::string> cmd = {exe};
  if (!o.output_file.empty()) cmd.insert(cmd.end(), {"-o", o.output_file});
  cmd.insert(cmd.end(), o.globals.begin(), o.globals.end());
  return run_pass5(o, cmd);
}

}  // namespace cxxtap::driver
