// The run of a loaded module: the control protocol on
// /proc/systemtap/NAME/.cmd (READY, TRANSPORT, BULK, START, OOB_DATA,
// REQUEST_EXIT, EXIT; runtime/linux/transport/msgs.h) and the output on
// trace0..N, merged by sequence number onto stdout or the -o file.
#pragma once

#include <string>

#include "options.h"

namespace cxxtap::staprun {

enum class SessionEnd {
  kFinished,   // the module stopped (EXIT reply) or could not start
  kDetached,   // -L, or SIGQUIT: the module keeps running
};

struct SessionResult {
  SessionEnd end = SessionEnd::kFinished;
  int status = 0;  // the exit status staprun should return
  bool connected = false;  // .cmd was opened (else the module was not ours)
};

// Runs the session of the module `name` (already loaded, or attached to
// with -A). Messages for the user go to stderr.
SessionResult run_session(const Options& o, const std::string& name);

}  // namespace cxxtap::staprun
