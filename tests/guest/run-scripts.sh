#!/usr/bin/env bash
# Guest test (CTest: guest_scripts): the script cases of tests/scripts/cases/
# named in tests/guest/scripts.list, run in the real kernel instead of
# --runtime=user. For each case NAME:
#   stap -p4 -m g_NAME -r RELEASE [NAME.args] NAME.stp [NAME.sargs]
# (two builds at a time), then ONE guest boot (guest/run-batch.sh) runs
#   staprun g_NAME.ko [module parameters]
# for every case in list order. Its stdout must equal NAME.out exactly and
# its exit status NAME.status (default 0); where NAME.err exists, stderr
# must equal it less stap's own "Pass 5: run failed" line (staprun does not
# print it). The modules are stripped of debug info. -G VAR=VALUE in
# NAME.args becomes the module parameter VAR=VALUE on staprun's command
# line, as stap --vm passes it. After the last case nothing may be left in
# /proc/modules or /proc/systemtap, and run-batch.sh must report a clean
# kernel log (no oops, BUG, WARNING, call trace or panic).
#
#   tests/guest/run-scripts.sh STAP [RELEASE [NAME...]]
# RELEASE defaults to the first line of guest/releases.sh; NAMEs run just
# those cases instead of the list. CXXTAP_CACHE_DIR
# is honoured when set; otherwise a private module cache in the work dir is
# used. CXXTAP_GUEST_SCRIPTS_KEEP=1 keeps the work dir (its path is printed).
set -euo pipefail
stap=$(realpath "$1")
src=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$src/../.." && pwd)
cases=$top/tests/scripts/cases
list=$src/scripts.list
release=${2:-$("$top/guest/releases.sh" | sed -n 1p || true)}

fatal() { echo "guest_scripts: FAIL: $*" >&2; exit 1; }
[[ -n $release ]] || fatal "no bootable kernel (run guest/setup.sh)"
command -v qemu-system-x86_64 >/dev/null || fatal "qemu-system-x86_64 not installed (run guest/setup.sh)"
staprun=$(dirname "$stap")/staprun
[[ -x $staprun ]] || fatal "no staprun beside $stap"
file "$staprun" | grep -q 'statically linked' || fatal "$staprun is not statically linked"

t0=$EPOCHREALTIME
work=$(mktemp -d)
if [[ ${CXXTAP_GUEST_SCRIPTS_KEEP:-0} == 1 ]]; then
  echo "guest_scripts: work dir $work"
else
  trap 'rm -rf "$work"' EXIT
fi
export CXXTAP_CACHE_DIR=${CXXTAP_CACHE_DIR:-$work/cache}
batch=$work/batch
mkdir -p "$batch" "$work/build"

# A line is NAME, or NAME !stderr when NAME.err is the user runtime's own
# text (the kernel words that error itself): stdout and status only.
declare -A no_stderr=()
names=()
while read -r n flag _; do
  [[ -n $n ]] || continue
  names+=("$n")
  [[ $flag == '!stderr' ]] && no_stderr[$n]=1
