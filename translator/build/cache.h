// The module cache: built modules and their C, keyed by everything that
// goes into them, so that a second identical run skips passes 3 and 4.
//
// Layout (like stap's): ROOT/<first two hex digits>/stap_<hash>_<N>.{c,ko}
// and stap_<hash>_<N>_hash.log (the inputs, one per line, for debugging).
// <hash> is a 128-bit FNV-1a (32 hex digits) over the inputs below and <N>
// the number of bytes hashed; stap uses MD4 there, any stable hash will do.
// ROOT is $CXXTAP_CACHE_DIR, else $XDG_CACHE_HOME/cxxtap, else
// ~/.cache/cxxtap. Entries are written to a temporary name and renamed, so
// concurrent runs never see half an entry. Nothing limits the cache's size
// yet.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kernel_build.h"

namespace cxxtap::build {

struct KeyInputs {
  std::string translator_version;
  KernelBuild kernel;                 // release and .config hash
  std::string runtime_dir;            // every runtime source, by content
  std::vector<std::string> options;   // module-changing options, in order
  std::string c_text;                 // the module's C
};

struct CacheKey {
  std::string hex;          // 32 hex digits
  std::uint64_t bytes = 0;  // bytes hashed
  std::string log;          // the inputs, for _hash.log
  // stap_<hex>_<bytes>: the cache files' stem and the default module name
  // (at most 55 characters, the kernel's limit).
  std::string stem() const;
};

CacheKey cache_key(const KeyInputs& in);

class ModuleCache {
 public:
  struct Entry {
    std::string c_path, ko_path;
  };

  explicit ModuleCache(std::string root) : root_(std::move(root)) {}
  static std::string default_root();
  const std::string& root() const { return root_; }

  Entry paths(const CacheKey& key) const;
  // The entry when both of its files exist.
  std::optional<Entry> lookup(const CacheKey& key) const;
  // Copies the built files in; false with `error` set (a cache that cannot
  // be written is a warning for the caller, not a failure).
  bool store(const CacheKey& key, const std::string& c_path, const std::string& ko_path,
             std::string& error) const;

 private:
  std::string root_;
};

}  // namespace cxxtap::build
