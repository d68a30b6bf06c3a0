#!/usr/bin/env bash
# Runs each DSL example and its .stp twin through `stap --runtime=user` and
# requires the same output (and the expected first line for hello).
set -euo pipefail
emit=$1 stap=$2
src=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$emit" "$work"
for name in hello timer_report; do
  # execname() is the user-mode program, named after the script's hash.
  "$stap" --runtime=user "$work/$name.stp" | sed 's/stap_[0-9a-f]*/EXEC/' > "$work/$name.dsl.out"
  "$stap" --runtime=user "$src/examples/$name/$name.stp" | sed 's/stap_[0-9a-f]*/EXEC/' \
    > "$work/$name.stp.out"
  if ! diff -u "$work/$name.stp.out" "$work/$name.dsl.out"; then
    echo "$name: the DSL and .stp versions print different output" >&2
    exit 1
  fi
done
[ "$(head -1 "$work/hello.dsl.out")" = "hello world" ]
grep -q "samples, " "$work/timer_report.dsl.out"
echo "DSL examples ran and matched their .stp twins"
