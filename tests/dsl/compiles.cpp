// The control case for the must-not-compile tests: the same constructs used
// correctly compile, so a failure above is the mistake and not the setup.
#include <cxxtap/dsl.h>
namespace tap = cxxtap::dsl;
constexpr tap::Var<tap::Long> count{"count"};
constexpr tap::Var<tap::Stats> lat{"lat"};
constexpr tap::Array<tap::Long, tap::String> hits{"hits"};
constexpr tap::Var<tap::Long> i{"i"};
constexpr tap::Var<tap::String> msg{"msg"};
constexpr tap::Function<"twice", tap::Long(tap::Long)> twice{"x"};
constexpr tap::Function<"name_of", tap::String(tap::Long)> name_of{"pid"};
constexpr tap::Function<"report", tap::Void(tap::String)> report{"line"};
constexpr auto s = tap::script(
    count, lat, hits,
    twice.define([](auto x) { return tap::block(tap::if_(x < 0, tap::return_(0)),
                                                tap::return_(x * 2 + twice(0))); }),
    name_of.define([](auto pid) { return tap::return_(tap::sprintf("%d", pid)); }),
    report.define([](auto line) { return tap::block(tap::log(line), tap::return_()); }),
    tap::probe(tap::kernel.function("vfs_read").return_(),
               count = tap::strlen(tap::execname()), lat <<= 5, hits(tap::execname()) = 1,
               tap::printf("%d %s\n", tap::pid(), tap::execname()),
               tap::printf("%d %d\n", tap::return_value, tap::entry(tap::target_var("count")))),
    tap::probe(tap::end, tap::print(tap::count(lat)), tap::log(tap::cat("a", tap::execname())),
               tap::for_(i = 0, i < twice(2), i++, report(name_of(i))),
               tap::try_(tap::error("x")).catch_(msg, tap::log(msg)),
               tap::try_(tap::error("y")).catch_()),
    tap::probe(tap::vfs.read.return_(), tap::exit()),
    tap::probe(tap::syscall.open.return_(), tap::log(tap::syscall.open.return_().retstr)),
    tap::probe(tap::netfilter.ipv4.pre_routing,
               tap::if_(tap::defined(tap::cast(tap::target_var("skb"), "sk_buff").field("len")),
                        tap::log(tap::netfilter.ipv4.pre_routing.saddr))),
    tap::probe(tap::scheduler.cpu_off, tap::println(tap::scheduler.cpu_off.task_next)),
    tap::probe(tap::scheduler.kthread_stop.return_(),
               tap::println(tap::scheduler.kthread_stop.return_().return_value)));
int main() { return 0; }
