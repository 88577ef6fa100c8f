#!/usr/bin/env bash
# The README's run command: installs what is missing, builds the `guildhall`
# executable (Release) into build/, initializes the data directory on first
# start (printing the first admin account once) and serves in the foreground.
# Without arguments it uses the embedded default config: data in ./data,
# http://localhost:8080. Any arguments (e.g. `--config FILE`) are passed to
# both `guildhall init` and `guildhall serve`.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh scripts/packages.txt
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build --target guildhall

# `init` is idempotent: on an initialized data directory it only says so.
build/guildhall "$@" init
exec build/guildhall "$@" serve
