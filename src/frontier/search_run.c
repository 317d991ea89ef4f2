/*
 * frontier/search_run.c — runs the bounded search (frontier_search.c) over
 * threads. Tasks are the subtrees of the first two issues in search order.
 * For the frontier, tasks run in waves of growing size; every task of a
 * wave starts from the points found by all earlier waves (a deterministic
 * set), so pruning improves as the search goes while the result does not
 * depend on the thread count or schedule: equal vectors keep the outcome
 * found first within a task, and across tasks the smallest outcome.
 * Min / max / count searches run all tasks at once and combine per task.
 */
#include "frontier/frontier_search.h"

#include "core/error.h"
#include "core/parallel.h"

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct shared {
    plan *pl;
    size_t n_tasks;
    size_t wave_end; /* tasks [next, wave_end) are in this wave */
    atomic_size_t next;
    pthread_mutex_t lock;
    pa_points seed;      /* S_FRONTIER: points of the earlier waves        */
    pa_dom seed_dom;     /* their vectors, for dominance queries           */
    pa_points *task_out; /* S_FRONTIER: [n_tasks] each task's archive   */
    double best;         /* S_MIN / S_MAX */
    double count;        /* S_COUNT: summed in task order for determinism */
    double *task_count;
    const parley_analysis_options *opt;
    atomic_size_t done; /* tasks finished, for progress */
    bool oom;
} shared;

static void run_task(worker *w, size_t t)
{
    plan *pl = w->pl;
    size_t d = pl->d;
    size_t c1n = pl->n >= 2 ? pl->n_class[1] : 1;
    size_t cs[2] = {t / c1n, t % c1n};
    size_t levels = pl->n >= 2 ? 2 : 1;
    double mult = 1;
    memcpy(w->raw, pl->base, d * sizeof *w->raw);
    for (size_t k = 0; k < levels; k++) {
        size_t issue = pl->order[k];
        uint32_t v = pl->rep[k][cs[k]];
        w->o[issue] = v;
        mult *= pl->mult[k][cs[k]];
        for (size_t p = 0; p < d; p++)
            w->raw[(k + 1) * d + p] =
                w->raw[k * d + p] + pl->sp->party[p].term[pl->sp->offset[issue] + v];
        for (size_t j = 0; j < pl->n_at[k]; j++)
            if (ps_rule_fires(pl->at[k][j].rule, w->o))
                w->raw[(k + 1) * d + pl->at[k][j].party] += pl->at[k][j].rule->delta;
    }
    parleyp_visit(w, levels, mult);
}

static void thread_body(shared *sh, bool main_thread)
{
    plan *pl = sh->pl;
    worker w;
    memset(&w, 0, sizeof w);
    w.pl = pl;
    w.o = calloc(pl->n, sizeof *w.o);
    w.best_o = calloc(pl->n, sizeof *w.best_o);
    w.raw = calloc((pl->n + 1) * pl->d, sizeof *w.raw);
    w.u = malloc(pl->d * sizeof *w.u);
    w.ub = malloc(pl->d * sizeof *w.ub);
    w.lb = malloc(pl->d * sizeof *w.lb);
    parleyp_pa_points_init(&w.cand, pl->d, pl->n);
    parleyp_pa_dom_init(&w.dom, pl->d);
    w.seed = &sh->seed_dom;
    w.last = malloc(pl->d * sizeof *w.last);
    if (!w.o || !w.best_o || !w.raw || !w.u || !w.ub || !w.lb || !w.last)
        w.oom = true;
    for (;;) {
        size_t t = atomic_fetch_add(&sh->next, 1);
        if (t >= sh->wave_end || w.oom || atomic_load(&pl->over))
            break;
        w.count = 0;
        w.best = pl->mode == S_MIN ? HUGE_VAL : -HUGE_VAL;
        w.has_last = false;
        run_task(&w, t);
        pthread_mutex_lock(&sh->lock);
        if (pl->mode == S_MIN) {
            sh->best = fmin(sh->best, w.best);
        } else if (pl->mode == S_MAX) {
            sh->best = fmax(sh->best, w.best);
        } else if (pl->mode == S_COUNT) {
            sh->task_count[t] = w.count;
        } else {
            sh->task_out[t] = w.cand; /* hand the points over */
            parleyp_pa_points_init(&w.cand, pl->d, pl->n);
            parleyp_pa_dom_clear(&w.dom);
        }
        pthread_mutex_unlock(&sh->lock);
        size_t done = atomic_fetch_add(&sh->done, 1) + 1;
        if (main_thread && sh->opt->progress)
            sh->opt->progress(sh->opt->progress_ctx, (double)done / (double)sh->n_tasks);
    }
    atomic_fetch_add(&pl->nodes, w.local_nodes);
    if (w.oom) {
        pthread_mutex_lock(&sh->lock);
        sh->oom = true;
        pthread_mutex_unlock(&sh->lock);
    }
    parleyp_pa_points_free(&w.cand);
    parleyp_pa_dom_free(&w.dom);
    free(w.last);
    free(w.o);
    free(w.best_o);
    free(w.raw);
    free(w.u);
    free(w.ub);
    free(w.lb);
}

static void wave_member(void *arg, int tid)
{
    thread_body(arg, tid == 0);
}

/* Runs one search; returns PARLEY_OK, or LIMIT (budget / memory). For the
 * frontier, the points end in sh->seed. */
