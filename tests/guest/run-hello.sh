#!/usr/bin/env bash
# Guest smoke test (CTest: guest_hello). For each kernel release: builds
# tests/guest/hello out of tree against its headers, boots it in QEMU, loads
# the module, triggers reads, unloads it, and checks the log: the hello line,
# a non-zero kprobe hit count, and no oops/BUG/WARNING.
#
#   tests/guest/run-hello.sh [RELEASE...]
# Releases default to $CXXTAP_GUEST_RELEASES (space separated), else every
# installed one (guest/releases.sh). Missing QEMU or kernels is a failure,
# not a skip: guest/setup.sh installs them.
set -euo pipefail

src=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$src/../.." && pwd)
guest=$top/guest

fatal() { echo "guest_hello: FAIL: $*" >&2; exit 1; }
command -v qemu-system-x86_64 >/dev/null ||
  fatal "qemu-system-x86_64 not installed (run guest/setup.sh)"
[[ -x /bin/busybox ]] || fatal "busybox-static not installed (run guest/setup.sh)"
if (($#)); then
  releases=("$@")
elif [[ -n ${CXXTAP_GUEST_RELEASES:-} ]]; then
  read -r -a releases <<<"$CXXTAP_GUEST_RELEASES"
else
  mapfile -t releases < <("$guest/releases.sh" || true)
fi
((${#releases[@]})) ||
  fatal "no kernel with both /boot/vmlinuz-R and /usr/src/linux-headers-R (run guest/setup.sh)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

pass=0 fail=0
for r in "${releases[@]}"; do
  t0=$EPOCHREALTIME
  ok=1
  why=()
  bad() { ok=0; why+=("$*"); }
  [[ -r /boot/vmlinuz-$r ]] || bad "/boot/vmlinuz-$r missing"
  [[ -f /usr/src/linux-headers-$r/Makefile ]] || bad "/usr/src/linux-headers-$r missing"

  # Build in a scratch copy: kbuild writes its objects next to the sources.
  b=$work/$r/build batch=$work/$r/batch
  mkdir -p "$b" "$batch"
  cp "$src/hello/hello.c" "$src/hello/Kbuild" "$b/"
  if ((ok)) && ! make -s -C "/usr/src/linux-headers-$r" M="$b" -j"$(nproc)" modules \
        >"$work/$r/build.log" 2>&1; then
    bad "module build failed:"$'\n'"$(tail -n 20 "$work/$r/build.log")"
  fi
  t1=$EPOCHREALTIME

  if ((ok)); then
    cp "$b/cxxtap_hello.ko" "$batch/"
    cat >"$batch/run.sh" <<'RUN'
step insmod insmod ./cxxtap_hello.ko || exit 1
step read sh -c 'for i in 1 2 3; do cat /proc/version; done'
step rmmod rmmod cxxtap_hello
RUN
    summary=$("$guest/run-batch.sh" -r "$r" -t 120 "$batch") || bad "run-batch.sh exit $?"
    res=$batch/results
    for s in insmod read rmmod; do
      rc=$(cat "$res/$s.rc" 2>/dev/null || echo missing)
      [[ $rc == 0 ]] || bad "step $s rc=$rc: $(cat "$res/$s.err" 2>/dev/null)"
    done
    grep -q 'cxxtap_hello: hello from the guest' "$res/dmesg.txt" 2>/dev/null ||
      bad "no hello line in dmesg"
    hits=$(sed -nE 's/.*cxxtap_hello: vfs_read hits=([0-9]+).*/\1/p' "$res/dmesg.txt" 2>/dev/null)
    [[ ${hits:-0} -gt 0 ]] || bad "kprobe hit count is '${hits:-none}', want > 0"
  fi

  t2=$EPOCHREALTIME
  times=$(awk -v a="$t0" -v b="$t1" -v c="$t2" 'BEGIN { printf "build=%.1fs guest=%.1fs", b - a, c - b }')
  if ((ok)); then
    pass=$((pass + 1))
    echo "guest_hello: PASS $r hits=$hits $times ($(grep '^time' <<<"$summary"))"
  else
    fail=$((fail + 1))
    echo "guest_hello: FAIL $r $times"
    printf '  %s\n' "${why[@]}"
    [[ -n ${summary:-} ]] && sed 's/^/  | /' <<<"$summary"
    [[ -f ${res:-/nonexistent}/dmesg.txt ]] && grep cxxtap_hello "$res/dmesg.txt" | sed 's/^/  dmesg| /'
  fi
  unset summary res hits
done

echo "guest_hello: $pass passed, $fail failed"
((fail == 0))
