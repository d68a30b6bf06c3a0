#!/usr/bin/env bash
# Fuzzes passes 1-2 (parser, preprocessor, elaborator) with libFuzzer for a
# while and reports crashes. Not part of CI.
#
# usage: bench/fuzz.sh [SECONDS]        (default 60)
#
# Builds tests/fuzz/fuzz_pass12.cpp with clang, ASan and coverage in a separate
# build directory (build-fuzz/), seeds it with a temporary copy of the corpus's
# parseok/*.stp files, and runs it. Crashing inputs land in
# build-fuzz/fuzz-artifacts/<time>/; the exit status is 1 when there are any.
# Environment: CXXTAP_CONFORMANCE_DIR (default ../shared/conformance/upstream
# beside the repository); FUZZ_ARGS = extra libFuzzer options.
set -euo pipefail

duration=${1:-60}
if ! [[ $duration =~ ^[0-9]+$ ]]; then
  sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi

root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${CXXTAP_CONFORMANCE_DIR:-$root/../shared/conformance/upstream}
build="$root/build-fuzz"
cd "$root"

scripts/setup-deps.sh --fuzz

CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCXXTAP_FUZZ=ON -DCXXTAP_BUILD_TESTS=ON
cmake --build "$build" --target fuzz_pass12

fuzzer="$build/bin/fuzz_pass12"
work=$(mktemp -d "${TMPDIR:-/tmp}/cxxtap-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus"
if compgen -G "$corpus/parseok/*.stp" >/dev/null; then
  cp "$corpus"/parseok/*.stp "$work/corpus/"
else
  echo "fuzz.sh: no seeds at $corpus/parseok; starting from an empty corpus" >&2
fi

# Tokens of the stap language, so that mutations make plausible scripts.
cat >"$work/stap.dict" <<'DICT'
"probe"
"function"
"global"
"private"
"if"
"else"
"for"
"foreach"
"in"
"limit"
"while"
"do"
"break"
"continue"
"return"
"next"
"delete"
"try"
"catch"
"long"
"string"
"%("
"%?"
"%:"
"%)"
"%{"
"%}"
"@define"
"@count"
"@sum"
"@min"
"@max"
"@avg"
"@hist_log"
"@hist_linear"
"@entry"
"@defined"
"@cast"
"@var"
"@1"
"$1"
"$#"
"<<<"
"++"
"--"
"->"
"=~"
"!~"
"<="
">="
"&&"
"||"
"?"
"!"
"kernel_v"
"kernel_vr"
"arch"
"systemtap_v"
"guru_mode"
"CONFIG_SMP"
"begin"
"end"
"error"
"never"
"timer.ms(100)"
"timer.profile"
".return"
".call"
"kernel.function(\"*\")"
"process(\"/bin/ls\")"
"printf"
"sprintf"
"println"
"exit()"
"\"%d %s\\n\""
DICT

artifacts="$build/fuzz-artifacts/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$artifacts"

echo "fuzz.sh: running $fuzzer for ${duration}s (seeds: $(find "$work/corpus" -type f | wc -l))"
rc=0
# shellcheck disable=SC2086  # FUZZ_ARGS is a list of options
"$fuzzer" -max_total_time="$duration" -timeout=10 -rss_limit_mb=2048 \
  -print_final_stats=1 -artifact_prefix="$artifacts/" -dict="$work/stap.dict" \
  ${FUZZ_ARGS:-} "$work/corpus" 2>"$work/fuzz.log" || rc=$?
tail -n 25 "$work/fuzz.log"

mapfile -t found < <(find "$artifacts" -type f | sort)
echo
if [ ${#found[@]} -eq 0 ] && [ "$rc" -eq 0 ]; then
  echo "fuzz.sh: no crashes in ${duration}s"
  rmdir "$artifacts" 2>/dev/null || true
  exit 0
fi
cp "$work/fuzz.log" "$artifacts/fuzz.log"
echo "fuzz.sh: the fuzzer stopped with status $rc; ${#found[@]} crashing input(s):"
for f in "${found[@]}"; do echo "  $f"; done
echo "full log: $artifacts/fuzz.log"
echo "reproduce with: $fuzzer FILE"
exit 1
