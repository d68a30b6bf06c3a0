#include "stap_main.h"

#include "listings.h"
#include "options.h"
#include "pass1.h"
#include "pass_report.h"
#include "passes345.h"
#include "temp_dir.h"

#include <cxxtap/ir/printer.h>

#include <fmt/format.h>

#include <fstream>
#include <iostream>

namespace cxxtap::driver {

namespace {

void fail_line(int pass, const char* verb) {
  std::cerr << fmt::format("Pass {}: {} failed.  [man error::pass{}]\n", pass, verb, pass);
}

void print_parse_tree(std::ostream& os, const std::vector<ir::FilePtr>& files) {
  os << "# parse tree dump\n";
  for (const auto& f : files) {
    os << "# file " << f->name() << '\n';
    ir::print(os, *f);
  }
}

}  // namespace

int stap_main(int argc, char** argv) {
  auto parsed = parse_command_line(argc, argv);
  if (!parsed.options) {
    std::cerr << "stap: " << parsed.error << "\nTry 'stap -h' for more information.\n";
    return 1;
  }
  const Options& o = *parsed.options;
  if (o.show_help) {
    std::cout << usage_text();
    return 0;
  }
  if (o.show_version) {
    std::cout << version_text();
    return 0;
  }

  Diagnostics diags;
  diags.suppress_warnings = o.no_warnings;
  diags.warnings_are_errors = o.warnings_as_errors;

  std::ostream* out = &std::cout;
  std::ofstream out_file;
  if (!o.output_file.empty() && o.last_pass <= 4) {
    out_file.open(o.output_file);
    if (!out_file) {
      std::cerr << fmt::format("stap: cannot open output file '{}'\n", o.output_file);
      return 1;
    }
    out = &out_file;
  }

  if (o.dump_probe_types) return dump_probe_types(*out);
  if (o.dump_functions || o.dump_probe_aliases || o.list_pattern)
    return run_listing(o, diags, *out);

  std::string tmp_error;
  auto tmp = TempDir::create(tmp_error);
  if (!tmp) {
    std::cerr << "stap: " << tmp_error << '\n';
    return 1;
  }
  if (o.verbose > 1) std::cerr << fmt::format("Created temporary directory \"{}\"\n", tmp->path());
  if (o.keep_temps) {
    tmp->keep();
    std::cerr << fmt::format("Keeping temporary directory \"{}\"\n", tmp->path());
  }

  // Pass 1
  PassTimer t1;
  auto p1 = run_pass1(o, diags);
  diags.render(std::cerr);
  if (!p1.ok || diags.has_errors()) {
    fail_line(1, "parse");
    return 1;
  }
  if (o.verbose)
    std::cerr << fmt::format("Pass 1: parsed user script and {} library scripts {}\n",
                             p1.library.files.size(), t1.usage_suffix());
  if (o.last_pass == 1) {
    print_parse_tree(*out, p1.user_files);
    return 0;
  }

  // Pass 2
  PassTimer t2;
  elaborate::ElaborateOptions eo;
  eo.unoptimized = o.unoptimized;
  eo.guru = o.guru;
  eo.kernel_release = target_kernel_release(o);
  eo.prologue_always = o.prologue_always;
  eo.verbose = o.verbose > 0;
  auto program = elaborate::elaborate(std::move(p1.user_files), std::move(p1.library), eo, diags);
  diags.render(std::cerr);
  if (!program || diags.has_errors()) {
    fail_line(2, "semantic analysis");
    return 1;
  }
  if (o.verbose)
    std::cerr << fmt::format("Pass 2: analyzed script: {}, {}, {}, {} {}\n",
                             plural(program->probes.size(), "probe", "probes"),
                             plural(program->functions.size(), "function", "functions"),
                             plural(program->embeds.size(), "embed", "embeds"),
                             plural(program->globals.size(), "global", "globals"),
                             t2.usage_suffix());
  if (o.last_pass == 2) {
    elaborate::print_listing(*out, *program, o.verbose > 0);
    return 0;
  }

  return run_passes_3_to_5(o, *program, *tmp, diags, *out);
}

}  // namespace cxxtap::driver
