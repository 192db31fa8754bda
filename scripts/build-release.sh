#!/usr/bin/env bash
# The one release build every script uses: `scripts/build-release.sh --product uptake`.
# The Swift runtime and Foundation are linked in (--static-swift-stdlib; docs/DECISIONS.md, "The release
# binary links the Swift libraries statically"). SwiftPM rebuilds everything when this flag changes, so every
# script passes it: a release build with and one without would undo each other.
set -euo pipefail
cd "$(dirname "$0")/.."
exec swift build -c release --static-swift-stdlib "$@"
