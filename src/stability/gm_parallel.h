/*
 * stability/gm_parallel.h — parallel-for over pthreads (gm_parallel.c).
 */
#ifndef PARLEY_STABILITY_GM_PARALLEL_H
#define PARLEY_STABILITY_GM_PARALLEL_H

/* Called with items [lo, hi) on thread `tid` (0..nthreads-1). */
typedef void (*gm_parallel_fn)(void *ctx, int tid, long lo, long hi);

/* Number of threads to use: `requested` if > 0, else the online cores. */
int gm_thread_count(int requested);
/* Runs fn over 0..n-1 in chunks on up to nthreads threads; returns when all
 * items are done. If threads cannot be started, the caller's thread does
 * all the work. */
void gm_parallel_for(long n, long chunk, int nthreads, gm_parallel_fn fn, void *ctx);

#endif
