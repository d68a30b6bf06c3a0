// The `Pass N: ...` lines of -v, byte-compatible with stap's (tools parse
// them): memory from /proc/self/statm, times from getrusage (children
// included) and a monotonic clock.
#pragma once

#include <chrono>
#include <string>

namespace cxxtap::driver {

class PassTimer {
 public:
  PassTimer();
  // "using Vvirt/Rres/Sshr/Ddata kb, in Uusr/Ssys/Rreal ms."
  std::string usage_suffix() const;
  // "in Uusr/Ssys/Rreal ms."
  std::string time_suffix() const;

 private:
  long user_ms0_, sys_ms0_;
  std::chrono::steady_clock::time_point start_;
};

// "1 probe", "2 probes"
std::string plural(std::size_t n, const char* one, const char* many);

}  // namespace cxxtap::driver
