// "(similar: a, b, c)" suggestions for misspelt names, as stap appends them
// to "unresolved function" and "probe point mismatch" errors.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cxxtap::elaborate {

// Insertions and deletions cost 1, substitutions 2.
std::size_t edit_distance(std::string_view a, std::string_view b);

// Up to `limit` distinct candidates closest to `name` (by edit distance, then
// spelling). Candidates much further away than the name is long
// are left out.
std::vector<std::string> similar_names(std::string_view name,
                                       const std::vector<std::string>& candidates,
                                       std::size_t limit = 5);

// " (similar: a, b)" or "" when there is nothing to suggest.
std::string similar_suffix(std::string_view name, const std::vector<std::string>& candidates,
                           std::size_t limit = 5);

}  // namespace cxxtap::elaborate
