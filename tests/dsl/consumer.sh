#!/usr/bin/env bash
# Installs cxxtap from BUILD_DIR into a scratch prefix and builds
# examples/consumer against the installed package (not the build tree):
# both modules must come out as .ko files. Then builds
# examples/app_with_probes the same way: the program copycat (static, and it
# copies a file exactly) and its probe module copycat_probes.ko.
set -euo pipefail
build_dir=$1
src_dir=$(cd "$(dirname "$0")/../.." && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cmake --install "$build_dir" --prefix "$scratch/prefix" > "$scratch/install.log"
cmake -S "$src_dir/examples/consumer" -B "$scratch/consumer" -G Ninja \
  -DCMAKE_PREFIX_PATH="$scratch/prefix" > "$scratch/configure.log"
cmake --build "$scratch/consumer"
for ko in hello_dsl.ko hello_stp.ko syscall_open_dsl.ko netfilter_dsl.ko; do
  if [ ! -s "$scratch/consumer/$ko" ]; then
    echo "consumer: $ko was not built" >&2
    exit 1
  fi
done
# The DSL script lowered to the same stap text as the hand-written one.
diff <(grep -v '^#' "$scratch/consumer/hello_dsl.stp") \
     <("$scratch/prefix/bin/stap" -p1 "$src_dir/examples/consumer/hello.stp" | grep -v '^#')
echo "consumer: hello_dsl.ko, hello_stp.ko, syscall_open_dsl.ko and netfilter_dsl.ko built from the installed package"

app=$scratch/app
cmake -S "$src_dir/examples/app_with_probes" -B "$app" -G Ninja \
  -DCMAKE_PREFIX_PATH="$scratch/prefix" > "$scratch/app-configure.log"
cmake --build "$app"
for f in copycat copycat_probes.ko; do
  [ -s "$app/$f" ] || { echo "consumer: app_with_probes: $f was not built" >&2; exit 1; }
done
if readelf -l "$app/copycat" | grep -q INTERP; then
  echo "consumer: app_with_probes: copycat is not statically linked" >&2
  exit 1
fi
head -c 10000 /dev/urandom > "$scratch/in.bin"
(cd "$app" && ./copycat "$scratch/in.bin" "$scratch/out.bin" 3 700)
cmp "$scratch/in.bin" "$scratch/out.bin"
echo "consumer: app_with_probes built copycat (static) and copycat_probes.ko"
