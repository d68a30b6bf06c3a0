// timer.{s,sec,ms,msec,us,usec,ns,nsec}(N)[.randomize(M)] (hrtimers),
// timer.jiffies(N)[.randomize(M)], timer.hz(N) and timer.profile.tick, with
// stap's range checks and messages.
#include "probe_families.h"

#include <fmt/format.h>

namespace cxxtap::elaborate {

namespace {

// hrtimer intervals must lie within [100us, 1 day].
constexpr int64_t kMinIntervalNs = 100'000;
constexpr int64_t kMaxIntervalNs = 86'400LL * 1'000'000'000LL;
constexpr int64_t kMaxJiffies = 1'000'000;

struct Unit {
  std::string_view name;
  int64_t ns;
};
constexpr Unit kUnits[] = {{"s", 1'000'000'000},  {"sec", 1'000'000'000}, {"ms", 1'000'000},
                           {"msec", 1'000'000}, {"us", 1'000},         {"usec", 1'000},
                           {"ns", 1},           {"nsec", 1}};

std::optional<int64_t> randomize_of(std::span<const PointComponent> comps) {
  if (comps.size() >= 3 && comps[2].functor == "randomize") return comps[2].number();
  return std::nullopt;
}

class TimerFamily final : public ProbeFamily {
 public:
  std::string_view name() const override { return "timer"; }

  std::vector<std::string> patterns() const override {
    std::vector<std::string> out;
    for (const auto& u : kUnits) {
      out.push_back(fmt::format("timer.{}(number)", u.name));
      out.push_back(fmt::format("timer.{}(number).randomize(number)", u.name));
    }
    out.push_back("timer.jiffies(number)");
    out.push_back("timer.jiffies(number).randomize(number)");
    out.push_back("timer.hz(number)");
    out.push_back("timer.profile.tick");
    return out;
  }

  std::optional<FamilyError> resolve(std::span<const PointComponent> comps,
                                     ResolvedPoint& out) const override {
    out.text = point_text(comps);
    const std::string& unit = comps[1].functor;
    if (unit == "profile") {
      // Kernels since 2.6.x have no register_timer_hook; stap says so too.
      return FamilyError{"profiling timer support (register_timer_hook) not found in kernel!", {}};
    }
    const int64_t n = comps[1].number().value_or(0);
    const auto rnd = randomize_of(comps);
    if (unit == "jiffies") {
      out.family = "timer.jiffies";
      if (n <= 0 || n > kMaxJiffies) return FamilyError{"invalid interval for jiffies timer", {}};
      if (rnd && (*rnd < 0 || *rnd > n))
        return FamilyError{"invalid randomize for jiffies timer", {}};
      out.numbers["interval"] = n;
      out.numbers["randomize"] = rnd.value_or(0);
      return std::nullopt;
    }
    if (unit == "hz") {
      out.family = "timer.hz";
      if (n <= 0) return FamilyError{"frequency must be greater than 0", {}};
      const int64_t ns = 1'000'000'000LL / n;
      if (ns < kMinIntervalNs || ns > kMaxIntervalNs)
        return FamilyError{
            fmt::format("interval value out of range ({}, {})", kMinIntervalNs, kMaxIntervalNs),
            {}};
      out.numbers["interval_ns"] = ns;
      out.numbers["randomize_ns"] = 0;
      return std::nullopt;
    }
    for (const auto& u : kUnits) {
      if (u.name != unit) continue;
      out.family = "timer." + unit;
      const int64_t lo = std::max<int64_t>(1, kMinIntervalNs / u.ns);
      const int64_t hi = kMaxIntervalNs / u.ns;
      if (n < lo || n > hi)
        return FamilyError{fmt::format("interval value out of range ({}, {})", lo, hi), {}};
      if (rnd && (*rnd < 0 || *rnd > n))
        return FamilyError{"randomization value out of range", {}};
      out.numbers["interval_ns"] = n * u.ns;
      out.numbers["randomize_ns"] = rnd.value_or(0) * u.ns;
      return std::nullopt;
    }
    return FamilyError{"unknown timer unit '" + unit + "'", comps[1].loc};
  }
};

}  // namespace

void register_timer_families(FamilyRegistry& r) { r.add(std::make_unique<TimerFamily>()); }

}  // namespace cxxtap::elaborate
