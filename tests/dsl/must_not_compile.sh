#!/usr/bin/env bash
# Compiles one DSL mistake and passes when the compiler refuses it with the
# message its first line names (`// expect: TEXT`); further `// expect:`
# lines right after it name more text the diagnostics must contain (e.g. the
# name of the function a call went wrong on). Usage:
#   must_not_compile.sh CXX INCLUDE_FLAGS... -- CASE.cpp
set -uo pipefail
args=()
while [ "$1" != "--" ]; do args+=("$1"); shift; done
shift
case_file=$1
expect=$(sed -n '1s|^// expect: ||p' "$case_file")
more=$(sed -n '2,/^[^/]/{/^\/\/ expect: /s|^// expect: ||p}' "$case_file")
if [ -z "$expect" ]; then
  echo "$case_file: first line must be '// expect: TEXT'" >&2
  exit 2
fi
out=$("${args[@]}" -std=c++20 -fsyntax-only "$case_file" 2>&1)
rc=$?
if [ $rc -eq 0 ]; then
  echo "$case_file: compiled, but it must not" >&2
  exit 1
fi
if ! grep -qF -- "$expect" <<<"$out"; then
  echo "$case_file: failed to compile, but without '$expect':" >&2
  head -30 <<<"$out" >&2
  exit 1
fi
while IFS= read -r also; do
  [ -z "$also" ] && continue
  if ! grep -qF -- "$also" <<<"$out"; then
    echo "$case_file: refused with '$expect', but the diagnostics do not name '$also':" >&2
    head -30 <<<"$out" >&2
    exit 1
  fi
done <<<"$more"
echo "$case_file: refused with '$expect'"
