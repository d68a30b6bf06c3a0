// kernel.trace("NAME") (translator/elaborate/families_kernel_trace.cpp):
// tracepoints found as __traceiter_NAME in Debian's DWARF vmlinux. Hidden
// ([.vmlinux]) like the other vmlinux tests: the CTest entry
// debuginfo_vmlinux runs them, and reports SKIPPED without the vmlinux.
#include "unit/driver/run_stap.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>

using cxxtap::test::release_opt;
using cxxtap::test::run_stap;

TEST_CASE("kernel.trace: -L lists a tracepoint's arguments", "[.vmlinux]") {
  auto l = run_stap(release_opt() + "-L 'kernel.trace(\"sched_process_fork\")'");
  INFO(l.err);
  CHECK(l.status == 0);
  CHECK(l.out ==
        "kernel.trace(\"sched_process_fork\") $parent:struct task_struct* "
        "$child:struct task_struct*\n");
  // A glob, and the subsystem prefix (ignored).
  auto g = run_stap(release_opt() + "-l 'kernel.trace(\"sched:sched_process_*\")'");
  CHECK(g.status == 0);
  CHECK(g.out.find("kernel.trace(\"sched_process_exec\")\n") != std::string::npos);
  CHECK(g.out.find("kernel.trace(\"sched_process_fork\")\n") != std::string::npos);
  auto sw = run_stap(release_opt() + "-L 'kernel.trace(\"sched_switch\")'");
  CHECK(sw.out.find("$preempt:bool $prev:struct task_struct* $next:struct task_struct* "
                    "$prev_state:unsigned int") != std::string::npos);
}

TEST_CASE("kernel.trace: -p2 and -p3", "[.vmlinux]") {
  const std::string script =
      "-e 'probe kernel.trace(\"sched_switch\") { printf(\"%d %d %s %s %s\\n\", "
      "$prev->pid, $prev_state, $next->comm, $$name, $$parms) }'";
  auto p2 = run_stap(release_opt() + "-p2 " + script);
  INFO(p2.err);
  CHECK(p2.status == 0);
  CHECK(p2.out.find("kernel.trace(\"sched_switch\")") != std::string::npos);
  auto p3 = run_stap(release_opt() + "-p3 " + script);
  INFO(p3.err);
  CHECK(p3.status == 0);
  CHECK(p3.out.find(".kind = STP_PROBE_TRACEPOINT") != std::string::npos);
  CHECK(p3.out.find(".tp_name = \"sched_switch\", .tp_func = (void *)probe_0_tp") !=
        std::string::npos);
  CHECK(p3.out.find("_stp_tracepoint_hit(&_stp_probe_table[0], args);") != std::string::npos);
  // The unsigned int argument is cut to its 32 bits, the pointers are not.
  CHECK(p3.out.find("(uint32_t)((int64_t *)CONTEXT->entry_data)[3]") != std::string::npos);
  CHECK(p3.out.find("\"preempt=0x%llx prev=0x%llx next=0x%llx prev_state=0x%llx\"") !=
        std::string::npos);
}

TEST_CASE("kernel.trace: errors", "[.vmlinux]") {
  auto none = run_stap(release_opt() + "-p2 -e 'probe kernel.trace(\"no_such_tracepoint\") {}'");
  CHECK(none.status != 0);
  CHECK(none.err.find("no match") != std::string::npos);
  auto opt = run_stap(release_opt() +
                      "-p2 -e 'probe kernel.trace(\"no_such_tracepoint\")?, begin { exit() }'");
  CHECK(opt.status == 0);
  auto member = run_stap(release_opt() +
                         "-p2 -e 'probe kernel.trace(\"sched_switch\") { println($prev_state->x) }'");
  CHECK(member.status != 0);
  CHECK(member.err.find("has no members") != std::string::npos);
  auto unknown = run_stap(release_opt() +
                          "-p2 -e 'probe kernel.trace(\"sched_switch\") { println($nosuch) }'");
  CHECK(unknown.status != 0);
  // Its arguments are copies: a write would change nothing.
  auto write = run_stap(release_opt() +
                        "-g -p2 -e 'probe kernel.trace(\"sched_switch\") { $prev_state = 1 }'");
  CHECK(write.status != 0);
  CHECK(write.err.find("cannot be written") != std::string::npos);
}
