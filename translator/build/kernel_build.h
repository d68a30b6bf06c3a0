// The kernel a module is built for: its release and kbuild tree.
#pragma once

#include <optional>
#include <string>

namespace cxxtap::build {

struct KernelBuild {
  std::string release;      // e.g. "6.1.0-56-amd64"
  std::string dir;          // the kbuild tree (has Makefile and .config)
  std::string config_hash;  // hash of its .config: part of the cache key
};

// `r` is -r's argument: empty (the running kernel's release; when it has no
// build tree, as on hosts without module support, the newest
// /usr/src/linux-headers-* that has one and whose DWARF vmlinux is
// installed, else the newest that has one), a release (/lib/modules/R/build,
// else /usr/src/linux-headers-R) or a directory. Empty with `error` set when
// no tree is found.
std::optional<KernelBuild> find_kernel_build(const std::string& r, std::string& error);

// The newest release with a tree under /usr/src/linux-headers-* (and a
// .config) whose DWARF vmlinux is installed, else the newest with a tree.
std::optional<std::string> newest_installed_release();

}  // namespace cxxtap::build
