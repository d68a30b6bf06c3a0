// The stap preprocessor, between the lexer and the parser:
//  - `@define NAME[(p1, ...)] %( body %)` macro definitions, and expansion of
//    `@NAME` / `@NAME(args)` (parameters used as `@p1` in the body);
//  - conditionals `%( COND %? tokens [%: tokens] %)`, nestable, where COND is
//    one or more comparisons joined by && / ||:
//      kernel_v / kernel_vr OP "version"   (strverscmp order; == and != with
//                                           wildcards use fnmatch)
//      systemtap_v OP "version"
//      systemtap_privilege ==|!= "stapusr|stapsys|stapdev"
//      guru_mode ==|!= 0|1
//      arch ==|!= "glob"        runtime ==|!= "kernel|dyninst|bpf"
//      CONFIG_X ==|!= "glob", CONFIG_X OP number | CONFIG_Y
//      literal OP literal      (both numbers or both strings; $# expands to
//                               a number before we see it)
// Macro expansion sits below the conditionals, so skipped branches are
// expanded too (a macro may supply the `%:` or `%)`), but quietly, as in stap
// 4.8: a `@define` there is not defined, and a bad invocation there vanishes
// without an error. Unknown `@name`s that are not language @-operators are
// reported ("unknown macro @name") when they reach the parser's stream.
#pragma once

#include "token.h"

#include <cxxtap/support/diagnostics.h>

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace cxxtap::parse {

// Facts the conditions are evaluated against. Immutable during a parse.
struct PreprocessorContext {
  std::string kernel_release = "6.1.0";  // kernel_vr; kernel_v drops "-..."
  std::string arch = "x86_64";
  std::string runtime = "kernel";
  std::string systemtap_version = "5.6";  // honours --compatible
  std::string privilege = "stapdev";
  bool guru_mode = false;
  // Kernel configuration (CONFIG_FOO -> "y", "m", "\"string\"" or number text).
  std::shared_ptr<const std::map<std::string, std::string>> kconfig;
};

// A macro definition; definitions from *.stpm tapset files are shared by all
// files, others are local to the file that defines them.
struct MacroDef {
  std::string name;
  std::vector<std::string> params;
  std::vector<Token> body;
  ir::SourceLoc loc;
};
using MacroTable = std::map<std::string, MacroDef>;

// Version order in the manner of strverscmp(3) ("6.1.0" < "6.10" <
// "6.10.1"); negative, zero or positive. Used by kernel_v / systemtap_v.
int version_compare(std::string_view a, std::string_view b);

class Preprocessor final : public TokenSource {
 public:
  // `shared_macros` (from *.stpm files) may be null. Errors go to `diags`;
  // after an error the preprocessor keeps going where it can and yields Eof
  // where it cannot.
  Preprocessor(TokenSource& input, const PreprocessorContext& ctx,
               Diagnostics& diags, const MacroTable* shared_macros = nullptr);
  ~Preprocessor() override;
  Token next() override;

  // Definitions seen so far in this input (a *.stpm file exports them).
  const MacroTable& local_macros() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cxxtap::parse
