#!/bin/sh
# bench/negotiate/bench_private.sh — time and peak memory of one private-
# information negotiation on large outcome spaces, where each agent's
# GENIUS-sorted space (src/negotiate/genius_space.c) dominates: one markdown
# row per case, wall seconds and peak resident MB of the whole command
# (/usr/bin/time), the median of 3 runs by CPU time (user + system, which
# a loaded machine inflates less than wall time). docs/negotiate.md has the figures.
#
# usage: bench/negotiate/bench_private.sh PARLEY [REPO]   (PARLEY: the command)
set -eu
parley=$1
repo=${2:-$(dirname "$0")/../..}
echo "| case | parties | outcomes | CPU s | wall s | peak MB |"
echo "|---|---|---|---|---|---|"
row() {
    name=$1 parties=$2 outcomes=$3
    shift 3
    runs=""
    for r in 1 2 3; do
        runs="$runs$(/usr/bin/time -f "%U %S %e %M" "$parley" negotiate "$@" --format json 2>&1 >/dev/null | tail -1)
"
    done
    printf '%s' "$runs" | awk 'NF { print $1 + $2, $0 }' | sort -n | sed -n 2p |
        awk -v n="$name" -v p="$parties" -v o="$outcomes" \
            '{printf "| %s | %s | %s | %.2f | %.2f | %.0f |\n", n, p, o, $1, $4, $5 / 1024}'
}
row "ukraine-2025, 4 x conceder" 4 1.89e7 "$repo/examples/ukraine-2025.yaml" \
    --agent conceder --agent conceder --agent conceder --agent conceder
row "ukraine-2025, boa nicetft boulware linear" 4 1.89e7 "$repo/examples/ukraine-2025.yaml" \
    --agent boa --agent nicetft --agent boulware --agent linear
row "AgentHp2, 3 x conceder, 100 rounds" 3 5.76e6 "$repo/data/genius/domains/AgentHp2" \
    --agent conceder --agent conceder --agent conceder --rounds 100