done < <(sed -e 's/#.*//' "$list")
((${#names[@]})) || fatal "$list names no case"
# NAME... after RELEASE: only those cases (for debugging one).
if (($# > 2)); then names=("${@:3}"); fi

# Each case's build arguments and staprun module parameters, one per line
# (NAME.args is one line of shell words, as in tests/scripts/run.sh).
prepare() {
  local name=$1 d=$work/build/$1
  mkdir -p "$d"
  [[ -f $cases/$name.stp ]] || { echo "no $cases/$name.stp"; return 1; }
  local -a args=() sargs=() p4=() params=()
  [[ -f $cases/$name.args ]] && eval "args=($(<"$cases/$name.args"))"
  [[ -f $cases/$name.sargs ]] && eval "sargs=($(<"$cases/$name.sargs"))"
  local i=0
  while ((i < ${#args[@]})); do
    case ${args[i]} in
      -G) params+=("${args[i + 1]}"); i=$((i + 2)) ;;
      -G*) params+=("${args[i]#-G}"); i=$((i + 1)) ;;
      --runtime* | --vm | -p* | -m* | -r* | -o* | -c* | -x*)
        echo "NAME.args option '${args[i]}' cannot be used in the guest run"; return 1 ;;
      *) p4+=("${args[i]}"); i=$((i + 1)) ;;
    esac
  done
  for a in "${params[@]}"; do
    [[ $a == [A-Za-z_]*=* ]] || { echo "bad -G setting '$a'"; return 1; }
  done
  # Built from a copy in its own directory: messages name "NAME.stp" as in
  # the expected NAME.err, and -m drops NAME.ko there, not in the sources.
  cp "$cases/$name.stp" "$d/"
  printf '%s\n' "${p4[@]}" "$name.stp" "${sargs[@]}" >"$d/p4.args"
  printf '%s\n' "${params[@]}" >"$d/params"
  # A module name is a C identifier of at most 55 characters.
  local mod=g_${name//[^A-Za-z0-9_]/_}
  echo "${mod:0:55}" >"$d/module"
}

# One pass-4 build (run by xargs, two at a time).
build_one() {
  local d=$work/build/$1 mod
  mod=$(<"$d/module")
  mapfile -t a <"$d/p4.args"
  (cd "$d" && timeout 300 "$stap" -p4 -m "$mod" -r "$release" "${a[@]}") >"$d/p4.out" 2>"$d/p4.err" &&
    [[ -f $d/$mod.ko ]] &&
    # Without debug info a module is a tenth of the size: 160 of them fit
    # in the initramfs of a 512 MB guest.
    strip -g -o "$batch/$mod.ko" "$d/$mod.ko"
}
export -f build_one
export work stap release batch

declare -A verdict=()  # name -> "PASS" / "FAIL: why"
fail_case() { verdict[$1]="FAIL: $2"; }
built=()
for n in "${names[@]}"; do
  if why=$(prepare "$n"); then built+=("$n"); else fail_case "$n" "$why"; fi
done
printf '%s\n' "${built[@]}" | xargs -P2 -I{} bash -c 'build_one "$1"' _ {} || true
t1=$EPOCHREALTIME

# The batch: staprun per case (a guard of 60 s each), then what is left.
cp "$staprun" "$batch/staprun"
chmod +x "$batch/staprun"
q() { printf "'%s'" "${1//\'/\'\\\'\'}"; }
{
  echo "# guest_scripts: one staprun per case, in list order"
  for n in "${built[@]}"; do
    d=$work/build/$n mod=$(<"$work/build/$n/module")
    if [[ ! -f $batch/$mod.ko ]]; then
      fail_case "$n" "pass 4 failed: $(head -c 800 "$d/p4.err")"
      continue
    fi
    line="step $n timeout 60 ./staprun ./$mod.ko"
    while IFS= read -r p; do [[ -n $p ]] && line+=" $(q "$p")"; done <"$d/params"
    echo "$line"
  done
  echo "step zz_leftover sh -c 'cat /proc/modules; ls -A /proc/systemtap 2>/dev/null'"
} >"$batch/run.sh"
ran=$(grep -c '^step ' "$batch/run.sh")
# The boot takes about 5 s under TCG and a case well under a second; the
# margin covers a loaded host.
timeout=$((180 + 3 * ran))
rb=0
summary=$("$top/guest/run-batch.sh" -r "$release" -t "$timeout" "$batch") || rb=$?
t2=$EPOCHREALTIME
res=$batch/results

for n in "${built[@]}"; do
  [[ -n ${verdict[$n]:-} ]] && continue
  want=0
  [[ -f $cases/$n.status ]] && want=$(<"$cases/$n.status")
  rc=$(cat "$res/$n.rc" 2>/dev/null || echo missing)
  if [[ $rc != "$want" ]]; then
    fail_case "$n" "exit status $rc, expected $want; stderr: $(head -c 600 "$res/$n.err" 2>/dev/null)"
  elif ! cmp -s "$cases/$n.out" "$res/$n.out"; then
    fail_case "$n" "stdout differs: $(diff "$cases/$n.out" "$res/$n.out" | head -12)"
  elif [[ -f $cases/$n.err && -z ${no_stderr[$n]:-} ]] &&
       ! diff <(grep -v '^Pass 5: run failed' "$cases/$n.err") "$res/$n.err" >"$work/$n.errdiff"; then
    fail_case "$n" "stderr differs: $(head -12 "$work/$n.errdiff")"
  else
    verdict[$n]=PASS
  fi
done
npass=0
for n in "${names[@]}"; do
  v=${verdict[$n]:-"FAIL: not run"}
  if [[ $v == PASS ]]; then npass=$((npass + 1)); echo "PASS $n"; else echo "FAIL $n${v#FAIL}"; fi
done

why=()
case $rb in
  0) ;;
  1) why+=("the guest kernel logged a problem: $(grep -E 'Oops|BUG:|WARNING:|Call Trace|panic' "$res/dmesg.txt" | head -12)") ;;
  *) why+=("the guest did not finish (run-batch.sh exit $rb): $(tail -c 2000 "$res/console.log" 2>/dev/null)") ;;
esac
if [[ $(cat "$res/zz_leftover.rc" 2>/dev/null) != 0 ]]; then
  why+=("no leftover check from the guest")
elif [[ -s $res/zz_leftover.out ]]; then
  why+=("left behind in the guest: $(tr '\n' ' ' <"$res/zz_leftover.out")")
fi
nfail=$((${#names[@]} - npass))
times=$(awk -v a="$t0" -v b="$t1" -v c="$t2" -v d="$EPOCHREALTIME" \
  'BEGIN { printf "build=%.1fs guest=%.1fs total=%.1fs", b - a, c - b, d - a }')
((${#why[@]} == 0)) || printf '  %s\n' "${why[@]}"
echo "guest_scripts: $release: $npass passed, $nfail failed of ${#names[@]} ($times; $(grep '^time' <<<"$summary" || true))"
((nfail == 0 && ${#why[@]} == 0))
