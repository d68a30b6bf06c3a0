#include <cxxtap/support/diagnostics.h>

#include <fmt/format.h>

#include <ostream>

namespace cxxtap {

Diagnostic& Diagnostics::error(ir::SourceLoc loc, std::string msg) {
  diags_.push_back({Severity::Error, loc, std::move(msg), {}});
  return diags_.back();
}

Diagnostic& Diagnostics::warning(ir::SourceLoc loc, std::string msg) {
  diags_.push_back({Severity::Warning, loc, std::move(msg), {}});
  return diags_.back();
}

std::size_t Diagnostics::error_count() const {
  std::size_t n = 0;
  for (const auto& d : diags_)
    if (d.severity == Severity::Error ||
        (d.severity == Severity::Warning && warnings_are_errors && !suppress_warnings))
      ++n;
  return n;
}

void Diagnostics::append(const Diagnostics& other) {
  diags_.insert(diags_.end(), other.diags_.begin(), other.diags_.end());
  sources_.insert(sources_.end(), other.sources_.begin(), other.sources_.end());
}

static std::string_view label(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "note";
  }
  return "error";
}

// Expands tabs so that the caret lines up with what a terminal shows.
static std::string caret_line(std::string_view line, unsigned column) {
  std::string out;
  for (unsigned i = 0; i + 1 < column && i < line.size(); ++i)
    out += line[i] == '\t' ? '\t' : ' ';
  out += '^';
  return out;
}

std::string format_diagnostic(const Diagnostic& d) {
  std::string out;
  auto one = [&out](const Diagnostic& x) {
    if (x.loc.known())
      out += fmt::format("{}: {}: {}\n", x.loc.str(), label(x.severity), x.message);
    else
      out += fmt::format("{}: {}\n", label(x.severity), x.message);
    if (x.loc.known()) {
      auto line = x.loc.file->line_text(x.loc.line);
      out += fmt::format("{}\n{}\n", line, caret_line(line, x.loc.column));
    }
  };
  one(d);
  for (const auto& n : d.notes) one(n);
  return out;
}

void Diagnostics::render(std::ostream& os) {
  for (; rendered_ < diags_.size(); ++rendered_) {
    Diagnostic d = diags_[rendered_];
    if (d.severity == Severity::Warning) {
      // -w wins over -W, as in stap.
      if (suppress_warnings) continue;
      if (warnings_are_errors) d.severity = Severity::Error;
    }
    os << format_diagnostic(d);
  }
}

}  // namespace cxxtap
