#!/usr/bin/env bash
# Guest test (CTest: guest_staprun): the pass-5 chain in a real kernel. For
# each kernel release: builds tests/guest/staprun_hello/hello.c (a
# hand-written module in the shape pass 3 generates, on the runtime's
# transport) with pass 4 (cxxtap-pass4), boots the kernel with the static
# staprun, and checks:
#   run      staprun M.ko msg=...: begin's "hello world", exit(), end's 201
#            lines in order on stdout, begin's warning on stderr, rc 0
#   output   -o FILE gets the same text
#   target   -c CMD (module without exit()): CMD runs after begin, its end
#            stops the run; target() is CMD's pid
#   rename   -R: loaded under a unique name of the same length, same output
#   sigint   autoexit=0 and SIGINT: end probes run, output flushed, rc 0
#   detach   -L then -A and SIGTERM: the module keeps running detached,
#            the attached staprun gets end's output and unloads it
#   badparam a module parameter of the wrong type: load fails, rc 1, the
#            kernel's reason ("invalid for parameter") shown
#   session  tests/guest/session_hello/script.c (pass 3's shape, linked with
#            the kernel session): begin, a 20 ms timer that calls exit() on
#            its 5th hit, end probes in sequence order, a division by zero
#            reported as ERROR with the error count, rc 1
#   after each: the module is gone from /proc/modules; no oops/WARNING.
#
#   tests/guest/run-staprun.sh PASS4_TOOL STAPRUN [RELEASE...]
set -euo pipefail
tool=$1 staprun=$2; shift 2
src=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$src/../.." && pwd)
guest=$top/guest

