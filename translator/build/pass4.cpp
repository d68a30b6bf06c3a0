#include "pass4.h"

namespace cxxtap::build {

std::optional<Pass4> Pass4::prepare(const Pass4Options& o, std::string c_text,
                                    std::string& error) {
  auto kernel = find_kernel_build(o.release, error);
  if (!kernel) return std::nullopt;
  KeyInputs in;
  in.translator_version = o.translator_version;
  in.kernel = *kernel;
  in.runtime_dir = o.runtime_dir;
  if (!o.module_name.empty()) in.options.push_back("-m " + o.module_name);
  for (const auto& d : o.defines) in.options.push_back("-D " + d);
  for (const auto& b : o.make_vars) in.options.push_back("-B " + b);
  if (!o.session) in.options.push_back("(no kernel session)");
  in.options.insert(in.options.end(), o.key_options.begin(), o.key_options.end());
  in.c_text = c_text;
  CacheKey key = cache_key(in);
  std::string name = o.module_name.empty() ? key.stem() : o.module_name;
  return Pass4(o, std::move(c_text), std::move(*kernel), std::move(key), std::move(name));
}

std::optional<ModuleCache::Entry> Pass4::cached() const {
  if (!opts_.use_cache) return std::nullopt;
  return cache_.lookup(key_);
}

KbuildResult Pass4::build(const std::string& work_dir, std::string* cache_error) const {
  ModuleSource src;
  src.name = name_;
  src.c_text = c_text_;
  src.runtime_dir = opts_.runtime_dir;
  src.defines = opts_.defines;
  src.make_vars = opts_.make_vars;
  src.session = opts_.session;
  KbuildResult r = run_kbuild(src, kernel_, work_dir, opts_.jobs);
  if (r.ok && opts_.use_cache) {
    std::string err;
    if (!cache_.store(key_, r.c_path, r.ko_path, err) && cache_error) *cache_error = err;
  }
  return r;
}

std::string cached_lines(const ModuleCache::Entry& e) {
  return "Pass 3: using cached " + e.c_path + "\nPass 4: using cached " + e.ko_path + "\n";
}

std::string failure_line() { return "Pass 4: compilation failed.  [man error::pass4]\n"; }

}  // namespace cxxtap::build
