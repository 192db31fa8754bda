#!/usr/bin/env bash
# End-to-end test of the real `uptake` binary in a real terminal (tmux on a
# private socket): start it, type keys, read the screen, resize, quit, and check
# the terminal is restored; then broken data, hostile data, a signal, a pipe and
# an unknown TERM. Ends with "N passed, N failed"; exits non-zero on a failure.
set -uo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/e2e.sh
source scripts/e2e.sh

BIN="$(pwd)/$(e2e_bin)"
[[ -x "$BIN" ]] || swift build --product uptake >/dev/null
passed=0
failed=0
WORK="$(mktemp -d)"
e2e_on_exit 'rm -rf "$WORK"'


lines_fit() {   # every screen line is at most WIDTH display columns
    local width="$1"
    e2e_capture | python3 -c "
import sys, unicodedata
w = int(sys.argv[1])
def cols(s):
    n = 0
    for ch in s:
        if unicodedata.combining(ch): continue
        n += 2 if unicodedata.east_asian_width(ch) in 'WF' else 1
    return n
bad = [l for l in sys.stdin.read().split('\n') if cols(l) > w]
sys.exit(1 if bad else 0)" "$width"
}

screen_lacks() { ! e2e_capture | grep -qF -- "$1"; }

# A left click at column X, row Y (0-based), sent as the xterm X10 mouse report
# the program asked for (ESC [ M, button, x+33, y+33), press then release.
click() {
    local x y
    x=$(printf '%02x' $(( $1 + 33 ))); y=$(printf '%02x' $(( $2 + 33 )))
    e2e_tmux send-keys -t "$E2E_TARGET" -H 1b 5b 4d 20 "$x" "$y"
    e2e_tmux send-keys -t "$E2E_TARGET" -H 1b 5b 4d 23 "$x" "$y"
}

# The 0-based column where TEXT starts on screen row ROW (empty when absent).
column_of() { e2e_capture | sed -n "$(( $2 + 1 ))p" | python3 -c "import sys; l=sys.stdin.read(); t=sys.argv[1]; print(l.index(t) if t in l else '')" "$1"; }

# 1. The sample data at 120x40: every pane, filter, drill-down, help, resize, quit.
e2e_start -x 120 -y 40 "cd '$(pwd)' && '$BIN'"
check "overview opens on the sample data" e2e_wait_loaded
check "overview shows the three series' changes" e2e_wait_for "+6.0 pp"
check "overview shows the funding" e2e_wait_for "£229k"
check "mouse tracking is on while running" test "$(e2e_format '#{mouse_any_flag}')" = 1
e2e_send_keys 2
check "uptake pane lists three series" e2e_wait_for "Uptake: 3 of 3 series"
check "uptake pane shows the VCKC interval" e2e_wait_for "+2.7 to +9.2"
check "significance is a word, not only a colour" e2e_wait_for "yes ✓"
e2e_send_keys /
e2e_send_text "vc"
e2e_send_keys Enter
check "filter 'vc' leaves only VCKC" e2e_wait_for "Uptake: 1 of 3 series"
check "filtered row is VCKC" e2e_wait_for "VCKC"
e2e_send_keys Enter
check "Enter opens the partner record" e2e_wait_for "Partner: VCKC"
check "record shows the rounding check" e2e_wait_for "consistent only through rounding"
e2e_send_keys Escape
check "Esc goes back to the list" e2e_wait_gone "Partner: VCKC"
e2e_send_keys 3
check "partners pane includes survey-only partners" e2e_wait_for "Mosaic"
e2e_send_keys 4
check "inequalities pane shows child poverty" e2e_wait_for "Children living in poverty"
e2e_send_keys End
check "End scrolls to Walsall's long-term illness figure" e2e_wait_for "long term illness"
e2e_send_keys 5
check "case studies pane lists Si's story" e2e_wait_for "Si's story"
e2e_send_keys 6
check "principles pane shows recurring principles" e2e_wait_for "Recurring across frameworks"
e2e_send_keys '?'
check "help overlay is generated from the key map" e2e_wait_for "filter (case and accents ignored"
e2e_send_keys Escape
click "$(( $(column_of "4 Inequalities" 0) + 2 ))" 0
check "mouse: clicking a tab opens that pane" e2e_wait_for "┌ Inequalities"
click "$(( $(column_of "2 Uptake" 0) + 2 ))" 0
check "mouse: clicking the Uptake tab" e2e_wait_for "┌ Uptake: 1 of 3 series"
e2e_send_keys Escape
check "Esc clears the committed filter" e2e_wait_for "Uptake: 3 of 3 series"
click "$(( $(column_of "Latest %" 2) + 1 ))" 2
check "mouse: clicking a header sorts by it" e2e_wait_for_regex "Lat(est %|es…|e…) [▲▼]"
row=$(e2e_capture | grep -n "Groundswell" | head -1 | cut -d: -f1)
click 4 "$(( row - 1 ))"
check "mouse: clicking a row selects it" e2e_wait_for_regex "▶ Groundswell"
e2e_send_keys 2
check "resize to 80x24" e2e_resize 80 24
check "uptake pane reflows at 80x24" e2e_wait_for "more columns: > or a wider screen"
check "no line runs past 80 columns" lines_fit 80
check "resize to 40x10" e2e_resize 40 10
check "too-small message" e2e_wait_for "Enlarge to 60×16"
check "resize back to 100x30" e2e_resize 100 30
check "panes come back after enlarging" e2e_wait_for "Uptake:"
e2e_send_keys q
code="$(e2e_wait_exit)"
check "q quits with status 0" test "$code" = 0
check "terminal restored after q" e2e_assert_restored
e2e_cleanup

