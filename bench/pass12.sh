#!/usr/bin/env bash
# Pass 1-2 speed: our stap against Debian's reference stap, measured in the
# same run. Builds nothing; not part of CI.
#
# usage: bench/pass12.sh [-n RUNS] [-r RELEASE] [STAP_BIN]
#
#   STAP_BIN    our stap (default: build/bin/stap)
#   -n RUNS     timed runs per script and implementation (default 5), after
#               one untimed warm-up run
#   -r RELEASE  kernel release Debian's stap gets with -r (default: the first
#               /usr/src/linux-headers-*-amd64); it refuses to start without one
#
# Each script runs as `STAP_BIN ARGS -p2 ...` and `/usr/bin/stap -r RELEASE
# ARGS -p2 ...`; the table shows mean wall time per run (ms) and the ratio
# debian/ours (> 1: we are faster). The total counts only scripts both accept.
# The reference is /usr/bin/stap (override: CXXTAP_REFERENCE_STAP). The corpus
# files come from CXXTAP_CONFORMANCE_DIR (default:
# ../shared/conformance/upstream beside the repository); they are run in place.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
corpus=${CXXTAP_CONFORMANCE_DIR:-$root/../shared/conformance/upstream}
reference=${CXXTAP_REFERENCE_STAP:-/usr/bin/stap}
runs=5
release=
ours=

while [ $# -gt 0 ]; do
  case $1 in
    -n) runs=${2:?-n needs a number}; shift ;;
    -r) release=${2:?-r needs a kernel release}; shift ;;
    -h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "pass12.sh: unknown option '$1'" >&2; exit 2 ;;
    *) ours=$1 ;;
  esac
  shift
done
ours=${ours:-$root/build/bin/stap}
if [ ! -x "$ours" ]; then
  echo "pass12.sh: our stap not found at '$ours' (build first, or pass its path)" >&2
  exit 1
fi
ours="$(cd "$(dirname "$ours")" && pwd)/$(basename "$ours")"

have_ref=1
if [ ! -x "$reference" ]; then
  have_ref=0
  echo "pass12.sh: $reference is not installed (scripts/setup-deps.sh --bench);" \
       "timing our stap only." >&2
elif [ -z "$release" ]; then
  release=$(find /usr/src -maxdepth 1 -name 'linux-headers-*-amd64' -printf '%f\n' \
              | sed 's/^linux-headers-//' | sort -V | head -n 1)
  if [ -z "$release" ]; then
    have_ref=0
    echo "pass12.sh: no /usr/src/linux-headers-*-amd64 for Debian's stap -r;" \
         "timing our stap only (scripts/setup-deps.sh --bench)." >&2
  fi
fi

# ---------------------------------------------------------------------------
# The scripts. One-liners: NAME<TAB>SCRIPT.
oneliners=$(cat <<'STP'
hello	probe begin { log("hello world") exit() }
begin-end	probe begin { exit() } probe end { printf("bye %d\n", 42) }
timers	global n probe timer.ms(100) { n++ if (n > 3) exit() } probe timer.s(1) { printf("%d\n", n) } probe timer.jiffies(10) { n += 2 }
arrays	global a[100] probe begin { for (i = 0; i < 10; i++) a[i, "x"] = i * 2; foreach ([k, s] in a- limit 5) printf("%d %s %d\n", k, s, a[k, s]); if ([3, "x"] in a) delete a[3, "x"]; delete a; exit() }
aggregates	global s probe begin { for (i = 0; i < 100; i++) s <<< i; printf("%d %d %d %d %d\n", @count(s), @sum(s), @min(s), @max(s), @avg(s)); print(@hist_log(s)); exit() }
agg-arrays	global t probe timer.ms(10) { t[tid() % 4] <<< 1 } probe end { foreach (k in t+) printf("%d %d\n", k, @count(t[k])); }
printf	probe begin { printf("%s %d %x %5.2s %-10s|%c %%\n", "a", 1, 255, "abc", "left", 65); printf("%s\n", sprintf("%04d", 7)); exit() }
strings	probe begin { s = sprintf("%s-%d", "abc", 7); printf("%d %s %s %d %s\n", strlen(s), substr(s, 1, 2), str_replace(s, "-", "+"), isinstr(s, "bc"), text_str(s)); exit() }
functions	function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2) } probe begin { printf("%d\n", fib(10)); exit() }
context	probe begin { printf("%s %d %d %s\n", execname(), pid(), gettimeofday_s(), ctime(0)); exit() }
STP
)

