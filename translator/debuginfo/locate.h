// Where Debian puts DWARF debuginfo, and what to tell the user when it is not
// there. No libdw here: only paths.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cxxtap::debuginfo {

// The directories searched, in order. $CXXTAP_DEBUGINFO_ROOT (a directory
// holding usr/lib/debug/...) is searched before / so that tests and CI can
// point at an unpacked -dbg package without installing it.
std::vector<std::string> debug_roots();

// The DWARF vmlinux of `release`: ROOT/usr/lib/debug/boot/vmlinux-R, then
// ROOT/usr/lib/debug/lib/modules/R/vmlinux, then /boot/vmlinux-R. Empty
// with `error` set when none exists; the error names the package to install
// (linux-image-R-dbg) and scripts/fetch-debuginfo.sh.
std::optional<std::string> find_kernel_debuginfo(const std::string& release, std::string& error);

// The DWARF of module `name` ("ext4", "kp_target"; '-' and '_' are the same)
// or of the .ko at `name` when it contains a '/': the -dbg package's
// ROOT/usr/lib/debug/lib/modules/R/**/NAME.ko, else the module itself under
// /lib/modules/R/ (modules built against Debian's headers carry their DWARF).
std::optional<std::string> find_module_debuginfo(const std::string& release,
                                                 const std::string& name, std::string& error);

// The modules whose name matches the glob `pattern` ("ext*", "*"; '-' and
// '_' are the same) and whose DWARF is in a -dbg tree
// (ROOT/usr/lib/debug/lib/modules/R/**), as (name, path) sorted by name; the
// stripped modules under /lib/modules are not opened for a glob. Empty with
// `error` set when none matches.
std::vector<std::pair<std::string, std::string>> find_modules_debuginfo(
    const std::string& release, const std::string& pattern, std::string& error);

// `release`, or the running kernel's when it is empty (stap without -r).
std::string release_or_running(const std::string& release);

// The Debian package holding the DWARF of `release`'s kernel.
std::string debuginfo_package(const std::string& release);

}  // namespace cxxtap::debuginfo
