#!/usr/bin/env bash
# Installs uptake under a prefix (default /usr/local), or removes it with --uninstall:
#
#   PREFIX/bin/uptake                                     the program (release build)
#   PREFIX/share/uptake/themes/*.toml                     the theme files, to copy and edit
#   PREFIX/share/man/man1/uptake.1                        the manual page (man uptake)
#   PREFIX/share/bash-completion/completions/uptake       bash completion
#   PREFIX/share/zsh/site-functions/_uptake               zsh completion
#   PREFIX/share/fish/vendor_completions.d/uptake.fish    fish completion
#
# Usage: scripts/install.sh [--uninstall] [PREFIX]
# UPTAKE_BIN=path installs that binary instead of building a release one (the tests use it).
set -euo pipefail
cd "$(dirname "$0")/.."

uninstall=0
prefix=/usr/local
for arg in "$@"; do
  case "$arg" in
    --uninstall) uninstall=1 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "install.sh: unknown option '$arg' (see --help)" >&2; exit 2 ;;
    *) prefix="$arg" ;;
  esac
done
prefix="${prefix%/}"
[ -n "$prefix" ] || prefix=/

bin="$prefix/bin/uptake"
themes="$prefix/share/uptake/themes"
man="$prefix/share/man/man1/uptake.1"
bash_completion="$prefix/share/bash-completion/completions/uptake"
zsh_completion="$prefix/share/zsh/site-functions/_uptake"
fish_completion="$prefix/share/fish/vendor_completions.d/uptake.fish"

if [ "$uninstall" = 1 ]; then
  rm -f "$bin" "$man" "$bash_completion" "$zsh_completion" "$fish_completion"
  rm -f "$themes"/*.toml
  rmdir "$themes" "$prefix/share/uptake" 2>/dev/null || true
  echo "install.sh: removed uptake from $prefix"
  exit 0
fi

source_bin="${UPTAKE_BIN:-}"
if [ -z "$source_bin" ]; then
  bash scripts/setup.sh
  echo "install.sh: building uptake (release; the first build takes a few minutes)" >&2
  bash scripts/build-release.sh --product uptake >&2
  source_bin=".build/release/uptake"
fi
[ -x "$source_bin" ] || { echo "install.sh: no program at $source_bin" >&2; exit 1; }

install -d "$prefix/bin" "$themes" "$(dirname "$man")" "$(dirname "$bash_completion")" \
  "$(dirname "$zsh_completion")" "$(dirname "$fish_completion")"
install -m 755 "$source_bin" "$bin"
install -m 644 themes/*.toml "$themes/"
python3 scripts/manpage.py "$bin" > "$man.tmp" && mv "$man.tmp" "$man"
chmod 644 "$man"
"$bin" --generate-completion-script bash > "$bash_completion"
"$bin" --generate-completion-script zsh > "$zsh_completion"
"$bin" --generate-completion-script fish > "$fish_completion"
echo "install.sh: installed uptake in $prefix (program, themes, man page, bash/zsh/fish completions)"
case ":$PATH:" in *":$prefix/bin:"*) ;; *) echo "install.sh: note: $prefix/bin is not on PATH" >&2 ;; esac
