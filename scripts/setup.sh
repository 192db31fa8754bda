#!/usr/bin/env bash
# Installs what uptake needs on a fresh Debian machine of this kind (Swift is already there):
# ncursesw headers for the dashboard, tmux for the end-to-end test. Quiet when all is present.
set -euo pipefail
need=()
[ -e /usr/include/ncursesw/curses.h ] || need+=(libncursesw5-dev)
command -v tmux >/dev/null 2>&1 || need+=(tmux)
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
