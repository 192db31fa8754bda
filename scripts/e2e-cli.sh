#!/usr/bin/env bash
# End-to-end checks of the command line (no terminal needed): exit statuses, what
# goes to stdout and what to stderr, write errors, closed pipes, argument order,
# help, and ASCII output under a non-UTF-8 locale. Uses UPTAKE_BIN or .build/debug/uptake.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN="${UPTAKE_BIN:-.build/debug/uptake}"
[ -x "$BIN" ] || { echo "e2e-cli: no program at $BIN (run swift build first)" >&2; exit 1; }
WORK="$(mktemp -d "${TMPDIR:-/tmp}/uptake-e2e-cli.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
passed=0 failed=0
check() {
  local name="$1"; shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "e2e-cli: FAIL: $name" >&2; fi
}
# run CMD...: sets $out, $err, $status (stdin from /dev/null, so never a terminal).
run() {
  "$@" </dev/null >"$WORK/out" 2>"$WORK/err"; status=$?
  out="$(cat "$WORK/out")"; err="$(cat "$WORK/err")"
}
has() { grep -qF -- "$2" <<<"$1"; }
lines() { [ "$(printf '%s' "$1" | grep -c '')" = "$2" ]; }
export LANG=C.UTF-8
unset LC_ALL LC_CTYPE NO_COLOR UPTAKE_DATA

mkdir -p "$WORK/broken" "$WORK/empty" "$WORK/no-uptake"
cp -r sample-data/. "$WORK/broken/"
printf 'VCKC,Ward,2024-13,1675,65.0,,bad period\n' >> "$WORK/broken/uptake.csv"
cp sample-data/partners.csv "$WORK/no-uptake/"

# 1. Hints go to stderr; stdout carries only the data.
run "$BIN" --data sample-data
check "not a tty: exit 0" test "$status" = 0
check "not a tty: report on stdout" has "$out" "+4.8 pp"
check "not a tty: no hint on stdout" bash -c '! grep -qF "open the dashboard" <<<"$1"' _ "$out"
check "not a tty: hint on stderr" has "$err" "open the dashboard"

# 2. Write errors: one line on stderr and status 1; a closed pipe ends quietly.
for cmd in "report" "report --format csv" "report --format json" "check" "--help" "--version"; do
  # shellcheck disable=SC2086
  "$BIN" $cmd --data sample-data >/dev/full 2>"$WORK/err" </dev/null; status=$?
  [ "$cmd" = "--help" ] || [ "$cmd" = "--version" ] && { "$BIN" $cmd >/dev/full 2>"$WORK/err"; status=$?; }
  err="$(cat "$WORK/err")"
  check "$cmd > /dev/full: status 1" test "$status" = 1
  check "$cmd > /dev/full: one line on stderr" lines "$err" 1
  check "$cmd > /dev/full: says why" has "$err" "cannot write the output: No space left on device"
done
"$BIN" report --data sample-data >&- 2>"$WORK/err"; status=$?
check "closed stdout: status 1" test "$status" = 1
check "closed stdout: says so" has "$(cat "$WORK/err")" "cannot write the output"
: > "$WORK/readonly"
"$BIN" report --data sample-data 1<"$WORK/readonly" 2>"$WORK/err"; status=$?
check "stdout opened read-only: status 1" test "$status" = 1
check "stdout opened read-only: one line" lines "$(cat "$WORK/err")" 1
chmod 444 "$WORK/readonly"
if [ "$(id -u)" != 0 ]; then
  bash -c '"$1" report --data sample-data > "$2"' _ "$BIN" "$WORK/readonly" 2>"$WORK/err"; status=$?
  check "read-only file: the shell refuses, non-zero" test "$status" != 0
fi
big="$WORK/big"; mkdir -p "$big"; cp sample-data/partners.csv "$big/"
head -n 1 sample-data/uptake.csv > "$big/uptake.csv"
for i in $(seq 1 3000); do echo "VCKC,Ward $i,2024-01,1000,50.0,,"; done >> "$big/uptake.csv"
for fmt in text csv json; do
  "$BIN" report --data "$big" --format "$fmt" 2>"$WORK/err" | head -n 1 >/dev/null; status=${PIPESTATUS[0]}
  check "report --format $fmt | head: quiet" test ! -s "$WORK/err"
  check "report --format $fmt | head: status 0 or 141" bash -c '[ "$1" = 0 ] || [ "$1" = 141 ]' _ "$status"
