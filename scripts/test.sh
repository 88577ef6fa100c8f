#!/usr/bin/env bash
# The README's test command (and CI's): installs the build and test packages,
# builds everything once into build-test with ASan+UBSan at -O1, runs every
# ctest entry (unit, integration, interop and browser suites), then the fuzz
# smoke run if scripts/fuzz.sh exists. Exits non-zero if anything failed.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh scripts/packages.txt scripts/test-packages.txt

build=build-test
cmake -S . -B "$build" -G Ninja \
  -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_C_FLAGS_DEBUG="-O1 -g1" -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" \
  -DGUILDHALL_SANITIZE=ON -DGUILDHALL_TESTS=ON
cmake --build "$build" -j "$(nproc)"

# Any sanitizer report fails the test that triggered it.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:strict_string_checks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

status=0
log="$build/ctest.log"
ctest --test-dir "$build" --output-on-failure --no-tests=error -j2 --timeout 900 2>&1 |
  tee "$log" || status=1
summary=$(grep -E '^[0-9]+% tests passed' "$log" | tail -n 1 || true)

fuzz_status="not run (no scripts/fuzz.sh)"
if [ -f scripts/fuzz.sh ]; then
  if bash scripts/fuzz.sh 60; then fuzz_status="passed"; else fuzz_status="FAILED"; status=1; fi
fi

echo
echo "ctest: ${summary:-no summary line (did ctest run?)}"
echo "fuzz:  $fuzz_status"
exit "$status"
