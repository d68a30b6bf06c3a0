// What a probe runs: its condition and body, and the bodies of every
// script function they reach (transitively, next overloads included).
// Shared by the per-probe analyses of pass 3 (probe_needs, lock_sets).
#pragma once

#include "elaborate/program.h"

#include <unordered_set>

namespace cxxtap::translate {

// Visits the probe with `w`, then the body of each function in w.calls (a
// vector of const Function* the walker appends to as it meets calls, so it
// grows during the walk); `embedded(f)` is called for each embedded-C
// function reached.
template <class Walker, class OnEmbedded>
void walk_reached(const elaborate::DerivedProbe& probe, Walker& w, OnEmbedded embedded) {
  if (probe.condition) w.visit(probe.condition.get());
  if (probe.body) w.visit(probe.body.get());
  std::unordered_set<const elaborate::Function*> seen;
  for (std::size_t i = 0; i < w.calls.size(); ++i) {
    const elaborate::Function* f = w.calls[i];
    if (!seen.insert(f).second) continue;
    if (f->calls_next && f->next_overload) w.calls.push_back(f->next_overload);
    if (!f->decl) continue;
    if (f->decl->body) w.visit(f->decl->body.get());
    if (f->decl->is_embedded) embedded(*f->decl);
  }
}

}  // namespace cxxtap::translate