done

# 3. Exit statuses, the same for every command.
run "$BIN" check --data sample-data;                 check "check valid: 0" test "$status" = 0
run "$BIN" check --data "$WORK/broken";              check "check broken: 1" test "$status" = 1
run "$BIN" report --data "$WORK/broken";             check "report broken: 0" test "$status" = 0
run "$BIN" report --data "$WORK/broken" --strict;    check "report --strict broken: 1" test "$status" = 1
check "report --strict: says why on stderr" has "$err" "1 row rejected (--strict)"
check "report --strict: the report is still printed" has "$out" "DATA CHECKS"
run "$BIN" report --data sample-data --strict;       check "report --strict valid: 0" test "$status" = 0
run "$BIN" report --data "$WORK/empty";              check "report empty dir: 1" test "$status" = 1
check "report empty dir: says so on stderr" has "$err" "no data files in"
check "report empty dir: nothing on stdout" test -z "$out"
run "$BIN" report --data "$WORK/no-uptake";          check "report missing uptake.csv: 1" test "$status" = 1
check "report missing uptake.csv: names it" has "$err" "uptake.csv missing or unreadable"
run "$BIN" report --data /nonexistent;               check "report missing dir: 2" test "$status" = 2
run "$BIN" report --frobnicate;                      check "unknown option: 2" test "$status" = 2
run "$BIN" report --format xml;                      check "bad --format: 2" test "$status" = 2
run "$BIN" report --ascii --utf8;                    check "--ascii with --utf8: 2" test "$status" = 2
run "$BIN" frobnicate;                               check "unknown command: 2" test "$status" = 2
check "unknown command: names it" has "$err" "unknown command 'frobnicate'"
check "unknown command: lists the commands" has "$err" "report, check"
check "unknown command: one line" lines "$err" 1

# 4. Options before or after the command.
run "$BIN" --data "$WORK/broken" report
check "--data DIR report: 0" test "$status" = 0
check "--data DIR report: reads DIR" has "$out" "1 error"
before="$out"
run "$BIN" report --data "$WORK/broken"
check "--data before and after the command agree" test "$before" = "$out"
run "$BIN" --data "$WORK/broken" check;              check "--data DIR check: 1" test "$status" = 1

# 5. Help: the dashboard's options and the exit statuses at the top level.
run "$BIN" --help
check "--help: 0" test "$status" = 0
for word in "--data" "--theme" "--ascii" "report" "check" "Exit status" "UPTAKE_DATA"; do
  check "--help shows $word" has "$out" "$word"
done
run "$BIN" report --help
check "report --help: exit statuses" has "$out" "Exit status"
check "report --help: --strict" has "$out" "--strict"
run "$BIN" check --help
check "check --help: exit statuses" has "$out" "Exit status"

# 6. report follows the locale like the dashboard: ASCII unless UTF-8 (or --utf8).
ascii_only() { ! LC_ALL=C grep -q '[^ -~]' "$1"; }
LANG=C "$BIN" report --data sample-data >"$WORK/c.txt" 2>/dev/null
check "LANG=C report: only ASCII" ascii_only "$WORK/c.txt"
check "LANG=C report: arrows as ->" grep -qF -- "% -> " "$WORK/c.txt"
check "LANG=C report: pounds as GBP" grep -qF "GBP " "$WORK/c.txt"
LANG=C "$BIN" report --data sample-data --utf8 >"$WORK/u.txt" 2>/dev/null
check "LANG=C report --utf8: UTF-8" grep -qF "→" "$WORK/u.txt"
"$BIN" report --data sample-data --ascii >"$WORK/a.txt" 2>/dev/null
check "report --ascii: only ASCII" ascii_only "$WORK/a.txt"
"$BIN" report --data sample-data >"$WORK/utf.txt" 2>/dev/null
check "UTF-8 locale report: UTF-8" grep -qF "→" "$WORK/utf.txt"
LANG=C "$BIN" report --data sample-data --format csv >"$WORK/c.csv" 2>/dev/null
"$BIN" report --data sample-data --format csv >"$WORK/u.csv" 2>/dev/null
check "LANG=C report csv: data kept exactly" cmp -s "$WORK/c.csv" "$WORK/u.csv"

