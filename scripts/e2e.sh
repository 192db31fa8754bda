#!/usr/bin/env bash
# End-to-end harness: drive a terminal program inside tmux on a private socket.
#
# Source it from a test script:
#
#   source scripts/e2e.sh
#   e2e_start "$(e2e_bin)"                 # 120x40, LANG=C.UTF-8, TERM=tmux-256color
#   e2e_wait_for "Uptake" || e2e_fail "no first screen"
#   e2e_send_keys Down Enter
#   e2e_resize 80 24 && e2e_wait_for "..."
#   e2e_send_keys q
#   code=$(e2e_wait_exit) || e2e_fail "did not quit"
#   e2e_assert_restored || e2e_fail "terminal left dirty"
#
# The program runs from an interactive bash inside the pane, as a user would
# run it, so after it quits the shell's prompt is back and tmux's view of the
# terminal modes (alternate screen, mouse, cursor, keypad) shows whether it
# restored them. Every wait polls the screen in small steps with a timeout:
# no blind sleeps. The tmux server is private to this script (socket
# uptake-e2e-<pid>) and is killed on exit by a trap.
#
# Environment:
#   UPTAKE_BIN     the program under test (default: .build/debug/uptake)
#   E2E_TIMEOUT    default seconds for waits (default: 10)
#   E2E_VERBOSE=1  log each step to stderr

E2E_SOCKET="uptake-e2e-$$"
E2E_SESSION="e2e"
E2E_TARGET="${E2E_SESSION}:0.0"
E2E_TIMEOUT="${E2E_TIMEOUT:-10}"
E2E_POLL=0.05
E2E_EXIT_MARK="__E2E_EXIT_"
# The dashboard remembers its last pane and theme in $XDG_STATE_HOME/uptake: each
# program starts with a private, empty state directory unless E2E_KEEP_STATE=1
# (a check that the state carries from one run to the next sets it).
E2E_STATE_HOME="$(mktemp -d "${TMPDIR:-/tmp}/uptake-e2e-state.XXXXXX")"

# Log to stderr when E2E_VERBOSE=1.
e2e_log() { [[ "${E2E_VERBOSE:-0}" == 1 ]] && echo "e2e: $*" >&2; return 0; }

# Print a failure with the current screen, then exit 1 (the trap cleans up).
e2e_fail() {
    echo "e2e: FAIL: $*" >&2
    if e2e_tmux has-session -t "$E2E_SESSION" 2>/dev/null; then
        echo "---- screen ----" >&2
        e2e_capture >&2
        echo "----------------" >&2
    fi
    exit 1
}

# The program under test.
e2e_bin() { echo "${UPTAKE_BIN:-.build/debug/uptake}"; }

# tmux on the private socket, with no user configuration.
e2e_tmux() { tmux -L "$E2E_SOCKET" -f /dev/null "$@"; }

# Install tmux if it is missing (Debian/Ubuntu).
e2e_require_tmux() {
    command -v tmux >/dev/null 2>&1 && return 0
    local sudo=""
    [[ "$(id -u)" != 0 ]] && sudo="sudo"
    echo "e2e: installing tmux" >&2
    $sudo apt-get update -qq >/dev/null && $sudo apt-get install -y -qq tmux >/dev/null
    command -v tmux >/dev/null 2>&1 || { echo "e2e: tmux is not available" >&2; return 1; }
}

# Kill the private tmux server (idempotent; run on exit by e2e_exit).
e2e_cleanup() {
    tmux -L "$E2E_SOCKET" kill-server >/dev/null 2>&1 || true
    rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$E2E_SOCKET"
}

# One EXIT trap for the script and this library: e2e_start used to install its own, which replaced the
# script's (its work directory was never removed and piled up in /tmp). A script registers what it must
# undo with e2e_on_exit; it runs first (a read-only mount is unmounted before its directory is removed).
E2E_ON_EXIT=()
e2e_on_exit() { E2E_ON_EXIT+=("$1"); }
e2e_exit() {
    local hook
    for hook in "${E2E_ON_EXIT[@]}"; do eval "$hook" || true; done
    e2e_cleanup
    rm -rf "$E2E_STATE_HOME"
}
trap e2e_exit EXIT
trap 'exit 130' INT TERM

