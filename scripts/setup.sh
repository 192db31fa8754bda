#!/usr/bin/env bash
# Installs what uptake needs on a fresh Debian machine of this kind (Swift is already there):
# ncursesw headers for the dashboard, tmux for the end-to-end test, man (man-db) and groff to
# check the manual page, python3 to write it. Quiet when all is present.
set -euo pipefail
need=()
[ -e /usr/include/ncursesw/curses.h ] || need+=(libncursesw5-dev)
# GRDB (the insight bank) builds against the system SQLite.
[ -e /usr/include/sqlite3.h ] || need+=(libsqlite3-dev)
command -v tmux >/dev/null 2>&1 || need+=(tmux)
command -v man >/dev/null 2>&1 || need+=(man-db)
command -v groff >/dev/null 2>&1 || need+=(groff-base)
command -v python3 >/dev/null 2>&1 || need+=(python3)
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
# apt's package lists, fetched once, before the first install (a fresh machine may have none at all).
updated=0
apt_update() {
  if [ "$updated" -eq 0 ]; then $SUDO apt-get update -qq >/dev/null; updated=1; fi
}
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}" >&2
  apt_update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

# The export checks (scripts/e2e-exports.sh): rsvg-convert renders the SVG report to PNG, and
# headless Chromium the HTML report. Chromium is large and not in every mirror: it is installed
# when apt has a candidate, and its check is skipped with a message when it cannot be.
if ! command -v rsvg-convert >/dev/null 2>&1; then
  echo "setup: installing librsvg2-bin" >&2
  apt_update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends librsvg2-bin >/dev/null
fi
if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
  apt_update
  if apt-cache policy chromium 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    echo "setup: installing chromium (headless HTML check)" >&2
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null \
      || echo "setup: chromium could not be installed; the HTML browser check will be skipped" >&2
  else
    echo "setup: no chromium package available; the HTML browser check will be skipped" >&2
  fi
fi
