#include "regex_check.h"

#include <cctype>
#include <regex>

namespace cxxtap::elaborate {

std::optional<std::string> check_regex(std::string_view literal) {
  try {
    std::regex re(unescape_literal(literal), std::regex::extended);
  } catch (const std::regex_error& e) {
    if (e.code() == std::regex_constants::error_backref) return std::nullopt;
    return std::string("regex compilation error: ") + e.what();
  }
  return std::nullopt;
}

}  // namespace cxxtap::elaborate
