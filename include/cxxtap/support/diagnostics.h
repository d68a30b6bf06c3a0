// Collected diagnostics. Passes add errors and warnings here instead of
// throwing, so that one run can report several problems; the driver renders
// them as `file:line:col: error: msg`, the source line, and a caret.
#pragma once

#include <cxxtap/ir/source.h>

#include <iosfwd>
#include <string>
#include <vector>

namespace cxxtap {

enum class Severity { Error, Warning, Note };

struct Diagnostic {
  Severity severity = Severity::Error;
  ir::SourceLoc loc;
  std::string message;
  std::vector<Diagnostic> notes;  // "expanded from", "previously defined here"
};

class Diagnostics {
 public:
  Diagnostic& error(ir::SourceLoc loc, std::string msg);
  Diagnostic& warning(ir::SourceLoc loc, std::string msg);

  // Errors count regardless of -w; warnings are dropped by -w and turned
  // into errors by -W when rendered (see render()).
  std::size_t error_count() const;
  bool has_errors() const { return error_count() != 0; }
  const std::vector<Diagnostic>& all() const { return diags_; }
  void clear() { diags_.clear(); rendered_ = 0; }
  void append(const Diagnostics& other);
  // Locations point into SourceFiles; keep those alive while diagnostics
  // about them may still be rendered.
  void keep_alive(ir::SourceFilePtr f) { sources_.push_back(std::move(f)); }

  // Options that change how warnings are treated.
  bool suppress_warnings = false;   // -w
  bool warnings_are_errors = false; // -W

  // Writes everything not yet rendered (each diagnostic once).
  void render(std::ostream& os);

 private:
  std::vector<Diagnostic> diags_;
  std::size_t rendered_ = 0;
  std::vector<ir::SourceFilePtr> sources_;
};

// One diagnostic in clang style; used by render() and by tests.
std::string format_diagnostic(const Diagnostic& d);

}  // namespace cxxtap
