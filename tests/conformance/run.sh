#!/usr/bin/env bash
# Runs the upstream conformance corpus against a stap binary and compares the
# pass counts with tests/conformance/baseline.txt (counts may only go up).
#
# usage: tests/conformance/run.sh [options] STAP_BIN [SET...]
#
#   SET          parseok parseko semok semko transok buildok
#                (default: all six)
#   --update     raise the counts in baseline.txt to the current ones
#                (never lowers them)
#   --log-dir D  where the failure list and outputs go (default: build/conformance)
#   -j N         files run in parallel (default: nproc)
#
# Environment: CXXTAP_CONFORMANCE_DIR = the corpus (default: ../shared/conformance/
# upstream next to the repository); CXXTAP_CONFORMANCE_TIMEOUT = seconds per
# file (default 60, as the corpus README asks).
#
# How a file runs (see shared/conformance/README.md): `#! stap ARGS` runs as
# `STAP_BIN ARGS FILE`; `#!/bin/sh` / `#!/bin/bash` run with sh / bash and a
# `stap` that is STAP_BIN first on PATH. Every file runs by its path inside
# the corpus, from its own scratch directory, for at most 60 s. -ok sets pass
# on exit 0, -ko sets on a non-zero exit; a crash (signal, timeout, sanitizer
# report, uncaught exception) fails in every set.
set -euo pipefail

ALL_SETS=(parseok parseko semok semko transok buildok)
# All six counts are reported together (the -ko counts mean little alone);
# buildok fails fast until pass 4 exists.
DEFAULT_SETS=(parseok parseko semok semko transok buildok)
TIMEOUT_S=${CXXTAP_CONFORMANCE_TIMEOUT:-60}
CRASH_RE='AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|MemorySanitizer|ThreadSanitizer|terminate called|Segmentation fault|core dumped'

# ---------------------------------------------------------------------------
# Worker: runs one file and writes its verdict. Called through xargs as
#   run.sh --one SET FILE
# with CXXTAP_RUN_* in the environment.
run_one() {
  local set=$1 file=$2
  local name id scratch out err first rc verdict reason
  name=$(basename "$file")
  id="${set}__${name}"
  out="$CXXTAP_RUN_DIR/out/$id.out"
  err="$CXXTAP_RUN_DIR/out/$id.err"
  scratch=$(mktemp -d "$CXXTAP_RUN_DIR/scratch/XXXXXX")

  first=$(head -n 1 "$file" || true)
  local -a cmd=()
  local stap_re='^#![[:space:]]*([^[:space:]]*/)?stap([[:space:]](.*))?$'
  local sh_re='^#![[:space:]]*(/usr)?/bin/(sh|bash)([[:space:]].*)?$'
  if [[ $first =~ $stap_re ]]; then
    local -a args=()
    read -r -a args <<<"${BASH_REMATCH[3]}"
    cmd=("$CXXTAP_RUN_STAP" "${args[@]}" "$file")
  elif [[ $first =~ $sh_re ]]; then
    cmd=("${BASH_REMATCH[2]}" "$file")
  fi

  if [ ${#cmd[@]} -eq 0 ]; then
    rc=-1
    : >"$out"
    echo "conformance harness: no runnable '#!' line: $first" >"$err"
  else
    rc=0
    # The outer 2>/dev/null only silences bash's own "Segmentation fault"
    # notice; the verdict below comes from the exit status.
    (cd "$scratch" &&
       PATH="$CXXTAP_RUN_DIR/bin:$PATH" \
       timeout -k 10 "$TIMEOUT_S" "${cmd[@]}" </dev/null >"$out" 2>"$err") 2>/dev/null || rc=$?
  fi

  if [ "$rc" -eq -1 ]; then
    verdict=FAIL reason="no runnable #! line"
  elif [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
    verdict=CRASH reason="timeout after ${TIMEOUT_S}s"
  elif [ "$rc" -ge 128 ]; then
    verdict=CRASH reason="killed by signal $((rc - 128))"
  elif [ "$rc" -ge 125 ]; then
    verdict=CRASH reason="could not execute (exit $rc)"
  elif grep -qE "$CRASH_RE" "$err" 2>/dev/null; then
    verdict=CRASH reason="crash report on stderr: $(grep -m1 -oE "$CRASH_RE" "$err")"
  else
    case $set in
      *ok) if [ "$rc" -eq 0 ]; then verdict=PASS reason=; else verdict=FAIL reason="exit $rc, expected 0"; fi ;;
      *ko) if [ "$rc" -ne 0 ]; then verdict=PASS reason=; else verdict=FAIL reason="exit 0, expected an error"; fi ;;
      *) verdict=FAIL reason="unknown set" ;;
    esac
  fi

  printf '%s\t%s\t%s\t%s\n' "$verdict" "$set" "$name" "$reason" >"$CXXTAP_RUN_DIR/res/$id"
  if [ "$verdict" = PASS ]; then
    rm -f "$out" "$err"
  fi
  rm -rf "$scratch" 2>/dev/null || true
}

