#!/usr/bin/env bash
# CTest pass4_kbuild: pass 4 (translator/build/) through cxxtap-pass4 on the
# hand-written transport test module, for every installed kernel:
#   1. a fresh build (own cache dir) prints the .ko path, which exists and
#      carries the module name given with -m, and -D reaches the compiler;
#   2. the same run again prints stap's "Pass 3/4: using cached" lines;
#   3. a C error fails with "Pass 4: compilation failed.  [man error::pass4]"
#      and shows the compiler's error line, not make's noise.
#   tests/build/run-pass4.sh PASS4_TOOL [RELEASE...]
set -euo pipefail
tool=$1; shift
top=$(cd "$(dirname "$0")/../.." && pwd)
if (($#)); then releases=("$@")
elif [[ -n ${CXXTAP_GUEST_RELEASES:-} ]]; then read -r -a releases <<<"$CXXTAP_GUEST_RELEASES"
else mapfile -t releases < <(ls -d /usr/src/linux-headers-* | while read -r d; do
    [[ -f $d/.config ]] && echo "${d#/usr/src/linux-headers-}"; done)
fi
((${#releases[@]})) || { echo "pass4_kbuild: FAIL: no kernel headers installed"; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CXXTAP_CACHE_DIR=$work/cache
src=$top/tests/guest/staprun_hello/hello.c
pass=0 fail=0
for r in "${releases[@]}"; do
  why=()
  t0=$EPOCHREALTIME
  if ko=$("$tool" --no-session -v -r "$r" -m p4test -D CXXTAP_P4_TEST=1 "$src" 2>"$work/1.err"); then
    [[ -f $ko ]] || why+=("printed path $ko does not exist")
    grep -q '^Pass 4: compiled C into "p4test.ko"' "$work/1.err" || why+=("no 'compiled' line")
    modinfo -F name "$ko" 2>/dev/null | grep -qx p4test ||
      strings "$ko" | grep -qx 'name=p4test' || why+=("module name is not p4test")
  else
    why+=("build failed: $(head -20 "$work/1.err")")
  fi
  t1=$EPOCHREALTIME
  "$tool" --no-session -v -r "$r" -m p4test -D CXXTAP_P4_TEST=1 "$src" >"$work/2.out" 2>"$work/2.err" ||
    why+=("second run failed")
  grep -q '^Pass 3: using cached .*\.c$' "$work/2.err" || why+=("no 'Pass 3: using cached' line")
  grep -q '^Pass 4: using cached .*\.ko$' "$work/2.err" || why+=("no 'Pass 4: using cached' line")
  # A different -D is a different module: no cache hit.
  "$tool" --no-session -v -r "$r" -m p4test -D CXXTAP_P4_TEST=2 --no-cache "$src" >/dev/null 2>"$work/3.err" ||
    why+=("build with another -D failed")
  grep -q 'using cached' "$work/3.err" && why+=("--no-cache build used the cache")
  # A compile error: the compiler's first error, then stap's failure line.
  sed 's/^static int hello_start(void)$/static int hello_start(void) { undeclared_thing(); }\n&/' \
    "$src" >"$work/broken.c"
  if "$tool" --no-session -r "$r" "$work/broken.c" >/dev/null 2>"$work/4.err"; then
    why+=("broken module compiled")
  else
    grep -q "error: implicit declaration of function 'undeclared_thing'" "$work/4.err" ||
      why+=("compiler error not shown: $(head -5 "$work/4.err")")
    tail -n1 "$work/4.err" | grep -qx 'Pass 4: compilation failed.  \[man error::pass4\]' ||
      why+=("no failure line")
    grep -q '^make' "$work/4.err" && why+=("make's own lines in the report")
    (($(wc -l <"$work/4.err") <= 40)) || why+=("report longer than 40 lines")
  fi
  times=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "build=%.1fs", b - a }')
  if ((${#why[@]} == 0)); then
    pass=$((pass + 1)); echo "pass4_kbuild: PASS $r $times"
  else
    fail=$((fail + 1)); echo "pass4_kbuild: FAIL $r $times"; printf '  %s\n' "${why[@]}"
  fi
done
echo "pass4_kbuild: $pass passed, $fail failed"
((fail == 0))
