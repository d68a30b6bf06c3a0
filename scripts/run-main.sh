#!/usr/bin/env bash
# Sets up dependencies, builds, and runs the main job: the hello-world seed
# through all five passes, pass 5 in a QEMU guest of the target kernel (this
# kind of host cannot load modules; guest/setup.sh installs QEMU and the
# Debian kernels).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup-deps.sh
guest/setup.sh
cmake -S . -B build -G Ninja
cmake --build build

build/bin/stap -v --vm -e 'probe begin { log("hello world") exit() }'
