// Every other family stap has. They are registered so that their points
// parse and match exactly as in stap (and appear in --dump-probe-types), but
// resolving one reports that cxxtap cannot build it yet. As a family gains
// support it moves out of this table into a file of its own.
#include "probe_families.h"

#include <fmt/format.h>

#include <map>

namespace cxxtap::elaborate {

namespace {

// Patterns in stap's syntax. stap 4.8's set, without kernel.mark and
// process.insn (gone upstream), with the newer tracepoint, process.data, java
// and python3 families.
// kernel.function(string) and module(string).function(string) with .call,
// .exported, .inline, .return[.maxactive] (and the (number) forms) are in
// families_kernel_function.cpp, kernel.statement in families_kernel_statement.cpp,
// kernel.trace in families_kernel_trace.cpp, netfilter.* in families_netfilter.cpp.
constexpr std::string_view kPatterns[] = {
    "kernel.data(number).length(number).rw",
    "kernel.data(number).length(number).write",
    "kernel.data(number).rw",
    "kernel.data(number).write",
    "kernel.data(string).rw",
    "kernel.data(string).write",
    "kernel.function(string).callee(string)",
    "kernel.function(string).callee(string).call",
    "kernel.function(string).callee(string).return",
    "kernel.function(string).callees",
    "kernel.function(string).callees(number)",
    "module(string).function(string).callee(string)",
    "module(string).function(string).callee(string).call",
    "module(string).function(string).callee(string).return",
    "module(string).function(string).callees",
    "module(string).function(string).callees(number)",
    "perf.type(number).config(number)",
    "perf.type(number).config(number).counter(string)",
    "perf.type(number).config(number).hz(number)",
    "perf.type(number).config(number).process",
    "perf.type(number).config(number).process(string)",
    "perf.type(number).config(number).process(string).counter(string)",
    "perf.type(number).config(number).sample(number)",
    "process.begin",
    "process.end",
    "process.function(number)",
    "process.function(number).call",
    "process.function(number).exported",
    "process.function(number).return",
    "process.function(string)",
    "process.function(string).call",
    "process.function(string).callee(string)",
    "process.function(string).callee(string).call",
    "process.function(string).callee(string).return",
    "process.function(string).callees",
    "process.function(string).callees(number)",
    "process.function(string).exported",
    "process.function(string).inline",
    "process.function(string).label(string)",
    "process.function(string).return",
    "process.library(string).function(number)",
    "process.library(string).function(number).call",
    "process.library(string).function(number).exported",
    "process.library(string).function(number).return",
    "process.library(string).function(string)",
    "process.library(string).function(string).call",
    "process.library(string).function(string).callee(string)",
    "process.library(string).function(string).callee(string).call",
    "process.library(string).function(string).callee(string).return",
    "process.library(string).function(string).callees",
    "process.library(string).function(string).callees(number)",
    "process.library(string).function(string).exported",
    "process.library(string).function(string).inline",
    "process.library(string).function(string).label(string)",
    "process.library(string).function(string).return",
    "process.library(string).mark(string)",
    "process.library(string).plt",
    "process.library(string).plt.return",
    "process.library(string).plt(string)",
    "process.library(string).plt(string).return",
    "process.library(string).provider(string).mark(string)",
    "process.library(string).statement(number)",
    "process.library(string).statement(number).nearest",
    "process.library(string).statement(string)",
    "process.library(string).statement(string).nearest",
    "process.mark(string)",
    "process.plt",
    "process.plt.return",
    "process.plt(string)",
    "process.plt(string).return",
    "process.provider(string).mark(string)",
    "process.statement(number)",
    "process.statement(number).nearest",
    "process.statement(string)",
    "process.statement(string).nearest",
    "process.syscall",
    "process.syscall.return",
    "process.thread.begin",
    "process.thread.end",
    "process(number).begin",
    "process(number).end",
    "process(number).function(number)",
    "process(number).function(number).call",
    "process(number).function(number).exported",
    "process(number).function(number).return",
    "process(number).function(string)",
    "process(number).function(string).call",
    "process(number).function(string).callee(string)",
    "process(number).function(string).callee(string).call",
    "process(number).function(string).callee(string).return",
    "process(number).function(string).callees",
    "process(number).function(string).callees(number)",
    "process(number).function(string).exported",
    "process(number).function(string).inline",
    "process(number).function(string).label(string)",
    "process(number).function(string).return",
    "process(number).mark(string)",
    "process(number).plt",
    "process(number).plt.return",
    "process(number).plt(string)",
    "process(number).plt(string).return",
    "process(number).provider(string).mark(string)",
    "process(number).statement(number)",
    "process(number).statement(number).absolute",
    "process(number).statement(number).absolute.return",
    "process(number).statement(number).nearest",
    "process(number).statement(string)",
    "process(number).statement(string).nearest",
    "process(number).syscall",
    "process(number).syscall.return",
    "process(number).thread.begin",
    "process(number).thread.end",
    "process(string).begin",
    "process(string).end",
    "process(string).function(number)",
    "process(string).function(number).call",
    "process(string).function(number).exported",
    "process(string).function(number).return",
    "process(string).function(string)",
    "process(string).function(string).call",
    "process(string).function(string).callee(string)",
    "process(string).function(string).callee(string).call",
    "process(string).function(string).callee(string).return",
    "process(string).function(string).callees",
    "process(string).function(string).callees(number)",
    "process(string).function(string).exported",
    "process(string).function(string).inline",
    "process(string).function(string).label(string)",
    "process(string).function(string).return",
    "process(string).library(string).function(number)",
    "process(string).library(string).function(number).call",
    "process(string).library(string).function(number).exported",
    "process(string).library(string).function(number).return",
    "process(string).library(string).function(string)",
    "process(string).library(string).function(string).call",
    "process(string).library(string).function(string).callee(string)",
    "process(string).library(string).function(string).callee(string).call",
    "process(string).library(string).function(string).callee(string).return",
    "process(string).library(string).function(string).callees",
    "process(string).library(string).function(string).callees(number)",
    "process(string).library(string).function(string).exported",
    "process(string).library(string).function(string).inline",
    "process(string).library(string).function(string).label(string)",
    "process(string).library(string).function(string).return",
    "process(string).library(string).mark(string)",
    "process(string).library(string).plt",
    "process(string).library(string).plt.return",
    "process(string).library(string).plt(string)",
    "process(string).library(string).plt(string).return",
    "process(string).library(string).provider(string).mark(string)",
    "process(string).library(string).statement(number)",
    "process(string).library(string).statement(number).nearest",
    "process(string).library(string).statement(string)",
    "process(string).library(string).statement(string).nearest",
    "process(string).mark(string)",
    "process(string).plt",
    "process(string).plt.return",
    "process(string).plt(string)",
    "process(string).plt(string).return",
    "process(string).provider(string).mark(string)",
    "process(string).statement(number)",
    "process(string).statement(number).nearest",
    "process(string).statement(string)",
    "process(string).statement(string).nearest",
    "process(string).syscall",
    "process(string).syscall.return",
    "process(string).thread.begin",
    "process(string).thread.end",
    "procfs.read",
    "procfs.read.maxsize(number)",
    "procfs.umask(number).read",
    "procfs.umask(number).read.maxsize(number)",
    "procfs.umask(number).write",
    "procfs.write",
    "procfs(string).read",
    "procfs(string).read.maxsize(number)",
    "procfs(string).umask(number).read",
    "procfs(string).umask(number).read.maxsize(number)",
    "procfs(string).umask(number).write",
    "procfs(string).write",
    "kernel.tracepoint(string)",
    "module(string).tracepoint(string)",
    "process.data(number).write",
    "process.data(number).rw",
    "process.data(number).length(number).write",
    "process.data(number).length(number).rw",
    "process.data(string).write",
    "process.data(string).rw",
    "java(string).class(string).method(string)",
    "java(string).class(string).method(string).return",
    "java(number).class(string).method(string)",
    "java(number).class(string).method(string).return",
    "python3.module(string).function(string)",
    "python3.module(string).function(string).call",
    "python3.module(string).function(string).return",
};

// "process(string).library(string).function(string)" -> "process.function".
std::string family_of(std::string_view pattern) {
  auto steps = parse_pattern(pattern);
  std::string name = steps[0].functor;
  if (name == "kernel" || name == "module" || name == "kprobe" || name == "process") {
    for (std::size_t i = 1; i < steps.size(); ++i) {
      const auto& f = steps[i].functor;
      if (f == "library" || f == "provider" || f == "module") continue;
      return name + "." + f;
    }
  }
  return name;
}

class UnsupportedFamily final : public ProbeFamily {
 public:
  explicit UnsupportedFamily(std::string name) : name_(std::move(name)) {}
  void add_pattern(std::string_view p) { patterns_.emplace_back(p); }

  std::string_view name() const override { return name_; }
  std::vector<std::string> patterns() const override { return patterns_; }
  std::optional<FamilyError> resolve(std::span<const PointComponent> comps,
                                     ResolvedPoint& out) const override {
    out.family = name_;
    out.text = point_text(comps);
    return FamilyError{
        fmt::format("probe point family '{}' is not yet supported by cxxtap", name_), {}};
  }

 private:
  std::string name_;
  std::vector<std::string> patterns_;
};

}  // namespace

void register_unsupported_families(FamilyRegistry& r) {
  std::map<std::string, std::unique_ptr<UnsupportedFamily>> by_name;
  std::vector<std::string> order;
  for (auto p : kPatterns) {
    auto name = family_of(p);
    auto& f = by_name[name];
    if (!f) {
      f = std::make_unique<UnsupportedFamily>(name);
      order.push_back(name);
    }
    f->add_pattern(p);
  }
  for (const auto& name : order) r.add(std::move(by_name[name]));
}

}  // namespace cxxtap::elaborate
