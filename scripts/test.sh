#!/usr/bin/env bash
# Every test: set-up, the Swift test suites, then the end-to-end test of the real
# binary in tmux. This is the README's test command and what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build --build-tests
swift test --skip-build 2>&1 | tee /tmp/uptake-swift-test.log
if [ -f scripts/e2e-dashboard.sh ]; then
  bash scripts/e2e-dashboard.sh
fi
