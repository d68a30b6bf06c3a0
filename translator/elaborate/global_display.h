// Probes pass 2 adds by itself:
//  - for each user global that is written but never read, an `end` probe
//    that prints its value(s) at session end, as stap does;
//  - when any probe has an `if` condition, a `begin` probe that arms the
//    conditions initially.
// The probes come back unresolved; the caller resolves and types them.
#pragma once

#include "program.h"

#include <memory>
#include <vector>

namespace cxxtap::elaborate {

std::vector<std::unique_ptr<DerivedProbe>> global_display_probes(const Program& p);

std::unique_ptr<DerivedProbe> condition_arming_probe(const Program& p);  // null if none needed

}  // namespace cxxtap::elaborate
