#!/usr/bin/env bash
# Guest test (CTest: guest_kprobes): the kprobe.function / kprobe.module
# families end to end in the guest kernel, with no debuginfo. For each case
# NAME in tests/guest/kprobes/ (NAME.stp):
#   stap -p4 -m kp_NAME -r RELEASE NAME.stp
# (four builds at a time), then ONE guest boot per release
# (guest/run-batch.sh) that loads our test module (kprobe_target/, a known
# function cxxtap_kp_target_fn(n) = 2n+1 behind /proc/cxxtap_kp_target) and
# runs, in name order,
#   staprun [-c "$(cat NAME.cmd)"] kp_NAME.ko
# The -c command is the workload (dd reads, writes to the test module's proc
# file, or a program of ours: each X.c here is built static into the batch as
# ./X), started by staprun once the probes are registered. Checked per case:
# stdout equals NAME.out exactly, the exit status is NAME.status (default 0),
# and stderr contains the line of NAME.errgrep when there is one (else no
# ERROR line). NAME.opts holds extra stap options (-g). With a NAME.sed, stdout is first passed through sed -E -f
# NAME.sed (to blank out addresses, offsets, times and pids). A case with a
# NAME.vmlinux marker uses kernel.function and needs the DWARF vmlinux (scripts/fetch-debuginfo.sh): without it, it is
# reported SKIP. module("cxxtap_kp_target").function cases find the test
# module's DWARF through CXXTAP_DEBUGINFO_ROOT (set here). After the batch nothing of ours may be left in /proc/modules,
# /proc/systemtap or the kernel's kprobe list, and run-batch.sh must report a
# clean kernel log (no oops, BUG, WARNING, call trace or panic).
#
#   tests/guest/run-kprobes.sh STAP [RELEASE...]
# RELEASEs default to $CXXTAP_GUEST_RELEASES (space separated), else the
# first line of guest/releases.sh (the plain 6.1 kernel).
# CXXTAP_GUEST_KPROBES_KEEP=1 keeps the work dir (its path is printed);
# CXXTAP_GUEST_KPROBES_ONLY=ERE runs only the cases whose names match.
set -euo pipefail
stap=$(realpath "$1")
shift
src=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$src/../.." && pwd)
cases=$src/kprobes

