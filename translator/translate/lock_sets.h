// Which globals each probe locks, and how. A probe takes every global it can
// touch — through its condition, its body and every function it can call —
// at its start and keeps them to its end, so a handler sees a consistent
// state and two probes never interleave updates of one global. Locks are
// taken in one global order (the order of Globals::ordered), with bounded
// try-locks, so no two probes can deadlock.
#pragma once

#include "elaborate/program.h"
#include "globals.h"

#include <vector>

namespace cxxtap::translate {

struct GlobalLock {
  const GlobalInfo* global = nullptr;
  bool exclusive = false;  // write lock; else read lock
};

// Shared (read) for reads of scalars and arrays and for `<<<` into a
// statistic (each cpu adds to its own copy); exclusive for writes, deletes
// and every read of a statistic (extractors and foreach aggregate all cpus).
// Embedded C's /* pragma:read:x */ and /* pragma:write:x */ count too.
// The result follows Globals::ordered.
std::vector<GlobalLock> probe_locks(const elaborate::Program& p,
                                    const elaborate::DerivedProbe& probe, const Globals& g);

}  // namespace cxxtap::translate
