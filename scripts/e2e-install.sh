#!/usr/bin/env bash
# End-to-end check of scripts/install.sh into a temporary prefix: the program runs,
# `man -l` renders the page with every command and option, the committed
# docs/uptake.1 is up to date, the completion scripts load, and --uninstall
# removes everything. Uses UPTAKE_BIN or .build/debug/uptake (no release build).
set -uo pipefail
cd "$(dirname "$0")/.."
BIN="${UPTAKE_BIN:-.build/debug/uptake}"
[ -x "$BIN" ] || { echo "e2e-install: no program at $BIN (run swift build first)" >&2; exit 1; }
PREFIX="$(mktemp -d "${TMPDIR:-/tmp}/uptake-prefix.XXXXXX")"
trap 'rm -rf "$PREFIX"' EXIT
passed=0 failed=0
check() {
  local name="$1"; shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "e2e-install: FAIL: $name" >&2; fi
}
has() { grep -qF -- "$2" <<<"$1"; }

out="$(UPTAKE_BIN="$BIN" bash scripts/install.sh "$PREFIX" 2>&1)"; status=$?
check "install.sh exits 0" test "$status" = 0
check "install.sh says what it did" has "$out" "installed uptake in $PREFIX"
for f in bin/uptake share/man/man1/uptake.1 share/bash-completion/completions/uptake \
         share/zsh/site-functions/_uptake share/fish/vendor_completions.d/uptake.fish \
         share/uptake/themes/dark.toml share/uptake/themes/monochrome.toml; do
  check "installed $f" test -s "$PREFIX/$f"
done
check "installed program runs" bash -c '"$1" --version >/dev/null' _ "$PREFIX/bin/uptake"
check "installed program reports" bash -c '"$1" report --data sample-data | grep -qF "+4.8 pp"' _ "$PREFIX/bin/uptake"
check "installed theme file loads" bash -c '"$1" --theme "$2" --data sample-data </dev/null >/dev/null 2>&1' _ \
  "$PREFIX/bin/uptake" "$PREFIX/share/uptake/themes/okabe-ito.toml"

# The man page: renders, and shows every command, option and section the issue asks for.
page="$(MANPAGER=cat MANWIDTH=100 man -l "$PREFIX/share/man/man1/uptake.1" 2>"$PREFIX/man.err" | sed "s/.\x08//g")"
check "man -l renders the page" test -n "$page"
check "man -l renders without warnings" test ! -s "$PREFIX/man.err"
for word in "NAME" "SYNOPSIS" "COMMANDS" "OPTIONS" "THE DATA DIRECTORY" "ENVIRONMENT" "FILES" "EXIT STATUS" "EXAMPLES" \
            "dashboard" "report" "check" "--data" "--theme" "--ascii" "--format" "--strict" "--utf8" \
            "--generate-completion-script" "UPTAKE_DATA" "NO_COLOR" "XDG_CONFIG_HOME" "LANG" "sample-data" "141"; do
  check "man page shows $word" has "$page" "$word"
done
check "docs/uptake.1 is up to date (python3 scripts/manpage.py .build/debug/uptake > docs/uptake.1)" \
  cmp -s docs/uptake.1 "$PREFIX/share/man/man1/uptake.1"

# Completions: bash loads and completes commands and --format values; zsh and fish parse where installed.
complete_words() {
  bash -c 'source "$1" || exit 1; shift
    COMP_WORDS=("$@"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
    _uptake uptake "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}" 2>/dev/null; printf "%s\n" "${COMPREPLY[@]}"' _ "$PREFIX/share/bash-completion/completions/uptake" "$@"
}
check "bash completion loads without error" bash -c 'source "$1" 2>&1 && complete -p uptake >/dev/null && [ -z "$(source "$1" 2>&1)" ]' _ \
  "$PREFIX/share/bash-completion/completions/uptake"
check "bash completes the commands" has "$(complete_words uptake '')" "report"
check "bash completes --format values" has "$(complete_words uptake report --format '')" "markdown"
if command -v zsh >/dev/null 2>&1; then check "zsh completion parses" zsh -n "$PREFIX/share/zsh/site-functions/_uptake"; fi
if command -v fish >/dev/null 2>&1; then
  check "fish completion parses" fish -n "$PREFIX/share/fish/vendor_completions.d/uptake.fish"
  check "fish completes --format values" has "$(fish -c "source '$PREFIX/share/fish/vendor_completions.d/uptake.fish'; complete -C 'uptake report --format '" 2>&1)" "markdown"
fi

# Usage errors of the script itself, then uninstall.
bash scripts/install.sh --frobnicate >/dev/null 2>&1; status=$?
check "install.sh --frobnicate exits 2" test "$status" = 2
out="$(bash scripts/install.sh --uninstall "$PREFIX" 2>&1)"; status=$?
check "--uninstall exits 0" test "$status" = 0
check "--uninstall removes every file" test -z "$(find "$PREFIX" -type f ! -name man.err)"

echo "e2e-install: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