fatal() { echo "guest_kprobes: FAIL: $*" >&2; exit 1; }
command -v qemu-system-x86_64 >/dev/null || fatal "qemu-system-x86_64 not installed (run guest/setup.sh)"
staprun=$(dirname "$stap")/staprun
[[ -x $staprun ]] || fatal "no staprun beside $stap"
if (($#)); then
  releases=("$@")
elif [[ -n ${CXXTAP_GUEST_RELEASES:-} ]]; then
  read -r -a releases <<<"$CXXTAP_GUEST_RELEASES"
else
  releases=("$("$top/guest/releases.sh" | sed -n 1p || true)")
fi
[[ -n ${releases[0]:-} ]] || fatal "no bootable kernel (run guest/setup.sh)"

work=$(mktemp -d)
if [[ ${CXXTAP_GUEST_KPROBES_KEEP:-0} == 1 ]]; then
  echo "guest_kprobes: work dir $work"
else
  trap 'rm -rf "$work"' EXIT
fi
export CXXTAP_CACHE_DIR=${CXXTAP_CACHE_DIR:-$work/cache}

mapfile -t names < <(cd "$cases" && ls -- *.stp | sed 's/\.stp$//' | sort |
  grep -E -- "${CXXTAP_GUEST_KPROBES_ONLY:-.}")
((${#names[@]})) || fatal "no case in $cases"

# One pass-4 build (run by xargs): release, case.
build_one() {
  local r=$1 n=$2 d=$work/$1/build/$2
  mkdir -p "$d"
  cp "$cases/$n.stp" "$d/"
  local -a opts=()
  [[ -f $cases/$n.opts ]] && read -r -a opts <"$cases/$n.opts"
  (cd "$d" && timeout 300 "$stap" "${opts[@]}" -p4 -m "kp_$n" -r "$r" "$n.stp") >"$d/p4.out" 2>"$d/p4.err" &&
    strip -g -o "$work/$r/batch/kp_$n.ko" "$d/kp_$n.ko"
}
export -f build_one
export work stap cases

q() { printf "'%s'" "${1//\'/\'\\\'\'}"; }
# A case's stdout as compared: through sed -E -f NAME.sed when there is one
# (to blank out addresses, times and pids).
normalized() {
  if [[ -f $cases/$1.sed ]]; then sed -E -f "$cases/$1.sed" "$res/$1.out"; else cat "$res/$1.out"; fi
}
total_pass=0 total_fail=0
for r in "${releases[@]}"; do
  t0=$EPOCHREALTIME
  batch=$work/$r/batch
  mkdir -p "$batch" "$work/$r/target"
  declare -A verdict=()
  why=()
  # Our test module, built out of tree against the release's headers.
  cp "$src/kprobe_target/kp_target.c" "$src/kprobe_target/Kbuild" "$work/$r/target/"
  if ! make -s -C "/usr/src/linux-headers-$r" M="$work/$r/target" modules \
      >"$work/$r/target/build.log" 2>&1; then
    why+=("test module build failed: $(tail -n 15 "$work/$r/target/build.log")")
  else
    strip -g -o "$batch/cxxtap_kp_target.ko" "$work/$r/target/cxxtap_kp_target.ko"
  fi
  # Workload programs (NAME.c: static, beside the modules in the batch).
  for c in "$cases"/*.c; do
    [[ -e $c ]] || continue
    b=$(basename "$c" .c)
    cc -static -O2 -o "$batch/$b" "$c" >"$work/$r/$b.log" 2>&1 ||
      why+=("workload $b did not build: $(tail -n 15 "$work/$r/$b.log")")
  done
  # Where pass 2 finds the test module's DWARF, as in a -dbg package.
  dbg=$work/$r/dbgroot/usr/lib/debug/lib/modules/$r/extra
  mkdir -p "$dbg"
  ln -sf "$work/$r/target/cxxtap_kp_target.ko" "$dbg/"
  export CXXTAP_DEBUGINFO_ROOT=$work/$r/dbgroot
  skipped=()
  run_names=()
  for n in "${names[@]}"; do
    if [[ -f $cases/$n.vmlinux && ! -e /usr/lib/debug/boot/vmlinux-$r ]]; then
      skipped+=("$n")
    else
      run_names+=("$n")
    fi
  done
  for n in "${run_names[@]}"; do printf '%s %s\n' "$r" "$n"; done |
    xargs -P4 -L1 bash -c 'build_one "$1" "$2"' _ || true
  t1=$EPOCHREALTIME

  cp "$staprun" "$batch/staprun"
  chmod +x "$batch/staprun"
  {
    echo "# guest_kprobes: the test module, then one staprun per case"
    echo "step zz_insmod insmod ./cxxtap_kp_target.ko"
    for n in "${run_names[@]}"; do
      [[ -f $batch/kp_$n.ko ]] || continue
      line="step $n timeout 60 ./staprun"
      [[ -f $cases/$n.cmd ]] && line+=" -c $(q "$(<"$cases/$n.cmd")")"
      echo "$line ./kp_$n.ko"
    done
    echo "step zz_rmmod rmmod cxxtap_kp_target"
    # Whatever is left: modules, transport directories, kprobes.
    echo "step zz_leftover sh -c 'cat /proc/modules; ls -A /proc/systemtap 2>/dev/null;" \
         "mount -t debugfs none /sys/kernel/debug 2>/dev/null;" \
         "cat /sys/kernel/debug/kprobes/list 2>/dev/null | grep -v \"^\$\" || true'"
  } >"$batch/run.sh"
  timeout=$((180 + 5 * ${#names[@]}))
  rb=0
  summary=$("$top/guest/run-batch.sh" -r "$r" -t "$timeout" "$batch") || rb=$?
  t2=$EPOCHREALTIME
  res=$batch/results

  for n in "${run_names[@]}"; do
    if [[ ! -f $batch/kp_$n.ko ]]; then
      verdict[$n]="FAIL: pass 4 failed: $(head -c 800 "$work/$r/build/$n/p4.err")"
      continue
    fi
    want=0
    [[ -f $cases/$n.status ]] && want=$(<"$cases/$n.status")
    rc=$(cat "$res/$n.rc" 2>/dev/null || echo missing)
    if [[ $rc != "$want" ]]; then
      verdict[$n]="FAIL: exit status $rc, expected $want; stderr: $(head -c 600 "$res/$n.err" 2>/dev/null)"
    elif ! normalized "$n" | cmp -s "$cases/$n.out" -; then
      verdict[$n]="FAIL: stdout differs: $(normalized "$n" | diff "$cases/$n.out" - | head -12 || true)"
    elif [[ -f $cases/$n.errgrep ]] && ! grep -qF -- "$(<"$cases/$n.errgrep")" "$res/$n.err"; then
      verdict[$n]="FAIL: stderr lacks '$(<"$cases/$n.errgrep")': $(head -c 600 "$res/$n.err")"
    elif [[ ! -f $cases/$n.errgrep ]] && grep -q '^ERROR' "$res/$n.err"; then
      verdict[$n]="FAIL: stderr has an error: $(head -c 600 "$res/$n.err")"
    else
      verdict[$n]=PASS
    fi
  done
  npass=0
  for n in "${skipped[@]}"; do
    echo "SKIP $r $n: no /usr/lib/debug/boot/vmlinux-$r (run scripts/fetch-debuginfo.sh $r)"
  done
  for n in "${run_names[@]}"; do
    v=${verdict[$n]}
    if [[ $v == PASS ]]; then npass=$((npass + 1)); echo "PASS $r $n"; else echo "FAIL $r $n${v#FAIL}"; fi
  done
  case $rb in
    0) ;;
    1) why+=("the guest kernel logged a problem: $(grep -E 'Oops|BUG:|WARNING:|Call Trace|panic' "$res/dmesg.txt" | head -12)") ;;
    *) why+=("the guest did not finish (run-batch.sh exit $rb): $(tail -c 2000 "$res/console.log" 2>/dev/null)") ;;
  esac
  for s in zz_insmod zz_rmmod; do
    [[ $(cat "$res/$s.rc" 2>/dev/null) == 0 ]] || why+=("step $s failed: $(cat "$res/$s.err" 2>/dev/null)")
  done
  if [[ $(cat "$res/zz_leftover.rc" 2>/dev/null) != 0 ]]; then
    why+=("no leftover check from the guest")
  elif [[ -s $res/zz_leftover.out ]]; then
    why+=("left behind in the guest: $(tr '\n' ' ' <"$res/zz_leftover.out")")
  fi
  nfail=$((${#run_names[@]} - npass))
  times=$(awk -v a="$t0" -v b="$t1" -v c="$t2" -v d="$EPOCHREALTIME" \
    'BEGIN { printf "build=%.1fs guest=%.1fs total=%.1fs", b - a, c - b, d - a }')
  ((${#why[@]} == 0)) || { printf '  %s\n' "${why[@]}"; nfail=$((nfail + 1)); }
  echo "guest_kprobes: $r: $npass passed, $((${#run_names[@]} - npass)) failed, ${#skipped[@]} skipped of ${#names[@]} ($times; $(grep '^time' <<<"$summary" || true))"
  total_pass=$((total_pass + npass))
  total_fail=$((total_fail + nfail))
  unset verdict
done
((total_fail == 0))
