#!/bin/sh
# Script tests, bpftrace style: each tests/scripts/cases/NAME.stp runs as
#   stap --runtime=user [ARGS from NAME.args] NAME.stp
# and its stdout must equal NAME.out exactly. Optional files:
#   NAME.err     stderr must equal it exactly
#   NAME.status  the expected exit status (default 0)
#   NAME.args    extra stap options before the script (one line, word-split)
#   NAME.sargs   script arguments after it ($1, @1, ...)
# The expected outputs are what SystemTap prints (from its documented
# semantics), not copies of our own output.
#
# Usage: run.sh STAP_BIN [NAME...]
set -u
stap=$1; shift
here=$(cd "$(dirname "$0")" && pwd)
cases=$here/cases
out=${CXXTAP_SCRIPT_TEST_DIR:-${TMPDIR:-/tmp}/cxxtap-script-tests.$$}
mkdir -p "$out"
trap 'rm -rf "$out"' EXIT

if [ $# -gt 0 ]; then names="$*"; else
  names=$(cd "$cases" && ls *.stp | sed 's/\.stp$//')
fi

run_one() {
  name=$1
  args=""
  [ -f "$cases/$name.args" ] && args=$(cat "$cases/$name.args")
  sargs=""
  [ -f "$cases/$name.sargs" ] && sargs=$(cat "$cases/$name.sargs")
  want_status=0
  [ -f "$cases/$name.status" ] && want_status=$(cat "$cases/$name.status")
  (cd "$cases" && eval timeout 30 "\"$stap\"" --runtime=user $args "$name.stp" $sargs) \
    >"$out/$name.stdout" 2>"$out/$name.stderr"
  status=$?
  msg=""
  if [ "$status" != "$want_status" ]; then
    msg="exit status $status, expected $want_status"
  elif ! cmp -s "$out/$name.stdout" "$cases/$name.out"; then
    msg="stdout differs: $(diff "$cases/$name.out" "$out/$name.stdout" | head -20)"
  elif [ -f "$cases/$name.err" ] && ! cmp -s "$out/$name.stderr" "$cases/$name.err"; then
    msg="stderr differs: $(diff "$cases/$name.err" "$out/$name.stderr" | head -20)"
  fi
  if [ -n "$msg" ]; then
    echo "FAIL $name: $msg"
    sed 's/^/    stderr: /' "$out/$name.stderr" | head -10
    return 1
  fi
  echo "PASS $name"
}

pass=0 fail=0
for n in $names; do
  if run_one "$n"; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done
echo "script tests: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
