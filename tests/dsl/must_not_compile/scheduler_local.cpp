// expect: has no member named
// expect: task_next
// expect: SchedulerCpuOn
#include <cxxtap/dsl.h>
namespace tap = cxxtap::dsl;
// scheduler.cpu_on knows the task that left (task_prev), not a next one.
constexpr auto s = tap::script(
    tap::probe(tap::scheduler.cpu_on, tap::println(tap::scheduler.cpu_on.task_next)));
