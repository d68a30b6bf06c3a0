#!/usr/bin/env bash
# Installs cxxtap from BUILD_DIR into a scratch prefix and builds
# examples/consumer against the installed package (not the build tree):
# both modules must come out as .ko files.
set -euo pipefail
build_dir=$1
src_dir=$(cd "$(dirname "$0")/../.." && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cmake --install "$build_dir" --prefix "$scratch/prefix" > "$scratch/install.log"
cmake -S "$src_dir/examples/consumer" -B "$scratch/consumer" -G Ninja \
  -DCMAKE_PREFIX_PATH="$scratch/prefix" > "$scratch/configure.log"
cmake --build "$scratch/consumer"
for ko in hello_dsl.ko hello_stp.ko; do
  if [ ! -s "$scratch/consumer/$ko" ]; then
    echo "consumer: $ko was not built" >&2
    exit 1
  fi
done
# The DSL script lowered to the same stap text as the hand-written one.
diff <(grep -v '^#' "$scratch/consumer/hello_dsl.stp") \
     <("$scratch/prefix/bin/stap" -p1 "$src_dir/examples/consumer/hello.stp" | grep -v '^#')
echo "consumer: hello_dsl.ko and hello_stp.ko built from the installed package"
