#include "regex_check.h"

#include <cctype>
#include <regex>

namespace cxxtap::elaborate {

std::string unescape_literal(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 >= s.size()) {
      out += s[i];
      continue;
    }
    char c = s[++i];
    switch (c) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case 'a': out += '\a'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'v': out += '\v'; break;
      case 'x': {
        int v = 0, n = 0;
        while (n < 2 && i + 1 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1]))) {
          char h = s[++i];
          v = v * 16 + (std::isdigit(static_cast<unsigned char>(h)) ? h - '0' : (std::tolower(h) - 'a' + 10));
          ++n;
        }
        out += static_cast<char>(v);
        break;
      }
      default:
        if (c >= '0' && c <= '7') {
          int v = c - '0', n = 1;
          while (n < 3 && i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '7') {
            v = v * 8 + (s[++i] - '0');
            ++n;
          }
          out += static_cast<char>(v);
        } else {
          out += c;  // \\ \" and unknown escapes: the character itself
        }
    }
  }
  return out;
}

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
