/*
 * forecast/parallel.c — a minimal parallel-for over pthreads. Work items are
 * handed out one at a time through an atomic counter (dynamic scheduling);
 * every item writes only its own outputs, so results never depend on the
 * thread count or on timing.
 */
#include "forecast/fc_internal.h"

#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

typedef struct pf_job {
    size_t n;
    atomic_size_t next;
    fc_task_fn fn;
    void *ctx;
} pf_job;

static void *worker(void *arg)
{
    pf_job *job = arg;
    for (;;) {
        size_t i = atomic_fetch_add(&job->next, 1);
        if (i >= job->n)
            break;
        job->fn(job->ctx, i);
    }
    return NULL;
}

int fc_thread_count(int requested)
{
    if (requested > 256)
        return 256;
    if (requested > 0)
        return requested;
    long c = sysconf(_SC_NPROCESSORS_ONLN);
    if (c < 1)
        c = 1;
    if (c > 256)
        c = 256;
    return (int)c;
}

void fc_parallel_for(size_t n, int threads, fc_task_fn fn, void *ctx)
{
    int t = fc_thread_count(threads);
    if ((size_t)t > n)
        t = (int)n;
    if (t <= 1) {
        for (size_t i = 0; i < n; i++)
            fn(ctx, i);
        return;
    }
    pf_job job = {.n = n, .fn = fn, .ctx = ctx};
    atomic_init(&job.next, 0);
    pthread_t tid[256];
    int started = 0;
    for (int k = 1; k < t; k++) {
        if (pthread_create(&tid[started], NULL, worker, &job) != 0)
            break;
        started++;
    }
    worker(&job);
    for (int k = 0; k < started; k++)
        pthread_join(tid[k], NULL);
}
