#!/usr/bin/env bash
# Sets up dependencies, builds, and runs the main job: pass 1-2 of a
# hello-world script through our stap.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup-deps.sh
cmake -S . -B build -G Ninja
cmake --build build

build/bin/stap -v -p2 -e 'probe begin { log("hello world") exit() }'
