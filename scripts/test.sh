#!/usr/bin/env bash
# Every test: set-up, the Swift test suites, then the end-to-end tests of the real
# binary (command line, install, dashboard in tmux). This is the README's test
# command and what CI runs (.ci/run).
#
# Prints one summary line per stage; the full output of each stage is kept in
# .build/test-logs/ (build.log, unit.log, e2e-*.log) and its tail is shown when
# a stage fails.
set -uo pipefail
cd "$(dirname "$0")/.."
logs=.build/test-logs
mkdir -p "$logs"
status=0

# Runs a stage: NAME LOG COMMAND...; prints "NAME: ok|FAILED (log: ...)" and its closing lines.
stage() {
  local name="$1" log="$2"; shift 2
  local start=$SECONDS
  if "$@" >"$log" 2>&1; then
    echo "$name: ok ($(( SECONDS - start )) s) $(summary "$log")"
  else
    echo "$name: FAILED ($(( SECONDS - start )) s) $(summary "$log"), log: $log"
    tail -n 40 "$log" | sed 's/^/    /'
    status=1
  fi
}

# The stage's own closing line: Swift Testing's and XCTest's totals, or the e2e script's count.
summary() {
  local log="$1"
  grep -aE '^(e2e[^:]*: [0-9]+ passed|.*Test run with [0-9]+ tests?.*(passed|failed)|Executed [0-9]+ tests)' "$log" \
    | sed -E 's/^[^A-Za-z0-9]*//' | tr '\n' ';' | sed 's/;$//; s/;/; /g'
}

echo "test: logs in $logs/"
stage "set-up" "$logs/setup.log" bash scripts/setup.sh
stage "build" "$logs/build.log" swift build --build-tests
if [ "$status" -ne 0 ]; then echo "test: FAILED (build)"; exit 1; fi
warnings="$(grep -aE '^/.*/(Sources|Tests)/.*: warning:' "$logs/build.log" | sort -u)"
if [ -n "$warnings" ]; then
  echo "build: warnings in uptake's own code:"; echo "$warnings" | sed 's/^/    /'
fi
stage "unit tests" "$logs/unit.log" swift test --skip-build
stage "e2e command line" "$logs/e2e-cli.log" bash scripts/e2e-cli.sh
stage "e2e install" "$logs/e2e-install.log" bash scripts/e2e-install.sh
stage "e2e colours" "$logs/e2e-colours.log" bash scripts/e2e-colours.sh
if [ -f scripts/e2e-dashboard.sh ]; then
  stage "e2e dashboard" "$logs/e2e-dashboard.log" bash scripts/e2e-dashboard.sh
fi
stage "e2e meeting" "$logs/e2e-meeting.log" bash scripts/e2e-meeting.sh
stage "e2e exports" "$logs/e2e-exports.log" bash scripts/e2e-exports.sh
if [ -f scripts/e2e-kiosk.sh ]; then
  stage "e2e kiosk" "$logs/e2e-kiosk.log" bash scripts/e2e-kiosk.sh
fi
stage "e2e insights" "$logs/e2e-insights.log" bash scripts/e2e-insights.sh
# One plain closing line over every stage: Swift tests and end-to-end checks added up.
passed=0; failed=0
if unit=$(grep -aoE 'Test run with [0-9]+ tests?' "$logs/unit.log" | grep -oE '[0-9]+' | tail -1); then
  if grep -aqE 'Test run with [0-9]+ tests?.* passed' "$logs/unit.log"; then passed=$(( passed + unit )); else failed=$(( failed + 1 )); fi
fi
for f in "$logs"/e2e-*.log; do
  [ -f "$f" ] || continue
  line=$(grep -aE '^e2e[^:]*: [0-9]+ passed, [0-9]+ failed' "$f" | tail -1)
  [ -n "$line" ] || continue
  p=$(echo "$line" | sed -E 's/.*: ([0-9]+) passed.*/\1/'); q=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
  passed=$(( passed + p )); failed=$(( failed + q ))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
if [ "$status" -eq 0 ]; then echo "test: all stages passed"; else echo "test: FAILED"; fi
echo "total: $passed passed, $failed failed"
exit "$status"
