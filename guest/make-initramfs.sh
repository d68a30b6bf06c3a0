#!/usr/bin/env bash
# Builds a guest initramfs: busybox, our /init, and optionally a batch.
#
#   guest/make-initramfs.sh RELEASE OUT.cpio.gz [BATCH_DIR]
#
# BATCH_DIR (its files, less any results/ folder) lands in /batch; /init runs
# /batch/run.sh. The batch is a second cpio segment appended to the first:
# the kernel unpacks concatenated archives in order, so a base image could be
# reused and only the small batch part rebuilt. RELEASE names the kernel the
# image is for; nothing in it is release-specific yet, but distro modules a
# batch needs would come from /lib/modules/RELEASE.
set -euo pipefail

if (($# < 2 || $# > 3)); then
  echo "usage: $0 RELEASE OUT.cpio.gz [BATCH_DIR]" >&2; exit 2
fi
release=$1 out=$2 batch=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
bb=/bin/busybox
[[ -x $bb ]] || { echo "make-initramfs.sh: $bb missing (run guest/setup.sh)" >&2; exit 1; }
# A dynamically linked busybox would need its libraries in the image.
if ldd "$bb" >/dev/null 2>&1; then
  echo "make-initramfs.sh: $bb is not static (install busybox-static)" >&2; exit 1
fi
[[ -z $batch || -d $batch ]] || { echo "make-initramfs.sh: no batch dir $batch" >&2; exit 1; }
[[ -e /boot/vmlinuz-$release ]] || echo "make-initramfs.sh: warning: no /boot/vmlinuz-$release" >&2

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# cpio from busybox itself, so the host needs nothing beyond busybox-static;
# -R 0:0 because the guest should see root-owned files whoever builds.
pack() { (cd "$1" && find . | LC_ALL=C sort | "$bb" cpio -o -H newc -R 0:0 2>/dev/null) | gzip -1; }

root=$tmp/root
mkdir -p "$root"/{bin,sbin,dev,proc,sys,tmp,lib,batch}
cp "$bb" "$root/bin/busybox"
for applet in $("$bb" --list); do
  [[ $applet == busybox ]] || ln -s busybox "$root/bin/$applet"
done
install -m 755 "$here/initramfs/init" "$root/init"
install -m 644 "$here/initramfs/cxxtap.sh" "$root/lib/cxxtap.sh"
# The kernel opens /dev/console for init before anything is mounted.
mknod -m 600 "$root/dev/console" c 5 1 2>/dev/null ||
  echo "make-initramfs.sh: warning: cannot mknod /dev/console (not root?)" >&2
pack "$root" >"$tmp/image.cpio.gz"

if [[ -n $batch ]]; then
  mkdir -p "$tmp/b/batch"
  # results/ is what the host writes back; never ship it into the guest.
  (cd "$batch" && find . -mindepth 1 -maxdepth 1 ! -name results -exec cp -a {} "$tmp/b/batch/" \;)
  pack "$tmp/b" >>"$tmp/image.cpio.gz"
fi
mv "$tmp/image.cpio.gz" "$out"