fatal() { echo "guest_staprun: FAIL: $*" >&2; exit 1; }
command -v qemu-system-x86_64 >/dev/null || fatal "qemu-system-x86_64 not installed (run guest/setup.sh)"
file "$staprun" | grep -q 'statically linked' || fatal "$staprun is not statically linked"
if (($#)); then releases=("$@")
elif [[ -n ${CXXTAP_GUEST_RELEASES:-} ]]; then read -r -a releases <<<"$CXXTAP_GUEST_RELEASES"
else mapfile -t releases < <("$guest/releases.sh" || true)
fi
((${#releases[@]})) || fatal "no bootable kernel with headers (run guest/setup.sh)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CXXTAP_CACHE_DIR=$work/cache
name=stp_hello

# The expected stdout of a run that ends normally.
{
  echo "hello world and friends"
  echo "end probe ran"
  for i in $(seq 1 200); do echo "line $i target=0"; done
} >"$work/expected.run"

pass=0 fail=0
for r in "${releases[@]}"; do
  why=()
  bad() { why+=("$*"); }
  t0=$EPOCHREALTIME
  batch=$work/$r/batch
  mkdir -p "$batch"
  if ! ko=$("$tool" --no-session -r "$r" -m "$name" "$src/staprun_hello/hello.c" 2>"$work/$r.build.err"); then
    echo "guest_staprun: FAIL $r: pass 4 failed"; sed 's/^/  /' "$work/$r.build.err"
    fail=$((fail + 1)); continue
  fi
  if ! sko=$("$tool" -r "$r" -m stp_session "$src/session_hello/script.c" 2>"$work/$r.build.err"); then
    echo "guest_staprun: FAIL $r: pass 4 failed (session)"; sed 's/^/  /' "$work/$r.build.err"
    fail=$((fail + 1)); continue
  fi
  t1=$EPOCHREALTIME
  cp "$ko" "$batch/$name.ko"
  cp "$sko" "$batch/stp_session.ko"
  cp "$staprun" "$batch/staprun"
  cat >"$batch/run.sh" <<RUN
M=./$name.ko
gone() { ! grep -q '^$name ' /proc/modules; }
step run ./staprun \$M 'msg= and friends'
step run_gone gone
step output ./staprun -o /tmp/out.txt \$M 'msg= and friends'
emit output.txt /tmp/out.txt
step target ./staprun -c 'echo child ran' \$M autoexit=0
step rename ./staprun -v -R \$M 'msg= and friends'
step rename_gone sh -c '! grep -q ^stp_h_ /proc/modules'
# Wait (at most 30 s) for FILE to contain TEXT: signals go to a staprun
# that is known to be running, however slow the emulation is.
waitfor() { i=0; while ! grep -q "\$2" "\$1" 2>/dev/null && [ \$i -lt 300 ]; do sleep 0.1; i=\$((i + 1)); done; }
sigint() { ./staprun ./$name.ko autoexit=0 >/tmp/sigint.out & p=\$!; waitfor /tmp/sigint.out hello; kill -INT \$p; wait \$p; r=\$?; cat /tmp/sigint.out; return \$r; }
attach() { ./staprun -v -A $name 2>/tmp/attach.err & p=\$!; waitfor /tmp/attach.err attached; kill -TERM \$p; wait \$p; r=\$?; cat /tmp/attach.err >&2; return \$r; }
step sigint sigint
step sigint_gone gone
step detach ./staprun -L \$M autoexit=0
step detach_loaded grep -q '^$name ' /proc/modules
step attach attach
step attach_gone gone
step badparam ./staprun \$M autoexit=notanumber
step badparam_gone gone
step session ./staprun ./stp_session.ko
step session_gone sh -c '! grep -q ^stp_session /proc/modules'
step procdir ls -A /proc/systemtap
RUN
  summary=$("$guest/run-batch.sh" -r "$r" -t 180 "$batch") || bad "run-batch.sh exit $? (kernel log has an oops/WARNING, or the guest hung)"
  res=$batch/results
  rc() { cat "$res/$1.rc" 2>/dev/null || echo missing; }
  for s in run run_gone output target rename rename_gone sigint sigint_gone detach detach_loaded attach attach_gone badparam_gone session_gone; do
    [[ $(rc $s) == 0 ]] || bad "step $s rc=$(rc $s): $(head -c 600 "$res/$s.err" 2>/dev/null)"
  done
  cmp -s "$work/expected.run" "$res/run.out" || bad "run: stdout differs: $(diff "$work/expected.run" "$res/run.out" | head -5)"
  grep -qx 'WARNING: a warning from begin' "$res/run.err" || bad "run: no warning on stderr"
  cmp -s "$work/expected.run" "$res/output.txt" || bad "-o FILE: contents differ"
  [[ ! -s $res/output.out ]] || bad "-o FILE: output also went to stdout"
  grep -qx 'child ran' "$res/target.out" || bad "-c: the command's output is missing"
  grep -q "as module stp_h_[0-9]*\$" "$res/rename.err" || bad "-R: not renamed: $(head -2 "$res/rename.err")"
  cmp -s "$work/expected.run" "$res/rename.out" || bad "-R: stdout differs: $(head -3 "$res/rename.out")"
  tpid=$(sed -n 's/^line 1 target=//p' "$res/target.out")
  [[ ${tpid:-0} -gt 0 ]] || bad "-c: target is '${tpid:-none}', want the child's pid"
  grep -qx 'hello world' "$res/sigint.out" && grep -qx 'line 200 target=0' "$res/sigint.out" ||
    bad "SIGINT: begin/end output missing: $(head -3 "$res/sigint.out")"
  grep -qx 'hello world' "$res/detach.out" || bad "-L: begin output missing"
  grep -q 'staprun -A $name' "$res/detach.err" 2>/dev/null || grep -q "staprun -A $name" "$res/detach.err" ||
    bad "-L: no reattach hint"
  grep -qx 'line 200 target=0' "$res/attach.out" || bad "-A: end output missing"
  [[ $(rc badparam) == 1 ]] || bad "badparam: rc=$(rc badparam), want 1"
  grep -q "Couldn't insert module '$name'" "$res/badparam.err" &&
    grep -q 'notanumber' "$res/badparam.err" || bad "badparam: reason not shown: $(cat "$res/badparam.err")"
  [[ $(cat "$res/session.out" 2>/dev/null) == $'hello world\ntimer fired 5 times' ]] ||
    bad "session: stdout is '$(cat "$res/session.out" 2>/dev/null)'"
  [[ $(rc session) == 1 ]] || bad "session: rc=$(rc session), want 1 (a run-time error)"
  grep -q '^ERROR: division by 0' "$res/session.err" &&
    grep -q '^WARNING: Number of errors: 1, skipped probes: 0' "$res/session.err" ||
    bad "session: stderr is '$(cat "$res/session.err")'"
  [[ ! -s $res/procdir.out ]] || bad "/proc/systemtap not empty: $(cat "$res/procdir.out")"

  t2=$EPOCHREALTIME
  times=$(awk -v a="$t0" -v b="$t1" -v c="$t2" 'BEGIN { printf "build=%.1fs guest=%.1fs", b - a, c - b }')
  if ((${#why[@]} == 0)); then
    pass=$((pass + 1)); echo "guest_staprun: PASS $r $times ($(grep '^time' <<<"$summary"))"
  else
    fail=$((fail + 1)); echo "guest_staprun: FAIL $r $times"; printf '  %s\n' "${why[@]}"
    [[ -n ${summary:-} ]] && sed 's/^/  | /' <<<"$summary"
  fi
  unset summary
done
echo "guest_staprun: $pass passed, $fail failed"
((fail == 0))