if [ "${1:-}" = "--one" ]; then
  run_one "$2" "$3"
  exit 0
fi

# ---------------------------------------------------------------------------
usage() { sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; }

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
baseline="$here/baseline.txt"
corpus=${CXXTAP_CONFORMANCE_DIR:-$here/../../../shared/conformance/upstream}
update=0
log_dir=
jobs=$(nproc 2>/dev/null || echo 2)
stap_bin=
sets=()

while [ $# -gt 0 ]; do
  case $1 in
    --update) update=1 ;;
    --log-dir) log_dir=${2:?--log-dir needs a directory}; shift ;;
    --log-dir=*) log_dir=${1#*=} ;;
    -j) jobs=${2:?-j needs a number}; shift ;;
    -j*) jobs=${1#-j} ;;
    -h|--help) usage; exit 0 ;;
    -*) echo "run.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
    *)
      if [ -z "$stap_bin" ]; then
        stap_bin=$1
      else
        case " ${ALL_SETS[*]} " in
          *" $1 "*) sets+=("$1") ;;
          *) echo "run.sh: unknown set '$1' (sets: ${ALL_SETS[*]})" >&2; exit 2 ;;
        esac
      fi ;;
  esac
  shift
done

if [ -z "$stap_bin" ]; then
  usage >&2
  exit 2
