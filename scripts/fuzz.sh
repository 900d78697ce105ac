#!/usr/bin/env sh
# The fuzz tests with many more generated inputs than `npm test` uses (FUZZ_RUNS multiplies
# every property's runs; default here 50). Usage: scripts/fuzz.sh [MULTIPLIER]
set -eu
cd "$(dirname "$0")/.."
FUZZ_RUNS="${1:-${FUZZ_RUNS:-50}}" exec npx vitest run test/trust/fuzz
