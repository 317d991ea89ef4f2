/*
 * core/parallel.c — the parallel-for (see parallel.h for the thread rule).
 */
#include "core/parallel.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <unistd.h>

int parleyp_pc_thread_count(int requested, size_t n_items)
{
    long t = requested;
    if (t <= 0) {
        t = sysconf(_SC_NPROCESSORS_ONLN);
        if (t < 1)
            t = 1;
    }
    if (t > PC_MAX_THREADS)
        t = PC_MAX_THREADS;
    if ((size_t)t > n_items)
        t = n_items > 0 ? (long)n_items : 1;
    return (int)t;
}

typedef struct pc_region {
    pc_thread_fn fn;
    void *ctx;
} pc_region;

typedef struct pc_member {
    const pc_region *r;
    int tid;
    pthread_t th;
} pc_member;

static void *member_main(void *arg)
{
    pc_member *m = arg;
    m->r->fn(m->r->ctx, m->tid);
    return NULL;
}

void parleyp_pc_parallel_run(int nthreads, pc_thread_fn fn, void *ctx)
{
    if (nthreads > PC_MAX_THREADS)
        nthreads = PC_MAX_THREADS;
    pc_region r = {fn, ctx};
    pc_member m[PC_MAX_THREADS];
    int started = 0;
    /* Threads that fail to start leave their tid unused: the others (and
     * the caller, tid 0) take the items from the shared counter. */
    for (int t = 1; t < nthreads; t++) {
        m[started + 1] = (pc_member){&r, started + 1, 0};
        if (pthread_create(&m[started + 1].th, NULL, member_main, &m[started + 1]) != 0)
            break;
        started++;
    }
    fn(ctx, 0);
    for (int t = 1; t <= started; t++)
        pthread_join(m[t].th, NULL);
}

typedef struct pc_loop {
    atomic_size_t next;
    size_t n, chunk;
    pc_range_fn fn;
    void *ctx;
} pc_loop;

static void loop_body(void *arg, int tid)
{
    pc_loop *l = arg;
    for (;;) {
        size_t lo = atomic_fetch_add(&l->next, l->chunk);
        if (lo >= l->n)
            break;
        size_t hi = l->n - lo > l->chunk ? lo + l->chunk : l->n;
        l->fn(l->ctx, tid, lo, hi);
    }
}

void parleyp_pc_parallel_for(size_t n, size_t chunk, int threads, pc_range_fn fn, void *ctx)
{
    if (chunk == 0)
        chunk = 1;
    int t = parleyp_pc_thread_count(threads, n / chunk + (n % chunk != 0));
    if (t <= 1) {
        for (size_t lo = 0; lo < n; lo += chunk)
            fn(ctx, 0, lo, n - lo > chunk ? lo + chunk : n);
        return;
    }
    pc_loop l = {.n = n, .chunk = chunk, .fn = fn, .ctx = ctx};
    atomic_init(&l.next, 0);
    parleyp_pc_parallel_run(t, loop_body, &l);
}

typedef struct pc_items {
    pc_item_fn fn;
    void *ctx;
} pc_items;

static void items_range(void *arg, int tid, size_t lo, size_t hi)
{
    const pc_items *it = arg;
    (void)tid;
    for (size_t i = lo; i < hi; i++)
        it->fn(it->ctx, i);
}

void parleyp_pc_parallel_items(size_t n, int threads, pc_item_fn fn, void *ctx)
{
    pc_items it = {fn, ctx};
    parleyp_pc_parallel_for(n, 1, threads, items_range, &it);
}
