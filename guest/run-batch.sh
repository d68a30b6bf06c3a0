#!/usr/bin/env bash
# Boots a Debian kernel in QEMU (software emulation), runs one batch in it and
# brings the results back.
#
#   guest/run-batch.sh [-r RELEASE] [-t TIMEOUT] [-i] [-v] [-z] BATCH_DIR
#     -r  kernel release (default: first of guest/releases.sh, the 6.1 kernel)
#     -t  hard timeout in seconds for the whole boot (default 120)
#     -i  -icount shift=0: guest time follows executed instructions, so
#         in-guest timings repeat exactly across runs (slower)
#     -v  copy the guest console to stderr after the run
#     -z  boot the compressed /boot/vmlinuz-R as is (KASLR on, ~2.5 s slower
#         for 6.1) instead of its unpacked copy (guest/vmlinux.sh)
#
# BATCH_DIR holds run.sh plus whatever it needs (.ko files, inputs). run.sh is
# sourced by the guest's busybox sh with two helpers (guest/initramfs/cxxtap.sh):
#   step NAME CMD...   runs CMD; sends back NAME.out, NAME.err, NAME.rc
#   emit NAME FILE     sends FILE back as NAME
# Results land in BATCH_DIR/results/: those files, batch.out/batch.rc (run.sh's
# own output and status), dmesg.txt, console.log (kernel console) and
# qemu.log. stdout gets one line per fact, e.g.
#   step load rc=0 / batch rc=0 / kernel ok / guest done /
#   time boot=2.0 guest_boot=1.6 total=2.1
#
# Exit status: 0 the guest finished and the kernel logged no oops, BUG,
# WARNING or call trace; 1 it finished but the kernel logged one of those;
# 2 it did not finish (timeout, panic, crash); 3 usage or setup error.
# A failing step does not change it: callers check the .rc files.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
release='' timeout=120 icount=0 verbose=0 bzimage=0
usage() { sed -n '2,28p' "$0" >&2; exit 3; }
while getopts 'r:t:ivzh' opt; do
  case $opt in
    r) release=$OPTARG ;;
    t) timeout=$OPTARG ;;
    i) icount=1 ;;
    v) verbose=1 ;;
    z) bzimage=1 ;;
    *) usage ;;
  esac
