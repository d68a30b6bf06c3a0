#!/usr/bin/env bash
# Pass 2 on the DWARF vmlinux: our stap against Debian's reference stap, in
# the same run, for kernel.function points and the syscall.* tapset aliases
# (issue 5). Not part of CI.
#
# usage: bench/kernel_function.sh [-n RUNS] [-r RELEASE] [STAP_BIN]
#
#   STAP_BIN    our stap (default: build/bin/stap)
#   -n RUNS     timed runs per point and implementation (default 3)
#   -r RELEASE  the kernel (default: the first line of guest/releases.sh); its
#               vmlinux must be in /usr/lib/debug/boot (scripts/fetch-debuginfo.sh)
#
# Each point runs as `stap -u -v -p2 -r RELEASE -e 'probe POINT {}'` (-u keeps
# the empty probes); the table shows the mean of the "Pass 2: ... real ms"
# figures, the number of derived probes and Debian's time over ours. For
# syscall.* the two do different amounts of work: our tapset has the aliases
# of a few syscalls (kprobes on __x64_sys_*), Debian's about 450 (each a
# DWARF kernel.function, with nd_syscall/tracepoint fallbacks), so a line
# after the table also compares the time per derived probe.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
reference=${CXXTAP_REFERENCE_STAP:-/usr/bin/stap}
runs=3
release=
ours=
while [ $# -gt 0 ]; do
  case $1 in
    -n) runs=$2; shift 2 ;;
    -r) release=$2; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) ours=$1; shift ;;
  esac
done
ours=${ours:-$root/build/bin/stap}
release=${release:-$("$root/guest/releases.sh" | head -n1)}
[ -e "/usr/lib/debug/boot/vmlinux-$release" ] || {
  echo "kernel_function.sh: no /usr/lib/debug/boot/vmlinux-$release (run scripts/fetch-debuginfo.sh $release)" >&2
  exit 1
}

points=('kernel.function("vfs_read")' 'kernel.function("*@fs/*.c")'
        'kernel.function("vfs_*").return' 'syscall.*')

# mean real ms of pass 2 and the probe count, or "fail"
measure() {
  local bin=$1 point=$2 total=0 n=0 probes=0 out ms
  for ((i = 0; i < runs; i++)); do
    out=$("$bin" -r "$release" -u -v -p2 -e "probe $point {}" 2>&1 >/dev/null | grep '^Pass 2: analyzed') ||
      { echo fail; return; }
    ms=$(sed -E 's/.*\/([0-9]+)real ms.*/\1/' <<<"$out")
    probes=$(sed -E 's/^Pass 2: analyzed script: ([0-9]+) probe.*/\1/' <<<"$out")
    total=$((total + ms)); n=$((n + 1))
  done
  echo "$((total / n)) $probes"
}

# debian/ours of two times, or "-"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a ~ /^[0-9]+$/ && b ~ /^[0-9]+$/) printf "%.1fx", b / (a > 0 ? a : 1); else printf "-" }'; }

printf '%-36s %12s %8s %12s %8s %8s\n' point "ours ms" probes "debian ms" probes ratio
for p in "${points[@]}"; do
  read -r a ap <<<"$(measure "$ours" "$p")"
  read -r b bp <<<"$(measure "$reference" "$p")"
  printf '%-36s %12s %8s %12s %8s %8s\n' "$p" "$a" "${ap:-}" "$b" "${bp:-}" "$(ratio "$a" "$b")"
  if [ "$p" = 'syscall.*' ] && [ -n "${ap:-}" ] && [ -n "${bp:-}" ]; then
    # < 1 ms rounds to 0: count it as 1 ms.
    awk -v a="$a" -v ap="$ap" -v b="$b" -v bp="$bp" 'BEGIN {
      if (a < 1) a = 1
      printf "  syscall.*: ours resolves %d probes, Debian %d (it covers more syscalls): the ratio above compares unequal work; per probe %.2f ms vs %.2f ms (%.1fx)\n", ap, bp, a / ap, b / bp, (b / bp) / (a / ap) }'
  fi
done
