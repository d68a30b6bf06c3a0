// scheduler.stp: the scheduler.* aliases over kernel.trace("sched_*") and
// kernel.function("finish_task_switch" / "scheduler_tick"), resolved on the
// DWARF vmlinux. Hidden ([.vmlinux]) like the other vmlinux tests: the CTest
// entry debuginfo_vmlinux runs them, and reports SKIPPED without the vmlinux.
#include "unit/driver/run_stap.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>

using cxxtap::test::release_opt;
using cxxtap::test::run_stap;

TEST_CASE("scheduler: -L lists the aliases with their locals", "[.vmlinux]") {
  auto l = run_stap(release_opt() + "-L 'scheduler.*'");
  INFO(l.err);
  CHECK(l.status == 0);
  for (const char* line :
       {"scheduler.cpu_on name:string task_prev:long idle:long $prev:struct task_struct*\n",
        "scheduler.cpu_off name:string task_prev:long task_next:long idle:long $preempt:bool",
        "scheduler.ctxswitch name:string prev_pid:long prev_tid:long next_pid:long "
        "next_tid:long prev_priority:long next_priority:long prev_task_name:string "
        "next_task_name:string prevtsk_state:long nexttsk_state:long",
        "scheduler.process_exit name:string pid:long priority:long $p:struct task_struct*\n",
        "scheduler.process_fork name:string parent_pid:long child_pid:long",
        "scheduler.process_free name:string pid:long priority:long",
        "scheduler.process_wait name:string pid:long $pid:struct pid*\n",
        "scheduler.wakeup name:string task_pid:long task_tid:long task_priority:long "
        "task_state:long task_cpu:long",
        "scheduler.wakeup_new name:string task_pid:long",
        "scheduler.signal_send name:string pid:long signal_number:long",
        "scheduler.migrate name:string task:long pid:long priority:long cpu_from:long cpu_to:long",
        "scheduler.tick name:string idle:long\n"})
    CHECK(l.out.find(line) != std::string::npos);
  auto ret = run_stap(release_opt() + "-L 'scheduler.kthread_stop.return'");
  CHECK(ret.out == "scheduler.kthread_stop.return name:string return_value:long $ret:int\n");
}

TEST_CASE("scheduler: the aliases resolve at pass 2", "[.vmlinux]") {
  // cpu_on is finish_task_switch, which GCC renames (finish_task_switch.isra.0
  // in Debian's 6.1): the DWARF name resolves to the clone's address.
  auto on = run_stap(release_opt() +
                     "-p2 -e 'probe scheduler.cpu_on { printf(\"%s %d %d\\n\", name, "
                     "task_prev, idle) }'");
  INFO(on.err);
  CHECK(on.status == 0);
  CHECK(on.out.find("kernel.function(\"finish_task_switch@kernel/sched/core.c:") !=
        std::string::npos);
  CHECK(on.out.find("<- scheduler.cpu_on = kernel.function(\"finish_task_switch\")") !=
        std::string::npos);
  auto off = run_stap(release_opt() + "-p2 -e 'probe scheduler.cpu_off { print(task_next) }'");
  INFO(off.err);
  CHECK(off.status == 0);
  CHECK(off.out.find("kernel.trace(\"sched_switch\") /* <- scheduler.cpu_off = "
                     "kernel.trace(\"sched_switch\")") != std::string::npos);
  // Only the locals a handler uses are computed: task_next alone.
  CHECK(off.out.find("task_prev") == std::string::npos);
  // The task state reads the member the kernel has (__state since 5.14).
  auto sw = run_stap(release_opt() +
                     "-p2 -e 'probe scheduler.ctxswitch { println(prevtsk_state, nexttsk_state, "
                     "prev_task_name) }'");
  INFO(sw.err);
  CHECK(sw.status == 0);
  CHECK(sw.out.find("task_execname:string (task:long)") != std::string::npos);
  // Every alias with all its locals: no error, no never-assigned local.
  auto all = run_stap(
      release_opt() +
      "-W -p2 -e 'probe scheduler.process_exit, scheduler.process_free { println(name, pid, "
      "priority) } probe scheduler.process_fork { println(name, parent_pid, child_pid) } "
      "probe scheduler.process_wait { println(name, pid) } "
      "probe scheduler.wakeup, scheduler.wakeup_new { println(name, task_pid, task_tid, "
      "task_priority, task_state, task_cpu) } "
      "probe scheduler.wait_task { println(name, task_pid, task_priority) } "
      "probe scheduler.signal_send { println(name, pid, signal_number) } "
      "probe scheduler.migrate { println(name, task, pid, priority, cpu_from, cpu_to) } "
      "probe scheduler.kthread_stop { println(name, thread_pid, thread_priority) } "
      "probe scheduler.kthread_stop.return { println(name, return_value) } "
      "probe scheduler.tick { println(name, idle) }'");
  INFO(all.err);
  CHECK(all.status == 0);
  for (const char* tp : {"sched_process_exit", "sched_process_free", "sched_process_fork",
                         "sched_process_wait", "sched_wakeup", "sched_wakeup_new",
                         "sched_wait_task", "signal_generate", "sched_migrate_task",
                         "sched_kthread_stop", "sched_kthread_stop_ret"})
    CHECK(all.out.find(std::string("kernel.trace(\"") + tp + "\")") != std::string::npos);
}
