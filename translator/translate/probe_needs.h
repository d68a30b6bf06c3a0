// What a probe's handler can do beyond its own statements, as far as the
// probe path of a hit cares (runtime/linux/session/kprobe_hit.h): whether
// it can read the probe context's fields (pp(), registers, ...: only
// embedded C does) and whether it can print. The kernel's kprobe path sets
// the context's fields and flushes the print buffer only for handlers that
// need it (bench/probe_hit.sh: a few dozen instructions a hit).
#pragma once

#include "elaborate/program.h"

namespace cxxtap::translate {

struct ProbeNeeds {
  bool context = false;  // embedded C that names CONTEXT (or pc) is reachable
  bool prints = false;   // a print form, or embedded C naming a print service
};

// Through the probe's condition, its body and every function it can call.
ProbeNeeds probe_needs(const elaborate::Program& p, const elaborate::DerivedProbe& probe);

}  // namespace cxxtap::translate
