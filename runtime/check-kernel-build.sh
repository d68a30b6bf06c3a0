#!/bin/sh
# check-kernel-build.sh - build the runtime core as a kernel module.
#
# Usage: runtime/check-kernel-build.sh RELEASE|BUILD_DIR [...]
#        runtime/check-kernel-build.sh [--run] --all
#
# For each kernel (a release under /usr/src/linux-headers-RELEASE, or the path
# of a kernel build tree), copies every runtime .c/.h (the core and linux/)
# into a temporary out-of-tree kbuild module together with a small module
# that calls every public function, and builds it with -Werror and W=1 (so
# modpost also checks that nothing undefined is linked).  Prints one line per
# kernel; exits non-zero if any build failed.  --all checks every kernel
# build tree installed under /usr/src (exit 77, "skipped", when there is
# none).  With --run (first), each module that built is also loaded in that
# kernel booted under QEMU (guest/run-batch.sh, when QEMU and the kernel image
# are installed) and its log must match kbuild-check/expected.txt: the
# runtime's printf, error and histogram output computed in kernel space.
# KEEP=1 keeps the build directories.
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
status=0
run=0

if [ "${1:-}" = --run ]; then
	run=1
	shift
fi

if [ $# -eq 0 ]; then
	echo "usage: $0 RELEASE|BUILD_DIR [...] | --all" >&2
	exit 2
fi

if [ "${1:-}" = --all ]; then
	shift
	for d in /usr/src/linux-headers-*; do
		# The configured trees, not the shared -common halves.
		[ -f "$d/include/config/auto.conf" ] && set -- "$@" "$d"
	done
	if [ $# -eq 0 ]; then
		echo "SKIP no kernel build tree under /usr/src"
		exit 77
	fi
fi

# Load stp_check.ko in the guest kernel of build tree $1; $2 is the build dir.
run_in_guest() {
	release=$(basename "$1")
	release=${release#linux-headers-}
	if ! command -v qemu-system-x86_64 >/dev/null ||
	   [ ! -r "/boot/vmlinuz-$release" ] ||
	   [ ! -x "$top/guest/run-batch.sh" ]; then
		echo "     $release: not run (no QEMU or no /boot/vmlinuz-$release)"
		return 0
	fi
	mkdir -p "$2/batch"
	cp "$2/stp_check.ko" "$2/batch/"
	cat > "$2/batch/run.sh" <<'RUN'
step insmod insmod ./stp_check.ko
step log sh -c 'dmesg | grep "stp_check[:|] " | grep -v "taints kernel\|verification failed" | sed "s/^\[[ 0-9.]*\] //"'
step rmmod rmmod stp_check
RUN
	if ! "$top/guest/run-batch.sh" -r "$release" -t 300 "$2/batch" \
		> "$2/guest.log" 2>&1; then
		echo "FAIL $release: guest run failed"
		sed 's/^/    /' "$2/guest.log"
		return 1
	fi
	res=$2/batch/results
	if [ "$(cat "$res/insmod.rc")" != 0 ] || [ "$(cat "$res/rmmod.rc")" != 0 ]; then
		echo "FAIL $release: insmod/rmmod failed"
		cat "$res/insmod.err" "$res/rmmod.err" | sed 's/^/    /'
		return 1
	fi
	if ! diff -u "$here/kbuild-check/expected.txt" "$res/log.out" > "$2/diff"; then
		echo "FAIL $release: module output differs from kbuild-check/expected.txt"
		sed 's/^/    /' "$2/diff"
		return 1
	fi
	echo "OK   $release: loaded in the guest, output as expected"
}

for rel in "$@"; do
	if [ -d "$rel" ]; then
		kdir=$rel
	else
		kdir=/usr/src/linux-headers-$rel
	fi
	if [ ! -f "$kdir/Makefile" ]; then
		echo "FAIL $rel: no kernel build tree at $kdir"
		status=1
		continue
	fi

	tmp=$(mktemp -d "${TMPDIR:-/tmp}/stp-kbuild.XXXXXX")
	mkdir -p "$tmp/runtime/linux"
	cp "$here"/*.c "$here"/*.h "$tmp/runtime/"
	cp "$here"/linux/*.h "$tmp/runtime/linux/"
	for f in "$here"/linux/*.c; do
		[ -e "$f" ] && cp "$f" "$tmp/runtime/linux/"
	done
	cp "$here/kbuild-check/module.c" "$tmp/stp_check_main.c"

	objs=""
	for f in "$tmp"/runtime/*.c "$tmp"/runtime/linux/*.c; do
		[ -e "$f" ] || continue
		rel_obj=${f#"$tmp"/}
		objs="$objs ${rel_obj%.c}.o"
	done
	cat > "$tmp/Kbuild" <<KBUILD
obj-m := stp_check.o
stp_check-y := stp_check_main.o $objs
ccflags-y := -Werror
KBUILD

	if make -C "$kdir" M="$tmp" W=1 modules > "$tmp/build.log" 2>&1 &&
	   [ -f "$tmp/stp_check.ko" ]; then
		echo "OK   $rel: $(echo $objs | wc -w) runtime objects, stp_check.ko built with -Werror W=1"
		if [ $run = 1 ]; then
			run_in_guest "$kdir" "$tmp" || status=1
		fi
	else
		echo "FAIL $rel: build log follows"
		sed 's/^/    /' "$tmp/build.log"
		status=1
	fi
	if [ "${KEEP:-0}" = 1 ]; then
		echo "     kept $tmp"
	else
		rm -rf "$tmp"
	fi
done
exit $status
