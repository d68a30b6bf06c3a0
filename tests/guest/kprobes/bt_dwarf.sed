s/^ 0x[0-9a-f]{16} : / ADDR : /
s/\+0x[0-9a-f]+\/0x[0-9a-f]+ \[/+OFF\/SIZE [/
/vfs_write/d
/ksys_write|do_syscall_64|entry_SYSCALL|x64_sys_call|__x64_sys_write/d
