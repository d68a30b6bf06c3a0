#!/usr/bin/env bash
# Makes the DWARF vmlinux of a Debian kernel available where Debian's own
# package puts it, /usr/lib/debug/boot/vmlinux-RELEASE, without installing the
# whole 860 MB linux-image-RELEASE-dbg package.
#
#   scripts/fetch-debuginfo.sh [RELEASE]
#
# RELEASE defaults to the plain 6.1 kernel that guest/releases.sh lists first.
# The .deb is downloaded with `apt-get download` (the version of the installed
# linux-image-RELEASE when there is one, so that the DWARF matches the kernel
# the guest boots) into $CXXTAP_DEBUGINFO_CACHE (default
# ~/.cache/cxxtap-debuginfo), which is kept across runs; only the vmlinux is
# extracted from it (to CACHE/RELEASE/usr/lib/debug/boot/), and the .deb is
# then deleted, so that the cache holds the 630 MB vmlinux and nothing else.
# A second run with everything in place does nothing (a few ms).
# The vmlinux goes to $CXXTAP_DEBUGINFO_ROOT/usr/lib/debug/boot (root default
# /); when that is not writable it stays in the cache and is symlinked there
# only if possible. Prints the path of the vmlinux on stdout.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
release=${1:-}
if [[ -z $release ]]; then
  release=$("$here/../guest/releases.sh" | head -n1) || {
    echo "fetch-debuginfo.sh: no installed kernel with headers; give a RELEASE" >&2
    exit 1
  }
fi
case "$release" in
  -h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
esac

cache=${CXXTAP_DEBUGINFO_CACHE:-$HOME/.cache/cxxtap-debuginfo}
root=${CXXTAP_DEBUGINFO_ROOT:-/}
target_dir=${root%/}/usr/lib/debug/boot
target=$target_dir/vmlinux-$release
pkg=linux-image-$release-dbg

# Already there (a real file or a link into the cache): nothing to do.
if [[ -s $target ]]; then
  echo "$target"
  exit 0
fi

mkdir -p "$cache"
cached_vmlinux=$cache/$release/usr/lib/debug/boot/vmlinux-$release

if [[ ! -s $cached_vmlinux ]]; then
  version=$(dpkg-query -W -f='${Version}' "linux-image-$release" 2>/dev/null || true)
  deb=$(ls "$cache"/"${pkg}"_*.deb 2>/dev/null | head -n1 || true)
  if [[ -n $version && -n $deb && $deb != *"_${version//:/%3a}_"* ]]; then
    deb=""   # a stale download for another build of this ABI
  fi
  if [[ -z $deb ]]; then
    echo "fetch-debuginfo.sh: downloading $pkg${version:+ $version} (about 860 MB)" >&2
    spec=$pkg
    [[ -n $version ]] && spec="$pkg=$version"
    (cd "$cache" && apt-get download -q "$spec") || {
      (cd "$cache" && apt-get download -q "$pkg") || {
        echo "fetch-debuginfo.sh: apt-get download $pkg failed (try apt-get update)" >&2
        exit 1
      }
    }
    deb=$(ls "$cache"/"${pkg}"_*.deb | head -n1)
  fi
  echo "fetch-debuginfo.sh: extracting vmlinux-$release from $(basename "$deb")" >&2
  tmp=$cache/$release.partial
  rm -rf "$tmp"
  mkdir -p "$tmp"
  dpkg-deb --fsys-tarfile "$deb" \
    | tar -x -C "$tmp" --wildcards "./usr/lib/debug/boot/vmlinux-$release"
  rm -rf "$cache/$release"
  mv "$tmp" "$cache/$release"
  # The .deb is not needed once the vmlinux is out; keep the cache to 630 MB.
  rm -f "$deb"
fi

if mkdir -p "$target_dir" 2>/dev/null && ln -sf "$cached_vmlinux" "$target" 2>/dev/null; then
  echo "$target"
else
  echo "fetch-debuginfo.sh: cannot write $target_dir; the vmlinux is $cached_vmlinux" >&2
  echo "$cached_vmlinux"
fi
