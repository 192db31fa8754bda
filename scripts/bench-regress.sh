#!/usr/bin/env bash
# Byte-for-byte regression check of uptake's outputs, for speed work (docs/PERFORMANCE.md, issue 11).
#   scripts/bench-regress.sh save BIN      # record the outputs of BIN (e.g. bench-data/uptake-before)
#   scripts/bench-regress.sh compare BIN   # the same outputs from BIN must be identical
# For every dataset (sample-data, its examples, the hostile regression datasets written by
# scripts/make-regression-data.py, and the 1M-row extract-shaped files when generated) it runs
# report --format csv, json, text, markdown (--utf8 and --ascii) and check, and keeps the SHA-256
# of stdout, stderr and the exit status of each. Not a test of the suite: a tool for optimising.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:?save|compare}"; bin="${2:?binary}"
out=bench-data/regress-outputs
[ -d bench-data/regress ] || python3 scripts/make-regression-data.py bench-data/regress
sets=(sample-data sample-data/examples/deprivation bench-data/regress/*)
for d in bench-data/extract-1000000-by-series bench-data/extract-1000000-by-period; do [ -f "$d/uptake.csv" ] && sets+=("$d"); done
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
: > "$tmp/sums"
for d in "${sets[@]}"; do
  [ -f "$d/uptake.csv" ] || [ -f "$d/partners.csv" ] || continue
  for f in csv json "text --utf8" "text --ascii" "markdown --utf8" check; do
    if [ "$f" = check ]; then args=(check --data "$d"); else args=(report --data "$d" --format $f); fi
    set +e; LANG=C.UTF-8 "$bin" "${args[@]}" > "$tmp/o" 2> "$tmp/e"; rc=$?; set -e
    echo "$d ${f// /_} $(sha256sum < "$tmp/o" | cut -c1-16) $(sha256sum < "$tmp/e" | cut -c1-16) rc=$rc" >> "$tmp/sums"
  done
done
if [ "$mode" = save ]; then
  mkdir -p "$out"; cp "$tmp/sums" "$out/sums"; echo "saved $(wc -l < "$out/sums") outputs of $bin"
else
  if diff "$out/sums" "$tmp/sums"; then echo "identical: $(wc -l < "$out/sums") outputs"; else echo "DIFFERENT outputs (above)"; exit 1; fi
fi
