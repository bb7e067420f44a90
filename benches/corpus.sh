#!/usr/bin/env bash
# Batch benchmark (issue 14): generates a corpus (benches/make_corpus.py,
# not committed), encodes it with 1 and 2 workers and at a quarter and half
# its size, and prints a Markdown table: wall time, CPU time, MB/s, peak
# memory against the largest document. Then start-up on a one-line file,
# and a byte-for-byte check of batch output against single-file mode.
#
#   bash benches/corpus.sh [MEGABYTES=200] [WORKDIR=a new temporary folder]
#
# Needs python3 and /usr/bin/time (Debian package `time`).
set -euo pipefail
cd "$(dirname "$0")/.."
MB=${1:-200}
WORK=${2:-$(mktemp -d)}
mkdir -p "$WORK"
cargo build --release -q
BIN=${CARGO_TARGET_DIR:-$PWD/target}/release/tei-encoder
export TEI_ENCODER_CACHE_DIR="$WORK/cache"

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for size in "$MB" $((MB / 2)) $((MB / 4)); do
  [ -d "$WORK/c$size" ] || python3 benches/make_corpus.py "$WORK/c$size" "$size" >/dev/null
done

echo
echo "| corpus | documents | largest | jobs | wall s | CPU s | MB/s (wall) | MB/s per CPU s | peak RSS MB | peak ÷ largest |"
echo "|---|---|---|---|---|---|---|---|---|---|"
run() { # corpus-dir jobs
  rm -rf "$WORK/out"
  /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" \
    "$BIN" encode "$1" --out-dir "$WORK/out" --jobs "$2" -q --date 2026-01-01 \
    --report-json "$WORK/report.json" 2>/dev/null
  python3 - "$WORK/time" "$WORK/report.json" "$1" "$2" <<'PY'
import json, os, sys
wall, user, sys_, peak = open(sys.argv[1]).read().split()[-4:]
r = json.load(open(sys.argv[2]))
largest = max(d["input_bytes"] for d in r["reports"])
mb = r["input_bytes"] / 1e6
cpu = float(user) + float(sys_)
peak_mb = int(peak) / 1024
print(f"| {mb:.0f} MB | {r['documents']} | {largest/1e6:.2f} MB | {sys.argv[4]} | {float(wall):.1f} | {cpu:.1f} | "
      f"{mb/float(wall):.2f} | {mb/cpu:.2f} | {peak_mb:.0f} | {peak_mb/(largest/1e6):.0f}× |")
assert r["failed"] == 0, "documents failed"
PY
}
run "$WORK/c$MB" 1
run "$WORK/c$MB" 2
run "$WORK/c$((MB / 2))" 2
run "$WORK/c$((MB / 4))" 2

# Start-up: a one-line file, median of 21 runs (the lexicon cache warm), and
# the first run with an empty cache.
echo "One line." > "$WORK/one.txt"
python3 - "$BIN" "$WORK" <<'PY'
import os, statistics, subprocess, sys, time, tempfile
b, work = sys.argv[1], sys.argv[2]
def once(env):
    t = time.perf_counter()
    subprocess.run([b, "encode", f"{work}/one.txt", "-o", f"{work}/one.xml", "-q"], check=True, env=env)
    return (time.perf_counter() - t) * 1e3
env = dict(os.environ)
cold = once(dict(env, TEI_ENCODER_CACHE_DIR=tempfile.mkdtemp()))
runs = sorted(once(env) for _ in range(21))
print(f"\nstart-up, one-line file: median {statistics.median(runs):.1f} ms, best {runs[0]:.1f} ms "
      f"(21 runs, lexicon cache warm); {cold:.1f} ms with an empty cache")
PY

# Byte-identical to single-file mode: every 20th document of the last run.
n=0; bad=0
for f in $(find "$WORK/c$((MB / 4))" -name '*.txt' | sort | awk 'NR % 20 == 1'); do
  rel=${f#"$WORK/c$((MB / 4))/"}
  "$BIN" encode "$f" -o "$WORK/single.xml" -q --date 2026-01-01
  cmp -s "$WORK/single.xml" "$WORK/out/${rel%.txt}.tei.xml" || { echo "DIFFERS: $rel"; bad=$((bad + 1)); }
  n=$((n + 1))
done
echo "byte-identical to single-file mode: $((n - bad)) of $n documents checked"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
