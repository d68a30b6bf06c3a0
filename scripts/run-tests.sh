#!/usr/bin/env bash
# Sets up dependencies, builds, and runs the whole test suite (unit tests and
# the conformance counts). Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup-deps.sh
# The guest kernel (QEMU, busybox, a Debian kernel and its headers) for the
# tests that load modules.
guest/setup.sh
cmake -S . -B build -G Ninja
cmake --build build

ctest --test-dir build --output-on-failure -j2
