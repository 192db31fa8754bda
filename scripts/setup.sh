#!/usr/bin/env bash
# Installs what uptake needs on a fresh Debian machine of this kind (Swift is already there):
# ncursesw headers for the dashboard, tmux for the end-to-end test, man (man-db) and groff to
# check the manual page, python3 to write it. Quiet when all is present.
set -euo pipefail
need=()
[ -e /usr/include/ncursesw/curses.h ] || need+=(libncursesw5-dev)
command -v tmux >/dev/null 2>&1 || need+=(tmux)
command -v man >/dev/null 2>&1 || need+=(man-db)
command -v groff >/dev/null 2>&1 || need+=(groff-base)
command -v python3 >/dev/null 2>&1 || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
