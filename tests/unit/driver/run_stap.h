// Runs the built `stap` binary and captures its exit status and output, so
// that driver tests check what a user sees.
#pragma once

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace cxxtap::test {

struct StapRun {
  int status = -1;
  std::string out, err;
};

// "-r RELEASE " for the [.vmlinux] tests (CTest debuginfo_vmlinux sets
// CXXTAP_TEST_RELEASE to the kernel whose DWARF vmlinux is installed), or
// nothing (stap's own default).
inline std::string release_opt() {
  const char* r = std::getenv("CXXTAP_TEST_RELEASE");
  return r && *r ? std::string("-r ") + r + " " : std::string();
}

// `args` is appended to the stap command line as shell words; quote them.
inline StapRun run_stap(const std::string& args, const std::string& stdin_text = "") {
  char dir[] = "/tmp/cxxtap-test-XXXXXX";
  std::string tmp = mkdtemp(dir);
  std::string in = tmp + "/in", out = tmp + "/out", err = tmp + "/err";
  std::ofstream(in) << stdin_text;
  std::string cmd = std::string("cd ") + tmp + " && " + CXXTAP_STAP_BIN + " " + args + " <" +
                    in + " >" + out + " 2>" + err;
  int rc = std::system(cmd.c_str());
  StapRun r;
  r.status = WIFEXITED(rc) ? WEXITSTATUS(rc) : 128 + WTERMSIG(rc);
  auto slurp = [](const std::string& path) {
    std::ifstream f(path);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
  };
  r.out = slurp(out);
  r.err = slurp(err);
  std::system(("rm -rf " + tmp).c_str());
  return r;
}

}  // namespace cxxtap::test
