# Addresses and sizes vary by kernel build; a function's entry is ENTRY
# (+0x0, or +0x4 past the ENDBR64 instruction kprobes skip on kernels built
# with IBT). Frames from vfs_write outwards are dropped.
s/^ 0x[0-9a-f]{16} : / ADDR : /
s/\+0x[04]\//+ENTRY\//
s/\+0x[0-9a-f]*[1-9a-f][0-9a-f]*\//+OFF\//
s/\/0x[0-9a-f]+ \[/\/SIZE [/
/vfs_write/d
/ksys_write|do_syscall_64|entry_SYSCALL|x64_sys_call|__x64_sys_write/d
