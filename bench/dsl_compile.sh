#!/usr/bin/env bash
# Compile time of the C++ DSL against the pass-4 kbuild it precedes, in one
# run: a generated 20-probe DSL script (one translation unit) is compiled
# with g++ (time and peak memory), and the same script's module is built by
# `stap -p4` with the cache disabled. Not part of CI.
#
# usage: bench/dsl_compile.sh [BUILD_DIR]   (default: build)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
stap=$build/bin/stap
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 20 probes: timers feeding statistics and arrays, printed at the end.
{
  echo '#include <cxxtap/dsl.h>'
  echo 'namespace tap = cxxtap::dsl;'
  echo 'constexpr tap::Var<tap::Stats> lat{"lat"};'
  echo 'constexpr tap::Array<tap::Long, tap::String> hits{"hits"};'
  echo 'constexpr auto script = tap::script(lat, hits,'
  for i in $(seq 1 19); do
    echo "  tap::probe(tap::timer.ms($((i * 10))), lat <<= $i, hits(tap::execname()) += $i,"
    echo "             tap::printf(\"%d %s %d\\n\", tap::pid(), tap::execname(), tap::count(lat))),"
  done
  echo '  tap::probe(tap::end, tap::print(tap::hist_log(lat)), tap::exit()));'
  echo 'CXXTAP_MAIN(script)'
} > "$work/probes.cpp"

includes=(-I"$root/include" -I"$root/tapset-cpp/include")
start=$(date +%s%N)
/usr/bin/time -f '%M' -o "$work/mem" g++ -std=c++20 -O0 "${includes[@]}" -c "$work/probes.cpp" \
  -o "$work/probes.o"
dsl_ms=$(( ($(date +%s%N) - start) / 1000000 ))
dsl_kb=$(cat "$work/mem")
g++ "$work/probes.o" "$build/translator/libcxxtap_ir.a" -lfmt -o "$work/gen"
"$work/gen" "$work/probes.stp"

start=$(date +%s%N)
# -m writes NAME.ko into the current directory: the scratch one.
if (cd "$work" && "$stap" -p4 --disable-cache -m bench20 probes.stp) > "$work/p4.log" 2>&1; then
  kb_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  printf 'DSL compile (g++, 20 probes): %6d ms, peak %d MB\n' "$dsl_ms" $((dsl_kb / 1024))
  printf 'pass 3+4 (stap -p4, kbuild):   %6d ms\n' "$kb_ms"
  awk -v a="$dsl_ms" -v b="$kb_ms" 'BEGIN { printf "ratio DSL/kbuild: %.2f (must stay below 1)\n", a / b }'
else
  printf 'DSL compile (g++, 20 probes): %6d ms, peak %d MB\n' "$dsl_ms" $((dsl_kb / 1024))
  echo "stap -p4 failed (see below); no ratio"
  tail -5 "$work/p4.log"
fi
