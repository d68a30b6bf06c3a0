#!/usr/bin/env bash
# Installs what building and testing cxxtap needs, from Debian's apt registry,
# and only the packages that are missing (so a second run does nothing).
#
#   scripts/setup-deps.sh            build + test dependencies
#   scripts/setup-deps.sh --bench    also the reference stap and kernel headers
#                                    (only bench/ needs them)
#   scripts/setup-deps.sh --fuzz     also clang (only bench/fuzz.sh needs it)
set -euo pipefail

packages=(g++ cmake ninja-build pkg-config libboost-dev libdw-dev libelf-dev
          libfmt-dev catch2)

for arg in "$@"; do
  case "$arg" in
    --bench) packages+=(systemtap linux-headers-amd64) ;;
    --fuzz) packages+=(clang) ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "setup-deps.sh: unknown option '$arg'" >&2; exit 2 ;;
  esac
done

installed() {
  [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" = "install ok installed" ]
}

missing=()
for p in "${packages[@]}"; do
  installed "$p" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "setup-deps.sh: installing ${missing[*]}" >&2
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
  else
    echo "setup-deps.sh: need root (or sudo) to install: ${missing[*]}" >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
