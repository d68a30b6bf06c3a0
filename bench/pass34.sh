#!/usr/bin/env bash
# Pass 3-4 speed and module size: our stap against Debian's reference stap,
# measured in the same run, for the same scripts and the same kernel release,
# with cold caches on both sides. Builds nothing; not part of CI.
#
# usage: bench/pass34.sh [-n RUNS] [-r RELEASE] [STAP_BIN]
#
#   STAP_BIN    our stap (default: build/bin/stap)
#   -n RUNS     runs per script and implementation (default 3); the table
#               shows the median of each pass's time
#   -r RELEASE  kernel release both get with -r (default: the plain 6.1
#               release with a /boot/vmlinuz and headers, as guest/releases.sh
#               picks it; else the first /usr/src/linux-headers-*-amd64)
#
# Each script runs as `STAP_BIN -v -r RELEASE -p4 -m NAME` with a fresh
# CXXTAP_CACHE_DIR and as `/usr/bin/stap -v -r RELEASE --disable-cache -p4
# -m NAME` with a fresh SYSTEMTAP_DIR, each run in a fresh directory. The
# pass 3 and pass 4 times are the "real" ms of the "Pass 3:" / "Pass 4:" lines
# both print with -v. ratio = (ours pass 3 + 4) / (debian pass 3 + 4), < 1:
# we are faster; size ratio = ours .ko bytes / debian .ko bytes. "t+d" is the
# text + data of `size` (berkeley) for the .ko. A failed build shows "FAIL"
# and its first error line below the table. The reference is /usr/bin/stap
# (override: CXXTAP_REFERENCE_STAP).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
reference=${CXXTAP_REFERENCE_STAP:-/usr/bin/stap}
runs=3
release=
ours=

while [ $# -gt 0 ]; do
  case $1 in
    -n) runs=${2:?-n needs a number}; shift ;;
    -r) release=${2:?-r needs a kernel release}; shift ;;
    -h|--help) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "pass34.sh: unknown option '$1'" >&2; exit 2 ;;
    *) ours=$1 ;;
  esac
  shift
done
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "pass34.sh: -n needs a positive number" >&2; exit 2; }
ours=${ours:-$root/build/bin/stap}
if [ ! -x "$ours" ]; then
  echo "pass34.sh: our stap not found at '$ours' (build first, or pass its path)" >&2
  exit 1
fi
ours="$(cd "$(dirname "$ours")" && pwd)/$(basename "$ours")"

if [ -z "$release" ]; then
  release=$("$root/guest/releases.sh" 2>/dev/null | head -n 1 || true)
fi
if [ -z "$release" ]; then
  release=$(find /usr/src -maxdepth 1 -name 'linux-headers-*-amd64' -printf '%f\n' \
              | sed 's/^linux-headers-//' | sort -V | head -n 1)
fi
if [ -z "$release" ]; then
  echo "pass34.sh: no /usr/src/linux-headers-*-amd64 to build against" \
       "(scripts/setup-deps.sh --bench)" >&2
  exit 1
fi

have_ref=1
if [ ! -x "$reference" ]; then
  have_ref=0
  echo "pass34.sh: $reference is not installed (scripts/setup-deps.sh --bench);" \
       "timing our stap only." >&2
fi

# ---------------------------------------------------------------------------
# The scripts: NAME<TAB>FILE (relative to the repository) or NAME<TAB>-e SCRIPT.
cases=$(cat <<'STP'
hello	-e probe begin { log("hello world") exit() }
report	tests/guest/stap_vm/report.stp
array_multi_key	tests/scripts/cases/array_multi_key.stp
foreach_value_sort	tests/scripts/cases/foreach_value_sort.stp
stat_array	tests/scripts/cases/stat_array.stp
printf_many	tests/scripts/cases/printf_many.stp
string_functions	tests/scripts/cases/string_functions.stp
STP
)

# ---------------------------------------------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/cxxtap-bench34.XXXXXX")
trap 'rm -rf "$work"' EXIT

