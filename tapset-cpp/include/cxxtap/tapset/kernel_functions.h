// DSL declarations of the kernel tapset functions of issue 5 and of the
// context, task, memory-reader, symbol, register and IP tapsets: the IP
// helpers, the memory readers with their _n/_quoted/_warn variants,
// backtraces, task_* and the rest of the context functions. Written from
// tapset-cpp/stap/*.stp's signatures (tests/unit/dsl/tapset_sig_test.cpp
// checks they agree). A name stap overloads by arity is declared once per
// arity; the ones core.h does not declare are NAME_N (N arguments), e.g.
// tap::kernel_string_2(addr, err_msg) is stap's kernel_string(addr, err_msg).
// stap's internal helpers the issue names (__get_skb_iphdr, ...) drop their
// leading underscores here. htons() and the like are left out: the C
// library may define them as macros.
#pragma once

#include <cxxtap/tapset/core.h>

namespace cxxtap::dsl {

// ip.stp
inline constexpr Sig<String, Long> ip_ntop{"ip_ntop"};
inline constexpr Sig<String, Long, Long> format_ipaddr{"format_ipaddr"};
inline constexpr Sig<Long, Long> get_skb_iphdr{"__get_skb_iphdr"};  // stap's __get_skb_iphdr
inline constexpr Sig<Long, Long> get_skb_len{"__get_skb_len"};  // stap's __get_skb_len
inline constexpr Sig<Long, Long> ip_skb_saddr{"__ip_skb_saddr"};  // stap's __ip_skb_saddr
inline constexpr Sig<Long, Long> ip_skb_daddr{"__ip_skb_daddr"};  // stap's __ip_skb_daddr
inline constexpr Sig<Long, Long> ip_skb_proto{"__ip_skb_proto"};  // stap's __ip_skb_proto
inline constexpr Sig<Long, Long> tcpudp_sport{"__tcpudp_sport"};  // stap's __tcpudp_sport
inline constexpr Sig<Long, Long> tcpudp_dport{"__tcpudp_dport"};  // stap's __tcpudp_dport

// conversions.stp
inline constexpr Sig<String, Long, String> kernel_string_2{"kernel_string"};
inline constexpr Sig<String, Long, Long> kernel_string_n{"kernel_string_n"};
inline constexpr Sig<String, Long> kernel_string_quoted{"kernel_string_quoted"};
inline constexpr Sig<String, Long> kernel_or_user_string_quoted{"kernel_or_user_string_quoted"};
inline constexpr Sig<String, Long, Long> kernel_buffer_quoted{"kernel_buffer_quoted"};
inline constexpr Sig<String, Long, Long, Long> kernel_buffer_quoted_3{"kernel_buffer_quoted"};
inline constexpr Sig<String, Long, Long, Long> kernel_buffer_quoted_error{"kernel_buffer_quoted_error"};
inline constexpr Sig<Long, Long> kernel_int{"kernel_int"};
inline constexpr Sig<Long, Long> kernel_short{"kernel_short"};
inline constexpr Sig<Long, Long> kernel_char{"kernel_char"};
inline constexpr Sig<Long, Long> kernel_pointer{"kernel_pointer"};

// uconversions.stp
inline constexpr Sig<Long, Long> user_char{"user_char"};
inline constexpr Sig<Long, Long> user_char_error{"user_char_error"};
inline constexpr Sig<Long, Long> user_char_warn{"user_char_warn"};
inline constexpr Sig<Long, Long> user_short{"user_short"};
inline constexpr Sig<Long, Long> user_short_error{"user_short_error"};
inline constexpr Sig<Long, Long> user_short_warn{"user_short_warn"};
inline constexpr Sig<Long, Long> user_ushort{"user_ushort"};
inline constexpr Sig<Long, Long> user_ushort_error{"user_ushort_error"};
inline constexpr Sig<Long, Long> user_ushort_warn{"user_ushort_warn"};
inline constexpr Sig<Long, Long> user_int{"user_int"};
inline constexpr Sig<Long, Long> user_int_error{"user_int_error"};
inline constexpr Sig<Long, Long> user_int_warn{"user_int_warn"};
inline constexpr Sig<Long, Long> user_long{"user_long"};
inline constexpr Sig<Long, Long> user_long_error{"user_long_error"};
inline constexpr Sig<Long, Long> user_long_warn{"user_long_warn"};
inline constexpr Sig<Long, Long> user_ulong{"user_ulong"};
inline constexpr Sig<Long, Long> user_ulong_error{"user_ulong_error"};
inline constexpr Sig<Long, Long> user_ulong_warn{"user_ulong_warn"};
inline constexpr Sig<Long, Long> user_int8{"user_int8"};
inline constexpr Sig<Long, Long> user_int8_error{"user_int8_error"};
inline constexpr Sig<Long, Long> user_uint8{"user_uint8"};
inline constexpr Sig<Long, Long> user_uint8_error{"user_uint8_error"};
inline constexpr Sig<Long, Long> user_int16{"user_int16"};
inline constexpr Sig<Long, Long> user_int16_error{"user_int16_error"};
inline constexpr Sig<Long, Long> user_uint16{"user_uint16"};
inline constexpr Sig<Long, Long> user_uint16_error{"user_uint16_error"};
inline constexpr Sig<Long, Long> user_int32{"user_int32"};
inline constexpr Sig<Long, Long> user_int32_error{"user_int32_error"};
inline constexpr Sig<Long, Long> user_uint32{"user_uint32"};
inline constexpr Sig<Long, Long> user_uint32_error{"user_uint32_error"};
inline constexpr Sig<Long, Long> user_int64{"user_int64"};
inline constexpr Sig<Long, Long> user_int64_error{"user_int64_error"};
inline constexpr Sig<Long, Long> user_uint64{"user_uint64"};
inline constexpr Sig<Long, Long> user_uint64_error{"user_uint64_error"};
inline constexpr Sig<String, Long, String> user_string_2{"user_string"};
inline constexpr Sig<String, Long> user_string_nofault{"user_string_nofault"};
inline constexpr Sig<String, Long> user_string_warn{"user_string_warn"};
inline constexpr Sig<String, Long, String> user_string_warn_2{"user_string_warn"};
inline constexpr Sig<String, Long> user_string_quoted{"user_string_quoted"};
inline constexpr Sig<String, Long, Long> user_string_n{"user_string_n"};
inline constexpr Sig<String, Long, Long, String> user_string_n_3{"user_string_n"};
inline constexpr Sig<String, Long, Long> user_string_n_nofault{"user_string_n_nofault"};
inline constexpr Sig<String, Long, Long> user_string_n_warn{"user_string_n_warn"};
inline constexpr Sig<String, Long, Long, String> user_string_n_warn_3{"user_string_n_warn"};
inline constexpr Sig<String, Long, Long> user_string_n_quoted{"user_string_n_quoted"};
inline constexpr Sig<String, Long, Long, Long> user_string_n_quoted_3{"user_string_n_quoted"};
inline constexpr Sig<String, Long, Long, Long> user_buffer_quoted{"user_buffer_quoted"};
inline constexpr Sig<String, Long, Long, Long> user_buffer_quoted_error{"user_buffer_quoted_error"};

// task.stp
inline constexpr Sig<Long> task_current{"task_current"};
inline constexpr Sig<Long, Long> task_parent{"task_parent"};
inline constexpr Sig<Long, Long> task_pid{"task_pid"};
inline constexpr Sig<Long, Long> task_tid{"task_tid"};
inline constexpr Sig<String, Long> task_execname{"task_execname"};
inline constexpr Sig<Long, Long> task_uid{"task_uid"};
inline constexpr Sig<Long, Long> task_euid{"task_euid"};
inline constexpr Sig<Long, Long> task_gid{"task_gid"};
inline constexpr Sig<Long, Long> task_egid{"task_egid"};
inline constexpr Sig<Long, Long> task_state{"task_state"};
inline constexpr Sig<Long, Long> task_prio{"task_prio"};
inline constexpr Sig<Long, Long> task_nice{"task_nice"};
inline constexpr Sig<Long, Long> task_cpu{"task_cpu"};
inline constexpr Sig<Long, Long> pid2task{"pid2task"};
inline constexpr Sig<String, Long> pid2execname{"pid2execname"};

// symbols.stp
inline constexpr Sig<String, Long> symname{"symname"};
inline constexpr Sig<String, Long> symdata{"symdata"};
inline constexpr Sig<String, Long> modname{"modname"};
inline constexpr Sig<String> backtrace{"backtrace"};
inline constexpr Sig<String, Long> callers{"callers"};
inline constexpr Sig<Long, Long> stack{"stack"};
inline constexpr Sig<Long> caller_addr{"caller_addr"};
inline constexpr Sig<String> caller{"caller"};
inline constexpr Sig<String, String> sprint_syms{"sprint_syms"};
inline constexpr Sig<Void, String> print_syms{"print_syms"};
inline constexpr Sig<String, String> sprint_stack{"sprint_stack"};
inline constexpr Sig<Void, String> print_stack{"print_stack"};
inline constexpr Sig<String> sprint_backtrace{"sprint_backtrace"};
inline constexpr Sig<Void> print_backtrace{"print_backtrace"};

// context.stp
inline constexpr Sig<String> pn{"pn"};
inline constexpr Sig<String> probe_type{"probe_type"};
inline constexpr Sig<Long> is_return{"is_return"};
inline constexpr Sig<Long> user_mode{"user_mode"};
inline constexpr Sig<Long> registers_valid{"registers_valid"};
inline constexpr Sig<Long> addr{"addr"};
inline constexpr Sig<Long> uaddr{"uaddr"};
inline constexpr Sig<String> pexecname{"pexecname"};
inline constexpr Sig<Long> pgrp{"pgrp"};
inline constexpr Sig<Long> sid{"sid"};
inline constexpr Sig<Long> egid{"egid"};
inline constexpr Sig<Long> is_myproc{"is_myproc"};
inline constexpr Sig<String> module_name{"module_name"};
inline constexpr Sig<Long> stp_pid{"stp_pid"};
inline constexpr Sig<Long> remote_id{"remote_id"};
inline constexpr Sig<String> remote_uri{"remote_uri"};
inline constexpr Sig<Long> stack_size{"stack_size"};
inline constexpr Sig<Long> stack_unused{"stack_unused"};
inline constexpr Sig<Long> stack_used{"stack_used"};

// indent.stp
inline constexpr Sig<Long, Long> thread_indent_depth{"thread_indent_depth"};
inline constexpr Sig<String, Long> indent{"indent"};
inline constexpr Sig<Long, Long> indent_depth{"indent_depth"};

// errno.stp
inline constexpr Sig<String, Long, Long> return_str{"return_str"};

// registers.stp
inline constexpr Sig<Long, Long> int_arg{"int_arg"};
inline constexpr Sig<Long, Long> uint_arg{"uint_arg"};
inline constexpr Sig<Long, Long> long_arg{"long_arg"};
inline constexpr Sig<Long, Long> ulong_arg{"ulong_arg"};
inline constexpr Sig<Long, Long> longlong_arg{"longlong_arg"};
inline constexpr Sig<Long, Long> ulonglong_arg{"ulonglong_arg"};
inline constexpr Sig<Long, Long> pointer_arg{"pointer_arg"};
inline constexpr Sig<Long, Long> s32_arg{"s32_arg"};
inline constexpr Sig<Long, Long> u32_arg{"u32_arg"};
inline constexpr Sig<Long, Long> s64_arg{"s64_arg"};
inline constexpr Sig<Long, Long> u64_arg{"u64_arg"};
inline constexpr Sig<Void> asmlinkage{"asmlinkage"};
inline constexpr Sig<Void> fastcall{"fastcall"};
inline constexpr Sig<Void, Long> regparm{"regparm"};
inline constexpr Sig<Void> print_regs{"print_regs"};

// timestamp.stp
inline constexpr Sig<Long> get_cycles{"get_cycles"};
inline constexpr Sig<Long> jiffies{"jiffies"};
inline constexpr Sig<Long> HZ{"HZ"};
inline constexpr Sig<Long> ktime_get_ns{"ktime_get_ns"};
inline constexpr Sig<Long> local_clock_ns{"local_clock_ns"};
inline constexpr Sig<Long> local_clock_us{"local_clock_us"};
inline constexpr Sig<Long> local_clock_ms{"local_clock_ms"};
inline constexpr Sig<Long> local_clock_s{"local_clock_s"};
inline constexpr Sig<Long, Long> cpu_clock_ns{"cpu_clock_ns"};
inline constexpr Sig<Long, Long> cpu_clock_us{"cpu_clock_us"};
inline constexpr Sig<Long, Long> cpu_clock_ms{"cpu_clock_ms"};
inline constexpr Sig<Long, Long> cpu_clock_s{"cpu_clock_s"};

// Every declaration above, for the agreement test.
inline constexpr std::array kernel_signatures = {
    ip_ntop.info(),
    format_ipaddr.info(),
    get_skb_iphdr.info(),
    get_skb_len.info(),
    ip_skb_saddr.info(),
    ip_skb_daddr.info(),
    ip_skb_proto.info(),
    tcpudp_sport.info(),
    tcpudp_dport.info(),
    kernel_string_2.info(),
    kernel_string_n.info(),
    kernel_string_quoted.info(),
    kernel_or_user_string_quoted.info(),
    kernel_buffer_quoted.info(),
    kernel_buffer_quoted_3.info(),
    kernel_buffer_quoted_error.info(),
    kernel_int.info(),
    kernel_short.info(),
    kernel_char.info(),
    kernel_pointer.info(),
    user_char.info(),
    user_char_error.info(),
    user_char_warn.info(),
    user_short.info(),
    user_short_error.info(),
    user_short_warn.info(),
    user_ushort.info(),
    user_ushort_error.info(),
    user_ushort_warn.info(),
    user_int.info(),
    user_int_error.info(),
    user_int_warn.info(),
    user_long.info(),
    user_long_error.info(),
    user_long_warn.info(),
    user_ulong.info(),
    user_ulong_error.info(),
    user_ulong_warn.info(),
    user_int8.info(),
    user_int8_error.info(),
    user_uint8.info(),
    user_uint8_error.info(),
    user_int16.info(),
    user_int16_error.info(),
    user_uint16.info(),
    user_uint16_error.info(),
    user_int32.info(),
    user_int32_error.info(),
    user_uint32.info(),
    user_uint32_error.info(),
    user_int64.info(),
    user_int64_error.info(),
    user_uint64.info(),
    user_uint64_error.info(),
    user_string_2.info(),
    user_string_nofault.info(),
    user_string_warn.info(),
    user_string_warn_2.info(),
    user_string_quoted.info(),
    user_string_n.info(),
    user_string_n_3.info(),
    user_string_n_nofault.info(),
    user_string_n_warn.info(),
    user_string_n_warn_3.info(),
    user_string_n_quoted.info(),
    user_string_n_quoted_3.info(),
    user_buffer_quoted.info(),
    user_buffer_quoted_error.info(),
    task_current.info(),
    task_parent.info(),
    task_pid.info(),
    task_tid.info(),
    task_execname.info(),
    task_uid.info(),
    task_euid.info(),
    task_gid.info(),
    task_egid.info(),
    task_state.info(),
    task_prio.info(),
    task_nice.info(),
    task_cpu.info(),
    pid2task.info(),
    pid2execname.info(),
    symname.info(),
    symdata.info(),
    modname.info(),
    backtrace.info(),
    callers.info(),
    stack.info(),
    caller_addr.info(),
    caller.info(),
    sprint_syms.info(),
    print_syms.info(),
    sprint_stack.info(),
    print_stack.info(),
    sprint_backtrace.info(),
    print_backtrace.info(),
    pn.info(),
    probe_type.info(),
    is_return.info(),
    user_mode.info(),
    registers_valid.info(),
    addr.info(),
    uaddr.info(),
    pexecname.info(),
    pgrp.info(),
    sid.info(),
    egid.info(),
    is_myproc.info(),
    module_name.info(),
    stp_pid.info(),
    remote_id.info(),
    remote_uri.info(),
    stack_size.info(),
    stack_unused.info(),
    stack_used.info(),
    thread_indent_depth.info(),
    indent.info(),
    indent_depth.info(),
    return_str.info(),
    int_arg.info(),
    uint_arg.info(),
    long_arg.info(),
    ulong_arg.info(),
    longlong_arg.info(),
    ulonglong_arg.info(),
    pointer_arg.info(),
    s32_arg.info(),
    u32_arg.info(),
    s64_arg.info(),
    u64_arg.info(),
    asmlinkage.info(),
    fastcall.info(),
    regparm.info(),
    print_regs.info(),
    get_cycles.info(),
    jiffies.info(),
    HZ.info(),
    ktime_get_ns.info(),
    local_clock_ns.info(),
    local_clock_us.info(),
    local_clock_ms.info(),
    local_clock_s.info(),
    cpu_clock_ns.info(),
    cpu_clock_us.info(),
    cpu_clock_ms.info(),
    cpu_clock_s.info(),
};

}  // namespace cxxtap::dsl
