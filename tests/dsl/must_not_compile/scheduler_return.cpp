// expect: has no member named
// expect: SchedulerProcessFork
#include <cxxtap/dsl.h>
namespace tap = cxxtap::dsl;
// Of the scheduler points only kthread_stop has a .return.
constexpr auto s = tap::script(tap::probe(tap::scheduler.process_fork.return_(), tap::exit()));