# 2. Broken data: the dashboard still opens; the data issues are one key away.
mkdir -p "$WORK/broken"
cp -r sample-data/. "$WORK/broken/"
printf 'VCKC,Ward,2024-13,1675,65.0,,bad period\nVCKC,Ward,2025-01,abc,65.0,,bad number\n' >> "$WORK/broken/uptake.csv"
e2e_start -x 100 -y 30 "'$BIN' --data '$WORK/broken'"
check "broken data: dashboard opens" e2e_wait_loaded
check "broken data: status bar counts the errors" e2e_wait_for "errors"
e2e_send_keys d
check "broken data: 'd' lists uptake.csv:8" e2e_wait_for "uptake.csv:8"
check "broken data: and uptake.csv:9" e2e_wait_for "uptake.csv:9"
e2e_send_keys Escape q
code="$(e2e_wait_exit)"
check "broken data: quits cleanly" test "$code" = 0
e2e_cleanup

# 3. Hostile data: escape sequences in a partner name never reach the terminal.
mkdir -p "$WORK/hostile"
printf 'partner,area\n"\033]0;pwned\007Evil\033[2J",Leeds\n健康コミュニティ,東京\n' > "$WORK/hostile/partners.csv"
printf 'partner,proxy_population,period,eligible,uptake_pct\n"\033]0;pwned\007Evil\033[2J",Ward,2024-01,100,50\n"\033]0;pwned\007Evil\033[2J",Ward,2024-06,100,60\n健康コミュニティ,🌍 Global Health,2024-01,200,40\n' > "$WORK/hostile/uptake.csv"
e2e_start -x 100 -y 30 "'$BIN' --data '$WORK/hostile'"
check "hostile data: dashboard opens" e2e_wait_loaded
e2e_send_keys 2
check "hostile data: escape shown as a visible ␛" e2e_wait_for "␛]0;pwned␇Evil"
check "hostile data: window title unchanged" test "$(e2e_format '#{pane_title}')" != "pwned"
check "hostile data: wide names keep the border aligned" lines_fit 100
e2e_send_keys q
e2e_wait_exit >/dev/null
e2e_cleanup

