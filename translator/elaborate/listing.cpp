// The -p2 listing, in stap's format:
//   # globals            name[%][[N]]:type [key, ...]
//   # functions          name:type (param:type, ...)   sorted by name
//   # probes             point /* <- derivation */
// with "  # locals" under functions and probes, and bodies with -v.
#include "elaborate.h"

#include <cxxtap/ir/printer.h>

#include <algorithm>
#include <ostream>

namespace cxxtap::elaborate {

namespace {

std::string_view tname(ir::Type t) { return ir::type_name(t); }

void variable_line(std::ostream& os, const Variable& v) {
  os << v.name;
  if (v.global) {
    if (v.global->wrap) os << '%';
    if (v.global->max_size) os << '[' << v.global->max_size << ']';
  }
  os << ':' << tname(v.type);
  if (v.arity > 0) {
    os << " [";
    for (std::size_t i = 0; i < v.key_types.size(); ++i) {
      if (i) os << ", ";
      os << tname(v.key_types[i]);
    }
    os << ']';
  }
  os << '\n';
}

void locals(std::ostream& os, const std::vector<std::unique_ptr<Variable>>& vars) {
  if (vars.empty()) return;
  os << "  # locals\n";
  for (const auto& v : vars) {
    os << "  ";
    variable_line(os, *v);
  }
}

void body(std::ostream& os, const ir::Stmt* s) {
  if (!s) return;
  ir::print(os, *s);
  os << '\n';
}

}  // namespace

void print_listing(std::ostream& os, const Program& p, bool verbose) {
  if (!p.embeds.empty()) {
    os << "# global embedded code\n";
    for (const auto* e : p.embeds) os << "%{" << e->code << "%}\n";
  }
  if (!p.globals.empty()) {
    os << "# globals\n";
    for (const auto& g : p.globals) variable_line(os, *g);
  }
  if (!p.functions.empty()) {
    os << "# functions\n";
    std::vector<const Function*> fns;
    for (const auto& f : p.functions) fns.push_back(f.get());
    std::stable_sort(fns.begin(), fns.end(), [](const Function* a, const Function* b) {
      if (a->name != b->name) return a->name < b->name;
      if (a->arity() != b->arity()) return a->arity() < b->arity();
      return a->overload_index < b->overload_index;
    });
    for (const Function* f : fns) {
      os << f->name << ':' << tname(f->return_type) << " (";
      for (std::size_t i = 0; i < f->params.size(); ++i) {
        if (i) os << ", ";
        os << f->params[i]->name << ':' << tname(f->params[i]->type);
      }
      os << ")\n";
      locals(os, f->locals);
      if (verbose) {
        if (f->decl->is_embedded) os << "%{" << f->decl->embedded_code << "%}\n";
        else body(os, f->decl->body.get());
      }
    }
  }
  if (!p.probes.empty()) {
    os << "# probes\n";
    for (const auto& probe : p.probes) {
      os << probe->point.derivation << '\n';
      locals(os, probe->locals);
      if (verbose) body(os, probe->body.get());
    }
  }
}

}  // namespace cxxtap::elaborate