static parley_status run(plan *pl, const parley_analysis_options *opt, shared *sh)
{
    sh->pl = pl;
    sh->opt = opt;
    sh->n_tasks = pl->n_class[0] * (pl->n >= 2 ? pl->n_class[1] : 1);
    atomic_init(&sh->done, 0);
    atomic_init(&sh->next, 0);
    atomic_init(&pl->nodes, 0);
    atomic_init(&pl->over, 0);
    pthread_mutex_init(&sh->lock, NULL);
    sh->oom = false;
    int nt = parleyp_pc_thread_count(opt->threads, SIZE_MAX);
    if (pl->mode != S_FRONTIER) {
        sh->task_count = calloc(sh->n_tasks, sizeof *sh->task_count);
        if (!sh->task_count) {
            pthread_mutex_destroy(&sh->lock);
            return PARLEY_ERR_LIMIT;
        }
        sh->wave_end = sh->n_tasks;
        parleyp_pc_parallel_run(parleyp_pc_thread_count(nt, sh->n_tasks), wave_member, sh);
        sh->count = 0;
        for (size_t t = 0; t < sh->n_tasks; t++)
            sh->count += sh->task_count[t];
        free(sh->task_count);
        sh->task_count = NULL;
    } else {
        parleyp_pa_points_init(&sh->seed, pl->d, pl->n);
        parleyp_pa_dom_init(&sh->seed_dom, pl->d);
        sh->task_out = calloc(sh->n_tasks, sizeof *sh->task_out);
        if (!sh->task_out)
            sh->oom = true;
        size_t start = 0, wave = 1;
        while (start < sh->n_tasks && !sh->oom && !atomic_load(&pl->over)) {
            size_t end = start + wave < sh->n_tasks ? start + wave : sh->n_tasks;
            atomic_store(&sh->next, start);
            sh->wave_end = end;
            parleyp_pc_parallel_run(parleyp_pc_thread_count(nt, end - start), wave_member, sh);
            for (size_t t = start; t < end; t++) {
                pa_points *o = &sh->task_out[t];
                for (size_t i = 0; i < o->n && !sh->oom; i++)
                    if (!parleyp_pa_points_push(&sh->seed, o->u + i * o->dim,
                                                o->o + i * o->n_issues))
                        sh->oom = true;
                parleyp_pa_points_free(o);
            }
            if (!sh->oom && !parleyp_pa_points_filter(&sh->seed))
                sh->oom = true;
            if (!sh->oom && !parleyp_pa_dom_set(&sh->seed_dom, sh->seed.u, sh->seed.n))
                sh->oom = true;
            if (opt->progress)
                opt->progress(opt->progress_ctx, (double)end / (double)sh->n_tasks);
            start = end;
            wave = wave < 64 ? 2 * wave : wave;
        }
        if (sh->task_out)
            for (size_t t = 0; t < sh->n_tasks; t++)
                parleyp_pa_points_free(&sh->task_out[t]);
        free(sh->task_out);
        sh->task_out = NULL;
        parleyp_pa_dom_free(&sh->seed_dom);
    }
    pthread_mutex_destroy(&sh->lock);
    if ((double)atomic_load(&pl->nodes) > pl->budget)
        atomic_store(&pl->over, 1);
    if (opt->progress)
        opt->progress(opt->progress_ctx, 1.0);
    return (sh->oom || atomic_load(&pl->over)) ? PARLEY_ERR_LIMIT : PARLEY_OK;
}

parley_status parleyp_pa_frontier_search(const parley_space *sp, const parley_analysis_options *opt,
                                         pa_points *ps, double *worst, double *best,
                                         parley_error *err)
{
    plan pl;
    if (!parleyp_plan_build(&pl, sp, opt))
        return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
    shared sh;
    memset(&sh, 0, sizeof sh);
    parleyp_pa_points_init(ps, sp->n_parties, sp->n_issues);
    pl.mode = S_FRONTIER;
    parley_status st = run(&pl, opt, &sh);
    *ps = sh.seed; /* the points found (freed by the caller) */
    for (size_t p = 0; p < sp->n_parties && st == PARLEY_OK; p++) {
        pl.party = p;
        if (worst) {
            pl.mode = S_MIN;
            sh.best = HUGE_VAL;
            st = run(&pl, opt, &sh);
            worst[p] = sh.best;
        }
        if (best && st == PARLEY_OK) {
            pl.mode = S_MAX;
            sh.best = -HUGE_VAL;
            st = run(&pl, opt, &sh);
            best[p] = sh.best;
        }
    }
    double budget = pl.budget, unpruned = pl.worst_nodes;
    size_t deep = pl.has_suffix ? pl.k_suffix : pl.n;
    parleyp_plan_free(&pl);
    if (st == PARLEY_ERR_LIMIT && sh.oom)
        return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL,
                                "out of memory in the frontier search");
    if (st)
        return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, "--max-outcomes",
                                "the frontier search stopped at its limit of %.3g nodes "
                                "(--max-outcomes, default %.0e: about 2 s of CPU); without "
                                "pruning it could visit %.3g nodes (rules over %zu issues); "
                                "raise --max-outcomes to search further",
                                budget, PA_SEARCH_NODES, unpruned, deep);
    return PARLEY_OK;
}

double parleyp_pa_zone_count(const parley_space *sp, const parley_analysis_options *opt,
                             bool *exact)
{
    *exact = false;
    plan pl;
    parley_analysis_options o = *opt;
    o.keep_irrational = false; /* the zone is about reservations */
    if (!parleyp_plan_build(&pl, sp, &o))
        return -1;
    shared sh;
    memset(&sh, 0, sizeof sh);
    pl.mode = S_COUNT;
    parley_status st = run(&pl, opt, &sh);
    parleyp_plan_free(&pl);
    if (st)
        return -1;
    *exact = true;
    return sh.count;
}
