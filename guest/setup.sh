#!/usr/bin/env bash
# Installs what booting our modules in a QEMU guest needs: QEMU, a static
# busybox for the initramfs, and Debian kernels with matching headers.
# Idempotent: packages already installed are not touched, so this is cheap to
# run before every test run.
#
#   guest/setup.sh [--rt] [--612]
#     --rt   also the 6.1 PREEMPT_RT kernel
#     --612  also the 6.12 kernel
set -euo pipefail

# xz-utils and zstd unpack the kernel images for direct boot (vmlinux.sh).
want=(qemu-system-x86 busybox-static xz-utils zstd linux-image-amd64 linux-headers-amd64)
for arg in "$@"; do
  case "$arg" in
    --rt)  want+=(linux-image-rt-amd64 linux-headers-rt-amd64) ;;
    --612) want+=(linux-image-6.12-amd64 linux-headers-6.12-amd64) ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "setup.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${want[@]}"; do
  # "install ok installed" only: a half-configured package (failed hook) counts
  # as missing so that a rerun finishes configuring it.
  if [[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]]; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "guest/setup.sh: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  # The package lists may be absent or stale on a fresh machine.
  apt-get update -qq
  # Kernel postinst hooks (update-initramfs, grub) may fail in a container.
  # We never use Debian's initrd or a bootloader, so a failed hook is harmless
  # as long as the kernel image and headers landed; that is checked below.
  if ! apt-get install -y -qq --no-install-recommends \
        -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
        "${missing[@]}" >&2; then
    echo "guest/setup.sh: apt-get reported an error (likely a kernel hook);" \
         "checking that the files are in place" >&2
    dpkg --configure -a >&2 || true
  fi
fi

# Check the result the way the scripts use it, not by package state.
fail=0
command -v qemu-system-x86_64 >/dev/null || { echo "guest/setup.sh: qemu-system-x86_64 missing" >&2; fail=1; }
[[ -x /bin/busybox ]] || { echo "guest/setup.sh: /bin/busybox missing" >&2; fail=1; }
releases=$("$(dirname "$0")/releases.sh" || true)
[[ -n "$releases" ]] || { echo "guest/setup.sh: no kernel with both /boot/vmlinuz-R and /usr/src/linux-headers-R" >&2; fail=1; }
((fail == 0)) || exit 1
echo "guest/setup.sh: ready; kernels: $(tr '\n' ' ' <<<"$releases")" >&2
