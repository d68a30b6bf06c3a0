#include "pass_report.h"

#include <fmt/format.h>
#include <sys/resource.h>
#include <unistd.h>

#include <fstream>

namespace cxxtap::driver {

namespace {

void cpu_ms(long& user, long& sys) {
  struct rusage self {}, kids {};
  getrusage(RUSAGE_SELF, &self);
  getrusage(RUSAGE_CHILDREN, &kids);
  auto ms = [](const timeval& a, const timeval& b) {
    return (a.tv_sec + b.tv_sec) * 1000L + (a.tv_usec + b.tv_usec) / 1000L;
  };
  user = ms(self.ru_utime, kids.ru_utime);
  sys = ms(self.ru_stime, kids.ru_stime);
}

}  // namespace

PassTimer::PassTimer() : start_(std::chrono::steady_clock::now()) {
  cpu_ms(user_ms0_, sys_ms0_);
}

std::string PassTimer::time_suffix() const {
  long user = 0, sys = 0;
  cpu_ms(user, sys);
  auto real = std::chrono::duration_cast<std::chrono::milliseconds>(
                  std::chrono::steady_clock::now() - start_)
                  .count();
  return fmt::format("in {}usr/{}sys/{}real ms.", user - user_ms0_, sys - sys_ms0_, real);
}

std::string PassTimer::usage_suffix() const {
  long size = 0, resident = 0, shared = 0, text = 0, lib = 0, data = 0;
  std::ifstream statm("/proc/self/statm");
  statm >> size >> resident >> shared >> text >> lib >> data;
  long kb = sysconf(_SC_PAGESIZE) / 1024;
  return fmt::format("using {}virt/{}res/{}shr/{}data kb, {}", size * kb, resident * kb,
                     shared * kb, data * kb, time_suffix());
}

std::string plural(std::size_t n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

}  // namespace cxxtap::driver
