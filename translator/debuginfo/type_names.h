// C type names from DWARF, spelled as stap lists them (-L): qualifiers after
// what they qualify ("char const*"), "struct file*", typedef names as they are.
#pragma once

#include <elfutils/libdw.h>

#include <string>

namespace cxxtap::debuginfo {

// `type` may be null (void).
std::string type_name(Dwarf_Die* type);

}  // namespace cxxtap::debuginfo
