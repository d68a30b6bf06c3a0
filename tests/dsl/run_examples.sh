#!/usr/bin/env bash
# Runs each DSL example and its .stp twin through `stap --runtime=user` and
# requires the same output (and the expected first line for hello), and
# requires the same pass-3 C from both. The C names source locations (the
# context's last statement, for run-time error messages); those differ by
# design (the DSL's point at its own text), so they are masked.
#
# Kernel examples are compared by their kernel-module C (-p3 -r RELEASE):
# kprobe_read, netfilter and syscall_open always (no debuginfo needed: the
# syscall.* aliases are kprobes), thread_indent and vfs_read when the DWARF
# vmlinux of the guest kernel is installed (scripts/fetch-debuginfo.sh; a
# SKIP line otherwise), and so are targets (target variables, @entry, @cast)
# and ip_rcv (the IP helpers and @const).
set -euo pipefail
emit=$1 stap=$2
src=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$emit" "$work"
mask_locations() { sed -E 's/ at [^"]*:[0-9]+:[0-9]+"/ at LOC"/g'; }
for name in hello timer_report functions; do
  # execname() is the user-mode program, named after the script's hash.
  "$stap" --runtime=user "$work/$name.stp" | sed 's/stap_[0-9a-f]*/EXEC/' > "$work/$name.dsl.out"
  "$stap" --runtime=user "$src/examples/$name/$name.stp" | sed 's/stap_[0-9a-f]*/EXEC/' \
    > "$work/$name.stp.out"
  if ! diff -u "$work/$name.stp.out" "$work/$name.dsl.out"; then
    echo "$name: the DSL and .stp versions print different output" >&2
    exit 1
  fi
  "$stap" -p3 "$work/$name.stp" | mask_locations > "$work/$name.dsl.c"
  "$stap" -p3 "$src/examples/$name/$name.stp" | mask_locations > "$work/$name.stp.c"
  if ! diff -u "$work/$name.stp.c" "$work/$name.dsl.c"; then
    echo "$name: the DSL and .stp versions translate to different C" >&2
    exit 1
  fi
done
same_kernel_c() {  # NAME RELEASE [STAP OPTION]
  "$stap" ${3:-} -p3 -r "$2" "$work/$1.stp" | mask_locations > "$work/$1.dsl.c"
  "$stap" ${3:-} -p3 -r "$2" "$src/examples/$1/$1.stp" | mask_locations > "$work/$1.stp.c"
  if ! diff -u "$work/$1.stp.c" "$work/$1.dsl.c"; then
    echo "$1: the DSL and .stp versions translate to different kernel C" >&2
    exit 1
  fi
  grep -q "STP_PROBE_K\|STP_PROBE_NETFILTER" "$work/$1.dsl.c"
}
release=$("$src/guest/releases.sh" | head -n 1)
same_kernel_c kprobe_read "$release"
same_kernel_c netfilter "$release"
same_kernel_c syscall_open "$release"
if [ -e "/usr/lib/debug/boot/vmlinux-$release" ]; then
  same_kernel_c thread_indent "$release"
  same_kernel_c vfs_read "$release"
  same_kernel_c targets "$release"
  same_kernel_c ip_rcv "$release" -g  # @const needs guru mode
else
  echo "SKIP thread_indent and vfs_read kernel C: no /usr/lib/debug/boot/vmlinux-$release (scripts/fetch-debuginfo.sh)"
fi
[ "$(head -1 "$work/hello.dsl.out")" = "hello world" ]
grep -q "samples, " "$work/timer_report.dsl.out"
grep -q "fib(9) = 34" "$work/functions.dsl.out"
echo "DSL examples ran and matched their .stp twins (output and C; kernel C for kprobe_read, netfilter, syscall_open, thread_indent, vfs_read, targets and ip_rcv)"
