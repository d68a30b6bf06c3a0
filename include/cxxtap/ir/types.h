// Script value types. Inferred in pass 2; the parser records only the
// annotations the user wrote (`function f:long(x:string)`).
#pragma once

#include <string_view>

namespace cxxtap::ir {

enum class Type { Unknown, Long, String, Stats };

constexpr std::string_view type_name(Type t) {
  switch (t) {
    case Type::Long: return "long";
    case Type::String: return "string";
    case Type::Stats: return "stats";
    case Type::Unknown: break;
  }
  return "unknown";
}

}  // namespace cxxtap::ir
