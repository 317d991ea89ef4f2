#!/usr/bin/env bash
# Installs dependencies, builds parley and scores the bundled Ukraine scenario.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/deps.sh
cmake -S . -B build >/dev/null
cmake --build build -j"$(nproc)" --target parley_cli
./build/src/cli/parley score examples/ukraine-2025.yaml "$@"