# 3b. Without a UTF-8 locale: ASCII borders and look-alikes, nothing unprintable.
e2e_start -x 80 -y 24 "cd '$(pwd)' && LANG=C LC_ALL= '$BIN'"
check "LANG=C: dashboard opens" e2e_wait_loaded
check "LANG=C: ASCII border" e2e_wait_for "+ Screen, Detect, Protect ---"
check "LANG=C: money in ASCII" e2e_wait_for "GBP 229k"
check "LANG=C: no replacement marks above the status bar" bash -c "! tmux -L '$E2E_SOCKET' -f /dev/null capture-pane -p -t '$E2E_TARGET' | head -n -1 | grep -qF '?'"
e2e_send_keys q
e2e_wait_exit >/dev/null
e2e_cleanup

# 3c. Themes: `t` cycles and says which; NO_COLOR keeps the one theme that needs no colour.
e2e_start -x 120 -y 40 "cd '$(pwd)' && '$BIN'"
check "themes: dashboard opens on dark" e2e_wait_for "theme: dark"
# The loading screen's status bar says the theme too, and `t` is not one of its keys: wait for the data.
e2e_wait_loaded >/dev/null
e2e_send_keys t
check "themes: t changes to light and says so" e2e_wait_for "theme: light"
check "themes: light paints a background" bash -c "tmux -L '$E2E_SOCKET' -f /dev/null capture-pane -e -p -t '$E2E_TARGET' | grep -q '48;'"
e2e_send_keys q
e2e_wait_exit >/dev/null
e2e_cleanup
e2e_start -x 120 -y 40 "cd '$(pwd)' && NO_COLOR=1 '$BIN'"
check "NO_COLOR: monochrome theme" e2e_wait_for "theme: monochrome"
e2e_wait_loaded >/dev/null
e2e_send_keys t
check "NO_COLOR: t keeps monochrome" e2e_wait_for "theme: monochrome"
check "NO_COLOR: no colour escapes on screen" bash -c "! tmux -L '$E2E_SOCKET' -f /dev/null capture-pane -e -p -t '$E2E_TARGET' | grep -qE '[[;](3|4)[0-8](;|m)'"
e2e_send_keys q
e2e_wait_exit >/dev/null
e2e_cleanup

# 3e. A big file: the loading screen comes first with its progress; Esc cancels; r loads again.
mkdir -p "$WORK/big"
cp sample-data/partners.csv "$WORK/big/"
python3 - "$WORK/big/uptake.csv" <<'PY'
import sys
# Synthetic rows (labelled so): 12 partners' names from the sample, 800 series each, 24 months.
with open(sys.argv[1], "w") as f:
    f.write("partner,proxy_population,period,eligible,uptake_pct,programme,source\n")
    for i in range(800 * 24 * 12):
        s, m = divmod(i, 24)
        f.write(f"Synthetic {s % 40},Population {s},{2022 + m // 12}-{m % 12 + 1:02d},{1000 + s % 97},{30 + (s * 7 + m) % 40}.0,,synthetic e2e data\n")
PY
e2e_start -x 100 -y 30 "'$BIN' --data '$WORK/big'"
check "loading: the first frame is the loading screen" e2e_wait_for "Esc cancels; 1-7 choose the pane to show; q quits."
check "loading: it shows rows read and the size" e2e_wait_for " rows read · "
e2e_send_keys Escape
check "loading: Esc cancels and says nothing is shown" e2e_wait_for "Loading cancelled: no data from"
e2e_send_keys r
check "loading: r loads again and the data arrives" e2e_wait_for "Loaded 20" 60
e2e_send_keys q
code="$(e2e_wait_exit)"
check "loading: quits 0" test "$code" = 0
e2e_cleanup