# Corpus files that Debian's stap 4.8 accepts at -p2 (with -r): PATH ARGS,
# ARGS being the file's own #! options with the pass set to 2.
corpus_files=$(cat <<'LIST'
  parseok/at_kderef.stp              -gp2
  parseok/at_kregister.stp           -gp2
  parseok/big_array.stp              -p2
  parseok/end_string.stp             -p2
  parseok/macros01.stp               -p2
  parseok/macros02.stp               -p2
  parseok/macros03.stp               -p2
  parseok/macros04.stp               -p2
  parseok/macros06.stp               -p2
  parseok/macros07.stp               -p2
  parseok/strconcat.stp              -p2
  semok/array_slicing.stp            -p2
  semok/autocast01.stp               -p2
  semok/autocast02.stp               -p2
  semok/autocast03.stp               -p2
  semok/autocast04.stp               -p2
  semok/autocast05.stp               -p2
  semok/autocast06.stp               -p2
  semok/autocast07.stp               -p2
  semok/autocast08.stp               -gp2
  semok/autocast09.stp               -p2
  semok/autocast12.stp               -p2
  semok/autocast13.stp               -p2
  semok/beginend.stp                 -u -p2
  semok/binexpr_infer_type.stp       -uwp2
  semok/config_config.stp            -p2
  semok/config_number.stp            -p2
  semok/config_wildcard.stp          -p2
  semok/eighteen.stp                 -u -p2
  semok/eleven.stp                   -p2
  semok/entry02.stp                  -p2
  semok/fifteen.stp                  -u -p2
  semok/five.stp                     -p2
  semok/four.stp                     -u -p2
  semok/fourteen.stp                 -u -p2
  semok/gurufunc.stp                 -gup2
  semok/map_wrap_good.stp            -p2
  semok/netfilter01.stp              -u -gp2
  semok/nineteen.stp                 -u -p2
  semok/one.stp                      -u -p2
  semok/optimize.stp                 -wp2
  semok/plt1.stp                     -p2
  semok/pretty2.stp                  -p2
  semok/probe_elision.stp            -u -p2
  semok/seven.stp                    -p2
  semok/six.stp                      -p2
  semok/sixteen.stp                  -p2
  semok/ten.stp                      -p2
  semok/thirty.stp                   -u -p2
  semok/thirtyseven.stp              -wWp2
  semok/thirtysix-utrace.stp         -p2
  semok/three.stp                    -p2
  semok/twentyone.stp                -p2
  semok/twentysix.stp                -p2
  semok/twentythree.stp              -p2
  semok/twentytwo.stp                -u -p2
  semok/two.stp                      -p2
  semok/umask01.stp                  -p2
  semok/umask02.stp                  -p2
  semok/umask03.stp                  -p2
  semok/umask04.stp                  -p2
  semok/umask05.stp                  -p2
  semok/umask06.stp                  -p2
  semok/umask07.stp                  -p2
  semok/utrace01.stp                 -u -p2
  semok/utrace14.stp                 -u -p2
LIST
)

# ---------------------------------------------------------------------------
now_us() { local t=${EPOCHREALTIME/./}; echo "$t"; }

# time_runs OUT_VAR CMD... : runs CMD once untimed, then $runs times timed;
# sets OUT_VAR to the mean in microseconds, or to "fail" when a run fails.
time_runs() {
  local -n _out=$1
  shift
  if ! "$@" >/dev/null 2>&1; then _out=fail; return; fi
  local i t0 t1 sum=0
  for ((i = 0; i < runs; i++)); do
    t0=$(now_us)
    if ! "$@" >/dev/null 2>&1; then _out=fail; return; fi
    t1=$(now_us)
    sum=$((sum + t1 - t0))
  done
  _out=$((sum / runs))
}

ms() { if [ "$1" = fail ] || [ "$1" = - ]; then echo "$1"; else printf '%d.%01d' $(($1 / 1000)) $((($1 % 1000) / 100)); fi; }
ratio() { # debian ours -> debian/ours with two decimals
  if [[ $1 =~ ^[0-9]+$ && $2 =~ ^[0-9]+$ && $2 -gt 0 ]]; then
    printf '%d.%02d' $(($1 / $2)) $(((($1 % $2) * 100) / $2))
  else
    echo -
  fi
}

work=$(mktemp -d "${TMPDIR:-/tmp}/cxxtap-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"

echo "pass 1-2 benchmark: $runs timed runs per script (+1 warm-up), mean wall time"
echo "  ours:   $ours"
if [ "$have_ref" -eq 1 ]; then
  echo "  debian: $reference -r $release ($("$reference" -V 2>&1 | head -n 1))"
fi
echo
printf '%-32s %10s %10s %8s\n' script "ours ms" "debian ms" deb/ours

total_ours=0 total_deb=0 both=0 count=0 ours_fail=0 deb_fail=0
report() { # name ours_us deb_us
  local name=$1 o=$2 d=$3
  count=$((count + 1))
  [ "$o" = fail ] && ours_fail=$((ours_fail + 1))
  [ "$d" = fail ] && deb_fail=$((deb_fail + 1))
  if [[ $o =~ ^[0-9]+$ && $d =~ ^[0-9]+$ ]]; then
    total_ours=$((total_ours + o)) total_deb=$((total_deb + d)) both=$((both + 1))
  fi
  printf '%-32s %10s %10s %8s\n' "$name" "$(ms "$o")" "$(ms "$d")" "$(ratio "$d" "$o")"
}

while IFS=$'\t' read -r name script; do
  [ -n "$name" ] || continue
  o=- d=-
  time_runs o "$ours" -p2 -e "$script"
  if [ "$have_ref" -eq 1 ]; then time_runs d "$reference" -r "$release" -p2 -e "$script"; fi
  report "-e $name" "$o" "$d"
done <<<"$oneliners"

if [ -d "$corpus" ]; then
  while read -r file args; do
    [ -n "$file" ] || continue
    [ -f "$corpus/$file" ] || { echo "pass12.sh: $corpus/$file missing, skipped" >&2; continue; }
    read -r -a argv <<<"$args"
    o=- d=-
    time_runs o "$ours" "${argv[@]}" "$corpus/$file"
    if [ "$have_ref" -eq 1 ]; then
      time_runs d "$reference" -r "$release" "${argv[@]}" "$corpus/$file"
    fi
    report "$file" "$o" "$d"
  done <<<"$corpus_files"
else
  echo "pass12.sh: corpus not found at $corpus; corpus scripts skipped" >&2
fi

echo
printf '%-32s %10s %10s %8s\n' "TOTAL ($both scripts both ran)" \
  "$(ms "$total_ours")" "$(ms "$total_deb")" "$(ratio "$total_deb" "$total_ours")"
if [ "$have_ref" -eq 1 ]; then
  echo "scripts: $count; failed at -p2: ours $ours_fail, debian $deb_fail"
else
  echo "scripts: $count; failed at -p2: ours $ours_fail (reference not run)"
fi
