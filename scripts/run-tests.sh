#!/usr/bin/env bash
# Sets up dependencies, builds, and runs the whole test suite (unit tests and
# the conformance counts). Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup-deps.sh
# The guest kernel (QEMU, busybox, a Debian kernel and its headers) for the
# tests that load modules.
guest/setup.sh
# The DWARF vmlinux of the guest's kernel, for the kernel.function tests
# (cached across runs; without it those tests report SKIP).
scripts/fetch-debuginfo.sh >/dev/null || echo "run-tests.sh: no kernel debuginfo; its tests will be skipped" >&2
cmake -S . -B build -G Ninja
cmake --build build

ctest --test-dir build --output-on-failure -j2