# 7. import fingertips: a small download (SYNTHETIC figures, Fingertips' column layout) into a dataset that loads;
# a re-run writes the same bytes; a skipped row is named by line; a failed write is an error and leaves no half file.
ft="$WORK/ft.csv"
{
  echo 'Indicator ID,Indicator Name,Parent Code,Parent Name,Area Code,Area Name,Area Type,Sex,Age,Category Type,Category,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,Lower CI 99.8 limit,Upper CI 99.8 limit,Count,Denominator,Value note'
  echo '22001,Cancer screening coverage: breast cancer,,,E92000001,England,England,Female,53-70 yrs,,,2022,70.1,,,,,7010,10000,'
  echo '22001,Cancer screening coverage: breast cancer,,,E92000001,England,England,Female,53-70 yrs,,,2023,70.5,,,,,7050,10000,'
  echo '22001,Cancer screening coverage: breast cancer,E92000001,England,P1,"SYNTHETIC PRACTICE 1, ""THE"" SURGERY",GPs,Female,53-70 yrs,,,2022,60.0,,,,,600,1000,'
  echo '22001,Cancer screening coverage: breast cancer,E92000001,England,P1,"SYNTHETIC PRACTICE 1, ""THE"" SURGERY",GPs,Female,53-70 yrs,,,2023,62.0,,,,,620,1000,'
  echo '22001,Cancer screening coverage: breast cancer,E92000001,England,P2,SYNTHETIC PRACTICE 2,GPs,Female,53-70 yrs,,,2023,,,,,,,,Suppressed'
} > "$ft"
run "$BIN" import fingertips "$ft" --out "$WORK/imported" --date 2026-11-29
check "import: exit 0" test "$status" = 0
check "import: summary" has "$out" "4 imported, 1 not imported"
for f in dataset.toml partners.csv uptake.csv uptake_by_deprivation.csv import-log.csv; do
  check "import: wrote $f" test -s "$WORK/imported/$f"
done
check "import: the suppressed row named by line" grep -qF "$ft,6,warning,row not imported: suppressed value: Suppressed" "$WORK/imported/import-log.csv"
check "import: quoted area name kept" grep -qF '"SYNTHETIC PRACTICE 1, ""THE"" SURGERY (P1), breast"' "$WORK/imported/uptake.csv"
run "$BIN" check --data "$WORK/imported"
check "import: the dataset checks clean" test "$status" = 0
cp -r "$WORK/imported" "$WORK/imported-first"
run "$BIN" import fingertips "$ft" --out "$WORK/imported"
check "import again: exit 0" test "$status" = 0
check "import again: the same bytes (import date kept)" diff -r "$WORK/imported-first" "$WORK/imported"
echo '22001,Cancer screening coverage: breast cancer,E92000001,England,P3,SYNTHETIC PRACTICE 3,GPs,Female,53-70 yrs,,,2023,50.0,,,,,500,1000,' >> "$ft"
run "$BIN" import fingertips "$ft" --out "$WORK/imported" --date 2026-12-01
check "import of a changed file: exit 0" test "$status" = 0
check "import of a changed file: the new row written" grep -qF "SYNTHETIC PRACTICE 3 (P3), breast" "$WORK/imported/uptake.csv"
check "import of a changed file: today's date" grep -qF "# Import date: 2026-12-01" "$WORK/imported/dataset.toml"
check "import of a changed file: no earlier date left" bash -c '! grep -q 2026-11-29 "$1"' _ "$WORK/imported/dataset.toml"
rm "$WORK/imported/uptake.csv"; mkdir "$WORK/imported/uptake.csv"
run "$BIN" import fingertips "$ft" --out "$WORK/imported"
check "import, uptake.csv unwritable: status 1" test "$status" = 1
check "import, uptake.csv unwritable: says which file" has "$err" "cannot write '$WORK/imported/uptake.csv'"
check "import, uptake.csv unwritable: no temporary file left" bash -c '! ls "$1" | grep -q tmp-' _ "$WORK/imported"
run "$BIN" import fingertips "$ft" --out sample-data
check "import into a dataset it did not write: refused" test "$status" != 0
check "import into a dataset it did not write: says why" has "$err" "was not written by uptake import"
run "$BIN" import fingertips "$WORK/no-such.csv" --out "$WORK/imported2"
check "import of a missing file: status 1" test "$status" = 1
check "import of a missing file: says so" has "$err" "no such file"

