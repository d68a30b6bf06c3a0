#!/usr/bin/env bash
# CTest staprun_cmdline: staprun rejects the option combinations SystemTap's
# staprun rejects (the parseko cmdline*.stp cases), before touching any
# module, and accepts -V. Runs on the host: nothing is loaded.
#   tests/build/run-staprun-cmdline.sh STAPRUN
set -uo pipefail
staprun=$1
pass=0 fail=0
long=$(printf 'm%.0s' {1..56})
expect() {  # expect RC ARGS... : exit status RC and, when 1, an ERROR line
  local want=$1; shift
  local err rc
  err=$("$staprun" "$@" 2>&1 >/dev/null); rc=$?
  if [[ $rc == "$want" ]] && { ((want == 0)) || grep -q '^ERROR: ' <<<"$err"; }; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1)); echo "staprun_cmdline: FAIL staprun $* -> rc=$rc (want $want): $err"
  fi
}
expect 0 -V
expect 1 -A -b 4 mod
expect 1 -L -A mod
expect 1 -A -c true mod
expect 1 -A -x 1 mod
expect 1 -c true -x 1 mod.ko
expect 1 -D mod.ko
expect 1 -S 1 mod.ko
expect 1 -b 0 mod.ko
expect 1 -b 4096 mod.ko
expect 1 -b x mod.ko
expect 1 -x 0 mod.ko
expect 1 "$long.ko"
expect 1 ./bad-name.ko
expect 1 -C sometimes mod.ko
expect 1 -F 3 mod.ko
expect 1 mod.ko notaparameter
expect 1 -A mod var=1
expect 1
expect 1 -Q mod.ko
expect 1 ./does-not-exist.ko
expect 1 --vm -A mod
expect 1 --vm -L mod.ko
expect 1 --vm ./does-not-exist.ko
printf 'not a module' >"${TMPDIR:-/tmp}/staprun-cmdline-$$.ko"
expect 1 --vm "${TMPDIR:-/tmp}/staprun-cmdline-$$.ko"
rm -f "${TMPDIR:-/tmp}/staprun-cmdline-$$.ko"
expect 1 -d not_loaded_module_xyz
echo "staprun_cmdline: $pass passed, $fail failed"
((fail == 0))
