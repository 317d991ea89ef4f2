#!/bin/sh
# bench/mpi.sh — parley across processes (docs/cluster.md): units (Monte Carlo
# runs, negotiations, DEU issues) per second with one process and with 2 under
# mpirun, one thread each, and the parallel efficiency
#   E = (rate with 2 processes) / (2 x rate with 1 process).
# One markdown row per workload: wall seconds (median of REPEAT) of the plain
# command, of mpirun -np 1 (what MPI start-up and the gather add) and of
# mpirun -np 2, and the load average before the row (the machine may be
# shared: a load above the core count makes the 2-process figure an upper
# bound). Every output under mpirun is checked against the plain one, byte
# for byte.
#
# usage: bench/mpi.sh PARLEY [REPO] [REPEAT]   (PARLEY: the command built with MPI)
set -eu
parley=$(readlink -f "$1")
repo=$(readlink -f "${2:-$(dirname "$0")/..}")
repeat=${3:-3}
mpirun=${MPIRUN:-mpirun}
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# median wall seconds of REPEAT runs of "$@", output into $tmp/out.$tag
wall() {
    tag=$1
    shift
    for r in $(seq 1 "$repeat"); do
        /usr/bin/time -f "%e" -o "$tmp/t" "$@" -o "$tmp/out.$tag" 2>/dev/null
        cat "$tmp/t"
    done | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

echo "| workload | units | 1 process | mpirun -np 1 | mpirun -np 2 | units/s, 1 → 2 processes | efficiency | load |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
row() {
    name=$1 units=$2
    shift 2
    load=$(cut -d' ' -f1 /proc/loadavg)
    t0=$(wall plain "$parley" "$@" --threads 1 --quiet)
    t1=$(wall np1 "$mpirun" -np 1 "$parley" "$@" --threads 1 --quiet)
    t2=$(wall np2 "$mpirun" --oversubscribe -np 2 "$parley" "$@" --threads 1 --quiet)
    cmp -s "$tmp/out.plain" "$tmp/out.np1" && cmp -s "$tmp/out.plain" "$tmp/out.np2" ||
        { echo "bench/mpi.sh: $name: the outputs differ" >&2; exit 1; }
    awk -v n="$name" -v u="$units" -v a="$t0" -v b="$t1" -v c="$t2" -v l="$load" 'BEGIN {
        r1 = u / a; r2 = u / c
        printf "| %s | %s | %.2f s | %.2f s | %.2f s | %.0f → %.0f | %.0f%% | %s |\n",
            n, u, a, b, c, r1, r2, 100 * r2 / (2 * r1), l }'
}
row "forecast --runs, KTAB 80 actors (dummyData-a080)" 120 \
    forecast --ktab "$repo/data/forecast/ktab/dummyData-a080.csv" --runs 120 --seed 1 --format csv
row "forecast --runs, ukraine-2025.yaml (4 parties, 7 dims)" 100000 \
    forecast "$repo/examples/ukraine-2025.yaml" --runs 100000 --seed 1 --format json
row "tournament, Laptop, 7 strategies x 3000 reps" 147000 \
    tournament "$repo/data/genius/domains/Laptop" \
    --agents boulware,conceder,linear,hardliner,boa,nicetft,random --reps 3000 --seed 1 --format json
# the four models, each issue once per model
row "forecast --deu, 4 models (DEU III issues x 4)" \
    "$("$parley" forecast --deu "$repo/data/forecast/deu/deu3.csv" --format csv | awk -F, 'NR > 1 { n += $2 } END { print n }')" \
    forecast --deu "$repo/data/forecast/deu/deu3.csv" --format csv
