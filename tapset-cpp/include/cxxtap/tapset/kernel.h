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

// syscall.NAME and syscall.NAME.return (tapset-cpp/stap/syscalls_*.stp),
// also named nd_syscall.NAME: every entry point sets name and argstr, every
// .return name, retval and retstr; the points listed below add the call's
// arguments under stap's names.
struct SyscallReturn : Point {
  Var<String> name{"name"};
  Var<Long> retval{"retval"};
  Var<String> retstr{"retstr"};
  constexpr explicit SyscallReturn(Point p) : Point(p) {}
};
struct SyscallPoint : Point {
  Var<String> name{"name"};
  Var<String> argstr{"argstr"};
  constexpr explicit SyscallPoint(Point p) : Point(p) {}
  using Return = SyscallReturn;
  constexpr Return return_() const { return Return{then(word("return"))}; }
};
// open(filename, flags, mode)
struct SyscallOpen : SyscallPoint {
  Var<String> filename{"filename"};
  Var<String> filename_unquoted{"filename_unquoted"};
  Var<Long> flags{"flags"};
  Var<String> flags_str{"flags_str"};
  Var<Long> mode{"mode"};
  constexpr explicit SyscallOpen(Point p) : SyscallPoint(p) {}
};
// openat(dfd, filename, flags, mode)
struct SyscallOpenat : SyscallOpen {
  Var<Long> dfd{"dfd"};
  Var<String> dfd_str{"dfd_str"};
  constexpr explicit SyscallOpenat(Point p) : SyscallOpen(p) {}
};
// close(fd)
struct SyscallClose : SyscallPoint {
  Var<Long> fd{"fd"};
  constexpr explicit SyscallClose(Point p) : SyscallPoint(p) {}
};
// read(fd, buf, count)
struct SyscallRead : SyscallClose {
  Var<Long> buf_uaddr{"buf_uaddr"};
  Var<Long> count{"count"};
  constexpr explicit SyscallRead(Point p) : SyscallClose(p) {}
};
// write(fd, buf, count); buf_str is the data, quoted
struct SyscallWrite : SyscallRead {
  Var<String> buf_str{"buf_str"};
  constexpr explicit SyscallWrite(Point p) : SyscallRead(p) {}
};
// execve(filename, argv, envp)
struct SyscallExecve : SyscallPoint {
  Var<String> filename{"filename"};
  Var<String> args{"args"};
  Var<String> env_str{"env_str"};
  constexpr explicit SyscallExecve(Point p) : SyscallPoint(p) {}
};
// clone(flags, newsp, parent_tid, child_tid, tls)
struct SyscallClone : SyscallPoint {
  Var<Long> clone_flags{"clone_flags"};
  Var<Long> stack_start{"stack_start"};
  Var<Long> parent_tid_uaddr{"parent_tid_uaddr"};
  Var<Long> child_tid_uaddr{"child_tid_uaddr"};
  constexpr explicit SyscallClone(Point p) : SyscallPoint(p) {}
};
// exit_group(status)
struct SyscallExitGroup : SyscallPoint {
  Var<Long> status{"status"};
  constexpr explicit SyscallExitGroup(Point p) : SyscallPoint(p) {}
};
// socket(family, type, protocol)
struct SyscallSocket : SyscallPoint {
  Var<Long> family{"family"};
  Var<Long> type{"type"};
  Var<Long> protocol{"protocol"};
  Var<String> family_str{"family_str"};
  Var<String> type_str{"type_str"};
  Var<String> protocol_str{"protocol_str"};
  constexpr explicit SyscallSocket(Point p) : SyscallPoint(p) {}
};
// connect(sockfd, serv_addr, addrlen); the address's parts are strings
struct SyscallConnect : SyscallPoint {
  Var<Long> sockfd{"sockfd"};
  Var<Long> serv_addr_uaddr{"serv_addr_uaddr"};
  Var<Long> addrlen{"addrlen"};
  Var<String> uaddr_af{"uaddr_af"};
  Var<String> uaddr_ip{"uaddr_ip"};
  Var<String> uaddr_ip_port{"uaddr_ip_port"};
  Var<String> uaddr_ipv6_flowinfo{"uaddr_ipv6_flowinfo"};
  Var<String> uaddr_ipv6_scope_id{"uaddr_ipv6_scope_id"};
  constexpr explicit SyscallConnect(Point p) : SyscallPoint(p) {}
};
// accept(sockfd, addr, addrlen)
struct SyscallAccept : SyscallPoint {
  Var<Long> sockfd{"sockfd"};
  Var<Long> addr_uaddr{"addr_uaddr"};
  Var<Long> addrlen_uaddr{"addrlen_uaddr"};
  constexpr explicit SyscallAccept(Point p) : SyscallPoint(p) {}
};
// accept4(sockfd, addr, addrlen, flags)
struct SyscallAccept4 : SyscallAccept {
  Var<Long> flags{"flags"};
  Var<String> flags_str{"flags_str"};
  constexpr explicit SyscallAccept4(Point p) : SyscallAccept(p) {}
};
// recvfrom(s, buf, len, flags, addr, addrlen)
struct SyscallRecvfrom : SyscallPoint {
  Var<Long> s{"s"};
  Var<Long> buf_uaddr{"buf_uaddr"};
  Var<Long> len{"len"};
  Var<Long> flags{"flags"};
  Var<String> flags_str{"flags_str"};
  Var<Long> addr_uaddr{"addr_uaddr"};
  Var<Long> addrlen_uaddr{"addrlen_uaddr"};
  constexpr explicit SyscallRecvfrom(Point p) : SyscallPoint(p) {}
};
// sendto(s, buf, len, flags, to, tolen); buf is the data, quoted
struct SyscallSendto : SyscallPoint {
  Var<Long> s{"s"};
  Var<Long> buf_uaddr{"buf_uaddr"};
  Var<Long> len{"len"};
  Var<Long> flags{"flags"};
  Var<String> flags_str{"flags_str"};
  Var<Long> to_uaddr{"to_uaddr"};
  Var<Long> tolen{"tolen"};
  Var<String> buf{"buf"};
  Var<String> to_str{"to_str"};
  constexpr explicit SyscallSendto(Point p) : SyscallPoint(p) {}
};
struct SyscallPoints {
  std::string_view prefix;  // "syscall" or "nd_syscall"
  SyscallOpen open{point(prefix, "open")};
  SyscallOpenat openat{point(prefix, "openat")};
  SyscallRead read{point(prefix, "read")};
  SyscallWrite write{point(prefix, "write")};
  SyscallClose close{point(prefix, "close")};
  SyscallExecve execve{point(prefix, "execve")};
  SyscallClone clone{point(prefix, "clone")};
  SyscallExitGroup exit_group{point(prefix, "exit_group")};
  SyscallSocket socket{point(prefix, "socket")};
  SyscallConnect connect{point(prefix, "connect")};
  SyscallAccept accept{point(prefix, "accept")};
  SyscallAccept4 accept4{point(prefix, "accept4")};
  SyscallSendto sendto{point(prefix, "sendto")};
  SyscallRecvfrom recvfrom{point(prefix, "recvfrom")};
  SyscallPoint any{point(prefix, "*")};
  // PREFIX.NAME for a name not listed above.
  constexpr SyscallPoint operator()(std::string_view name) const {
    return SyscallPoint{point(prefix).then(word(name))};
  }
};
inline constexpr SyscallPoints syscall{"syscall"};
inline constexpr SyscallPoints nd_syscall{"nd_syscall"};

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
