// The syscall.open seed in C++ (examples/syscall_open/): the build turns it
// into syscall_open_dsl.ko; the syscall tapset needs no debuginfo.
#include "../syscall_open/syscall_open.h"

CXXTAP_MAIN(examples::syscall_open)
