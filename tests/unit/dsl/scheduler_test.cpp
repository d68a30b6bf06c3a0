// The DSL's scheduler.* points (tapset-cpp/include/cxxtap/tapset/kernel.h):
// they lower to the points the parser builds, and every typed local is one
// that scheduler.stp's alias sets. The second check runs pass 2 on the DWARF
// vmlinux with -W, where a local the alias does not set is an error
// (never-assigned local variable); it is hidden ([.vmlinux]) like the other
// vmlinux tests and runs under the CTest entry debuginfo_vmlinux.
#include <cxxtap/dsl.h>

#include "parse/parser.h"
#include "unit/driver/run_stap.h"

#include <cxxtap/ir/printer.h>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <string>

namespace tap = cxxtap::dsl;
using cxxtap::test::release_opt;
using cxxtap::test::run_stap;
namespace ir = cxxtap::ir;

namespace {

constexpr auto& sched = tap::scheduler;

// Every scheduler point with every local it declares.
constexpr auto every_local = tap::script(
    tap::probe(sched.cpu_on, tap::println(sched.cpu_on.name, sched.cpu_on.task_prev,
                                          sched.cpu_on.idle)),
    tap::probe(sched.cpu_off, tap::println(sched.cpu_off.name, sched.cpu_off.task_prev,
                                           sched.cpu_off.task_next, sched.cpu_off.idle)),
    tap::probe(sched.ctxswitch,
               tap::println(sched.ctxswitch.name, sched.ctxswitch.prev_pid,
                            sched.ctxswitch.prev_tid, sched.ctxswitch.next_pid,
                            sched.ctxswitch.next_tid, sched.ctxswitch.prev_priority,
                            sched.ctxswitch.next_priority, sched.ctxswitch.prev_task_name,
                            sched.ctxswitch.next_task_name, sched.ctxswitch.prevtsk_state,
                            sched.ctxswitch.nexttsk_state)),
    tap::probe(sched.tick, tap::println(sched.tick.name, sched.tick.idle)),
    tap::probe(sched.process_exit, tap::println(sched.process_exit.name, sched.process_exit.pid,
                                                sched.process_exit.priority)),
    tap::probe(sched.process_free, tap::println(sched.process_free.name, sched.process_free.pid,
                                                sched.process_free.priority)),
    tap::probe(sched.process_fork,
               tap::println(sched.process_fork.name, sched.process_fork.parent_pid,
                            sched.process_fork.child_pid)),
    tap::probe(sched.process_wait,
               tap::println(sched.process_wait.name, sched.process_wait.pid)),
    tap::probe(sched.wakeup, tap::println(sched.wakeup.name, sched.wakeup.task_pid,
                                          sched.wakeup.task_tid, sched.wakeup.task_priority,
                                          sched.wakeup.task_state, sched.wakeup.task_cpu)),
    tap::probe(sched.wakeup_new,
               tap::println(sched.wakeup_new.name, sched.wakeup_new.task_pid,
                            sched.wakeup_new.task_tid, sched.wakeup_new.task_priority,
                            sched.wakeup_new.task_state, sched.wakeup_new.task_cpu)),
    tap::probe(sched.wait_task, tap::println(sched.wait_task.name, sched.wait_task.task_pid,
                                             sched.wait_task.task_priority)),
    tap::probe(sched.signal_send, tap::println(sched.signal_send.name, sched.signal_send.pid,
                                               sched.signal_send.signal_number)),
    tap::probe(sched.migrate, tap::println(sched.migrate.name, sched.migrate.task,
                                           sched.migrate.pid, sched.migrate.priority,
                                           sched.migrate.cpu_from, sched.migrate.cpu_to)),
    tap::probe(sched.kthread_stop,
               tap::println(sched.kthread_stop.name, sched.kthread_stop.thread_pid,
                            sched.kthread_stop.thread_priority)),
    tap::probe(sched.kthread_stop.return_(),
               tap::println(sched.kthread_stop.return_().name,
                            sched.kthread_stop.return_().return_value)));

std::string parsed_point(const std::string& point) {
  cxxtap::Diagnostics d;
  cxxtap::parse::ParseOptions po;
  auto f = cxxtap::parse::parse_file(
      std::make_shared<ir::SourceFile>("t.stp", "probe " + point + " {}"), po, d);
  REQUIRE(f);
  auto probe = ir::as<ir::ProbeDecl>(f->decls[0].get());
  REQUIRE(probe);
  return probe->points[0]->str();
}

}  // namespace

TEST_CASE("dsl: scheduler points lower to the points the parser builds") {
  auto text = [](const tap::Point& p) { return p.lower()->str(); };
  CHECK(text(sched.cpu_on) == parsed_point("scheduler.cpu_on"));
  CHECK(text(sched.cpu_off) == parsed_point("scheduler.cpu_off"));
  CHECK(text(sched.ctxswitch) == parsed_point("scheduler.ctxswitch"));
  CHECK(text(sched.process_fork) == parsed_point("scheduler.process_fork"));
  CHECK(text(sched.wakeup_new) == parsed_point("scheduler.wakeup_new"));
  CHECK(text(sched.kthread_stop.return_()) == parsed_point("scheduler.kthread_stop.return"));
  // The -p1 text names each point once, with the locals as plain identifiers.
  auto p1 = ir::to_string(*every_local.lower());
  CHECK(p1.find("probe scheduler.cpu_off") != std::string::npos);
  CHECK(p1.find("task_next") != std::string::npos);
}

TEST_CASE("dsl: every typed scheduler local is set by its alias", "[.vmlinux]") {
  char dir[] = "/tmp/cxxtap-sched-XXXXXX";
  std::string tmp = mkdtemp(dir);
  std::string file = tmp + "/every_local.stp";
  std::ofstream(file) << ir::to_string(*every_local.lower());
  auto r = run_stap(release_opt() + "-W -p2 " + file);
  std::system(("rm -rf " + tmp).c_str());
  INFO(r.err);
  CHECK(r.status == 0);
  CHECK(r.err.find("never-assigned") == std::string::npos);
  for (const char* pp :
       {"kernel.function(\"finish_task_switch@", "kernel.trace(\"sched_switch\")",
        "kernel.trace(\"sched_process_fork\")", "kernel.trace(\"signal_generate\")",
        "kernel.trace(\"sched_kthread_stop_ret\")", "kernel.function(\"scheduler_tick@"})
    CHECK(r.out.find(pp) != std::string::npos);
}
