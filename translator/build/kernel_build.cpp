#include "kernel_build.h"

#include "debuginfo/locate.h"

#include <sys/utsname.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "hash.h"

namespace cxxtap::build {
namespace fs = std::filesystem;
namespace {

bool is_tree(const fs::path& d) {
  std::error_code ec;
  return fs::is_regular_file(d / "Makefile", ec) && fs::is_regular_file(d / ".config", ec);
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::optional<KernelBuild> make(std::string release, const fs::path& dir) {
  KernelBuild k;
  k.release = std::move(release);
  std::error_code ec;
  fs::path canon = fs::canonical(dir, ec);
  k.dir = ec ? dir.string() : canon.string();
  k.config_hash = hash_hex(read_file(dir / ".config"));
  return k;
}

}  // namespace

std::optional<std::string> newest_installed_release() {
  std::vector<std::string> rel;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator("/usr/src", ec)) {
    std::string n = e.path().filename().string();
    if (n.rfind("linux-headers-", 0) == 0 && is_tree(e.path())) rel.push_back(n.substr(14));
  }
  if (rel.empty()) return std::nullopt;
  std::sort(rel.begin(), rel.end(), [](const std::string& a, const std::string& b) {
    return strverscmp(a.c_str(), b.c_str()) > 0;
  });
  // One whose DWARF vmlinux is installed first: kernel.function probes and
  // target variables work there.
  for (const auto& r : rel) {
    std::string ignored;
    if (debuginfo::find_kernel_debuginfo(r, ignored)) return r;
  }
  return rel.front();
}

std::optional<KernelBuild> find_kernel_build(const std::string& r, std::string& error) {
  if (!r.empty() && r.find('/') != std::string::npos) {
    fs::path d(r);
    if (!is_tree(d)) {
      error = "kernel build tree '" + r + "' has no Makefile or .config";
      return std::nullopt;
    }
    std::string base = fs::absolute(d).lexically_normal().filename().string();
    if (base.empty()) base = fs::absolute(d).lexically_normal().parent_path().filename().string();
    std::string release = base.rfind("linux-headers-", 0) == 0 ? base.substr(14) : "";
    if (release.empty()) {
      release = read_file(d / "include/config/kernel.release");
      while (!release.empty() && (release.back() == '\n' || release.back() == ' '))
        release.pop_back();
    }
    return make(release, d);
  }
  std::string release = r;
  bool from_host = release.empty();
  if (from_host) {
    utsname u{};
    uname(&u);
    release = u.release;
  }
  for (const fs::path& d : {fs::path("/lib/modules") / release / "build",
                           fs::path("/usr/src") / ("linux-headers-" + release)})
    if (is_tree(d)) return make(release, d);
  if (from_host) {
    if (auto newest = newest_installed_release())
      return make(*newest, fs::path("/usr/src") / ("linux-headers-" + *newest));
    error = "no kernel build tree for the running kernel " + release +
            " and no /usr/src/linux-headers-* installed (install linux-headers-amd64, or use -r)";
    return std::nullopt;
  }
  error = "no kernel build tree for release " + release + " (looked in /lib/modules/" + release +
          "/build and /usr/src/linux-headers-" + release + ")";
  return std::nullopt;
}

}  // namespace cxxtap::build
