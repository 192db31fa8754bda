#!/usr/bin/env bash
# Coverage-guided fuzzing of the CSV reader and every loader (libFuzzer), like bench.sh:
# a tool to run on purpose, not part of the test suite (the build alone takes minutes).
#   scripts/fuzz.sh            # 30 seconds
#   scripts/fuzz.sh 3600       # an hour; the corpus in fuzz-corpus/ grows and is reused
#   scripts/fuzz.sh 60 -jobs=2 # extra arguments go to libFuzzer
# A failing input is written to fuzz-artifacts/ and the script exits non-zero;
# replay it with an ordinary build: swift run uptake-fuzz fuzz-artifacts/crash-…
# What is checked on every input: see Sources/uptake-fuzz/FuzzTarget.swift.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TO_RUN="${1:-30}"
shift || true
# A separate build directory: the sanitizer flags would otherwise rebuild the normal build.
# lld: gold fails on this link (internal error in format_file_lineno).
swift build --product uptake-fuzz --scratch-path .build/fuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING \
  -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld 2>&1 | grep -v "Cannot export local symbol" | tail -3
BIN=.build/fuzz/debug/uptake-fuzz
CORPUS=fuzz-corpus
mkdir -p "$CORPUS" fuzz-artifacts
# Seeds: each sample-data file behind the selector byte of its slot (FuzzTarget.files), and plain CSV.
i=0
for f in partners.csv uptake.csv indicators.csv surveys.csv principles.csv dataset.toml; do
  [ -f "$CORPUS/seed-$f" ] || { printf "\\x$(printf %02x $i)" > "$CORPUS/seed-$f"; cat "sample-data/$f" >> "$CORPUS/seed-$f"; }
  i=$((i + 1))
done
first_case=$(ls sample-data/case-studies/*.md | head -1)
[ -f "$CORPUS/seed-case.md" ] || { printf '\x06' > "$CORPUS/seed-case.md"; cat "$first_case" >> "$CORPUS/seed-case.md"; }
[ -f "$CORPUS/seed-reader.csv" ] || { printf '\x07' > "$CORPUS/seed-reader.csv"; cat sample-data/uptake.csv >> "$CORPUS/seed-reader.csv"; }
# Swift's runtime keeps metadata caches for the life of the process, which LeakSanitizer reports: leaks are not checked.
ASAN_OPTIONS=detect_leaks=0 "$BIN" "$CORPUS" -max_total_time="$SECONDS_TO_RUN" -max_len=65536 -detect_leaks=0 \
  -artifact_prefix=fuzz-artifacts/ -print_final_stats=1 "$@"
