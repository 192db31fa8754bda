#!/usr/bin/env bash
# End-to-end test of meeting mode and exports in a real terminal (tmux):
# `uptake present` walks the series, `e` in a filtered Partners pane writes
# exactly the rows shown, and an export into a read-only directory reports the
# error while the dashboard carries on. Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/e2e.sh
source scripts/e2e.sh

BIN="$(pwd)/$(e2e_bin)"
[[ -x "$BIN" ]] || swift build --product uptake >/dev/null
DATA="$(pwd)/sample-data"
passed=0
failed=0
WORK="$(mktemp -d)"
RO_MOUNTED=0
cleanup() { e2e_cleanup; [[ $RO_MOUNTED == 1 ]] && umount "$WORK/ro" 2>/dev/null; rm -rf "$WORK"; }
e2e_on_exit cleanup


screen_lacks_word() { ! e2e_capture | grep -qi -- "$1"; }

# 1. `uptake present` at 80x24: big figures, the model's sentence, stepping, the summary, Esc to the dashboard.
e2e_start -x 80 -y 24 "'$BIN' present --data '$DATA'"
check "present opens the spotlight" e2e_wait_for "Meeting spotlight"
check "present shows the position" e2e_wait_for "1 / 14"
check "present draws big digits" e2e_wait_for "██████"
e2e_send_keys Right
check "→ steps to VCKC" e2e_wait_for "VCKC · Ward"
check "VCKC's sentence is the model's" e2e_wait_for "Uptake rose from 59.0% (Dec 2023) to 65.0% (July 2024): +6.0 points"
check "the interval is indicative, never 'significant'" e2e_wait_for "excludes no change"
check "no 'significant' on the slide" screen_lacks_word significant
e2e_send_keys PageDown
check "a clicker's PageDown steps on" e2e_wait_for "3 / 14"
e2e_send_keys G
check "G shows the closing summary" e2e_wait_for "Summary: 3 series"
e2e_send_keys Escape
check "Esc returns to the dashboard" e2e_wait_for "Screen, Detect, Protect"
e2e_send_keys q
check "q quits" e2e_wait_exit 10

# 1b. The slope-index slide on the illustrative deprivation dataset (invented figures): the slide before the summary.
e2e_start -x 80 -y 24 "'$BIN' present --data '$(pwd)/sample-data/examples/deprivation'"
check "present opens on the deprivation example" e2e_wait_for_regex "1 / [0-9]+"
e2e_send_keys G
check "G shows the summary of the example" e2e_wait_for "Summary:"
e2e_send_keys Left
check "a slope-index slide precedes the summary" e2e_wait_for "Inequality by deprivation:"
check "it says the SII in words with its interval" e2e_wait_for_regex "percentage points (higher|lower) at the least"
check "it names its (illustrative) source" e2e_wait_for "Source: illustrative"
e2e_send_keys q
check "q quits the deprivation example" e2e_wait_exit 10

# 2. `e` on a filtered Partners pane writes exactly the rows shown, as CSV and Markdown.
mkdir -p "$WORK/out"
e2e_start -x 120 -y 40 "cd '$WORK/out' && '$BIN' --data '$DATA'"
check "dashboard opens" e2e_wait_loaded
e2e_send_keys 3 /
e2e_send_text "walsall"
e2e_send_keys Enter
check "the filter is applied" e2e_wait_for "Filter: walsall"
check "the filter narrows the partners" e2e_wait_for_regex "Partners: [0-9] of 12"
shown=$(e2e_capture | grep -oE "Partners: [0-9]+ of 12" | head -1 | grep -oE "[0-9]+" | head -1)
screen="$(e2e_capture)"
e2e_send_keys e
check "the status bar names the file" e2e_wait_for "wrote uptake-partners-"
csv=$(ls "$WORK"/out/uptake-partners-*.csv 2>/dev/null | head -1)
md=$(ls "$WORK"/out/uptake-partners-*.md 2>/dev/null | head -1)
check "a CSV and a Markdown file were written" test -s "$csv" -a -s "$md"
check "the file name carries the date and time" bash -c '[[ "$(basename "$1")" =~ ^uptake-partners-[0-9]{4}-[0-9]{2}-[0-9]{2}-[0-9]{4}\.csv$ ]]' _ "$csv"
rows=$(python3 -c "import csv,sys; r=list(csv.reader(open(sys.argv[1]))); print(len(r)-1)" "$csv")
check "the CSV holds exactly the filtered rows ($shown)" test "$rows" = "$shown"
check "every exported partner is on screen" python3 -c "
import csv, sys
names = [r[0] for r in list(csv.reader(open(sys.argv[1])))[1:]]
screen = sys.argv[2]
sys.exit(0 if names and all(n in screen for n in names) else 1)" "$csv" "$screen"
e2e_send_keys q
e2e_wait_exit 10 >/dev/null

# 3. Exporting into a read-only directory: the error is reported and the dashboard carries on.
mkdir -p "$WORK/ro"
if [[ $(id -u) == 0 ]]; then
    mount -t tmpfs -o ro tmpfs "$WORK/ro" 2>/dev/null && RO_MOUNTED=1
    run_as=""
else
    chmod 555 "$WORK/ro"
    run_as=""
fi
if [[ $(id -u) != 0 || $RO_MOUNTED == 1 ]]; then
    e2e_start -x 100 -y 30 "cd '$WORK/ro' && $run_as '$BIN' --data '$DATA'"
    check "dashboard opens in a read-only directory" e2e_wait_loaded
    e2e_send_keys 2 e
    check "the failed export says why" e2e_wait_for_regex "could not write uptake-uptake-.*(Read-only|Permission denied)"
    e2e_send_keys 3
    check "the dashboard carries on" e2e_wait_for "Partners: 12 of 12"
    e2e_send_keys q
    check "q still quits" e2e_wait_exit 10
else
    echo "skip read-only export: running as root and cannot mount a read-only tmpfs here"
fi

echo "e2e-meeting: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