# 8. csv and json keep the data exactly for a file or a pipe; on a terminal (a pty from script(1)) an escape
#    sequence, a bell and a C1 control in the data are shown as symbols and never reach the terminal as bytes.
mkdir -p "$WORK/escapes"
printf 'partner\nEvil\n' > "$WORK/escapes/partners.csv"
printf 'partner,proxy_population,period,eligible,uptake_pct\nEvil,"Ward \033]0;pwned\007 \033[31mred\033[0m \302\233x",2024-01,100,50\n' > "$WORK/escapes/uptake.csv"
run "$BIN" report --data "$WORK/escapes" --format csv
check "report --format csv to a pipe: the escape kept exactly" grep -q $'\033\\]0;pwned\007' "$WORK/out"
run "$BIN" report --data "$WORK/escapes" --format json
check "report --format json to a pipe: the escape as JSON writes it" grep -qF '\u001b]0;pwned\u0007' "$WORK/out"
for f in csv json; do
  if command -v script >/dev/null 2>&1; then
    script -qec "'$BIN' report --data '$WORK/escapes' --format $f" /dev/null </dev/null >"$WORK/tty" 2>&1
    check "report --format $f to a terminal: no escape byte" bash -c '! grep -q $'"'"'\033'"'"' "$1"' _ "$WORK/tty"
    check "report --format $f to a terminal: no bell byte" bash -c '! grep -q $'"'"'\007'"'"' "$1"' _ "$WORK/tty"
    check "report --format $f to a terminal: no C1 control" bash -c '! grep -q $'"'"'\302\233'"'"' "$1"' _ "$WORK/tty"
    [ $f = csv ] && check "report --format csv to a terminal: shown as symbols" grep -qF "␛]0;pwned␇" "$WORK/tty"
  fi
done

# 9. UPTAKE_PHASES (scripts/phases.py, docs/PERFORMANCE.md): marks on stderr in the order the phases end, the report unchanged.
run "$BIN" report --data sample-data --format csv
plain="$out"
check "no UPTAKE_PHASES: no marks" bash -c '! grep -q "^uptake-phase" <<<"$1"' _ "$err"
UPTAKE_PHASES=1 run "$BIN" report --data sample-data --format csv
check "UPTAKE_PHASES: the report unchanged" test "$out" = "$plain"
# The partners.csv thread marks its end whenever it gets there: the main thread's marks are in order, and that one
# comes before the main thread takes its results.
marks="$(sed -n 's/^uptake-phase [0-9.]* //p' <<<"$err" | grep -v '(its own thread)' | paste -sd '|')"
check "UPTAKE_PHASES: the phases in order" test "$marks" = "started|arguments parsed|files read|parsed on one thread|rows ordered, name strings made|rows grouped and checked|partners.csv joined|series made|other files loaded|report planned|report written"
check "UPTAKE_PHASES: partners.csv loaded before it is joined" bash -c 'sed -n "s/^uptake-phase [0-9.]* //p" <<<"$1" | grep -E "^partners.csv (loaded|joined)" | paste -sd "|" | grep -qx "partners.csv loaded (its own thread)|partners.csv joined"' _ "$err"
check "UPTAKE_PHASES: times never go back" bash -c 'sed -n "s/^uptake-phase \([0-9.]*\) .*/\1/p" <<<"$1" | sort -c -g' _ "$err"
python3 scripts/phases.py --runs 2 "$BIN" report --data sample-data --format json >"$WORK/phases" 2>&1
check "phases.py: a table to the exit" grep -qE '^\| exit \| [0-9]+ \| [0-9-]+ \|$' "$WORK/phases"
check "phases.py: the json report's phases" grep -qF '| report written |' "$WORK/phases"

echo "e2e-cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
