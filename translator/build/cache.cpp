#include "cache.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "hash.h"
#include "kbuild.h"

namespace cxxtap::build {
namespace fs = std::filesystem;

std::string CacheKey::stem() const {
  std::string s = "stap_" + hex + "_" + std::to_string(bytes);
  return s.size() > 55 ? s.substr(0, 55) : s;
}

CacheKey cache_key(const KeyInputs& in) {
  Hasher h;
  std::ostringstream log;
  auto note = [&](const std::string& what, const std::string& value) {
    h.add(what).add(value);
    log << what << ": " << value << "\n";
  };
  note("translator", "cxxtap " + in.translator_version);
  note("kernel release", in.kernel.release);
  note("kernel build tree", in.kernel.dir);
  note("kernel .config", in.kernel.config_hash);
  for (const auto& f : runtime_files(in.runtime_dir)) {
    std::ifstream file(fs::path(in.runtime_dir) / f, std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    note("runtime " + f, hash_hex(text.str()));
  }
  for (const auto& o : in.options) note("option", o);
  note("module C", hash_hex(in.c_text));
  h.add(in.c_text);
  CacheKey k;
  k.hex = h.hex();
  k.bytes = h.bytes();
  k.log = log.str();
  return k;
}

std::string ModuleCache::default_root() {
  if (const char* d = std::getenv("CXXTAP_CACHE_DIR"); d && *d) return d;
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) return std::string(x) + "/cxxtap";
  const char* home = std::getenv("HOME");
  return std::string(home && *home ? home : "/tmp") + "/.cache/cxxtap";
}

ModuleCache::Entry ModuleCache::paths(const CacheKey& key) const {
  fs::path base = fs::path(root_) / key.hex.substr(0, 2) / key.stem();
  return {base.string() + ".c", base.string() + ".ko"};
}

std::optional<ModuleCache::Entry> ModuleCache::lookup(const CacheKey& key) const {
  Entry e = paths(key);
  std::error_code ec;
  if (fs::is_regular_file(e.c_path, ec) && fs::is_regular_file(e.ko_path, ec)) return e;
  return std::nullopt;
}

namespace {

bool install(const fs::path& from, const fs::path& to, std::string& error) {
  std::error_code ec;
  fs::path tmp = to;
  tmp += ".tmp" + std::to_string(getpid());
  fs::copy_file(from, tmp, fs::copy_options::overwrite_existing, ec);
  if (!ec) fs::rename(tmp, to, ec);
  if (ec) {
    fs::remove(tmp, ec);
    error = "cannot write " + to.string() + ": " + ec.message();
    return false;
  }
  return true;
}

}  // namespace

bool ModuleCache::store(const CacheKey& key, const std::string& c_path,
                        const std::string& ko_path, std::string& error) const {
  Entry e = paths(key);
  std::error_code ec;
  fs::create_directories(fs::path(e.c_path).parent_path(), ec);
  if (ec) {
    error = "cannot create " + fs::path(e.c_path).parent_path().string() + ": " + ec.message();
    return false;
  }
  {
    std::ofstream log(fs::path(root_) / key.hex.substr(0, 2) / (key.stem() + "_hash.log"));
    log << key.log;
  }
  // The .ko last: lookup() wants both, so a reader never sees a .ko
  // without its .c.
  return install(c_path, e.c_path, error) && install(ko_path, e.ko_path, error);
}

}  // namespace cxxtap::build
