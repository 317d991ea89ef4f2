/*
 * stability/gm_parallel.c — a small parallel-for over pthreads for the
 * solvers: items 0..n-1 are handed out in chunks from an atomic counter.
 * Each item writes only its own outputs, so results never depend on the
 * number of threads or on scheduling.
 */
#include "stability/gm_parallel.h"

#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

typedef struct pf_shared {
    atomic_long next;
    long n, chunk;
    gm_parallel_fn fn;
    void *ctx;
} pf_shared;

typedef struct pf_worker {
    pf_shared *sh;
    int tid;
    pthread_t th;
} pf_worker;

static void *pf_run(void *arg)
{
    pf_worker *w = arg;
    pf_shared *sh = w->sh;
    for (;;) {
        long lo = atomic_fetch_add(&sh->next, sh->chunk);
        if (lo >= sh->n)
            break;
        long hi = lo + sh->chunk < sh->n ? lo + sh->chunk : sh->n;
        sh->fn(sh->ctx, w->tid, lo, hi);
    }
    return NULL;
}

int gm_thread_count(int requested)
{
    if (requested > 0)
        return requested > 64 ? 64 : requested;
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}

void gm_parallel_for(long n, long chunk, int nthreads, gm_parallel_fn fn, void *ctx)
{
    pf_shared sh;
    atomic_init(&sh.next, 0);
    sh.n = n;
    sh.chunk = chunk > 0 ? chunk : 1;
    sh.fn = fn;
    sh.ctx = ctx;
    if (nthreads > n / sh.chunk + 1)
        nthreads = (int)(n / sh.chunk + 1);
    if (nthreads < 1)
        nthreads = 1;
    pf_worker w[64];
    int started = 0;
    for (int t = 1; t < nthreads; t++) {
        w[t] = (pf_worker){&sh, t, 0};
        if (pthread_create(&w[t].th, NULL, pf_run, &w[t]) != 0)
            break;
        started = t;
    }
    w[0] = (pf_worker){&sh, 0, 0};
    pf_run(&w[0]);
    for (int t = 1; t <= started; t++)
        pthread_join(w[t].th, NULL);
}
