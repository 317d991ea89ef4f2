#!/bin/sh
# docs/report.png, the README's picture of `parley report`: the Ukraine report
# opened in headless Chromium, from "Who is on board" on (the scenario's
# tables are hidden in a scratch copy so the first screen shows charts).
#   scripts/report-screenshot.sh [BUILD_DIR] [OUT.png]
set -eu
build=${1:-build}
out=${2:-docs/report.png}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$build/src/cli/parley" report examples/ukraine-2025.yaml -o "$tmp/report.html" --quiet
sed 's|</style>|#scenario{display:none} h2{break-before:auto}</style>|' "$tmp/report.html" \
    >"$tmp/shot.html"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
    --user-data-dir="$tmp/profile" --window-size=1280,2300 --screenshot="$tmp/shot.png" \
    "file://$tmp/shot.html" 2>/dev/null
mv "$tmp/shot.png" "$out"
echo "$out"
