#!/usr/bin/env bash
# Benchmarks behind docs/PERFORMANCE.md. Not a test: it prints figures.
#   scripts/bench.sh            # 1,000,000 uptake rows (about 68 MB)
#   ROWS=100000 scripts/bench.sh
#   scripts/bench.sh peers        # only issue 11's comparison with polars and pandas (see peers() below)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if ! command -v hyperfine >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq hyperfine >/dev/null
fi
# ---- Issue 11: uptake against polars and pandas, in the shape of real extracts ----
# 125,000 series x 8 periods, 25,000 partners, a third of the names quoted; both row orders;
# 1,000,000 rows (and 10,000,000 with BENCH_10M=1, slow). Commands alternate round by round
# (scripts/bench-pairs.py): medians, ratios to polars, peak RSS against the file's size; then the
# other formats against the CSV report, and the dashboard's first frame (scripts/first-frame.py).
#   scripts/bench.sh peers                       # only this part
#   UPTAKE_BIN=bench-data/uptake-before scripts/bench.sh peers   # another build of uptake
#   PEER_RUNS=10 PANDAS_RUNS=3 BENCH_10M=1 scripts/bench.sh peers
peers() {
  local bin="${UPTAKE_BIN:-.build/release/uptake}" runs="${PEER_RUNS:-10}" pandas_runs="${PANDAS_RUNS:-3}"
  local py=bench-data/venv/bin/python
  if ! "$py" -c "import polars, pandas" >/dev/null 2>&1; then
    python3 -m venv bench-data/venv
    "$py" -m pip install -q polars pandas
  fi
  echo "== peers: polars $("$py" -c 'import polars; print(polars.__version__)'), pandas $("$py" -c 'import pandas; print(pandas.__version__)'); uptake: $bin"
  local sizes=(1000000)
  [ "${BENCH_10M:-0}" = 1 ] && sizes+=(10000000)
  for rows in "${sizes[@]}"; do
    for order in series period; do
      local dir="bench-data/extract-$rows-by-$order"
      local flag=""; [ "$order" = period ] && flag="--by-period"
      [ -f "$dir/uptake.csv" ] || .build/release/uptake-bench generate --shape extract --rows "$rows" --out "$dir" $flag >/dev/null
      local r=$runs; [ "$rows" -gt 1000000 ] && r="${PEER_RUNS_10M:-5}"
      echo "== $rows rows grouped by $order: $dir/uptake.csv, $(wc -c < "$dir/uptake.csv") bytes"
      python3 scripts/bench-pairs.py --runs "$r" --size "$dir/uptake.csv" --base polars \
        "uptake=$bin report --data $dir --format csv" "polars=$py scripts/bench-peers.py polars $dir"
      if [ "$rows" -le 1000000 ]; then
        echo "-- with pandas ($pandas_runs rounds)"
        python3 scripts/bench-pairs.py --runs "$pandas_runs" --warmup 0 --size "$dir/uptake.csv" --base polars \
          "uptake=$bin report --data $dir --format csv" "polars=$py scripts/bench-peers.py polars $dir" \
          "pandas=$py scripts/bench-peers.py pandas $dir"
      fi
    done
  done
  local dir=bench-data/extract-1000000-by-series
  echo "== report formats and check against --format csv, $dir"
  python3 scripts/bench-pairs.py --runs "${FORMAT_RUNS:-5}" --size "$dir/uptake.csv" --base csv \
    "csv=$bin report --data $dir --format csv" "json=$bin report --data $dir --format json" \
    "text=$bin report --data $dir --format text" "markdown=$bin report --data $dir --format markdown" \
    "check=$bin check --data $dir"
  dir=bench-data/extract-1000000-by-period
  echo "== the dashboard in a real pty, $dir: first frame, a key during the load, the data on screen"
  python3 scripts/first-frame.py "$bin" "$dir" "${FRAME_RUNS:-5}"
}

if [ "${1:-}" = peers ]; then
  bash scripts/build-release.sh --product uptake >/dev/null
  bash scripts/build-release.sh --product uptake-bench >/dev/null
  peers
  exit 0
fi
ROWS="${ROWS:-1000000}"
DATA="bench-data/rows-$ROWS"
bash scripts/build-release.sh --product uptake >/dev/null
bash scripts/build-release.sh --product uptake-bench >/dev/null
BIN=.build/release/uptake
[ -f "$DATA/uptake.csv" ] || .build/release/uptake-bench generate --rows "$ROWS" --out "$DATA"
[ -f "$DATA-by-period/uptake.csv" ] || .build/release/uptake-bench generate --rows "$ROWS" --out "$DATA-by-period" --by-period
echo "== machine: $(nproc) cores, $(uname -srm); dataset $DATA: $(wc -c < "$DATA/uptake.csv") bytes, $(($(wc -l < "$DATA/uptake.csv") - 1)) rows"
echo "== wc -l (reading the file)"
hyperfine -N -w 2 -r 10 "wc -l $DATA/uptake.csv" 2>&1 | grep -E "Time|Range"
echo "== uptake report --format csv (wall)"
hyperfine -w 2 -r 20 "$BIN report --data $DATA --format csv > /dev/null" 2>&1 | grep -E "Time|Range"
echo "== uptake report --format csv (wall), rows ordered by period instead of by series"
hyperfine -w 2 -r 20 "$BIN report --data $DATA-by-period --format csv > /dev/null" 2>&1 | grep -E "Time|Range"
echo "== peak memory (max RSS over 5 runs)"
for _ in 1 2 3 4 5; do /usr/bin/time -f "%M" "$BIN" report --data "$DATA" --format csv 2>&1 >/dev/null | tail -1; done | sort -n | tail -1 | awk '{printf "%.1f MB\n", $1/1024}'
echo "== uptake check (wall)"
hyperfine -w 1 -r 10 -i "$BIN check --data $DATA > /dev/null" 2>&1 | grep -E "Time|Range"
echo "== phases, in process (uptake-bench core)"
.build/release/uptake-bench core --data "$DATA" --runs 5
echo "== dashboard model (uptake-bench ui)"
.build/release/uptake-bench ui --data "$DATA" --runs 5
echo "== start-up to the first frame on the sample data, in a pty"
hyperfine -w 3 -r 20 "script -qec 'TERM=xterm-256color $BIN --exit-after-first-frame' /dev/null" 2>&1 | grep -E "Time|Range"
peers
