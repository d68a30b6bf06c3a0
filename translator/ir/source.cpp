#include <cxxtap/ir/source.h>

#include <fmt/format.h>

namespace cxxtap::ir {

SourceFile::SourceFile(std::string n, std::string t, bool tapset)
    : name(std::move(n)), text(std::move(t)), is_tapset(tapset) {
  line_starts.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') line_starts.push_back(i + 1);
}

std::string_view SourceFile::line_text(unsigned line) const {
  if (line == 0 || line > line_starts.size()) return {};
  std::size_t begin = line_starts[line - 1];
  std::size_t end = line < line_starts.size() ? line_starts[line] - 1 : text.size();
  std::string_view v(text.data() + begin, end - begin);
  if (!v.empty() && v.back() == '\r') v.remove_suffix(1);
  return v;
}

std::string SourceLoc::str() const {
  if (!file) return "<unknown>";
  return fmt::format("{}:{}:{}", file->name, line, column);
}

}  // namespace cxxtap::ir
