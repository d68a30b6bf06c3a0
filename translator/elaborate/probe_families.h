// The registry of probe point families. Each family says which patterns it
// accepts (in stap's --dump-probe-types syntax, e.g.
// "timer.ms(number).randomize(number)") and checks a point that matched one
// of them. Every family stap has is registered, so that a script naming one
// we cannot build yet gets a clear "not yet supported" error rather than a
// "no match".
#pragma once

#include "program.h"

#include <cxxtap/ir/ast.h>

#include <iosfwd>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cxxtap::debuginfo {
class Session;
}

namespace cxxtap::elaborate {

// What families that read the target's files are given: which kernel, and
// the pass's debuginfo sessions (shared by every point).
struct FamilyContext {
  std::string kernel_release;
  debuginfo::Session* debuginfo = nullptr;
  bool prologue_always = false;
  bool guru = false;  // -g: netfilter takes unknown names as C identifiers
};

enum class ArgKind { None, Number, String };

// A pattern or tree key: "ms", "ms(number)", "function(string)".
std::string pattern_key(std::string_view functor, ArgKind arg);

struct PatternStep {
  std::string functor;
  ArgKind arg = ArgKind::None;
};
// "timer.ms(number).randomize(number)" -> [timer] [ms(number)] [randomize(number)]
std::vector<PatternStep> parse_pattern(std::string_view pattern);

// A component of a probe point after glob matching: the functor is concrete.
struct PointComponent {
  std::string functor;
  const ir::Expr* arg = nullptr;  // NumberExpr or StringExpr as written; may be null
  ir::SourceLoc loc;

  ArgKind arg_kind() const;
  std::optional<int64_t> number() const;
  std::optional<std::string> string() const;
};

// "timer.ms(100).randomize(5)"
std::string point_text(std::span<const PointComponent> comps);

struct FamilyError {
  std::string message;
  ir::SourceLoc loc;  // unknown: the point's own location
};

class ProbeFamily {
 public:
  virtual ~ProbeFamily() = default;
  // The name used in messages: "timer", "kernel.function", "process".
  virtual std::string_view name() const = 0;
  // The patterns this family accepts.
  virtual std::vector<std::string> patterns() const = 0;
  // Checks a point that matched one of patterns() and fills `out` (family,
  // numbers, strings); or says what is wrong with it.
  virtual std::optional<FamilyError> resolve(std::span<const PointComponent> comps,
                                             ResolvedPoint& out) const = 0;
  // A family whose point stands for many probes (one per matching function)
  // overrides this; the default is resolve()'s one point.
  virtual std::optional<FamilyError> resolve_all(std::span<const PointComponent> comps,
                                                 const FamilyContext& ctx,
                                                 std::vector<ResolvedPoint>& out) const {
    ResolvedPoint p;
    if (auto err = resolve(comps, p)) return err;
    out.push_back(std::move(p));
    return std::nullopt;
  }
};

class FamilyRegistry {
 public:
  // The families cxxtap knows, registered in one place (probe_families.cpp).
  static const FamilyRegistry& standard();

  void add(std::unique_ptr<ProbeFamily> family);
  const std::vector<std::unique_ptr<ProbeFamily>>& families() const { return families_; }

 private:
  std::vector<std::unique_ptr<ProbeFamily>> families_;
};

// Registration, one group per file.
void register_been_families(FamilyRegistry& r);         // begin end error never
void register_timer_families(FamilyRegistry& r);        // timer.*
void register_kprobe_families(FamilyRegistry& r);       // kprobe.function, kprobe.module
void register_kernel_function_families(FamilyRegistry& r);  // kernel.function, module().function
void register_kernel_statement_families(FamilyRegistry& r);  // kernel.statement, module().statement
void register_kernel_trace_families(FamilyRegistry& r);     // kernel.trace
void register_netfilter_families(FamilyRegistry& r);     // netfilter.hook().pf(), netfilter.pf().hook()
void register_unsupported_families(FamilyRegistry& r);  // kernel.*, process.*, perf, ...

// `stap --dump-probe-types`: every pattern, one per line, in stap's order.
void dump_probe_types(std::ostream& os, const FamilyRegistry& r = FamilyRegistry::standard());

}  // namespace cxxtap::elaborate
