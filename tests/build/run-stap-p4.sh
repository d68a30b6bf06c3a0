#!/usr/bin/env bash
# CTest stap_p4_kernels: `stap -p4 -r R -m NAME SCRIPT` for every installed
# kernel with a build tree (the release list of guest/releases.sh, else
# /lib/modules/*/build): the module is built against that kernel's headers
# with -Werror, copied to ./NAME.ko, and its vermagic names the release.
#
#   tests/build/run-stap-p4.sh STAP SCRIPT [RELEASE...]
set -euo pipefail
stap=$1 script=$2; shift 2
if (($#)); then releases=("$@")
else
  releases=()
  for d in /lib/modules/*/build; do
    [[ -f $d/Makefile ]] && releases+=("$(basename "$(dirname "$d")")")
  done
fi
((${#releases[@]})) || { echo "stap_p4_kernels: FAIL: no kernel build tree installed"; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CXXTAP_CACHE_DIR=$work/cache
cd "$work"
pass=0 fail=0 i=0
for r in "${releases[@]}"; do
  i=$((i + 1)) name=stap_p4_$i
  t0=$EPOCHREALTIME
  if ! ko=$("$stap" -p4 -r "$r" -m "$name" "$script" 2>"$name.err"); then
    echo "stap_p4_kernels: FAIL $r: pass 4 failed"; sed 's/^/  /' "$name.err" | head -20
    fail=$((fail + 1)); continue
  fi
  why=""
  [[ $ko == "$name.ko" && -f $name.ko ]] || why="printed '$ko', no ./$name.ko"
  vermagic=$(modinfo -F vermagic "$name.ko" 2>/dev/null || strings "$name.ko" | sed -n 's/^vermagic=//p')
  [[ $vermagic == "$r "* ]] || why="$why vermagic '$vermagic'"
  t=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1fs", b - a }')
  if [[ -z $why ]]; then pass=$((pass + 1)); echo "stap_p4_kernels: PASS $r ($t)"
  else fail=$((fail + 1)); echo "stap_p4_kernels: FAIL $r: $why"; fi
done
echo "stap_p4_kernels: $pass passed, $fail failed"
((fail == 0))
