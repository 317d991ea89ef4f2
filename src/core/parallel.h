/*
 * core/parallel.h — the one parallel-for of the library (pthreads, no pool).
 *
 * Thread count, one rule for every analysis (forecast, stability, frontier
 * search, tournament): `--threads N` (N > 0) asks for N threads, 0 for one
 * per online core; either way at most PC_MAX_THREADS (256), and never more
 * threads than work items. Items are handed out from an atomic counter in
 * chunks, in any order; every item writes only its own outputs (or a per-
 * thread slot that the caller merges in a fixed order afterwards), so results
 * never depend on the thread count or on timing. If a thread cannot be
 * started, the calling thread does its share: the work still completes.
 */
#ifndef PARLEY_CORE_PARALLEL_H
#define PARLEY_CORE_PARALLEL_H

#include <stddef.h>

#define PC_MAX_THREADS 256

/* Threads to use for n_items work items: `requested` if > 0, else the online
 * cores; capped at PC_MAX_THREADS and at n_items (SIZE_MAX for no item
 * cap); at least 1. */
int parleyp_pc_thread_count(int requested, size_t n_items);

/* Runs fn(ctx, tid) once on each of `nthreads` threads (tid 0..nthreads-1;
 * tid 0 is the calling thread) and returns when all have returned. The
 * functions share out the work themselves (a parallel region). nthreads is
 * clamped to 1..PC_MAX_THREADS. */
typedef void (*pc_thread_fn)(void *ctx, int tid);
void parleyp_pc_parallel_run(int nthreads, pc_thread_fn fn, void *ctx);

/* Runs fn(ctx, tid, lo, hi) over the items 0..n-1 in chunks of `chunk`
 * (0 = 1) on pc_thread_count(threads, chunks) threads; tid is the thread
 * (0..count-1), for per-thread scratch space. */
typedef void (*pc_range_fn)(void *ctx, int tid, size_t lo, size_t hi);
void parleyp_pc_parallel_for(size_t n, size_t chunk, int threads, pc_range_fn fn, void *ctx);

/* The same, one item at a time: fn(ctx, i) for i in 0..n-1. */
typedef void (*pc_item_fn)(void *ctx, size_t i);
void parleyp_pc_parallel_items(size_t n, int threads, pc_item_fn fn, void *ctx);

#endif
