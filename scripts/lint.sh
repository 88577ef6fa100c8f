#!/usr/bin/env bash
# Style gates of the repository (STYLE.md), the configs being .clang-format
# and .clang-tidy at the root:
#
#   scripts/lint.sh format          # clang-format: every tracked C++ file (a test runs this)
#   scripts/lint.sh format --fix    # ... and rewrite the files in place
#   scripts/lint.sh tidy BUILD [BASE]
#                                   # clang-tidy on the .cc files changed since BASE
#                                   # (default: origin/main, else HEAD~1), with
#                                   # BUILD/compile_commands.json; all of them with BASE=all
#
# Exits non-zero when a file is not formatted or clang-tidy warns.
set -euo pipefail
cd "$(dirname "$0")/.."

# Tracked C++ files; outside a git checkout (an exported tree), the same set by name.
sources() {
  if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git ls-files '*.cc' '*.h'
  else
    find bench federation node storage tests web -name '*.cc' -o -name '*.h' | sed 's|^\./||'
  fi | grep -v -e '/node_modules/' -e '^tests/fuzz/corpus/'
}

case "${1:-}" in
  format)
    if [[ "${2:-}" == "--fix" ]]; then
      sources | xargs clang-format -i
    else
      sources | xargs clang-format --dry-run --Werror
    fi
    ;;
  tidy)
    build="${2:?usage: scripts/lint.sh tidy BUILD [BASE]}"
    base="${3:-}"
    if [[ -z "$base" ]]; then
      base=$(git rev-parse -q --verify origin/main || git rev-parse HEAD~1)
    fi
    if [[ "$base" == all ]]; then
      files=$(git ls-files '*.cc' | grep -v -e '/node_modules/' -e '^tests/fuzz/')
    else
      files=$(git diff --name-only --diff-filter=AM "$base" -- '*.cc' | grep -v '^tests/fuzz/' || true)
    fi
    [[ -z "$files" ]] && { echo "no .cc files changed since $base"; exit 0; }
    # shellcheck disable=SC2086
    clang-tidy -p "$build" --quiet --warnings-as-errors='*' $files
    ;;
  *)
    sed -n '2,12p' "$0"
    exit 2
    ;;
esac
