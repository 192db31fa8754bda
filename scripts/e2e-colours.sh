#!/usr/bin/env bash
# End-to-end check of colours on small palettes: the dashboard under TERM=xterm and
# TERM=linux (8 colours) in tmux, every built-in theme (cycled with `t`), must draw
# no visible character in the same colour as its background, nor black on the
# default (black) background: issue 12's invisible bold black borders.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/e2e.sh
BIN="$(e2e_bin)"
[ -x "$BIN" ] || { echo "e2e-colours: no program at $BIN (run swift build first)" >&2; exit 1; }
passed=0 failed=0
check() {
  local name="$1"; shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "e2e-colours: FAIL: $name" >&2; fi
}

# Reads a `capture-pane -e` screen on stdin; prints each invisible character's line and
# column and exits 1 if there is one. Tracks SGR foreground, background and reverse.
invisible_cells() {
  python3 -c '
import re, sys
screen = sys.stdin.read()
fg, bg, rev, bad = None, None, False, []
for y, line in enumerate(screen.split("\n")):
    x = 0
    for token in re.split(r"(\x1b\[[0-9;]*m)", line):
        if token.startswith("\x1b["):
            codes = [int(c) if c else 0 for c in token[2:-1].split(";")] or [0]
            i = 0
            while i < len(codes):
                c = codes[i]
                if c == 0: fg, bg, rev = None, None, False
                elif c == 7: rev = True
                elif c == 27: rev = False
                elif 30 <= c <= 37: fg = c - 30
                elif 90 <= c <= 97: fg = c - 90 + 8
                elif c == 39: fg = None
                elif 40 <= c <= 47: bg = c - 40
                elif 100 <= c <= 107: bg = c - 100 + 8
                elif c == 49: bg = None
                elif c in (38, 48) and i + 2 < len(codes) and codes[i + 1] == 5:
                    if c == 38: fg = codes[i + 2]
                    else: bg = codes[i + 2]
                    i += 2
                i += 1
            continue
        for ch in token:
            f, b = (bg, fg) if rev else (fg, bg)
            f = 7 if f is None else f      # the terminal default: light on black
            b = 0 if b is None else b
            if ch.strip() and (f == b or (f in (0, 16) and b in (0, 16))):
                bad.append("%d:%d %r fg=%s bg=%s" % (y + 1, x + 1, ch, f, b))
            x += 1
if bad:
    print("\n".join(bad[:10]))
    sys.exit(1)
'
}

screen_visible() { e2e_capture -e | invisible_cells; }

for term in xterm linux; do
  e2e_start -x 120 -y 30 "cd '$(pwd)' && TERM=$term '$BIN'"
  check "TERM=$term: dashboard opens" e2e_wait_loaded
  for theme in dark light high-contrast okabe-ito monochrome; do
    check "TERM=$term: theme $theme shown" e2e_wait_for "theme: $theme"
    sleep 0.2
    check "TERM=$term, $theme: every character visible" screen_visible
    e2e_send_keys t
  done
  e2e_send_keys q
  e2e_wait_exit >/dev/null
  e2e_cleanup
done

echo "e2e-colours: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
