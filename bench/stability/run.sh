#!/bin/sh
# Runs bench_stability over sizes (10^3 .. 1.6*10^6 feasible states) and
# 2..6 decision makers, REPEAT times each, and prints the median solve time
# and median peak memory as a Markdown table (docs/stability.md).
#   bench/stability/run.sh BUILD_DIR [REPEAT] [OPTIONS...]
set -eu
BIN="${1:-build}/bench/stability/bench_stability"
REPEAT="${2:-3}"
shift 2 2>/dev/null || true
SIZES="${*:-10 14 17 20 21}"
echo "| feasible states | DMs | options | solve all concepts (s, median of $REPEAT) | peak memory (MiB) |"
echo "|---:|---:|---:|---:|---:|"
for m in $SIZES; do
  for d in 2 3 4 5 6; do
    out=""
    for r in $(seq 1 "$REPEAT"); do
      out="$out$("$BIN" "$m" "$d" "$r")
"
    done
    med() { printf '%s' "$out" | awk -F'\t' -v f="$1" 'NF { print $f }' | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
    n=$(printf '%s' "$out" | awk -F'\t' 'NF { print $1; exit }')
    printf '| %s | %s | %s | %.3f | %.0f |\n' "$n" "$d" "$m" "$(med 5 | awk '{ print $1 / 1000 }')" "$(med 6)"
  done
done
