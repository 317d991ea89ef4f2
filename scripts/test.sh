#!/usr/bin/env bash
# Installs dependencies, builds parley and runs the whole test suite with CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "${PARLEY_SKIP_DEPS:-0}" = 1 ] || ./scripts/deps.sh
B=${PARLEY_BUILD_DIR:-build}
cmake -S . -B "$B" ${PARLEY_CMAKE_ARGS:-} >/dev/null
cmake --build "$B" -j"$(nproc)"
ctest --test-dir "$B" --output-on-failure -j"$(nproc)"
