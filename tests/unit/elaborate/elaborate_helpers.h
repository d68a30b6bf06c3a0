// Helpers for the elaboration tests: parse a script (and optional tapset
// files), run pass 2, and keep the rendered diagnostics and the -p2 listing.
#pragma once

#include "elaborate/elaborate.h"
#include "parse/parser.h"

#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace cxxtap::test {

struct Tapset {
  std::string name;
  std::string text;
};

struct Elaborated {
  std::optional<elaborate::Program> program;
  std::string diagnostics;  // rendered, clang style; warnings included
  std::string listing;      // print_listing, empty on failure
  std::size_t errors = 0;
  std::size_t warnings = 0;

  bool ok() const { return program.has_value(); }
  bool says(const std::string& text) const { return diagnostics.find(text) != std::string::npos; }
  bool lists(const std::string& text) const { return listing.find(text) != std::string::npos; }
};

inline ir::FilePtr parse_or_fail(const std::string& name, const std::string& text, bool tapset,
                                 bool guru, Diagnostics& d) {
  parse::ParseOptions po;
  po.allow_embedded = guru || tapset;
  return parse::parse_file(std::make_shared<ir::SourceFile>(name, text, tapset), po, d);
}

inline elaborate::Library library_of(const std::vector<Tapset>& tapsets, Diagnostics& d) {
  elaborate::Library lib;
  for (const auto& t : tapsets)
    if (auto f = parse_or_fail(t.name, t.text, true, true, d)) lib.files.push_back(std::move(f));
  return lib;
}

inline Elaborated elaborate_text(const std::string& script, const std::vector<Tapset>& tapsets = {},
                                 elaborate::ElaborateOptions opts = {}) {
  Elaborated out;
  Diagnostics d;
  std::vector<ir::FilePtr> user;
  if (auto f = parse_or_fail("t.stp", script, false, opts.guru, d)) user.push_back(std::move(f));
  auto lib = library_of(tapsets, d);
  if (!d.has_errors()) out.program = elaborate::elaborate(std::move(user), std::move(lib), opts, d);
  for (const auto& x : d.all()) {
    if (x.severity == Severity::Error) ++out.errors;
    if (x.severity == Severity::Warning) ++out.warnings;
  }
  std::ostringstream os;
  d.render(os);
  out.diagnostics = os.str();
  if (out.program) {
    std::ostringstream ls;
    elaborate::print_listing(ls, *out.program, opts.verbose);
    out.listing = ls.str();
  }
  return out;
}

inline elaborate::ElaborateOptions unoptimized() {
  elaborate::ElaborateOptions o;
  o.unoptimized = true;
  return o;
}

// `stap -l PATTERN` through list_probes.
inline std::vector<std::string> list_pattern(const std::string& pattern,
                                             const std::vector<Tapset>& tapsets = {},
                                             bool with_vars = false) {
  Diagnostics d;
  std::vector<ir::FilePtr> user;
  if (auto f = parse_or_fail("<list>", "probe " + pattern + " {}", false, false, d))
    user.push_back(std::move(f));
  if (user.empty()) return {};
  return elaborate::list_probes(std::move(user), library_of(tapsets, d), with_vars, {});
}

}  // namespace cxxtap::test
