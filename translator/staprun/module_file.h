// Loading and unloading a module: init_module(2) of the file's image with
// its parameters, an explanation of a failure from errno and the kernel log,
// delete_module(2) with retries, and -R renaming of the image.
#pragma once

#include <string>
#include <vector>

namespace cxxtap::staprun {

// Reads the .ko; empty with `error` set on failure.
std::vector<char> read_module(const std::string& path, std::string& error);

// Renames the module inside `image` (its .gnu.linkonce.this_module section)
// to a name of the same length ending in "_<pid>"; returns the new name, or
// the old one when it is too short to rename.
std::string rename_module(std::vector<char>& image, const std::string& name, int pid,
                          std::string& error);

// The kernel release the module was built for: the first word of its
// .modinfo "vermagic=" entry; empty when there is none.
std::string module_release(const std::vector<char>& image);

// The parameter string for init_module: _stp_bufsize and NAME=VALUE pairs
// (values with blanks are double-quoted, as the kernel's parser expects).
std::string module_params(int buffer_mb, const std::vector<std::string>& args);

// init_module(2); on failure `error` says why, with the kernel's messages
// logged meanwhile (read from /dev/kmsg) when there are any.
bool load_module(const std::vector<char>& image, const std::string& params,
                 const std::string& name, std::string& error);

// delete_module(2), retrying while the module is busy; false with `error`.
bool unload_module(const std::string& name, std::string& error);

}  // namespace cxxtap::staprun
