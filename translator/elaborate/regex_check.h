// The right side of =~ / !~ must be a valid POSIX extended regular
// expression (the parser has already made sure it is a literal).
#pragma once

#include <cxxtap/lang/string_literal.h>

#include <optional>
#include <string>
#include <string_view>

namespace cxxtap::elaborate {

// `literal` as written between the quotes (escapes not yet processed).
// Returns the error message, or nothing when the regex compiles.
std::optional<std::string> check_regex(std::string_view literal);

// The bytes a string literal stands for (shared with the preprocessor).
using lang::unescape_literal;

}  // namespace cxxtap::elaborate
