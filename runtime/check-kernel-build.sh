#!/bin/sh
# check-kernel-build.sh - build the runtime core as a kernel module.
#
# Usage: runtime/check-kernel-build.sh RELEASE|BUILD_DIR [...]
#
# For each kernel (a release under /usr/src/linux-headers-RELEASE, or the path
# of a kernel build tree), copies every runtime .c/.h (the core and linux/)
# into a temporary out-of-tree kbuild module together with a small module
# that calls every public function, and builds it with -Werror and W=1 (so
# modpost also checks that nothing undefined is linked).  Prints one line per
# kernel; exits non-zero if any build failed.  KEEP=1 keeps the build
# directories.
set -u

here=$(cd "$(dirname "$0")" && pwd)
status=0

if [ $# -eq 0 ]; then
	echo "usage: $0 RELEASE|BUILD_DIR [...]" >&2
	exit 2
fi

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
