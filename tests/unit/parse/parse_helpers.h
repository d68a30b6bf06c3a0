// Helpers shared by the parse-layer tests: parse text, print it, collect
// the rendered diagnostics.
#pragma once

#include "parse/parser.h"

#include <cxxtap/ir/printer.h>

#include <sstream>
#include <string>

namespace cxxtap::test {

struct Parsed {
  ir::FilePtr file;
  std::string diagnostics;  // rendered, clang style
  std::string printed;      // canonical print, empty on failure
};

inline Parsed parse_text(const std::string& text, bool guru = true,
                         std::vector<std::string> args = {}) {
  Parsed p;
  Diagnostics d;
  parse::ParseOptions po;
  po.allow_embedded = guru;
  po.args = std::move(args);
  p.file = parse::parse_file(std::make_shared<ir::SourceFile>("t.stp", text), po, d);
  std::ostringstream os;
  d.render(os);
  p.diagnostics = os.str();
  if (p.file) p.printed = ir::to_string(*p.file);
  return p;
}

// The canonical print of one probe body statement list: parses
// `probe begin { BODY }` and returns what the printer makes of it.
inline std::string print_body(const std::string& body) {
  return parse_text("probe begin { " + body + " }").printed;
}

}  // namespace cxxtap::test