done
shift $((OPTIND - 1))
(($# == 1)) || usage
batch=$(cd "$1" && pwd)

die() { echo "run-batch.sh: $*" >&2; exit 3; }
command -v qemu-system-x86_64 >/dev/null ||
  die "qemu-system-x86_64 not found; run guest/setup.sh"
if [[ -z $release ]]; then
  release=$("$here/releases.sh" | sed -n 1p) ||
    die "no kernel with /boot/vmlinuz-R and /usr/src/linux-headers-R; run guest/setup.sh"
fi
kernel=/boot/vmlinuz-$release
[[ -r $kernel ]] || die "$kernel missing; run guest/setup.sh"
[[ -f $batch/run.sh ]] || die "$batch/run.sh missing"
if ((!bzimage)); then
  kernel=$("$here/vmlinux.sh" "$release") || die "cannot unpack $kernel (try -z)"
fi

res=$batch/results
rm -rf "$res"
mkdir -p "$res"
tmp=$(mktemp -d)
qpid=''
cleanup() {
  # Never leave a guest running, whatever ended this script.
  if [[ -n $qpid ]]; then kill "$qpid" 2>/dev/null || true; wait "$qpid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$here/make-initramfs.sh" "$release" "$tmp/initrd.cpio.gz" "$batch"

qemu=(qemu-system-x86_64
  # KVM hangs on these machines (no nested virtualisation): TCG only.
  -accel tcg -cpu max -m 512 -smp 1
  # No default NIC, VGA, floppy or CD: less to probe at boot.
  -nodefaults -no-user-config -display none
  # The guest's reboot on panic (panic=-1) becomes QEMU exiting.
  -no-reboot
  # ttyS0: kernel console. ttyS1: the results channel (cxxtap.sh).
  -serial "file:$res/console.log" -serial "file:$tmp/channel.log"
  -kernel "$kernel" -initrd "$tmp/initrd.cpio.gz"
  # no_timer_check: on a loaded host the emulated CPU can be too slow for
  # the kernel's boot-time IO-APIC timer check, which then panics ("IO-APIC
  # + timer doesn't work!"); the timer works, only the check is timing-bound.
  -append "console=ttyS0 quiet panic=-1 oops=panic no_timer_check")
((icount)) && qemu+=(-icount shift=0)

# Seconds since $start, without needing bc on the host.
since() { awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }'; }
start=$EPOCHREALTIME
boot=''
timeout -k 5 "$timeout" "${qemu[@]}" >"$res/qemu.log" 2>&1 </dev/null &
qpid=$!
# Poll for the first line from init: that is the boot time.
while kill -0 "$qpid" 2>/dev/null; do
  if [[ -z $boot ]] && grep -q '^@@CXXTAP-READY' "$tmp/channel.log" 2>/dev/null; then
    boot=$(since)
  fi
  sleep 0.1
done
qrc=0
wait "$qpid" || qrc=$?
qpid=''
total=$(since)

# Decode the channel into files. Only names of safe characters are accepted,
# so a corrupted line cannot write outside results/.
tr -d '\r' <"$tmp/channel.log" | awk -v dir="$tmp/b64" '
  BEGIN { system("mkdir -p \"" dir "\"") }
  /^@@CXXTAP-FILE [A-Za-z0-9._-]+@@$/ { name = substr($2, 1, length($2) - 2); f = dir "/" name; printf "" >f; next }
  /^@@CXXTAP-EOF / { if (f != "") close(f); f = ""; next }
  /^@@CXXTAP-/ { print > (dir "/../markers"); next }
  f != "" { print >>f }'
for f in "$tmp"/b64/*; do
  [[ -e $f ]] || continue
  base64 -d "$f" >"$res/$(basename "$f")" 2>/dev/null ||
    echo "run-batch.sh: $(basename "$f") arrived damaged" >&2
done
cp "$tmp/markers" "$res/markers.txt" 2>/dev/null || true

# Report.
echo "release $release"
for f in "$res"/*.rc; do
  [[ -e $f ]] || continue
  n=$(basename "$f" .rc)
  [[ $n == batch ]] && continue
  echo "step $n rc=$(cat "$f")"
done
[[ -f $res/batch.rc ]] && echo "batch rc=$(cat "$res/batch.rc")"

status=0
# The console log covers a guest that died before sending dmesg.txt.
problems=$(cat "$res/dmesg.txt" "$res/console.log" 2>/dev/null | tr -d '\r' |
  grep -E 'Oops|BUG:|WARNING:|Call Trace|Kernel panic|general protection fault' |
  sed -E 's/^\[ *[0-9.]+\] //' | awk '!seen[$0]++' || true)
if [[ -n $problems ]]; then
  status=1
  while IFS= read -r l; do echo "kernel problem: $l"; done <<<"$problems"
else
  echo "kernel ok"
fi

if grep -q '^@@CXXTAP-DONE@@' "$res/markers.txt" 2>/dev/null; then
  echo "guest done"
else
  status=2
  if ((qrc == 124 || qrc == 137)); then
    echo "guest timeout after ${timeout}s"
  else
    echo "guest died (qemu exit $qrc)"
  fi
  running=$(grep '^@@CXXTAP-START' "$res/markers.txt" 2>/dev/null | tail -n1 |
    sed -E 's/^@@CXXTAP-START (.*)@@$/\1/' || true)
  [[ -n $running ]] && echo "guest last step $running"
fi
# boot: host wall clock until init's first line (0.1 s polling);
# guest_boot: the guest's own uptime then.
gboot=$(sed -nE 's/^@@CXXTAP-READY uptime=([0-9.]+)@@$/\1/p' "$res/markers.txt" 2>/dev/null || true)
echo "time boot=${boot:-none} guest_boot=${gboot:-none} total=$total"

if ((verbose || status == 2)); then
  echo "---- guest console (tail) ----" >&2
  tr -d '\r' <"$res/console.log" | tail -n 40 >&2 || true
fi
exit $status
