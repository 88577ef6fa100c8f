#!/usr/bin/env bash
# Builds the libFuzzer targets with clang in build-fuzz and runs each for
# the given number of seconds (default 60). Exits non-zero if any target
# crashes, leaks or breaks an invariant; the failing input is kept under
# build-fuzz/fuzz-artifacts/. New corpus entries go to build-fuzz/fuzz-corpus/
# (the committed seeds in tests/fuzz/corpus/ are only read).
#
#   scripts/fuzz.sh            # 60 s per target
#   scripts/fuzz.sh 10         # a quick smoke run
#   FUZZ_JOBS=2 scripts/fuzz.sh 600
#   FUZZ_SEED=0 scripts/fuzz.sh 600   # a random seed: explore beyond CI's path
#
# The seed defaults to 1 so that the test suite's run is reproducible: the
# same inputs in the same order on every machine, a failure in CI is a
# failure on a laptop, and a longer local run with the same seed covers CI's.
set -euo pipefail

seconds="${1:-60}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${GUILDHALL_FUZZ_BUILD:-$root/build-fuzz}"
targets=(fuzz_signature_header fuzz_as2_reader fuzz_html_sanitize)
declare -A dicts=([fuzz_signature_header]=signature.dict [fuzz_as2_reader]=json.dict [fuzz_html_sanitize]=html.dict)
declare -A max_len=([fuzz_signature_header]=4096 [fuzz_as2_reader]=65536 [fuzz_html_sanitize]=16384)

CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DGUILDHALL_FUZZ=ON -DGUILDHALL_TESTS=ON -DGUILDHALL_BENCH=OFF >/dev/null
ninja -C "$build" -j"${FUZZ_BUILD_JOBS:-2}" "${targets[@]}"

mkdir -p "$build/fuzz-artifacts"
# With -jobs, libFuzzer writes fuzz-N.log into the working directory.
cd "$build"
parallel=()
if [[ "${FUZZ_JOBS:-1}" -gt 1 ]]; then parallel=(-jobs="$FUZZ_JOBS" -workers="$FUZZ_JOBS"); fi
status=0
for t in "${targets[@]}"; do
  corpus="$build/fuzz-corpus/$t"
  mkdir -p "$corpus"
  echo "== $t: ${seconds}s"
  if ! "$build/tests/fuzz/$t" -seed="${FUZZ_SEED:-1}" -max_total_time="$seconds" -max_len="${max_len[$t]}" -timeout=10 \
      -rss_limit_mb=2048 "${parallel[@]}" -print_final_stats=1 \
      -dict="$root/tests/fuzz/${dicts[$t]}" -artifact_prefix="$build/fuzz-artifacts/$t-" \
      "$corpus" "$root/tests/fuzz/corpus/$t"; then
    echo "!! $t failed; see $build/fuzz-artifacts/" >&2
    status=1
  fi
done
exit "$status"
