#include "similar.h"

#include <algorithm>
#include <set>

namespace cxxtap::elaborate {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t up = row[j];
      // A substitution costs as much as a deletion and an insertion, as in
      // stap's suggestions (the distance is len(a) + len(b) - 2 * LCS).
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 2;
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + cost});
      diag = up;
    }
  }
  return row[b.size()];
}

std::vector<std::string> similar_names(std::string_view name,
                                       const std::vector<std::string>& candidates,
                                       std::size_t limit) {
  std::set<std::pair<std::size_t, std::string>> ranked;
  std::set<std::string> seen;
  const std::size_t cutoff = 2 * std::max<std::size_t>(name.size(), 3) + 4;
  for (const auto& c : candidates) {
    if (c.empty() || !seen.insert(c).second) continue;
    std::size_t d = edit_distance(name, c);
    if (d > cutoff) continue;
    ranked.emplace(d, c);
  }
  std::vector<std::string> out;
  for (const auto& [d, c] : ranked) {
    if (out.size() >= limit) break;
    out.push_back(c);
  }
  return out;
}

std::string similar_suffix(std::string_view name, const std::vector<std::string>& candidates,
                           std::size_t limit) {
  auto names = similar_names(name, candidates, limit);
  if (names.empty()) return {};
  std::string out = " (similar: ";
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i) out += ", ";
    out += names[i];
  }
  return out + ")";
}

}  // namespace cxxtap::elaborate