# Start a pane of WIDTH x HEIGHT running COMMAND (a shell command line) from bash.
# Usage: e2e_start [-x WIDTH] [-y HEIGHT] COMMAND
e2e_start() {
    local width=120 height=40
    while [[ $# -gt 0 ]]; do
        case "$1" in
            -x) width="$2"; shift 2 ;;
            -y) height="$2"; shift 2 ;;
            *) break ;;
        esac
    done
    local command="$*"
    [[ -n "$command" ]] || { echo "e2e_start: no command" >&2; return 2; }
    e2e_require_tmux || return 1
    e2e_cleanup
    [[ "${E2E_KEEP_STATE:-0}" == 1 ]] || { rm -rf "$E2E_STATE_HOME" && mkdir -p "$E2E_STATE_HOME"; }
    e2e_tmux new-session -d -s "$E2E_SESSION" -x "$width" -y "$height" \
        -e LANG=C.UTF-8 -e TERM=tmux-256color -e XDG_STATE_HOME="$E2E_STATE_HOME" \
        "env -u NO_COLOR -u LC_ALL PS1='e2e\$ ' bash --norc --noprofile -i" || return 1
    e2e_tmux set-option -t "$E2E_SESSION" status off >/dev/null
    e2e_wait_for 'e2e$' 5 || { echo "e2e_start: shell did not start" >&2; return 1; }
    # A child bash runs the command and then prints its status, so the marker
    # comes only when the program has really ended (not when Ctrl-Z stops it).
    local quoted
    printf -v quoted '%q' "$command; echo ${E2E_EXIT_MARK}\$?__"
    e2e_tmux send-keys -t "$E2E_TARGET" -l "clear; bash -c $quoted"
    e2e_tmux send-keys -t "$E2E_TARGET" Enter
    e2e_log "started ${width}x${height}: $command"
}

# Send tmux key names (q, Enter, Down, C-c, Escape, F5, ...).
e2e_send_keys() { e2e_log "keys: $*"; e2e_tmux send-keys -t "$E2E_TARGET" "$@"; }

# Type TEXT literally.
e2e_send_text() { e2e_log "text: $1"; e2e_tmux send-keys -t "$E2E_TARGET" -l "$1"; }

# Print the visible screen (pass -e to keep colours and attributes as escapes).
e2e_capture() { e2e_tmux capture-pane -p -t "$E2E_TARGET" "$@"; }

# Poll the screen until `grep GREP_FLAG PATTERN` matches, or time out. Usage: e2e_wait_grep FLAG PATTERN [SECONDS]
e2e_wait_grep() {
    local flag="$1" needle="$2" timeout="${3:-$E2E_TIMEOUT}" deadline
    deadline=$(( $(date +%s%N) + timeout * 1000000000 ))
    while (( $(date +%s%N) < deadline )); do
        e2e_capture 2>/dev/null | grep -q "$flag" -- "$needle" && { e2e_log "seen: $needle"; return 0; }
        sleep "$E2E_POLL"
    done
    echo "e2e: timed out after ${timeout}s waiting for: $needle" >&2
    return 1
}

# Wait until the screen contains STRING (fixed string). Usage: e2e_wait_for STRING [SECONDS]
e2e_wait_for() { e2e_wait_grep -F "$@"; }

# Wait until the screen matches an extended REGEX. Usage: e2e_wait_for_regex REGEX [SECONDS]
e2e_wait_for_regex() { e2e_wait_grep -E "$@"; }

# Wait until the dashboard shows its data: the first frame (its tab bar, which the loading screen
# also draws), then the loading screen gone. Keys sent during the load reach only the loading
# screen's bindings (a pane digit, help, quit), so a script that types must wait for this.
# Usage: e2e_wait_loaded [SECONDS]
e2e_wait_loaded() { e2e_wait_for "1 Overview" "$@" && e2e_wait_gone " Loading " "$@"; }

# Wait until the screen no longer contains STRING. Usage: e2e_wait_gone STRING [SECONDS]
e2e_wait_gone() {
    local needle="$1" timeout="${2:-$E2E_TIMEOUT}" deadline
    deadline=$(( $(date +%s%N) + timeout * 1000000000 ))
    while (( $(date +%s%N) < deadline )); do
        e2e_capture 2>/dev/null | grep -qF -- "$needle" || return 0
        sleep "$E2E_POLL"
    done
    echo "e2e: timed out after ${timeout}s waiting for '$needle' to go" >&2
    return 1
}

