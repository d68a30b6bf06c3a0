#!/usr/bin/env bash
# Guest test (CTest: guest_app): examples/app_with_probes, an application that
# carries its own probes, end to end. Installs cxxtap from BUILD_DIR into a
# scratch prefix, builds the example against it for the guest kernel
# (copycat, static, and copycat_probes.ko), then in ONE boot of that kernel
# (guest/run-batch.sh) runs
#   staprun -c './copycat input.bin copy.bin' copycat_probes.ko   (case file)
#   staprun -c ./copycat copycat_probes.ko                         (case self)
# and, on the host, the file case again as
#   staprun --vm -c './copycat input.bin copy.bin' copycat_probes.ko  (case vm)
# input.bin has 10000 bytes; copycat copies it 4 times in 512-byte chunks, so
# the kernel must see exactly 4 * 21 reads (the 21st returns 0 at the end of
# the file) and 4 * 20 writes of 40000 bytes each way; with no arguments
# copycat copies its own binary, and the counts follow from its size. Checked:
# the report, exit status 0, no ERROR or WARNING from staprun, the copy equals
# its source, nothing of ours left in /proc/modules, /proc/systemtap or the
# kprobe list, and a clean kernel log (run-batch.sh's exit status).
#
#   tests/guest/run-app.sh BUILD_DIR [RELEASE]
# RELEASE defaults to the first line of guest/releases.sh (the plain 6.1
# kernel). CXXTAP_GUEST_APP_KEEP=1 keeps the work dir (its path is printed).
set -euo pipefail
build_dir=$(realpath "$1")
top=$(cd "$(dirname "$0")/../.." && pwd)

fatal() { echo "guest_app: FAIL: $*" >&2; exit 1; }
command -v qemu-system-x86_64 >/dev/null || fatal "qemu-system-x86_64 not installed (run guest/setup.sh)"
r=${2:-$("$top/guest/releases.sh" | sed -n 1p || true)}
[[ -n $r ]] || fatal "no bootable kernel (run guest/setup.sh)"

work=$(mktemp -d)
if [[ ${CXXTAP_GUEST_APP_KEEP:-0} == 1 ]]; then
  echo "guest_app: work dir $work"
else
  trap 'rm -rf "$work"' EXIT
fi
export CXXTAP_CACHE_DIR=${CXXTAP_CACHE_DIR:-$work/cache}

# The example, built the way its README says, against the installed package.
prefix=$work/prefix app=$work/app batch=$work/batch
cmake --install "$build_dir" --prefix "$prefix" >"$work/install.log"
cmake -S "$top/examples/app_with_probes" -B "$app" -G Ninja \
  -DCMAKE_PREFIX_PATH="$prefix" -DCXXTAP_KERNEL_RELEASE="$r" >"$work/configure.log" ||
  fatal "configure failed: $(tail -n 20 "$work/configure.log")"
cmake --build "$app" >"$work/build.log" 2>&1 || fatal "build failed: $(tail -n 30 "$work/build.log")"

mkdir -p "$batch"
cp "$app/copycat" "$prefix/bin/staprun" "$batch/"
strip -g -o "$batch/copycat_probes.ko" "$app/copycat_probes.ko"
head -c 10000 /dev/urandom >"$batch/input.bin"
cat >"$batch/run.sh" <<'RUN'
# guest_app: the example's own command line, then whatever is left behind.
step file timeout 120 ./staprun -c './copycat input.bin copy.bin' ./copycat_probes.ko
step file_copy cmp input.bin copy.bin
step self timeout 300 ./staprun -c ./copycat ./copycat_probes.ko
step self_copy cmp copycat copycat.out
step zz_leftover sh -c 'cat /proc/modules; ls -A /proc/systemtap 2>/dev/null;
  mount -t debugfs none /sys/kernel/debug 2>/dev/null;
  cat /sys/kernel/debug/kprobes/list 2>/dev/null | grep -v "^$" || true'
RUN
rb=0
"$top/guest/run-batch.sh" -r "$r" -t 600 "$batch" >"$work/batch.log" || rb=$?
res=$batch/results

