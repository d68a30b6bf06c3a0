// Derived probes: one per concrete point a probe declaration resolves to,
// each with its own copy of the body. `=` aliases put their body before the
// handler's, `+=` aliases after it; alias bodies are copied afresh for every
// expansion (so their locals are per probe); `if` conditions of the written
// point and of alias targets are ANDed; @probewrite(x) in an alias body
// becomes 1 or 0 by whether the handler writes x.
#pragma once

#include "probe_resolution.h"
#include "program.h"

#include <cxxtap/support/diagnostics.h>

#include <memory>
#include <vector>

namespace cxxtap::elaborate {

// Resolves every point of `decl` (honouring `?` and `!`), reports points
// that resolve to nothing, and returns the derived probes.
std::vector<std::unique_ptr<DerivedProbe>> derive_probes(const ir::ProbeDecl& decl,
                                                         const ir::File& file,
                                                         PointResolver& resolver,
                                                         Diagnostics& diags);

// The probe for one expansion (exposed for -l/-L and tests).
std::unique_ptr<DerivedProbe> derive_probe(const ir::ProbeDecl& decl, const ir::File& file,
                                           const ir::ProbePoint& written,
                                           const Expansion& expansion);

}  // namespace cxxtap::elaborate