# Resize the window (the program gets SIGWINCH). Usage: e2e_resize WIDTH HEIGHT
e2e_resize() {
    e2e_log "resize $1x$2"
    e2e_tmux resize-window -t "$E2E_SESSION" -x "$1" -y "$2" || return 1
    [[ "$(e2e_format '#{pane_width}x#{pane_height}')" == "$1x$2" ]]
}

# Print a tmux format for the pane, e.g. e2e_format '#{alternate_on}'.
e2e_format() { e2e_tmux display-message -p -t "$E2E_TARGET" "$1"; }

# The pid of the program under test (the deepest process under the pane's
# shell), empty once it has exited.
e2e_app_pid() {
    local pid child
    pid="$(e2e_format '#{pane_pid}')" || return 1
    local shell="$pid"
    while child="$(ps -o pid= --ppid "$pid" 2>/dev/null | head -n 1 | tr -d ' ')" && [[ -n "$child" ]]; do
        pid="$child"
    done
    [[ "$pid" != "$shell" ]] && echo "$pid"
    return 0
}

# Send a signal to the program under test. Usage: e2e_signal TERM|HUP|INT
e2e_signal() {
    local pid
    pid="$(e2e_app_pid)"
    [[ -n "$pid" ]] || { echo "e2e_signal: program not running" >&2; return 1; }
    e2e_log "kill -$1 $pid"
    kill -s "$1" "$pid"
}

# Wait for the program to exit and print its exit status. Usage: e2e_wait_exit [SECONDS]
e2e_wait_exit() {
    e2e_wait_for_regex "${E2E_EXIT_MARK}[0-9]+__" "${1:-$E2E_TIMEOUT}" || return 1
    e2e_capture | grep -oE "${E2E_EXIT_MARK}[0-9]+__" | tail -n 1 | sed -E "s/^${E2E_EXIT_MARK}([0-9]+)__\$/\\1/"
}

# True while the program is still running.
e2e_is_running() { [[ -n "$(e2e_app_pid)" ]]; }

# Check the terminal was restored after the program exited: back on the normal
# screen, mouse reporting off, cursor visible, keypad mode off, shell prompt back.
e2e_assert_restored() {
    local state ok=0
    state="$(e2e_format 'alternate_on=#{alternate_on} mouse_any_flag=#{mouse_any_flag} mouse_sgr_flag=#{mouse_sgr_flag} cursor_flag=#{cursor_flag} keypad_cursor_flag=#{keypad_cursor_flag} command=#{pane_current_command}')"
    e2e_log "state: $state"
    for expected in alternate_on=0 mouse_any_flag=0 mouse_sgr_flag=0 cursor_flag=1 keypad_cursor_flag=0 command=bash; do
        [[ " $state " == *" $expected "* ]] || { echo "e2e: not restored: want $expected in: $state" >&2; ok=1; }
    done
    e2e_send_text "echo __E2E_ALIVE__"
    e2e_send_keys Enter
    e2e_wait_for_regex '^__E2E_ALIVE__$' 5 || { echo "e2e: shell does not echo after exit" >&2; ok=1; }
    return $ok
}

# While the program runs: the state tmux sees (alternate screen, mouse), for checks.
e2e_running_state() { e2e_format 'alternate_on=#{alternate_on} mouse_any_flag=#{mouse_any_flag}'; }

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    echo "usage: source scripts/e2e.sh, then call e2e_start, e2e_wait_for, e2e_send_keys, ..." >&2
    exit 2
fi

# check NAME COMMAND...: runs a check, counts it in $passed / $failed (the caller sets both to 0),
# and shows the screen on a failure. Shared by the tmux end-to-end scripts.
check() {
    local name="$1"; shift
    if "$@"; then
        passed=$((passed + 1)); echo "ok   $name"
    else
        failed=$((failed + 1)); echo "FAIL $name"
        e2e_capture 2>/dev/null | sed 's/^/     | /' | head -45
    fi
}
