#!/bin/sh
# bench/mpi.sh — parley across processes (docs/cluster.md): units (Monte Carlo
# runs of forecast and score, negotiations, DEU issues) per second with one process and with 2 under
# mpirun, one thread each, and the parallel efficiency
#   E = (rate with 2 processes) / (2 x rate with 1 process).
# One markdown row per workload (medians of REPEAT): the wall time of the plain
# command and of mpirun -np 2, the rates and E from them; then the CPU time
# (user + system) of the plain command and of the busiest rank under mpirun
# (each rank timed by /usr/bin/time), and E from those,
#   E_cpu = CPU of 1 process / (2 x CPU of the busiest rank),
# what E would be on two otherwise idle cores (on a shared, loaded machine the
# wall times mostly measure the other jobs); and the load average. Every output
# under mpirun is checked against the plain one, byte for byte.
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

med() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# REPEAT runs of "$@" (output into $tmp/out.$tag); "wall cpu" medians, cpu the
# busiest rank's (each rank under /usr/bin/time -o $tmp/cpu.RANK)
measure() {
    tag=$1
    shift
    : >"$tmp/walls"
    : >"$tmp/cpus"
    for r in $(seq 1 "$repeat"); do
        rm -f "$tmp"/cpu.*
        start=$(date +%s.%N)
        "$@" -o "$tmp/out.$tag" 2>/dev/null
        end=$(date +%s.%N)
        echo "$start $end" | awk '{ print $2 - $1 }' >>"$tmp/walls"
        cat "$tmp"/cpu.* | awk '{ c = $1 + $2; if (c > m) m = c } END { print m }' >>"$tmp/cpus"
    done
    echo "$(med <"$tmp/walls") $(med <"$tmp/cpus")"
}

echo "| workload | units | wall, 1 process → 2 | units/s, 1 → 2 | E (wall) | CPU, 1 process → busiest of 2 | E (CPU) | load |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
row() {
    name=$1 units=$2
    shift 2
    load=$(cut -d' ' -f1 /proc/loadavg)
    one=$(measure plain /usr/bin/time -f "%U %S" -o "$tmp/cpu.0" "$parley" "$@" --threads 1 --quiet)
    two=$(measure np2 "$mpirun" --oversubscribe -np 2 sh -c \
        'exec /usr/bin/time -f "%U %S" -o "$0/cpu.$OMPI_COMM_WORLD_RANK" "$@"' "$tmp" \
        "$parley" "$@" --threads 1 --quiet)
    cmp -s "$tmp/out.plain" "$tmp/out.np2" ||
        { echo "bench/mpi.sh: $name: the outputs differ" >&2; exit 1; }
    echo "$one $two" | awk -v n="$name" -v u="$units" -v l="$load" '{
        r1 = u / $1; r2 = u / $3
        printf "| %s | %s | %.2f s → %.2f s | %.0f → %.0f | %.0f%% | %.2f s → %.2f s | %.0f%% | %s |\n",
            n, u, $1, $3, r1, r2, 100 * r2 / (2 * r1), $2, $4, 100 * $2 / (2 * $4), l }'
}
row "forecast --runs, KTAB 80 actors (dummyData-a080)" 120 \
    forecast --ktab "$repo/data/forecast/ktab/dummyData-a080.csv" --runs 120 --seed 1 --format csv
row "forecast --runs, ukraine-2025.yaml (4 parties, 7 dims)" 100000 \
    forecast "$repo/examples/ukraine-2025.yaml" --runs 100000 --seed 1 --format json
row "tournament, Laptop, 7 strategies x 3000 reps" 147000 \
    tournament "$repo/data/genius/domains/Laptop" \
    --agents boulware,conceder,linear,hardliner,boa,nicetft,random --reps 3000 --seed 1 --format json
row "score --runs, ukraine-2025.yaml (4 parties)" 300000 \
    score "$repo/examples/ukraine-2025.yaml" --runs 300000 --seed 1 --format json
# the four models, each issue once per model
row "forecast --deu, 4 models (DEU III issues x 4)" \
    "$("$parley" forecast --deu "$repo/data/forecast/deu/deu3.csv" --format csv | awk -F, 'NR > 1 { n += $2 } END { print n }')" \
    forecast --deu "$repo/data/forecast/deu/deu3.csv" --format csv
