// Types from C headers: the module of @cast(p, "T", "<sys/un.h>") is not a
// binary but a set of headers. They are included by a one-line C file
// compiled with the host's `cc -g -c -fno-eliminate-unused-debug-types`
// (so every type they declare has a DIE), and the object's DWARF is then
// read like any module's (module.h). Session::header_module caches one
// object per set of headers for the whole run.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace cxxtap::debuginfo {

// The headers of a module string made of <...> groups: "<sys/socket.h><sys/un.h>"
// gives {"sys/socket.h", "sys/un.h"}. nullopt (with `error`) when the string
// is not only such groups or a name has a character a header name has not.
std::optional<std::vector<std::string>> parse_header_list(const std::string& spec,
                                                          std::string& error);

// Compiles a C file including `headers` into `dir`/`stem`.o; its path, or
// nullopt with the compiler's first error line in `error`.
std::optional<std::string> compile_headers(const std::vector<std::string>& headers,
                                           const std::string& dir, const std::string& stem,
                                           std::string& error);

}  // namespace cxxtap::debuginfo
