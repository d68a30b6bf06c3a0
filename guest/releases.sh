#!/usr/bin/env bash
# Lists the kernel releases a guest can boot and modules can be built for: a
# /boot/vmlinuz-R with a matching /usr/src/linux-headers-R (never hard-coded,
# because Debian's ABI number moves with security updates). One per line,
# the default (non-rt, non-cloud 6.1) kernel first, then in version order.
set -euo pipefail
shopt -s nullglob
out=()
for img in /boot/vmlinuz-*; do
  r=${img#/boot/vmlinuz-}
  [[ -f /usr/src/linux-headers-$r/Makefile ]] && out+=("$r")
done
((${#out[@]})) || exit 1
printf '%s\n' "${out[@]}" | sort -V | awk '
  /^6\.1\.[0-9]+-[0-9]+-amd64$/ { print; next } { rest[n++] = $0 }
  END { for (i = 0; i < n; i++) print rest[i] }'
