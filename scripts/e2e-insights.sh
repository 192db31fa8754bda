#!/usr/bin/env bash
# End-to-end test of the insight bank in a real terminal (tmux), at 80x24 and 120x40, on a
# temporary copy of the sample data: pane 7 lists the sample insights (on a team member's own
# screen the sensitive one is listed, marked), `/` search narrows the list, Enter opens the
# reader, `m` the matrix, `a` the form; a typed insight is saved and is then in the list and in
# `uptake insights list` run from a second process. The kiosk on the same data never shows the
# sensitive insight (the insight "Si's story: after attending…"; the published case study of the
# same name is not sensitive and is shown), not even in pane 7, and neither does `present`. Without a bank the dashboard says where it
# will be and creates it with the first insight saved (the kiosk never creates one); a bank the
# config file puts in a read-only directory is refused with a clear message.
# Ends with "e2e-insights: N passed, N failed"; exits non-zero on a failure.
set -uo pipefail
# The sensitive sample insight's own words (the case study "Si's story" is published and may be shown).
SENSITIVE="Si's story: after"
cd "$(dirname "$0")/.."
# shellcheck source=scripts/e2e.sh
source scripts/e2e.sh

BIN="$(pwd)/$(e2e_bin)"
[[ -x "$BIN" ]] || swift build --product uptake >/dev/null
passed=0
failed=0
WORK="$(mktemp -d)"
RO_MOUNTED=0
cleanup() { e2e_cleanup; [[ $RO_MOUNTED == 1 ]] && umount "$WORK/ro" 2>/dev/null; rm -rf "$WORK"; }
e2e_on_exit cleanup
export XDG_CONFIG_HOME="$WORK/config"   # no user config file is read

DATA="$WORK/data"
cp -r sample-data "$DATA"
rm -f "$DATA"/insights.sqlite*
"$BIN" insights import --data "$DATA" "$DATA/insights.csv" 2>"$WORK/import.err"
check "the sample insights import (7, none rejected)" grep -qF "imported 7 insights; 0 rows rejected" "$WORK/import.err"

screen_lacks() { ! e2e_capture | grep -qF -- "$1"; }
listed_by_second_process() { "$BIN" insights list --data "$DATA" 2>/dev/null | grep -qF -- "$1"; }
never_shown_for() {  # never_shown_for SECONDS TEXT: TEXT is on none of the frames captured meanwhile
    local deadline=$(( $(date +%s) + $1 ))
    while (( $(date +%s) < deadline )); do
        e2e_capture | grep -qF -- "$2" && return 1
        sleep 0.1
    done
    return 0
}

total=7
for size in "80 24" "120 40"; do
    set -- $size
    w=$1 h=$2
    e2e_start -x "$w" -y "$h" "'$BIN' --data '$DATA'"
    check "${w}x$h: the dashboard opens" e2e_wait_for "Overview"
    e2e_send_keys 7
    check "${w}x$h: pane 7 lists every insight" e2e_wait_for "Insights: $total of $total"
    check "${w}x$h: a sample insight is listed" e2e_wait_for "9in10 were more likely"
    # A team member's own screen lists the sensitive insight, marked (docs/DECISIONS.md).
    check "${w}x$h: the sensitive insight is listed, marked" e2e_wait_for "! $SENSITIVE"
    e2e_send_keys /
    e2e_send_text "placement"
    e2e_send_keys Enter
    check "${w}x$h: / search narrows the list" e2e_wait_for "Insights: 1 of 1"
    check "${w}x$h: the search hides the others" screen_lacks "9in10 were more likely"
    e2e_send_keys Enter
    check "${w}x$h: Enter opens the reader" e2e_wait_for "Insight #1"
    check "${w}x$h: the reader shows the fields" e2e_wait_for "not stated in the source"
    e2e_send_keys Escape Escape
    check "${w}x$h: Esc back to every insight" e2e_wait_for "Insights: $total of $total"
    e2e_send_keys m
    check "${w}x$h: m shows the matrix" e2e_wait_for "Insights by code and partner"
    check "${w}x$h: the matrix counts a code" e2e_wait_for "Trusted voices are key"
    e2e_send_keys m
    check "${w}x$h: m again: the list" e2e_wait_for "Insights: $total of $total"
    e2e_send_keys a
    check "${w}x$h: a opens the form" e2e_wait_for "Record an insight"
    text="Typed in tmux at ${w}x$h quietly"
    e2e_send_text "$text"
    check "${w}x$h: the form shows the typed text" e2e_wait_for "$text"
    e2e_send_keys C-o
    total=$((total + 1))
    check "${w}x$h: saved" e2e_wait_for "insight saved"
    check "${w}x$h: the new insight is in the list" e2e_wait_for "Insights: $total of $total"
    check "${w}x$h: the list shows its text" e2e_wait_for "$text"
    check "${w}x$h: a second process lists it" listed_by_second_process "$text"
    e2e_send_keys q
    code="$(e2e_wait_exit)"
    check "${w}x$h: q quits (status 0)" test "$code" = 0
done