# The report for SIZE bytes copied 4 times in 512-byte chunks: its two lines,
# then the histogram's non-empty rows as "BUCKET COUNT" (the reads at the end
# of the file in row 0, the last short chunk in its power-of-two row).
expect() {
  local size=$1 n=$(( ($1 + 511) / 512 )) last=$(( $1 % 512 )) b=1
  ((last)) || last=512
  echo "vfs_read: $((4 * (n + 1))) calls, $((4 * size)) bytes, 0..512 bytes a call"
  echo "vfs_write: $((4 * n)) calls, $((4 * size)) bytes, $last..512 bytes a call"
  while ((b * 2 <= last)); do b=$((b * 2)); done
  echo "0 4"
  if ((b < 512)); then echo "$b 4"; echo "512 $((4 * (n - 1)))"; else echo "512 $((4 * n))"; fi
}
report() {  # the same from the output
  head -n 2 "$1"
  awk '$1 ~ /^[0-9]+$/ && $2 ~ /^\|/ && $NF != 0 { print $1, $NF }' "$1"
}

fails=()
check() {  # check CASE SIZE [RESULTS_DIR]
  local c=$1 res=${3:-$res} rc
  rc=$(cat "$res/$c.rc" 2>/dev/null || echo missing)
  if [[ $rc != 0 ]]; then
    fails+=("$c: staprun exit status $rc: $(head -c 600 "$res/$c.err" 2>/dev/null)")
  elif ! grep -qx 'read sizes:' "$res/$c.out" || ! grep -q 'value |' "$res/$c.out"; then
    fails+=("$c: no histogram of read sizes: $(head -c 600 "$res/$c.out")")
  elif ! diff <(expect "$2") <(report "$res/$c.out") >"$work/$c.diff"; then
    fails+=("$c: report differs (expected <, got >): $(cat "$work/$c.diff")")
  elif grep -qE '^(ERROR|WARNING)' "$res/$c.err"; then
    fails+=("$c: staprun reported a problem: $(head -c 600 "$res/$c.err")")
  elif [[ $c != vm && $(cat "$res/${c}_copy.rc" 2>/dev/null) != 0 ]]; then
    fails+=("$c: the copy differs from its source: $(cat "$res/${c}_copy.out" 2>/dev/null)")
  else
    echo "PASS $r $c"
    sed 's/^/  /' "$res/$c.out"
    return
  fi
  echo "FAIL $r $c"
}
check file 10000
check self "$(stat -c %s "$batch/copycat")"

# The README's command for hosts that cannot load modules: staprun --vm
# takes the -c command's files (./copycat, input.bin) into the guest.
cp "$batch/input.bin" "$app/"
mkdir -p "$work/vm"
(cd "$app" && "$prefix/bin/staprun" --vm -c './copycat input.bin copy.bin' copycat_probes.ko \
  >"$work/vm/vm.out" 2>"$work/vm/vm.err") && echo 0 >"$work/vm/vm.rc" || echo $? >"$work/vm/vm.rc"
check vm 10000 "$work/vm"

case $rb in
  0) ;;
  1) fails+=("the guest kernel logged a problem: $(grep -E 'Oops|BUG:|WARNING:|Call Trace|panic' "$res/dmesg.txt" | head -12)") ;;
  *) fails+=("the guest did not finish (run-batch.sh exit $rb): $(tail -c 2000 "$res/console.log" 2>/dev/null)") ;;
esac
if [[ $(cat "$res/zz_leftover.rc" 2>/dev/null) != 0 ]]; then
  fails+=("no leftover check from the guest")
elif [[ -s $res/zz_leftover.out ]]; then
  fails+=("left behind in the guest: $(tr '\n' ' ' <"$res/zz_leftover.out")")
fi
if ((${#fails[@]})); then
  printf 'guest_app: FAIL: %s\n' "${fails[@]}" >&2
  exit 1
fi
echo "guest_app: $r: copycat and copycat_probes.ko passed ($(grep '^time' "$work/batch.log" || true))"
