#!/usr/bin/env bash
# Accelerated soak of `uptake kiosk` (docs/PERFORMANCE.md, "Kiosk soak"). Not a test: it prints figures.
#
# Runs the release binary in tmux with a 50 ms rotation while the data is rewritten every second
# (alternately good, with a rejected row, and half-written, each renamed into place), and samples
# the process's RSS and open descriptors at the start, middle and end. Then measures idle CPU over
# 60 s with the default 20 s rotation.
#
#   scripts/soak-kiosk.sh                    # 600 s on the sample data and on 100,000 rows
#   SOAK_SECONDS=120 scripts/soak-kiosk.sh   # shorter
#   SOAK_ROWS= IDLE_SECONDS=0 scripts/soak-kiosk.sh   # the sample data only, no idle figure
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/e2e.sh
SOAK_SECONDS="${SOAK_SECONDS:-600}"
IDLE_SECONDS="${IDLE_SECONDS:-60}"
bash scripts/build-release.sh --product uptake >/dev/null || { echo "soak: the release build failed" >&2; exit 1; }
bash scripts/build-release.sh --product uptake-bench >/dev/null || { echo "soak: the release build failed" >&2; exit 1; }
BIN="$(pwd)/.build/release/uptake"
WORK="$(mktemp -d)"
e2e_on_exit 'rm -rf "$WORK"'
export XDG_CONFIG_HOME="$WORK/config"

sample() {   # sample LABEL PID: RSS (kB) and open descriptors
    local rss fds
    rss=$(awk '/^VmRSS/ {print $2}' "/proc/$2/status")
    fds=$(ls "/proc/$2/fd" | wc -l)
    printf '%-8s rss %6d kB  fds %3d\n' "$1" "$rss" "$fds"
}

soak() {   # soak NAME DATA_DIR
    local name="$1" data="$2"
    cp "$data/uptake.csv" "$WORK/good.csv"
    { cat "$WORK/good.csv"; echo "Rejected,Nobody,2024-07,100,150.0,,soak"; } > "$WORK/rows.csv"
    printf 'partner,proxy_popul' > "$WORK/half.csv"
    e2e_start -x 120 -y 40 "'$BIN' kiosk --data '$data' --rotate 0.05"
    e2e_wait_for "data as of" 60 >/dev/null || { echo "kiosk did not start"; return 1; }
    sleep 2
    local pid; pid="$(e2e_app_pid)"
    echo "== $name: $(($(wc -l < "$WORK/good.csv") - 1)) rows, ${SOAK_SECONDS} s, rotation 50 ms, a rewrite every 1 s"
    sample start "$pid"
    local cpu0; cpu0=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    local i kind
    for ((i = 1; i <= SOAK_SECONDS; i++)); do
        case $((i % 3)) in 0) kind=good ;; 1) kind=rows ;; 2) kind=half ;; esac
        cp "$WORK/$kind.csv" "$data/.uptake.csv.tmp" && mv "$data/.uptake.csv.tmp" "$data/uptake.csv"
        sleep 1
        (( i == SOAK_SECONDS / 2 )) && sample middle "$pid"
    done
    cp "$WORK/good.csv" "$data/uptake.csv"; sleep 3
    sample end "$pid"
    local cpu1; cpu1=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    echo "cpu      $(( (cpu1 - cpu0) )) ticks of $(getconf CLK_TCK)/s over the soak"
    e2e_is_running && echo "still running: yes" || echo "still running: NO"
    e2e_signal TERM; e2e_wait_exit >/dev/null
}

cp -r sample-data "$WORK/sample"; rm -f "$WORK/sample/README.md"
soak "sample data" "$WORK/sample"
SOAK_ROWS="${SOAK_ROWS-100000}"   # empty: the sample data only
if [[ -n "$SOAK_ROWS" ]]; then
    .build/release/uptake-bench generate --rows "$SOAK_ROWS" --out "$WORK/rows-$SOAK_ROWS" >/dev/null
    soak "$SOAK_ROWS rows" "$WORK/rows-$SOAK_ROWS"
fi
[[ "$IDLE_SECONDS" -gt 0 ]] || exit 0

echo "== idle CPU: default 20 s rotation, sample data, ${IDLE_SECONDS} s"
e2e_start -x 120 -y 40 "'$BIN' kiosk --data '$WORK/sample'"
e2e_wait_for "data as of" >/dev/null; sleep 3
pid="$(e2e_app_pid)"
# The kernel's own CPU time in nanoseconds (/proc/PID/schedstat), not the 10 ms ticks of
# /proc/PID/stat: at this level ticks are samples, and the same idle kiosk read 0 to 14 ticks a minute.
t0=$(awk '{print $14 + $15}' "/proc/$pid/stat"); n0=$(cut -d' ' -f1 "/proc/$pid/schedstat")
sleep "$IDLE_SECONDS"
t1=$(awk '{print $14 + $15}' "/proc/$pid/stat"); n1=$(cut -d' ' -f1 "/proc/$pid/schedstat")
awk -v n=$((n1 - n0)) -v d=$((t1 - t0)) -v s="$IDLE_SECONDS" 'BEGIN { printf "idle cpu %.1f ms over %d s = %.3f%% of a core (schedstat; %d ticks in /proc/PID/stat)\n", n / 1e6, s, 100 * n / 1e9 / s, d }'
e2e_signal TERM; e2e_wait_exit >/dev/null