median() { # numbers... -> the median (lower middle for an even count)
  printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# first_error LOG: the first compiler/stap error line, shortened.
first_error() {
  local line
  line=$(grep -m 1 -E '(^|: )(fatal )?error:|^semantic error|^ERROR' "$1" || true)
  [ -n "$line" ] || line=$(grep -v -E '^(Pass [0-9]|WARNING|Tip:)' "$1" | grep -m 1 . || true)
  [ -n "$line" ] || line="(no error text; see stap -v output)"
  # drop the directories of a "path/file.c:L:C: error:" prefix
  line=$(sed 's|^[^ :]*/||' <<<"$line")
  echo "${line:0:240}"
}

# build_one IMPL NAME ARGS... : runs one implementation $runs times; sets
# the globals p3, p4 (median real ms, or FAIL), ko (bytes), td (text+data)
# and err (first error line on failure).
build_one() {
  local impl=$1 name=$2
  shift 2
  local i dir log rc l3 l4 t3s=() t4s=() module=bench34_$name
  p3=- p4=- ko=- td=- err=
  for ((i = 0; i < runs; i++)); do
    dir=$work/$impl-$name-$i
    mkdir -p "$dir/cache" "$dir/cwd"
    log=$dir/log
    rc=0
    if [ "$impl" = ours ]; then
      (cd "$dir/cwd" && CXXTAP_CACHE_DIR=$dir/cache \
         "$ours" -v -r "$release" -p4 -m "$module" "$@") >"$log" 2>&1 || rc=$?
    else
      (cd "$dir/cwd" && SYSTEMTAP_DIR=$dir/cache \
         "$reference" -v -r "$release" --disable-cache -p4 -m "$module" "$@") \
        >"$log" 2>&1 || rc=$?
    fi
    l3=$(sed -n 's/^Pass 3: .* in [0-9]*usr\/[0-9]*sys\/\([0-9]*\)real ms\.$/\1/p' "$log" | head -n 1)
    l4=$(sed -n 's/^Pass 4: compiled .* in [0-9]*usr\/[0-9]*sys\/\([0-9]*\)real ms\.$/\1/p' "$log" | head -n 1)
    [ -n "$l3" ] && t3s+=("$l3")
    if [ "$rc" -ne 0 ] || [ ! -f "$dir/cwd/$module.ko" ] || [ -z "$l4" ]; then
      err="exit $rc: $(first_error "$log")"
      [ -n "$l4" ] && err="$err [pass 4 failed after ${l4} ms]"
      p4=FAIL
      ((${#t3s[@]})) && p3=$(median "${t3s[@]}")
      cp "$log" "$work/$impl-$name.failed.log"
      return
    fi
    t4s+=("$l4")
    ko=$(stat -c %s "$dir/cwd/$module.ko")
    td=$(size "$dir/cwd/$module.ko" | awk 'NR == 2 { print $1 + $2 }')
    rm -rf "$dir"   # a build tree per run would fill /tmp
  done
  p3=$(median "${t3s[@]}")
  p4=$(median "${t4s[@]}")
}

ratio() { # a b -> a/b with two decimals, or -
  if [[ $1 =~ ^[0-9]+$ && $2 =~ ^[0-9]+$ && $2 -gt 0 ]]; then
    awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'
  else
    echo -
  fi
}

echo "pass 3-4 benchmark: -p4 with cold caches, median of $runs runs per script; kernel $release"
echo "  ours:   $ours (fresh CXXTAP_CACHE_DIR per run)"
if [ "$have_ref" -eq 1 ]; then
  echo "  debian: $reference --disable-cache, fresh SYSTEMTAP_DIR per run" \
       "($("$reference" -V 2>&1 | head -n 1))"
fi
echo "  times: real ms of the -v \"Pass 3:\"/\"Pass 4:\" lines; ratio = ours/debian (pass 3+4)"
echo
fmt='%-20s %8s %8s %8s %8s %6s %9s %9s %6s %9s %9s\n'
printf "$fmt" script "ours p3" "ours p4" "deb p3" "deb p4" ratio \
  "ours .ko" "deb .ko" "size" "ours t+d" "deb t+d"

failures=() log_ratios=() count=0 ours_fail=0 deb_fail=0
while IFS=$'\t' read -r name spec; do
  [ -n "$name" ] || continue
  if [[ $spec == "-e "* ]]; then
    argv=(-e "${spec#-e }")
  else
    [ -f "$root/$spec" ] || { echo "pass34.sh: $root/$spec missing, skipped" >&2; continue; }
    argv=("$root/$spec")
  fi
  count=$((count + 1))
  build_one ours "$name" "${argv[@]}"
  o3=$p3 o4=$p4 oko=$ko otd=$td
  if [ -n "$err" ]; then failures+=("$name (ours): $err"); ours_fail=$((ours_fail + 1)); fi
  d3=- d4=- dko=- dtd=-
  if [ "$have_ref" -eq 1 ]; then
    build_one debian "$name" "${argv[@]}"
    d3=$p3 d4=$p4 dko=$ko dtd=$td
    if [ -n "$err" ]; then failures+=("$name (debian): $err"); deb_fail=$((deb_fail + 1)); fi
  fi
  ot=- dt=-
  [[ $o3 =~ ^[0-9]+$ && $o4 =~ ^[0-9]+$ ]] && ot=$((o3 + o4))
  [[ $d3 =~ ^[0-9]+$ && $d4 =~ ^[0-9]+$ ]] && dt=$((d3 + d4))
  r=$(ratio "$ot" "$dt")
  [ "$r" != - ] && log_ratios+=("$(awk -v a="$ot" -v b="$dt" 'BEGIN { print log(a / b) }')")
  printf "$fmt" "$name" "$o3" "$o4" "$d3" "$d4" "$r" "$oko" "$dko" "$(ratio "$oko" "$dko")" \
    "$otd" "$dtd"
done <<<"$cases"

echo
if ((${#failures[@]})); then
  echo "failed builds (first error line):"
  printf '  %s\n' "${failures[@]}"
  echo
fi
if ((${#log_ratios[@]})); then
  gm=$(printf '%s\n' "${log_ratios[@]}" | awk '{ s += $1 } END { printf "%.2f", exp(s / NR) }')
  echo "geometric mean ratio ours/debian (pass 3+4): $gm over ${#log_ratios[@]} of $count scripts" \
       "(failed: ours $ours_fail, debian $deb_fail)"
else
  echo "geometric mean ratio ours/debian (pass 3+4): n/a, no script built by both" \
       "($count scripts; failed: ours $ours_fail, debian $deb_fail)"
fi
