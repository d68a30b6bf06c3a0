#include "locate.h"

#include <fmt/format.h>

#include <fnmatch.h>
#include <sys/utsname.h>

#include <cstdlib>
#include <filesystem>
#include <map>

namespace fs = std::filesystem;

namespace cxxtap::debuginfo {

std::string release_or_running(const std::string& release) {
  if (!release.empty()) return release;
  utsname u{};
  uname(&u);
  return u.release;
}

namespace {

bool is_file(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);  // follows symlinks (fetch-debuginfo.sh links)
}

std::string module_key(std::string name) {
  for (char& c : name)
    if (c == '-') c = '_';
  return name;
}

// Calls f(path, module key) for each DIR/**/NAME.ko that is a file (.ko.xz
// etc. are not DWARF we can read: skipped) until f returns true.
template <class F>
void for_each_ko(const fs::path& dir, F f) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return;
  for (fs::recursive_directory_iterator it(dir, fs::directory_options::follow_directory_symlink,
                                           ec),
       end;
       it != end; it.increment(ec)) {
    if (ec) break;
    const fs::path& p = it->path();
    if (p.extension() == ".ko" && is_file(p) && f(p, module_key(p.stem().string()))) return;
  }
}

// DIR/**/NAME.ko.
std::optional<std::string> find_ko_under(const fs::path& dir, const std::string& key) {
  std::optional<std::string> found;
  for_each_ko(dir, [&](const fs::path& p, const std::string& name) {
    if (name == key) found = p.string();
    return found.has_value();
  });
  return found;
}

}  // namespace

std::vector<std::string> debug_roots() {
  std::vector<std::string> roots;
  if (const char* r = std::getenv("CXXTAP_DEBUGINFO_ROOT"); r && *r) roots.emplace_back(r);
  roots.emplace_back("/");
  return roots;
}

std::string debuginfo_package(const std::string& release) {
  return fmt::format("linux-image-{}-dbg", release);
}

std::optional<std::string> find_kernel_debuginfo(const std::string& release,
                                                 std::string& error) {
  std::vector<std::string> tried;
  for (const auto& root : debug_roots()) {
    for (const fs::path& rel : {fs::path("usr/lib/debug/boot") / ("vmlinux-" + release),
                                fs::path("usr/lib/debug/lib/modules") / release / "vmlinux"}) {
      fs::path p = fs::path(root) / rel;
      tried.push_back(p.string());
      if (is_file(p)) return p.string();
    }
  }
  if (fs::path p = fs::path("/boot") / ("vmlinux-" + release); is_file(p)) return p.string();
  error = fmt::format(
      "missing kernel debuginfo for {}: no DWARF vmlinux at {}; install the package {} "
      "(or run scripts/fetch-debuginfo.sh {})",
      release, tried.front(), debuginfo_package(release), release);
  return std::nullopt;
}

std::optional<std::string> find_module_debuginfo(const std::string& release,
                                                 const std::string& name, std::string& error) {
  if (name.find('/') != std::string::npos) {
    if (is_file(name)) return name;
    error = fmt::format("module file '{}' not found", name);
    return std::nullopt;
  }
  const std::string key = module_key(name);
  for (const auto& root : debug_roots())
    if (auto p = find_ko_under(fs::path(root) / "usr/lib/debug/lib/modules" / release, key))
      return p;
  if (auto p = find_ko_under(fs::path("/lib/modules") / release, key)) return p;
  error = fmt::format(
      "missing debuginfo for module '{}' of kernel {}: no {}.ko with DWARF under "
      "/usr/lib/debug/lib/modules/{}; install the package {} (or name the .ko by its path)",
      name, release, key, release, debuginfo_package(release));
  return std::nullopt;
}

std::vector<std::pair<std::string, std::string>> find_modules_debuginfo(
    const std::string& release, const std::string& pattern, std::string& error) {
  const std::string key = module_key(pattern);
  std::map<std::string, std::string> found;  // the first root's copy of a name wins
  for (const auto& root : debug_roots())
    for_each_ko(fs::path(root) / "usr/lib/debug/lib/modules" / release,
                [&](const fs::path& p, const std::string& name) {
                  if (fnmatch(key.c_str(), name.c_str(), 0) == 0) found.emplace(name, p.string());
                  return false;
                });
  if (found.empty())
    error = fmt::format(
        "no module matching '{}' has debuginfo under /usr/lib/debug/lib/modules/{}; install the "
        "package {}",
        pattern, release, debuginfo_package(release));
  return {found.begin(), found.end()};
}

}  // namespace cxxtap::debuginfo
