#!/usr/bin/env bash
# Prints the path of an uncompressed copy of /boot/vmlinuz-RELEASE, made once
# and cached. QEMU boots that ELF directly through its PVH entry point, which
# skips the in-guest decompression: under TCG, unpacking Debian's xz-packed
# 6.1 kernel alone takes ~2.5 s of a ~4.5 s boot. Side effect: no KASLR (the
# decompressor is what randomises), so kernel addresses repeat across boots.
#
#   guest/vmlinux.sh RELEASE
# Cache: $CXXTAP_GUEST_CACHE, else ~/.cache/cxxtap-guest.
set -euo pipefail
export LC_ALL=C

(($# == 1)) || { echo "usage: $0 RELEASE" >&2; exit 2; }
img=/boot/vmlinuz-$1
[[ -r $img ]] || { echo "vmlinux.sh: $img missing" >&2; exit 1; }
cache=${CXXTAP_GUEST_CACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/cxxtap-guest}
out=$cache/vmlinux-$1
if [[ -s $out && ! $img -nt $out ]]; then echo "$out"; exit 0; fi
mkdir -p "$cache"

# x86 boot protocol: setup_sects (byte at 0x1f1) gives where the protected
# mode part starts; payload_offset/payload_length (u32 at 0x248/0x24c) locate
# the compressed kernel inside it. The last 4 payload bytes are the
# uncompressed size, not compressed data.
u() { od -An -t"u$2" -j "$1" -N "$2" "$img" | tr -d ' '; }
setup=$(u $((0x1f1)) 1)
((setup)) || setup=4
start=$(((setup + 1) * 512 + $(u $((0x248)) 4)))
len=$(($(u $((0x24c)) 4) - 4))
payload() { dd if="$img" bs=1M iflag=skip_bytes,count_bytes skip="$start" count="$len" status=none; }
case $(dd if="$img" bs=6 iflag=skip_bytes skip="$start" count=1 status=none | od -An -tx1 | tr -d ' \n') in
  fd377a585a00) unpack=(xz -dc) ;;
  28b52ffd*)    unpack=(zstd -dcq) ;;
  1f8b*)        unpack=(gzip -dc) ;;
  *) echo "vmlinux.sh: unknown compression in $img" >&2; exit 1 ;;
esac
command -v "${unpack[0]}" >/dev/null ||
  { echo "vmlinux.sh: ${unpack[0]} not installed (run guest/setup.sh)" >&2; exit 1; }
tmp=$(mktemp "$out.XXXXXX")
trap 'rm -f "$tmp"' EXIT
payload | "${unpack[@]}" >"$tmp"
[[ $(head -c 4 "$tmp" | od -An -tx1 | tr -d ' \n') == 7f454c46 ]] ||
  { echo "vmlinux.sh: $img did not unpack to an ELF file" >&2; exit 1; }
# Atomic, so concurrent runs never boot a half-written file.
mv "$tmp" "$out"
echo "$out"