# 3d. The dashboard remembers its last pane and theme ($XDG_STATE_HOME/uptake/state.toml).
e2e_start -x 120 -y 40 "cd '$(pwd)' && '$BIN'"
check "remember: first run opens on Overview" e2e_wait_for "Loaded 20"
e2e_send_keys 4 t
check "remember: pane 4 and light theme" e2e_wait_for "theme: light"
e2e_send_keys q
code="$(e2e_wait_exit)"
check "remember: quits 0 after saving" test "$code" = 0
check "remember: state file written" grep -qx 'pane = "inequalities"' "$E2E_STATE_HOME/uptake/state.toml"
E2E_KEEP_STATE=1 e2e_start -x 120 -y 40 "cd '$(pwd)' && '$BIN'"
check "remember: next run opens on Inequalities in light" e2e_wait_for "theme: light"
check "remember: on the Inequalities pane" e2e_wait_for "Life expectancy gap"
e2e_send_keys q
e2e_wait_exit >/dev/null
e2e_cleanup
E2E_KEEP_STATE=1 e2e_start -x 120 -y 40 "cd '$(pwd)' && '$BIN' --theme high-contrast"
e2e_wait_for "Life expectancy gap" >/dev/null
e2e_send_keys q
e2e_wait_exit >/dev/null
e2e_cleanup
check "remember: --theme beats the remembered theme (and is remembered)" grep -qx 'theme = "high-contrast"' "$E2E_STATE_HOME/uptake/state.toml"
# A state directory that cannot be made (a file in its place; chmod would not stop root).
rm -rf "$E2E_STATE_HOME/uptake" && : > "$E2E_STATE_HOME/uptake"
E2E_KEEP_STATE=1 e2e_start -x 120 -y 40 "cd '$(pwd)' && '$BIN'"
e2e_wait_loaded >/dev/null
e2e_send_keys 3 q
code="$(e2e_wait_exit)"
check "remember: an unwritable state directory is an error, exit 1" test "$code" = 1
check "remember: the error names the file and why" e2e_wait_for "uptake/state.toml: error: cannot remember the last pane and theme"
e2e_cleanup

# 4. SIGTERM restores the terminal.
e2e_start -x 100 -y 30 "'$BIN'"
check "sigterm: dashboard opens" e2e_wait_loaded
e2e_signal TERM
code="$(e2e_wait_exit)"
check "sigterm: exits 143" test "$code" = 143
check "sigterm: terminal restored" e2e_assert_restored
e2e_cleanup

# 4b. A crash restores the terminal before the default action (SIGSEGV, and SIGILL as a Swift trap arrives).
for sig in SEGV ILL; do
  e2e_start -x 100 -y 30 "'$BIN'"
  check "sig$sig: dashboard opens" e2e_wait_loaded
  e2e_signal "$sig"
  code="$(e2e_wait_exit)"
  check "sig$sig: dies of the signal" test "$code" = "$([[ $sig == SEGV ]] && echo 139 || echo 132)"
  check "sig$sig: terminal restored" e2e_assert_restored
  e2e_cleanup
done

# 5. Unknown TERM: a one-line error, status 2 (inside a real terminal).
e2e_start -x 100 -y 30 "TERM=no-such-terminal '$BIN'"
code="$(e2e_wait_exit)"
check "unknown TERM exits 2" test "$code" = 2
check "unknown TERM says so" e2e_wait_for "unknown terminal type"
e2e_cleanup

# 6. Not a terminal: the text report, never a hang.
out="$(timeout 20 "$BIN" </dev/null 2>&1 | cat)"; status=$?
check "not a tty: exits 0 without hanging" test "$status" = 0
check "not a tty: prints the report" grep -qF "+4.8 pp" <<<"$out"
check "not a tty: says how to open the dashboard" grep -qF "open the dashboard" <<<"$out"
out="$(TERM=dumb timeout 20 "$BIN" 2>&1 | cat)"
check "TERM=dumb: prints the report" grep -qF "+6.0 pp" <<<"$out"

# 7. The command line: exit statuses, and user input echoed in errors made safe too.
"$BIN" check --data sample-data >/dev/null 2>&1; status=$?
check "check: valid sample data exits 0" test "$status" = 0
"$BIN" check --data "$WORK/broken" >/dev/null 2>&1; status=$?
check "check: broken data exits 1" test "$status" = 1
out="$("$BIN" check --data $'/nonexistent/\e]0;pwned\a' 2>&1)"; status=$?
check "check: a missing directory exits 2" test "$status" = 2
check "check: the error names the directory without raw escapes" bash -c '[[ "$1" == *"does not exist"* && "$1" != *$'"'"'\e'"'"'* ]]' _ "$out"

echo "e2e: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
