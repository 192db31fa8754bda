#!/usr/bin/env bash
# Builds uptake (release) and opens the dashboard on the sample data.
# Extra arguments go to uptake, e.g. `scripts/run.sh report --format csv`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build-release.sh --product uptake >&2
exec .build/release/uptake "$@"
