// Pass 4 as the driver calls it: the module's name and cache key from
// pass 3's C text, the cache lookup, kbuild, the cache store, and stap's
// lines for each outcome.
//
//   auto p4 = build::Pass4::prepare(opts, c_text, err);      // after pass 3
//   if (auto hit = p4->cached()) { err << build::cached_lines(*hit); ... }
//   else { r = p4->build(tmpdir);  // kbuild, then into the cache
//          print "Pass 4: compiled C into ..." (the driver's timer)
//          if (!r.ok) err << r.first_errors << build::failure_line(); }
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cache.h"
#include "kbuild.h"
#include "kernel_build.h"

namespace cxxtap::build {

struct Pass4Options {
  std::string release;                   // -r (empty: see find_kernel_build)
  std::string module_name;               // -m (empty: stap_<hash>_<N>)
  std::string runtime_dir;               // -R, else the installed runtime
  std::vector<std::string> defines;      // -D NAME[=VALUE]
  std::vector<std::string> make_vars;    // -B NAME=VALUE
  std::vector<std::string> key_options;  // other module-changing options
                                         // (-g, -u, -t, --suppress-..., ...)
  std::string translator_version;
  bool use_cache = true;                 // --disable-cache turns it off
  std::string cache_dir;                 // empty: ModuleCache::default_root()
  int jobs = 0;                          // make -j (0: the number of cpus)
  bool session = true;                   // see ModuleSource::session
};

class Pass4 {
 public:
  static std::optional<Pass4> prepare(const Pass4Options& o, std::string c_text,
                                      std::string& error);

  const std::string& module_name() const { return name_; }
  const KernelBuild& kernel() const { return kernel_; }
  const CacheKey& key() const { return key_; }
  const ModuleCache& cache() const { return cache_; }

  // The cached .c and .ko, when caching is on and they are there.
  std::optional<ModuleCache::Entry> cached() const;

  // Writes the sources into work_dir, runs kbuild and, when it worked and
  // caching is on, stores the module (a cache write error is only noted in
  // cache_error).
  KbuildResult build(const std::string& work_dir, std::string* cache_error = nullptr) const;

 private:
  Pass4(Pass4Options o, std::string c, KernelBuild k, CacheKey key, std::string name)
      : opts_(std::move(o)), c_text_(std::move(c)), kernel_(std::move(k)),
        key_(std::move(key)), name_(std::move(name)),
        cache_(opts_.cache_dir.empty() ? ModuleCache::default_root() : opts_.cache_dir) {}

  Pass4Options opts_;
  std::string c_text_;
  KernelBuild kernel_;
  CacheKey key_;
  std::string name_;
  ModuleCache cache_;
};

// "Pass 3: using cached X.c\nPass 4: using cached X.ko\n" (stap's words).
std::string cached_lines(const ModuleCache::Entry& e);
// "Pass 4: compilation failed.  [man error::pass4]\n"
std::string failure_line();

}  // namespace cxxtap::build
