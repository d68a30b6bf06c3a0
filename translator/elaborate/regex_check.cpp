#include "regex_check.h"

#include <cxxtap/lang/regex_syntax.h>

namespace cxxtap::elaborate {

// The parser pass 3 compiles with (not the C++ library's std::regex, whose
// ERE grammar rejects escaped punctuation such as \] and the GNU escapes),
// so that pass 2 accepts exactly what pass 3 translates.
std::optional<std::string> check_regex(std::string_view literal) {
  auto syntax = lang::parse_regex(unescape_literal(literal));
  if (syntax.error.empty()) return std::nullopt;
  return "regex compilation error: " + syntax.error;
}

}  // namespace cxxtap::elaborate
