// Source text and positions. Every IR node carries a SourceLoc so that any
// pass can report `file:line:col` with the offending line and a caret.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace cxxtap::ir {

// One input text: a script file, `-e` text, stdin, a tapset file, or a
// synthetic text made by the DSL. Owned by shared_ptr so that locations stay
// valid while any IR that came from it is alive.
struct SourceFile {
  std::string name;     // as shown in diagnostics ("<input>", path, ...)
  std::string text;
  bool is_tapset = false;
  std::vector<std::size_t> line_starts;  // offset of each line start

  SourceFile(std::string n, std::string t, bool tapset = false);
  // 1-based line text without its newline; empty when out of range.
  std::string_view line_text(unsigned line) const;
};

using SourceFilePtr = std::shared_ptr<const SourceFile>;

struct SourceLoc {
  const SourceFile* file = nullptr;  // null for nodes without a textual origin
  unsigned line = 0;                 // 1-based; 0 = unknown
  unsigned column = 0;               // 1-based

  bool known() const { return file != nullptr && line != 0; }
  std::string str() const;  // "file:line:col"
};

}  // namespace cxxtap::ir
