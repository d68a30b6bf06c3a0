// String literals are kept in the IR as written (escapes intact, so printing
// is lossless); this gives the bytes they stand for, by C's rules: \n \t \r
// \a \b \f \v, \xHH, \ooo, and \c for any other c (\\ \" \').
#pragma once

#include <string>
#include <string_view>

namespace cxxtap::lang {

std::string unescape_literal(std::string_view written);

}  // namespace cxxtap::lang
