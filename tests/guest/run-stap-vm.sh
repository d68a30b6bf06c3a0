#!/usr/bin/env bash
# Guest test (CTest: guest_stap_vm): `stap --vm`, the whole driver chain —
# pass 3, pass 4 (kbuild, the cache), pass 5 with our staprun in a QEMU
# guest — checked by output and exit status. `hello` runs on stap's default
# kernel (the one whose headers pass 4 picks); the others with -r on the
# first release of guest/releases.sh (the plain 6.1 kernel), or RELEASE.
#   hello    stap --vm -e 'probe begin { log("hello world") exit() }':
#            stdout is exactly "hello world", rc 0
#   report   stap -v -k --vm stap_vm/report.stp (timer.ms + <<< + @count,
#            @sum, @min, @max, @avg, @hist_log and sorted foreach loops):
#            stdout is stap_vm/report.out, the five Pass lines on stderr,
#            and nothing left loaded in the guest (the kept batch's results)
#   params   -G NAME=VALUE for a long and a string global (module
#            parameters over the globals' initializers), -o FILE
#   error    error("boom"): rc 1, ERROR and the error count on stderr,
#            "Pass 5: run failed"
#   p4       -p4 -m NAME: NAME.ko in the current directory, path printed;
#            again from the cache ("using cached")
#   staprun  staprun --vm NAME.ko (the guest kernel from the module's
#            vermagic): -o FILE and NAME=VALUE work, a failing module's rc 1
#            and ERROR come back
# Every guest run also fails stap when the kernel logged an oops/BUG/WARNING.
#
#   tests/guest/run-stap-vm.sh STAP [RELEASE]
set -euo pipefail
stap=$1
src=$(cd "$(dirname "$0")" && pwd)
release=${2:-$("$src/../../guest/releases.sh" | sed -n 1p)}
[[ -n $release ]] || { echo "guest_stap_vm: FAIL: no bootable kernel (run guest/setup.sh)"; exit 1; }

fatal() { echo "guest_stap_vm: FAIL: $*" >&2; exit 1; }
command -v qemu-system-x86_64 >/dev/null || fatal "qemu-system-x86_64 not installed (run guest/setup.sh)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CXXTAP_CACHE_DIR=$work/cache
cd "$work"
why=()
bad() { why+=("$*"); }

# hello
rc=0
"$stap" --vm -e 'probe begin { log("hello world") exit() }' >hello.out 2>hello.err || rc=$?
[[ $rc == 0 ]] || bad "hello: rc=$rc: $(head -c 800 hello.err)"
[[ $(cat hello.out) == 'hello world' && $(wc -l <hello.out) == 1 ]] ||
  bad "hello: stdout is '$(head -c 300 hello.out)'"

# report
rc=0
"$stap" -v -k --vm -r "$release" "$src/stap_vm/report.stp" >report.out 2>report.err || rc=$?
[[ $rc == 0 ]] || bad "report: rc=$rc: $(head -c 800 report.err)"
cmp -s "$src/stap_vm/report.out" report.out ||
  bad "report: stdout differs: $(diff "$src/stap_vm/report.out" report.out | head -8)"
for p in 'Pass 1: parsed' 'Pass 2: analyzed' 'Pass 3: translated' 'Pass 4: compiled' \
         'Pass 5: starting run' 'Pass 5: run completed'; do
  grep -q "^$p" report.err || bad "report: no '$p' line on stderr"
done
kept=$(sed -n 's/^Keeping temporary directory "\(.*\)"$/\1/p' report.err)
if [[ -n $kept && -d $kept/vm/batch/results ]]; then
  [[ ! -s $kept/vm/batch/results/leftover.out ]] ||
    bad "report: left behind in the guest: $(cat "$kept/vm/batch/results/leftover.out")"
  [[ $(cat "$kept/vm/batch/results/stap.rc") == 0 ]] || bad "report: staprun rc in the guest"
  rm -rf "$kept"
else
  bad "report: -k did not keep the batch ('$kept')"
fi

# params and -o
rc=0
"$stap" --vm -r "$release" -w -o params.txt -G n=42 -G s='two words' \
  -e 'global n = 1, s = "init" probe begin { printf("n=%d s=%s\n", n, s) exit() }' \
  >params.out 2>params.err || rc=$?
[[ $rc == 0 ]] || bad "params: rc=$rc: $(head -c 800 params.err)"
[[ $(cat params.txt 2>/dev/null) == 'n=42 s=two words' ]] ||
  bad "params: -o file is '$(cat params.txt 2>/dev/null)'"
[[ ! -s params.out ]] || bad "params: output also on stdout"

# error
rc=0
"$stap" --vm -r "$release" -e 'probe begin { error("boom") }' >error.out 2>error.err || rc=$?
[[ $rc == 1 ]] || bad "error: rc=$rc, want 1"
grep -q '^ERROR: boom' error.err && grep -q '^WARNING: Number of errors: 1' error.err &&
  grep -q '^Pass 5: run failed' error.err || bad "error: stderr is '$(cat error.err)'"

# -p4 -m NAME, then the cache
script='probe begin { log("p4") exit() }'
rc=0
ko=$("$stap" -p4 -r "$release" -m stap_vm_p4 -e "$script" 2>p4.err) || rc=$?
[[ $rc == 0 && $ko == stap_vm_p4.ko && -f stap_vm_p4.ko ]] ||
  bad "p4: rc=$rc, printed '$ko': $(head -c 500 p4.err)"
rm -f stap_vm_p4.ko
"$stap" -v -p4 -r "$release" -m stap_vm_p4 -e "$script" >/dev/null 2>p4b.err || bad "p4: second run failed"
grep -q '^Pass 4: using cached' p4b.err || bad "p4: second run not from the cache"
[[ -f stap_vm_p4.ko ]] || bad "p4: second run did not copy the module"

# staprun --vm: a module built with -p4 -m, run by staprun itself in a guest
# of the kernel its vermagic names, with -o and a module parameter; then a
# module whose begin probe fails (rc 1 comes back).
staprun=$(dirname "$stap")/staprun
"$stap" -p4 -r "$release" -m stap_vm_sr -e \
  'global n = 1 probe timer.ms(5) { if (++n == 13) { printf("n=%d\n", n) exit() } }' \
  >/dev/null 2>sr.err || bad "staprun: -p4 failed: $(head -c 500 sr.err)"
rc=0
"$staprun" --vm -o sr.txt stap_vm_sr.ko n=10 >sr.out 2>sr.err || rc=$?
[[ $rc == 0 && $(cat sr.txt 2>/dev/null) == 'n=13' && ! -s sr.out ]] ||
  bad "staprun: --vm rc=$rc, -o file '$(cat sr.txt 2>/dev/null)': $(head -c 500 sr.err)"
"$stap" -p4 -r "$release" -m stap_vm_sr2 -e 'probe begin { error("boom") }' >/dev/null 2>&1 ||
  bad "staprun: -p4 of the failing module failed"
rc=0
"$staprun" --vm stap_vm_sr2.ko >sr2.out 2>sr2.err || rc=$?
[[ $rc == 1 ]] && grep -q '^ERROR: boom' sr2.err || bad "staprun: failing module rc=$rc: $(cat sr2.err)"

if ((${#why[@]} == 0)); then
  echo "guest_stap_vm: PASS (default kernel and $release)"
else
  echo "guest_stap_vm: FAIL"; printf '  %s\n' "${why[@]}"
  exit 1
fi
