// Typed probe points of tapset aliases over kernel families (vfs, syscall,
// netfilter, scheduler), each with the local variables its alias sets as typed members:
//
//   constexpr auto& open = tap::syscall.open;
//   tap::probe(open, tap::printf("%s\n", open.argstr))
//
// A point offers .return_() only where the alias has a .return form. The
// aliases are in tapset-cpp/stap (vfs.stp, syscalls_*.stp, ...).
#pragma once

#include <cxxtap/dsl/probe.h>
#include <cxxtap/tapset/syscalls.h>

namespace cxxtap::dsl {

// vfs.read / vfs.write and their .return
struct VfsPoint : Point {
  Var<String> devname{"devname"};
  Var<Long> ino{"ino"};
  Var<Long> bytes_to_read{"bytes_to_read"};
  Var<Long> bytes_to_write{"bytes_to_write"};
  constexpr explicit VfsPoint(Point p) : Point(p) {}
  constexpr Point return_() const { return then(word("return")); }
};
struct VfsPoints {
  VfsPoint read{point("vfs.read")};
  VfsPoint write{point("vfs.write")};
  VfsPoint open{point("vfs.open")};
};
inline constexpr VfsPoints vfs{};

// syscall.NAME and nd_syscall.NAME: <cxxtap/tapset/syscalls.h>.

// netfilter.{ipv4,ipv6,ip}.HOOK (no .return; netfilter.stp)
struct NetfilterPoint : Point {
  Var<String> saddr{"saddr"};
  Var<String> daddr{"daddr"};
  Var<Long> length{"length"};
  Var<Long> protocol{"protocol"};
  Var<Long> sport{"sport"};
  Var<Long> dport{"dport"};
  Var<String> pf{"pf"};
  Var<Long> family{"family"};
  Var<Long> iphdr{"iphdr"};
  Var<Long> indev{"indev"};
  Var<Long> outdev{"outdev"};
  Var<String> indev_name{"indev_name"};
  Var<String> outdev_name{"outdev_name"};
  Var<Long> syn{"syn"};
  Var<Long> ack{"ack"};
  Var<Long> rst{"rst"};
  Var<Long> fin{"fin"};
  Var<Long> psh{"psh"};
  Var<Long> urg{"urg"};
  constexpr explicit NetfilterPoint(Point p) : Point(p) {}
};
struct NetfilterHooks {
  NetfilterPoint pre_routing, local_in, forward, local_out, post_routing;
  constexpr explicit NetfilterHooks(std::string_view family)
      : pre_routing{point("netfilter", family, "pre_routing")},
        local_in{point("netfilter", family, "local_in")},
        forward{point("netfilter", family, "forward")},
        local_out{point("netfilter", family, "local_out")},
        post_routing{point("netfilter", family, "post_routing")} {}
};
// The raw hook family: netfilter.hook("H").pf("PF")[.priority("P")] and
// netfilter.pf("PF").hook("H")[...]; $skb, $hooknum... are its target
// variables (target_var("skb")).
struct NetfilterHookPoint : Point {
  constexpr Point priority(std::string_view p) const { return then(word("priority", p)); }
};
struct NetfilterHookHalf : Point {
  constexpr NetfilterHookPoint pf(std::string_view pf) const {
    return NetfilterHookPoint{then(word("pf", pf))};
  }
};
struct NetfilterPfHalf : Point {
  constexpr NetfilterHookPoint hook(std::string_view h) const {
    return NetfilterHookPoint{then(word("hook", h))};
  }
};
struct NetfilterPoints {
  NetfilterHooks ipv4{"ipv4"};
  NetfilterHooks ipv6{"ipv6"};
  NetfilterHooks ip{"ip"};  // IPv4 and IPv6 alike
  constexpr NetfilterHookHalf hook(std::string_view h) const {
    return NetfilterHookHalf{Point{}.then(word("netfilter")).then(word("hook", h))};
  }
  constexpr NetfilterPfHalf pf(std::string_view pf) const {
    return NetfilterPfHalf{Point{}.then(word("netfilter")).then(word("pf", pf))};
  }
};
inline constexpr NetfilterPoints netfilter{};

// scheduler.* (scheduler.stp): every point sets name; pids are the kernel's
// (task_struct.pid) unless a point has both *_pid (process) and *_tid,
// priorities the kernel's prio (120 for nice 0), task_prev/task_next/task
// task_struct addresses. Only kthread_stop has a .return.
struct SchedulerPoint : Point {
  Var<String> name{"name"};
  constexpr explicit SchedulerPoint(Point p) : Point(p) {}
};
// tick: the current task is the idle task
struct SchedulerTick : SchedulerPoint {
  Var<Long> idle{"idle"};
  constexpr explicit SchedulerTick(Point p) : SchedulerPoint(p) {}
};
// cpu_on: runs in the task taking the cpu; task_prev the one that had it
struct SchedulerCpuOn : SchedulerTick {
  Var<Long> task_prev{"task_prev"};
  constexpr explicit SchedulerCpuOn(Point p) : SchedulerTick(p) {}
};
// cpu_off: runs in the task leaving (task_prev); task_next replaces it
struct SchedulerCpuOff : SchedulerCpuOn {
  Var<Long> task_next{"task_next"};
  constexpr explicit SchedulerCpuOff(Point p) : SchedulerCpuOn(p) {}
};
struct SchedulerCtxswitch : SchedulerPoint {
  Var<Long> prev_pid{"prev_pid"};
  Var<Long> prev_tid{"prev_tid"};
  Var<Long> next_pid{"next_pid"};
  Var<Long> next_tid{"next_tid"};
  Var<Long> prev_priority{"prev_priority"};
  Var<Long> next_priority{"next_priority"};
  Var<String> prev_task_name{"prev_task_name"};
  Var<String> next_task_name{"next_task_name"};
  Var<Long> prevtsk_state{"prevtsk_state"};
  Var<Long> nexttsk_state{"nexttsk_state"};
  constexpr explicit SchedulerCtxswitch(Point p) : SchedulerPoint(p) {}
};
// process_wait: the pid waited for (0: any child)
struct SchedulerProcessWait : SchedulerPoint {
  Var<Long> pid{"pid"};
  constexpr explicit SchedulerProcessWait(Point p) : SchedulerPoint(p) {}
};
// process_exit, process_free
struct SchedulerProcess : SchedulerProcessWait {
  Var<Long> priority{"priority"};
  constexpr explicit SchedulerProcess(Point p) : SchedulerProcessWait(p) {}
};
struct SchedulerProcessFork : SchedulerPoint {
  Var<Long> parent_pid{"parent_pid"};
  Var<Long> child_pid{"child_pid"};
  constexpr explicit SchedulerProcessFork(Point p) : SchedulerPoint(p) {}
};
// wakeup, wakeup_new
struct SchedulerWakeup : SchedulerPoint {
  Var<Long> task_pid{"task_pid"};
  Var<Long> task_tid{"task_tid"};
  Var<Long> task_priority{"task_priority"};
  Var<Long> task_state{"task_state"};
  Var<Long> task_cpu{"task_cpu"};
  constexpr explicit SchedulerWakeup(Point p) : SchedulerPoint(p) {}
};
struct SchedulerWaitTask : SchedulerPoint {
  Var<Long> task_pid{"task_pid"};
  Var<Long> task_priority{"task_priority"};
  constexpr explicit SchedulerWaitTask(Point p) : SchedulerPoint(p) {}
};
// signal_send: pid is the task the signal is for
struct SchedulerSignalSend : SchedulerProcessWait {
  Var<Long> signal_number{"signal_number"};
  constexpr explicit SchedulerSignalSend(Point p) : SchedulerProcessWait(p) {}
};
struct SchedulerMigrate : SchedulerProcess {
  Var<Long> task{"task"};
  Var<Long> cpu_from{"cpu_from"};
  Var<Long> cpu_to{"cpu_to"};
  constexpr explicit SchedulerMigrate(Point p) : SchedulerProcess(p) {}
};
struct SchedulerKthreadStopReturn : SchedulerPoint {
  Var<Long> return_value{"return_value"};
  constexpr explicit SchedulerKthreadStopReturn(Point p) : SchedulerPoint(p) {}
};
struct SchedulerKthreadStop : SchedulerPoint {
  Var<Long> thread_pid{"thread_pid"};
  Var<Long> thread_priority{"thread_priority"};
  constexpr explicit SchedulerKthreadStop(Point p) : SchedulerPoint(p) {}
  using Return = SchedulerKthreadStopReturn;
  constexpr Return return_() const { return Return{then(word("return"))}; }
};
struct SchedulerPoints {
  SchedulerCpuOn cpu_on{point("scheduler.cpu_on")};
  SchedulerCpuOff cpu_off{point("scheduler.cpu_off")};
  SchedulerCtxswitch ctxswitch{point("scheduler.ctxswitch")};
  SchedulerTick tick{point("scheduler.tick")};
  SchedulerProcess process_exit{point("scheduler.process_exit")};
  SchedulerProcess process_free{point("scheduler.process_free")};
  SchedulerProcessFork process_fork{point("scheduler.process_fork")};
  SchedulerProcessWait process_wait{point("scheduler.process_wait")};
  SchedulerWakeup wakeup{point("scheduler.wakeup")};
  SchedulerWakeup wakeup_new{point("scheduler.wakeup_new")};
  SchedulerWaitTask wait_task{point("scheduler.wait_task")};
  SchedulerSignalSend signal_send{point("scheduler.signal_send")};
  SchedulerMigrate migrate{point("scheduler.migrate")};
  SchedulerKthreadStop kthread_stop{point("scheduler.kthread_stop")};
};
inline constexpr SchedulerPoints scheduler{};

}  // namespace cxxtap::dsl
