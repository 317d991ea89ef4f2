#!/usr/bin/env bash
# Builds the libFuzzer harnesses (fuzz/, docs/fuzzing.md) with clang in
# build-fuzz, replays every seed corpus and regression input, then fuzzes
# each reader for PARLEY_FUZZ_SECONDS (default 30) seconds.
#
#   PARLEY_FUZZ_SECONDS=N   time per reader (0: replay only)
#   PARLEY_FUZZ_READERS="scenario deu"   only these readers (default: all)
#   PARLEY_FUZZ_JOBS=N      build jobs (default: nproc)
#   PARLEY_SKIP_DEPS=1      do not install packages
#
# New inputs the fuzzer finds go to build-fuzz/corpus/<reader> (not the
# repository); a crash, leak, sanitizer report, timeout (10 s) or memory
# blow-up (2 GiB) stops the run with the reproducer in build-fuzz/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${PARLEY_SKIP_DEPS:-0}" != 1 ]; then
  ./scripts/deps.sh
  # clang 14 and its libFuzzer/sanitizer runtimes (Debian 12)
  missing=""
  for p in clang libclang-rt-14-dev; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
  if [ -n "$missing" ]; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends $missing
  fi
fi
B=build-fuzz
SECONDS_EACH=${PARLEY_FUZZ_SECONDS:-30}
READERS=${PARLEY_FUZZ_READERS:-"scenario conflict_yaml conflict_json genius ktab_csv ktab_xml deu"}
CC=clang cmake -S . -B "$B" -DPARLEY_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$B" -j"${PARLEY_FUZZ_JOBS:-$(nproc)}" --target fuzz_all
mkdir -p "$B/artifacts"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/fuzz/lsan.supp}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
COMMON=(-timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=2048 -print_final_stats=0
        -artifact_prefix="$B/artifacts/")
for r in $READERS; do
  bin="$B/fuzz/fuzz_$r"
  echo "== $r: replay $(find "fuzz/corpus/$r" "fuzz/regressions/$r" -type f | wc -l) inputs =="
  # each file once: a crash or hang in any of them fails
  find "fuzz/corpus/$r" "fuzz/regressions/$r" -type f -print0 |
    xargs -0 -r "$bin" "${COMMON[@]}" -runs=1 >"$B/replay-$r.log" 2>&1 ||
    { tail -40 "$B/replay-$r.log"; echo "fuzz.sh: $r: a stored input fails"; exit 1; }
  if [ "$SECONDS_EACH" -gt 0 ]; then
    echo "== $r: fuzz for $SECONDS_EACH s =="
    mkdir -p "$B/corpus/$r"
    "$bin" "${COMMON[@]}" -max_total_time="$SECONDS_EACH" -dict="fuzz/dict/$r.dict" \
      "$B/corpus/$r" "fuzz/corpus/$r" "fuzz/regressions/$r" >"$B/fuzz-$r.log" 2>&1 ||
      { tail -60 "$B/fuzz-$r.log"; echo "fuzz.sh: $r: the fuzzer found a failure (see $B/artifacts/)"; exit 1; }
    grep -E "^#[0-9]+[[:space:]]+DONE" "$B/fuzz-$r.log" | tail -1 || true
  fi
done
echo "fuzz.sh: all readers pass"
