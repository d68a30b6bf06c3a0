// Pass 1: text to IR. parse_file() runs lexer -> preprocessor -> parser over
// one SourceFile and returns the File, or null after errors (which are in
// `diags`). It never throws on bad input.
#pragma once

#include "preprocessor.h"

#include <cxxtap/ir/ast.h>
#include <cxxtap/support/diagnostics.h>

#include <string>
#include <vector>

namespace cxxtap::parse {

struct ParseOptions {
  std::vector<std::string> args;  // $1 .. $N / @1 .. @N
  std::vector<bool>* args_used = nullptr;
  PreprocessorContext pp;
  // Embedded C (%{ %}) is allowed in guru mode and in tapset files.
  bool allow_embedded = false;
  const MacroTable* shared_macros = nullptr;
  // Out: macros the file defines (for *.stpm files); may be null.
  MacroTable* defined_macros = nullptr;
};

ir::FilePtr parse_file(ir::SourceFilePtr src, const ParseOptions& opts,
                       Diagnostics& diags);

}  // namespace cxxtap::parse
