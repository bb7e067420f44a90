#!/usr/bin/env bash
# Benchmark: `tei-encoder validate` side by side with jing, in the same run.
# Usage: bash benches/validate.sh [RUNS]   (from the repository root; default 7 runs)
# Prints a markdown table of median wall time (bash EPOCHREALTIME around each
# process) and median peak RSS (GNU time, %M).
set -euo pipefail
RUNS=${1:-7}
cd "$(dirname "$0")/.."
SHARED=../shared
TEI_ALL=$SHARED/schema/tei_all.rng
BIN=target/release/tei-encoder
command -v jing >/dev/null || { echo "jing is not installed" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "GNU time (/usr/bin/time) is needed" >&2; exit 2; }
cargo build --release --quiet
SEED_OUT=$(mktemp -d)/seed.tei.xml
$BIN encode data/seed/cult-of-the-individual-1956.txt --meta data/seed/cult-of-the-individual-1956.meta.toml -o "$SEED_OUT" 2>/dev/null
VALID=$(ls $SHARED/tei-samples/valid/*.xml)
CACHE=$(mktemp -d)
export TEI_ENCODER_CACHE_DIR=$CACHE

# measure NAME CMD...: runs CMD $RUNS times, records "seconds kilobytes" per run.
declare -A SECS KB
measure() {
  local name=$1; shift
  local out; out=$(mktemp)
  local t0 t1
  for _ in $(seq "$RUNS"); do
    t0=$EPOCHREALTIME
    /usr/bin/time -f "%M" -o "$out.kb" "$@" >/dev/null 2>&1 || true
    t1=$EPOCHREALTIME
    echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }') $(tail -1 "$out.kb")" >>"$out"
  done
  SECS[$name]=$(awk '{print $1}' "$out" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  KB[$name]=$(awk '{print $2}' "$out" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  rm -f "$out.kb"
  rm -f "$out"
}

$BIN validate "$SEED_OUT" --schema "$TEI_ALL" >/dev/null  # fill the cache once
measure jing_one jing "$TEI_ALL" "$SEED_OUT"
measure ours_one_cold $BIN validate "$SEED_OUT" --schema "$TEI_ALL" --no-cache
measure ours_one_warm $BIN validate "$SEED_OUT" --schema "$TEI_ALL"
measure ours_one_project $BIN validate "$SEED_OUT" --schema tei-encoder
measure jing_one_project jing schema/tei-encoder.rng "$SEED_OUT"
# shellcheck disable=SC2086
measure jing_14 jing "$TEI_ALL" $VALID
# shellcheck disable=SC2086
measure ours_14_cold $BIN validate --schema "$TEI_ALL" --no-cache $VALID
# shellcheck disable=SC2086
measure ours_14_warm $BIN validate --schema "$TEI_ALL" $VALID

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }
mb() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
echo "median of $RUNS runs, $(nproc) cores; seed output $(wc -c <"$SEED_OUT") bytes; 14 valid samples $(cat $VALID | wc -c) bytes"
echo
echo "| task | jing | tei-encoder | speed-up | jing peak MB | tei-encoder peak MB |"
echo "|---|---|---|---|---|---|"
row() { echo "| $1 | ${SECS[$2]} s | ${SECS[$3]} s | $(ratio "${SECS[$2]}" "${SECS[$3]}")x | $(mb "${KB[$2]}") | $(mb "${KB[$3]}") |"; }
row "seed output vs tei_all, one process, schema cached" jing_one ours_one_warm
row "seed output vs tei_all, one process, compiled this run" jing_one ours_one_cold
row "seed output vs project schema (embedded)" jing_one_project ours_one_project
row "14 valid samples vs tei_all, one call, schema cached" jing_14 ours_14_warm
row "14 valid samples vs tei_all, one call, compiled this run" jing_14 ours_14_cold
rm -rf "$CACHE"