# The kiosk on the same data: every pane in turn, then pane 7 while browsing; never the sensitive insight.
for size in "80 24" "120 40"; do
    set -- $size
    w=$1 h=$2
    e2e_start -x "$w" -y "$h" "'$BIN' kiosk --data '$DATA' --rotate 0.3 --idle-return 30 --panes overview,uptake,partners,inequalities,case-studies,principles"
    check "${w}x$h kiosk: starts" e2e_wait_for "data as of"
    check "${w}x$h kiosk: no sensitive insight on any pane for 4 s" never_shown_for 4 "$SENSITIVE"
    e2e_send_keys 7
    check "${w}x$h kiosk: pane 7 shows the insights" e2e_wait_for_regex "Insights: [0-9]+ of [0-9]+"
    check "${w}x$h kiosk: a shared insight is there" e2e_wait_for "9in10 were more likely"
    check "${w}x$h kiosk: the sensitive insight is not" never_shown_for 2 "$SENSITIVE"
    check "${w}x$h kiosk: nor any sensitive marker" screen_lacks "! Si"
    e2e_signal TERM
    e2e_wait_exit >/dev/null
done

# `present` is a projected screen: after Esc leaves the spotlight, pane 7 still hides the sensitive insight.
e2e_start -x 120 -y 40 "'$BIN' present --data '$DATA'"
check "present opens the spotlight" e2e_wait_for "Meeting spotlight"
e2e_send_keys Escape 7
check "present: pane 7 shows the insights" e2e_wait_for "9in10 were more likely"
check "present: the sensitive insight is not" never_shown_for 2 "$SENSITIVE"
check "present: no form to record with" screen_lacks "a add"
e2e_send_keys q
e2e_wait_exit >/dev/null

# No bank yet: the dashboard says where it will be and creates it with the first insight.
NEW="$WORK/new"
cp -r sample-data "$NEW"
rm -f "$NEW"/insights.sqlite*
e2e_start -x 120 -y 40 "'$BIN' kiosk --data '$NEW' --idle-return 30"
e2e_wait_for "data as of" >/dev/null
e2e_send_keys 7
check "kiosk without a bank: pane 7 says so" e2e_wait_for "No insight bank"
e2e_signal TERM
e2e_wait_exit >/dev/null
check "the kiosk created no bank" test ! -e "$NEW/insights.sqlite"
e2e_start -x 120 -y 40 "'$BIN' --data '$NEW'"
e2e_wait_for "Overview" >/dev/null
e2e_send_keys 7
check "no bank: the pane says so" e2e_wait_for "No insight bank yet: press a to record the first insight"
check "no bank: the pane says where it will be" e2e_wait_for "Bank: $NEW/insights.sqlite"
check "no bank: opening the pane created nothing" test ! -e "$NEW/insights.sqlite"
e2e_send_keys a
e2e_send_text "The very first insight"
e2e_send_keys C-o
check "the first insight is saved" e2e_wait_for "insight saved"
check "it is listed" e2e_wait_for "Insights: 1 of 1"
check "the bank now exists" test -s "$NEW/insights.sqlite"
check "a second process lists it" bash -c "'$BIN' insights list --data '$NEW' | grep -qF 'The very first insight'"
e2e_send_keys q
e2e_wait_exit >/dev/null

# A bank the config file puts in a read-only directory: the save says why, the dashboard carries on.
mkdir -p "$WORK/ro" "$XDG_CONFIG_HOME/uptake"
if [[ $(id -u) == 0 ]]; then
    mount -t tmpfs -o ro tmpfs "$WORK/ro" 2>/dev/null && RO_MOUNTED=1
else
    chmod 555 "$WORK/ro"
fi
if [[ $(id -u) != 0 || $RO_MOUNTED == 1 ]]; then
    printf '[insights]\ndb = "%s/ro/insights.sqlite"\n' "$WORK" > "$XDG_CONFIG_HOME/uptake/config.toml"
    e2e_start -x 120 -y 40 "'$BIN' --data '$NEW'"
    e2e_wait_for "Overview" >/dev/null
    e2e_send_keys 7
    check "read-only: the pane names the configured bank" e2e_wait_for "Bank: $WORK/ro/insights.sqlite"
    e2e_send_keys a
    e2e_send_text "Cannot be kept"
    e2e_send_keys C-o
    check "read-only: the save says why" e2e_wait_for "Not saved: cannot create the insight bank $WORK/ro/insights.sqlite"
    check "read-only: and the reason" e2e_wait_for_regex "(is not writable|Read-only file system|Permission denied)"
    check "read-only: no file" test ! -e "$WORK/ro/insights.sqlite"
    e2e_send_keys Escape 1
    check "read-only: the dashboard carries on" e2e_wait_for "Screen, Detect, Protect"
    e2e_send_keys q
    code="$(e2e_wait_exit)"
    check "read-only: q still quits (status 0)" test "$code" = 0
    rm -f "$XDG_CONFIG_HOME/uptake/config.toml"
else
    echo "skip read-only bank: running as root and cannot mount a read-only tmpfs here"
fi

echo "e2e-insights: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
