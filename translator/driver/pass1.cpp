#include "pass1.h"

#include "build/kernel_build.h"

#include <fmt/format.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <sstream>

namespace fs = std::filesystem;

namespace cxxtap::driver {

namespace {

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string host_release() {
  struct utsname u {};
  uname(&u);
  return u.release;
}

std::string host_arch() {
  struct utsname u {};
  uname(&u);
  return u.machine;
}

// CONFIG_FOO=value lines of the target kernel's .config.
std::shared_ptr<std::map<std::string, std::string>> load_kconfig(const std::string& release) {
  auto cfg = std::make_shared<std::map<std::string, std::string>>();
  for (const std::string& path :
       {fmt::format("/lib/modules/{}/build/.config", release),
        fmt::format("/usr/src/linux-headers-{}/.config", release),
        fmt::format("/boot/config-{}", release)}) {
    std::ifstream in(path);
    if (!in) continue;
    std::string line;
    while (std::getline(in, line)) {
      if (line.rfind("CONFIG_", 0) != 0) continue;
      auto eq = line.find('=');
      if (eq == std::string::npos) continue;
      (*cfg)[line.substr(0, eq)] = line.substr(eq + 1);
    }
    break;
  }
  return cfg;
}

// Our own tapsets: installed next to the binary, else the source tree.
std::string default_tapset_dir() {
  if (const char* env = std::getenv("CXXTAP_TAPSET_DIR")) return env;
  if (const char* env = std::getenv("SYSTEMTAP_TAPSET")) return env;  // stap's override
  std::error_code ec;
  auto exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    auto installed = exe.parent_path().parent_path() / "share" / "cxxtap" / "tapset";
    if (fs::is_directory(installed, ec)) return installed.string();
  }
  return CXXTAP_TAPSET_SOURCE_DIR;
}

// Files of a tapset directory, sorted so that runs are reproducible.
std::vector<fs::path> tapset_files(const std::string& dir, const char* ext) {
  std::vector<fs::path> out;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
  for (; !ec && it != end; it.increment(ec))
    if (it->is_regular_file(ec) && it->path().extension() == ext) out.push_back(it->path());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

std::string target_kernel_release(const Options& o) {
  std::string error;
  if (auto k = build::find_kernel_build(o.kernel_release, error)) return k->release;
  return o.kernel_release.empty() ? host_release() : o.kernel_release;
}

parse::PreprocessorContext make_preprocessor_context(const Options& o) {
  parse::PreprocessorContext ctx;
  ctx.kernel_release = o.kernel_release.empty() ? host_release() : o.kernel_release;
  ctx.arch = host_arch();
  ctx.runtime = o.runtime;
  ctx.systemtap_version = o.compatible;
  ctx.privilege = o.privilege;
  ctx.guru_mode = o.guru;
  ctx.kconfig = load_kconfig(ctx.kernel_release);
  return ctx;
}

std::vector<std::string> tapset_dirs(const Options& o) {
  std::vector<std::string> dirs = o.include_dirs;
  dirs.push_back(default_tapset_dir());
  return dirs;
}

elaborate::Library load_library(const Options& o, const parse::PreprocessorContext& ctx,
                                Diagnostics& diags, parse::MacroTable* macros_out) {
  elaborate::Library lib;
  // Macros of *.stpm files are visible to every file.
  parse::MacroTable shared;
  auto dirs = tapset_dirs(o);
  auto parse_one = [&](const fs::path& path, const parse::MacroTable* macros,
                       parse::MacroTable* defined) -> ir::FilePtr {
    auto text = read_file(path.string());
    if (!text) {
      diags.warning({}, fmt::format("cannot read tapset file '{}'", path.string()));
      return nullptr;
    }
    auto src = std::make_shared<ir::SourceFile>(path.string(), std::move(*text), true);
    parse::ParseOptions po;
    po.pp = ctx;
    po.allow_embedded = true;
    po.shared_macros = macros;
    po.defined_macros = defined;
    Diagnostics local;
    auto file = parse::parse_file(src, po, local);
    // Macro bodies keep pointing into their *.stpm text after the file is
    // dropped; keep that text alive for diagnostics about expansions.
    if (defined) diags.keep_alive(src);
    if (!file) {
      // A broken tapset is reported against its own file and skipped; -W
      // turns that into a failure, as in stap.
      diags.keep_alive(src);
      for (const auto& d : local.all()) {
        auto w = d;
        w.severity = Severity::Warning;
        diags.warning(w.loc, w.message).notes = w.notes;
      }
      diags.warning({}, fmt::format("tapset '{}' has errors, and will be skipped", path.string()));
    }
    return file;
  };
  for (const auto& dir : dirs) {
    for (const auto& path : tapset_files(dir, ".stpm")) {
      parse::MacroTable defined;
      parse_one(path, &shared, &defined);
      for (auto& [name, def] : defined) shared.emplace(name, def);
    }
  }
  for (const auto& dir : dirs)
    for (const auto& path : tapset_files(dir, ".stp"))
      if (auto f = parse_one(path, &shared, nullptr)) lib.files.push_back(std::move(f));
  if (macros_out) *macros_out = std::move(shared);
  return lib;
}

Pass1Result run_pass1(const Options& o, Diagnostics& diags) {
  Pass1Result r;
  auto ctx = make_preprocessor_context(o);

  std::string name, text;
  if (o.script_text) {
    name = "<input>";
    text = *o.script_text;
  } else if (o.script_file && *o.script_file == "-") {
    name = "<input>";
    text.assign(std::istreambuf_iterator<char>(std::cin), {});
  } else if (o.script_file) {
    name = *o.script_file;
    auto t = read_file(name);
    if (!t) {
      diags.error({}, fmt::format("script file '{}' cannot be read", name));
      return r;
    }
    text = std::move(*t);
  }

  // The library first: its *.stpm macros are visible to the script.
  parse::MacroTable library_macros;
  Diagnostics library_diags;
  r.library = load_library(o, ctx, library_diags, &library_macros);

  std::vector<bool> used(o.args.size(), false);
  parse::ParseOptions po;
  po.args = o.args;
  po.args_used = &used;
  po.pp = ctx;
  po.allow_embedded = o.guru;
  po.shared_macros = &library_macros;

  auto src = std::make_shared<ir::SourceFile>(name, std::move(text), false);
  auto file = parse::parse_file(src, po, diags);
  bool ok = file != nullptr;
  if (file) r.user_files.push_back(std::move(file));
  for (std::size_t i = 0; i < o.extra_scripts.size(); ++i) {
    auto extra = std::make_shared<ir::SourceFile>(fmt::format("<input{}>", i + 2),
                                                  o.extra_scripts[i], false);
    auto f = parse::parse_file(extra, po, diags);
    if (f) r.user_files.push_back(std::move(f));
    else ok = false;
  }
  diags.append(library_diags);
  r.ok = ok && !diags.has_errors();
  return r;
}

}  // namespace cxxtap::driver
