#include "guest_run.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

extern char** environ;

namespace cxxtap::vm {

namespace fs = std::filesystem;

namespace {

std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char ch : s) {
    if (ch == '\'') q += "'\\''";
    else q += ch;
  }
  return q + "'";
}

std::string slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// Runs argv with stdout to `log` (stderr inherited); the exit status.
int run_logged(const std::vector<std::string>& args, const std::string& log) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = 0;
  const int e = posix_spawnp(&pid, argv[0], &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  if (e != 0) return 127;
  int status = 0;
  if (waitpid(pid, &status, 0) < 0) return 127;
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return WEXITSTATUS(status);
}

// The files a -c command names by relative path (./copycat, input.bin):
// copied into the batch, the guest's working directory, at the same path, so
// that `staprun --vm -c ./prog` runs the host's program. Words are split at
// blanks; absolute paths, options and paths with ".." are the guest's own, and
// the batch's own names are never replaced.
bool copy_command_files(const std::string& command, const fs::path& batch,
                        const std::string& ko, std::string& err) {
  std::istringstream words(command);
  std::string w;
  while (words >> w) {
    if (w.front() == '/' || w.front() == '-' || w.find("..") != std::string::npos) continue;
    std::error_code ec;
    if (!fs::is_regular_file(w, ec)) continue;
    const fs::path rel = fs::path(w).lexically_normal();
    const std::string first = rel.begin()->string();
    if (first == ko || first == "staprun" || first == "run.sh" || first == "results") continue;
    fs::create_directories((batch / rel).parent_path(), ec);
    if (!ec) fs::copy_file(w, batch / rel, fs::copy_options::overwrite_existing, ec);
    if (ec) {
      err = w + ": " + ec.message();
      return false;
    }
  }
  return true;
}

// The kernel log lines run-batch.sh counts as problems.
std::string problem_lines(const std::string& dmesg) {
  std::istringstream in(dmesg);
  std::string line, out;
  int n = 0;
  while (std::getline(in, line) && n < 12)
    for (const char* w : {"Oops", "BUG:", "WARNING:", "Call Trace", "panic"})
      if (line.find(w) != std::string::npos) {
        out += "  " + line + "\n";
        ++n;
        break;
      }
  return out;
}

}  // namespace

std::string guest_dir() {
  if (const char* env = std::getenv("CXXTAP_GUEST_DIR")) return env;
  std::error_code ec;
  auto exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    auto installed = exe.parent_path().parent_path() / "share" / "cxxtap" / "guest";
    if (fs::exists(installed / "run-batch.sh", ec)) return installed.string();
  }
  return std::string(CXXTAP_SOURCE_DIR) + "/guest";
}

int run_in_vm(const VmRun& r) {
  std::error_code ec;
  const fs::path batch = fs::path(r.work_dir) / "batch";
  fs::remove_all(batch, ec);
  fs::create_directories(batch, ec);
  if (ec) {
    std::cerr << r.tool + ": error: cannot create '" + batch.string() + "': " + ec.message() + "\n";
    return 1;
  }
  const std::string ko = r.module_name + ".ko";
  fs::copy_file(r.module_path, batch / ko, fs::copy_options::overwrite_existing, ec);
  if (!ec) fs::copy_file(r.staprun, batch / "staprun", fs::copy_options::overwrite_existing, ec);
  if (ec) {
    std::cerr << r.tool + ": error: cannot prepare the guest batch: " + ec.message() + "\n";
    return 1;
  }
  fs::permissions(batch / "staprun", fs::perms::owner_exec, fs::perm_options::add, ec);
  if (std::string err; !copy_command_files(r.command, batch, ko, err)) {
    std::cerr << r.tool + ": error: cannot copy the -c command's file " + err + " to the guest\n";
    return 1;
  }

  const std::string guest_out = "/tmp/stap-output";
  std::string cmd = "step stap ./staprun";
  for (std::size_t i = 0; i < r.staprun_args.size(); ++i) {
    std::string a = r.staprun_args[i];
    if (i == r.ko_index) a = "./" + ko;
    else if (i > 0 && r.staprun_args[i - 1] == "-o" && i - 1 < r.ko_index) a = guest_out;
    cmd += " " + shell_quote(a);
  }
  {
    std::ofstream f(batch / "run.sh");
    f << "# stap --vm: pass 5\n" << cmd << " </dev/null\n";
    if (!r.output_file.empty())
      f << "[ -f " << guest_out << " ] && emit stap-output " << guest_out << "\n";
    // What the run left behind (kept with -k, for tests): loaded modules
    // and transport directories; both should be empty.
    f << "step leftover sh -c 'cat /proc/modules; ls -A /proc/systemtap 2>/dev/null'\n";
  }

  const std::string gdir = guest_dir();
  const char* timeout = std::getenv("CXXTAP_VM_TIMEOUT");
  const std::string log = (fs::path(r.work_dir) / "run-batch.log").string();
  std::cout.flush();
  const int rb = run_logged({gdir + "/run-batch.sh", "-r", r.release, "-t",
                             timeout && *timeout ? timeout : "600", batch.string()},
                            log);
  if (r.verbose > 1) std::cerr << slurp(log);
  const fs::path res = batch / "results";
  if (rb == 3 || rb == 127) {
    std::cerr << r.tool << ": error: cannot boot kernel " << r.release << " in QEMU (see "
              << gdir << "/README.md)\n";
    return 1;
  }

  std::cout << slurp(res / "stap.out");
  std::cout.flush();
  std::cerr << slurp(res / "stap.err");
  if (!r.output_file.empty() && fs::exists(res / "stap-output", ec)) {
    std::ofstream f(r.output_file, std::ios::binary);
    f << slurp(res / "stap-output");
    if (!f) std::cerr << r.tool + ": error: cannot write '" + r.output_file + "'\n";
  }
  if (rb == 2) {
    std::cerr << r.tool << ": error: the " << r.release
              << " guest did not finish (timeout, panic or crash)\n";
    std::string console = slurp(res / "console.log");
    if (console.size() > 3000) console = console.substr(console.size() - 3000);
    if (!console.empty()) std::cerr << "guest console (end):\n" << console;
    return 1;
  }
  if (rb == 1) {
    std::cerr << r.tool << ": error: the " << r.release << " guest kernel logged a problem:\n"
              << problem_lines(slurp(res / "dmesg.txt"));
    return 1;
  }
  if (!slurp(res / "leftover.out").empty())
    std::cerr << r.tool << ": warning: the module left state behind in the guest:\n"
              << slurp(res / "leftover.out");
  std::string rc = slurp(res / "stap.rc");
  if (rc.empty()) {
    std::cerr << r.tool << ": error: the guest did not report staprun's exit status\n";
    return 1;
  }
  return std::atoi(rc.c_str());
}

}  // namespace cxxtap::vm
