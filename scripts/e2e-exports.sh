#!/usr/bin/env bash
# End-to-end check of the reports for slides and e-mail with real tools:
# `uptake report --format svg` rendered to PNG by rsvg-convert (librsvg), and
# `--format html` rendered to PNG by headless Chromium, on the sample data and on
# hostile data (markup and a <script> in a partner name must come out as text).
# Also `--table NAME` for every table. The PNGs are kept in .build/exports for a
# person to look at. Ends with "N passed, N failed"; a missing Chromium is a skip.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN="$(pwd)/${UPTAKE_BIN:-.build/debug/uptake}"
[[ -x "$BIN" ]] || swift build --product uptake >/dev/null
OUT="$(pwd)/.build/exports"
mkdir -p "$OUT"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
passed=0
failed=0
check() {   # check NAME COMMAND...
    local name="$1"; shift
    if "$@"; then passed=$((passed + 1)); echo "ok   $name"; else failed=$((failed + 1)); echo "FAIL $name"; fi
}
png_ok() { [[ -s "$1" ]] && [[ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" == "89504e470d0a1a0a" ]] && (( $(stat -c %s "$1") > 2000 )); }

# Hostile data: markup, a script and control bytes in a partner's name.
mkdir -p "$WORK/hostile"
name='"<script>document.title=""pwned""</script><b>Bold</b> & Co '$'\e''[31m"'
printf 'title = "Hostile <i>report</i>"\n' > "$WORK/hostile/dataset.toml"
printf 'partner,residents_reached\n%s,10\n' "$name" > "$WORK/hostile/partners.csv"
printf 'partner,proxy_population,period,eligible,uptake_pct\n%s,Ward,2024-01,1000,30\n%s,Ward,2024-07,1000,40\n' "$name" "$name" > "$WORK/hostile/uptake.csv"

# 1. SVG -> PNG with rsvg-convert.
"$BIN" report --data sample-data --format svg > "$OUT/report.svg"; status=$?
check "report --format svg exits 0" test "$status" = 0
check "the SVG parses as XML" python3 -c "import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])" "$OUT/report.svg"
"$BIN" report --data "$WORK/hostile" --format svg > "$OUT/hostile.svg" 2>/dev/null
check "the hostile SVG parses as XML" python3 -c "import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])" "$OUT/hostile.svg"
check "the hostile name is escaped in the SVG" bash -c '! grep -q "<script" "$1" && grep -q "&lt;script&gt;" "$1"' _ "$OUT/hostile.svg"
if command -v rsvg-convert >/dev/null 2>&1; then
    rsvg-convert --background-color=white -o "$OUT/report-svg.png" "$OUT/report.svg" 2>"$WORK/rsvg.err"
    check "rsvg-convert renders the SVG to PNG" png_ok "$OUT/report-svg.png"
    rsvg-convert -o "$OUT/hostile-svg.png" "$OUT/hostile.svg" 2>>"$WORK/rsvg.err"
    check "rsvg-convert renders the hostile SVG" png_ok "$OUT/hostile-svg.png"
else
    failed=$((failed + 1)); echo "FAIL rsvg-convert missing (scripts/setup.sh installs librsvg2-bin)"
fi

# 2. HTML -> PNG with headless Chromium; the DOM must hold no script element.
"$BIN" report --data sample-data --format html > "$OUT/report.html"; status=$?
check "report --format html exits 0" test "$status" = 0
"$BIN" report --data "$WORK/hostile" --format html > "$OUT/hostile.html" 2>/dev/null
check "the HTML names no external file" bash -c '! grep -qE "(src|href)=|@import|<link" "$1"' _ "$OUT/report.html"
chrome="$(command -v chromium || command -v chromium-browser || true)"
if [[ -n "$chrome" ]]; then
    flags=(--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --hide-scrollbars --user-data-dir="$WORK/chrome")
    timeout 60 "$chrome" "${flags[@]}" --window-size=1200,1800 --screenshot="$OUT/report-html.png" "file://$OUT/report.html" >/dev/null 2>&1
    check "Chromium renders the HTML report to PNG" png_ok "$OUT/report-html.png"
    timeout 60 "$chrome" "${flags[@]}" --window-size=1200,900 --screenshot="$OUT/hostile-html.png" "file://$OUT/hostile.html" >/dev/null 2>&1
    check "Chromium renders the hostile HTML" png_ok "$OUT/hostile-html.png"
    timeout 60 "$chrome" "${flags[@]}" --dump-dom "file://$OUT/hostile.html" > "$WORK/dom.html" 2>/dev/null
    check "the browser's DOM holds no script element" bash -c '[[ -s "$1" ]] && ! grep -qi "<script" "$1"' _ "$WORK/dom.html"
    check "the script in the data is shown as text" grep -qF '&lt;script&gt;document.title=' "$WORK/dom.html"
    check "the page title was not changed by the data" bash -c '! grep -q "<title>pwned" "$1"' _ "$WORK/dom.html"
else
    echo "skip Chromium checks: no chromium installed (apt-cache policy chromium has no candidate here, or the install failed)"
fi

# 3. --table NAME for every table, in every format.
for t in uptake partners indicators surveys principles case-studies diagnostics; do
    ok=1
    for f in csv json markdown text html; do
        "$BIN" report --data sample-data --table "$t" --format "$f" > "$WORK/t.out" 2>/dev/null || ok=0
        [[ -s "$WORK/t.out" ]] || ok=0
    done
    python3 -c "import json,sys; json.load(open(sys.argv[1]))" <("$BIN" report --data sample-data --table "$t" --format json) || ok=0
    check "report --table $t (csv, json, markdown, text, html)" test "$ok" = 1
done
"$BIN" report --data sample-data --table nope >/dev/null 2>&1; status=$?
check "an unknown table is a usage error (2)" test "$status" = 2

echo "e2e-exports: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