fi
[ ${#sets[@]} -gt 0 ] || sets=("${DEFAULT_SETS[@]}")

# Absolute path to the stap under test (the scripts run from other directories).
if [[ $stap_bin != */* ]]; then
  stap_bin=$(command -v "$stap_bin" || true)
fi
if [ -z "$stap_bin" ] || [ ! -f "$stap_bin" ] || [ ! -x "$stap_bin" ]; then
  echo "run.sh: stap binary not found or not executable: ${stap_bin:-$1}" >&2
  exit 1
fi
stap_bin="$(cd "$(dirname "$stap_bin")" && pwd)/$(basename "$stap_bin")"

if [ ! -d "$corpus" ]; then
  echo "run.sh: conformance corpus not found at '$corpus'." >&2
  echo "run.sh: the repository is expected next to shared/ (shared/conformance/upstream);" >&2
  echo "run.sh: set CXXTAP_CONFORMANCE_DIR to its location." >&2
  exit 1
fi
corpus=$(cd "$corpus" && pwd)

[ -n "$log_dir" ] || log_dir="$root/build/conformance"
mkdir -p "$log_dir"
log_dir=$(cd "$log_dir" && pwd)

run_dir=$(mktemp -d "${TMPDIR:-/tmp}/cxxtap-conformance.XXXXXX")
trap 'rm -rf "$run_dir"' EXIT
mkdir -p "$run_dir/bin" "$run_dir/out" "$run_dir/res" "$run_dir/scratch"
ln -s "$stap_bin" "$run_dir/bin/stap"

# The cases of a set are the files directly in its folder (parseko/bad_tapset/
# is a helper tapset directory, not a case).
list=()
for set in "${sets[@]}"; do
  if [ ! -d "$corpus/$set" ]; then
    echo "run.sh: missing set folder $corpus/$set" >&2
    exit 1
  fi
  while IFS= read -r -d '' f; do
    list+=("$set" "$f")
  done < <(find "$corpus/$set" -mindepth 1 -maxdepth 1 -type f -print0 | sort -z)
done

echo "conformance: $stap_bin against $corpus (${sets[*]}; -j$jobs)"
start=$(date +%s)
export CXXTAP_RUN_DIR="$run_dir" CXXTAP_RUN_STAP="$stap_bin" TIMEOUT_S
printf '%s\0' "${list[@]}" | xargs -0 -n 2 -P "$jobs" "$here/run.sh" --one ||
  echo "run.sh: some files could not be run (counted as failures)" >&2
elapsed=$(( $(date +%s) - start ))

# ---------------------------------------------------------------------------
# Counts, failure log, baseline.
failures="$log_dir/conformance-failures.log"
outputs="$log_dir/conformance-output"
rm -rf "$outputs"
mkdir -p "$outputs"
: >"$failures"

declare -A pass total crash base
for set in "${ALL_SETS[@]}"; do base[$set]=0; done
if [ -f "$baseline" ]; then
  while read -r s n _; do
    case $s in ''|'#'*) continue ;; esac
    base[$s]=$n
  done <"$baseline"
fi

# A file's text, ending with a newline.
show() {
  [ -f "$1" ] || return 0
  cat "$1"
  if [ -s "$1" ] && [ -n "$(tail -c 1 "$1")" ]; then echo; fi
}

status=0
for set in "${sets[@]}"; do
  pass[$set]=0 total[$set]=0 crash[$set]=0
  while IFS= read -r -d '' f; do
    name=$(basename "$f")
    id="${set}__$name"
    total[$set]=$(( total[$set] + 1 ))
    if [ ! -f "$run_dir/res/$id" ]; then
      printf '%s/%s: no result (harness error)\n' "$set" "$name" >>"$failures"
      continue
    fi
    IFS=$'\t' read -r verdict _ _ reason <"$run_dir/res/$id"
    case $verdict in
      PASS) pass[$set]=$(( pass[$set] + 1 )); continue ;;
      CRASH) crash[$set]=$(( crash[$set] + 1 )) ;;
    esac
    printf '%s/%s: %s%s\n' "$set" "$name" "$([ "$verdict" = CRASH ] && echo 'CRASH: ')" "$reason" >>"$failures"
    mkdir -p "$outputs/$set"
    {
      echo "### $corpus/$set/$name: $verdict: $reason"
      echo "### stdout"; show "$run_dir/out/$id.out"
      echo "### stderr"; show "$run_dir/out/$id.err"
    } >"$outputs/$set/$name.log"
  done < <(find "$corpus/$set" -mindepth 1 -maxdepth 1 -type f -print0 | sort -z)
done

echo
for set in "${sets[@]}"; do
  line="$set: ${pass[$set]}/${total[$set]}"
  if [ "${crash[$set]}" -gt 0 ]; then
    line+="  (${crash[$set]} crashed or timed out)"
  fi
  if [ "${pass[$set]}" -lt "${base[$set]:-0}" ]; then
    line+="  REGRESSION: baseline is ${base[$set]}"
    status=1
  elif [ "${pass[$set]}" -gt "${base[$set]:-0}" ]; then
    line+="  (baseline ${base[$set]:-0})"
  fi
  echo "$line"
done
echo "($elapsed s) failing files: $failures"
echo "outputs of failing files: $outputs/"

if [ "$update" -eq 1 ]; then
  for set in "${sets[@]}"; do
    if [ "${pass[$set]}" -gt "${base[$set]:-0}" ]; then
      base[$set]=${pass[$set]}
    fi
  done
  {
    echo "# Passing files per conformance set; the counts may only go up."
    echo "# Checked by tests/conformance/run.sh; raise with its --update option."
    for set in "${ALL_SETS[@]}"; do echo "$set ${base[$set]:-0}"; done
  } >"$baseline.tmp"
  mv "$baseline.tmp" "$baseline"
  echo "baseline updated: $baseline"
fi

if [ "$status" -ne 0 ]; then
  echo "conformance: FAILED (a count fell below its baseline)" >&2
fi
exit "$status"
