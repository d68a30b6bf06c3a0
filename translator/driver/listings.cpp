#include "listings.h"

#include "pass1.h"

#include "../elaborate/probe_families.h"

#include <cxxtap/ir/printer.h>

#include <fmt/format.h>

#include <iostream>
#include <set>

namespace cxxtap::driver {

namespace {

std::string signature(const ir::FunctionDecl& f) {
  std::string s = fmt::format("{}:{} (", f.name, ir::type_name(f.return_type));
  for (std::size_t i = 0; i < f.params.size(); ++i) {
    if (i) s += ", ";
    s += fmt::format("{}:{}", f.params[i].name, ir::type_name(f.params[i].type));
  }
  s += ")";
  // stap shows the privilege pragmas of embedded-C bodies.
  for (const char* tag : {"unprivileged", "myproc-unprivileged", "guru"})
    if (f.is_embedded && f.embedded_code.find(fmt::format("/* {} */", tag)) != std::string::npos) {
      s += fmt::format(" /* {} */", tag);
      break;
    }
  return s;
}

std::string points_text(const std::vector<ir::ProbePointPtr>& pps) {
  std::string s;
  for (const auto& pp : pps) {
    if (!s.empty()) s += ", ";
    s += ir::to_string(*pp);
  }
  return s;
}

// Public (non-private, not underscore-prefixed) library entries, sorted.
int dump_library(const Options& o, Diagnostics& diags, std::ostream& os, bool functions) {
  auto ctx = make_preprocessor_context(o);
  auto lib = load_library(o, ctx, diags);
  diags.render(std::cerr);
  std::set<std::string> lines;
  for (const auto& file : lib.files) {
    for (const auto& d : file->decls) {
      if (functions) {
        auto f = ir::as<ir::FunctionDecl>(d.get());
        if (f && !f->is_private && f->name.rfind("_", 0) != 0) lines.insert(signature(*f));
      } else if (auto a = ir::as<ir::AliasDecl>(d.get())) {
        for (const auto& n : a->names) {
          std::string name = n->str();
          if (name.rfind("_", 0) != 0)
            lines.insert(fmt::format("{} {} {}", name, a->epilogue ? "+=" : "=",
                                     points_text(a->targets)));
        }
      }
    }
  }
  for (const auto& l : lines) os << l << '\n';
  return diags.has_errors() ? 1 : 0;
}

}  // namespace

int dump_probe_types(std::ostream& os) {
  elaborate::dump_probe_types(os);
  return 0;
}

// -l/-L: elaborate `probe PATTERN {}` and list the points it resolves to.
int run_listing(const Options& o, Diagnostics& diags, std::ostream& os) {
  if (o.dump_functions) return dump_library(o, diags, os, true);
  if (o.dump_probe_aliases) return dump_library(o, diags, os, false);

  Options lo = o;
  lo.script_text = fmt::format("probe {} {{}}", *o.list_pattern);
  lo.script_file.reset();
  Diagnostics quiet;
  quiet.warnings_are_errors = false;
  auto p1 = run_pass1(lo, quiet);
  if (!p1.ok) {
    quiet.render(std::cerr);
    return 1;
  }
  elaborate::ElaborateOptions eo;
  eo.unoptimized = true;
  eo.guru = o.guru;
  eo.kernel_release = target_kernel_release(o);
  eo.prologue_always = o.prologue_always;
  auto lines = elaborate::list_probes(std::move(p1.user_files), std::move(p1.library),
                                      o.list_with_vars, eo);
  for (const auto& l : lines) os << l << '\n';
  (void)diags;
  // Like stap: success means at least one probe point matched.
  return lines.empty() ? 1 : 0;
}

}  // namespace cxxtap::driver
