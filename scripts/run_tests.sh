#!/usr/bin/env bash
# Runs every test through CTest (unit tests, SQL golden files, end-to-end scenarios) and ends
# with one summary line: "N passed, N failed".
set -uo pipefail
BUILD_DIR=${1:-build}
cd "$(dirname "$0")/.."

log=$(mktemp)
ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$(nproc)" --timeout 900 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

total=$(sed -n 's/.*tests passed, \([0-9]*\) tests failed out of \([0-9]*\).*/\2/p' "$log" | tail -1)
failed=$(sed -n 's/.*tests passed, \([0-9]*\) tests failed out of \([0-9]*\).*/\1/p' "$log" | tail -1)
rm -f "$log"
if [ -z "$total" ]; then
  echo "0 passed, 1 failed (ctest did not run)"
  exit 1
fi
echo "$((total - failed)) passed, $failed failed"
exit "$status"
