#!/usr/bin/env bash
# Benchmarks behind docs/PERFORMANCE.md. Not a test: it prints figures.
#   scripts/bench.sh            # 1,000,000 uptake rows (about 68 MB)
#   ROWS=100000 scripts/bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if ! command -v hyperfine >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq hyperfine >/dev/null
fi
ROWS="${ROWS:-1000000}"
DATA="bench-data/rows-$ROWS"
swift build -c release --product uptake >/dev/null
swift build -c release --product uptake-bench >/dev/null
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
