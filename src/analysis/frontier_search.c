/*
 * analysis/frontier_search.c — spaces with rules (hyper-rectangles,
 * non-additive terms): a depth-first search over the outcomes with
 * incremental utilities and pruning by utility bounds.
 *
 * 1. Values of an issue that no party and no rule condition can tell apart
 *    are one class (counted with its multiplicity): the ANAC 2014
 *    10^10-outcome domains shrink by orders of magnitude.
 * 2. Issues are visited most-constrained first; a rule is evaluated at the
 *    depth where its last issue is set, so the partial utility is exact for
 *    the issues set so far, and [partial + min, partial + max] of the rest
 *    (terms and undecided rules) bounds every completion.
 * 3. Searches: the frontier (prune a node whose upper-bound vector is weakly
 *    dominated by a point found, or below a reservation), one party's min or
 *    max, and the zone-of-agreement count (a node whose lower bounds all
 *    clear the reservations counts all its outcomes at once).
 * 4. Threads take subtrees of the first two issues from a shared counter;
 *    each subtree is searched on its own so results do not depend on the
 *    schedule. Candidate points are re-evaluated exactly (parley_space_utility)
 *    before they are kept.
 * The node budget is opt->max_outcomes; exceeding it is PARLEY_ERR_LIMIT.
 */
#include "analysis/analysis_impl.h"

#include "core/error.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef enum { S_FRONTIER, S_MIN, S_MAX, S_COUNT } search_mode;

typedef struct rule_ref {
    uint32_t party;
    const ps_rule *rule;
} rule_ref;

typedef struct plan {
    const parley_space *sp;
    size_t d, n;
    size_t *order;        /* depth -> issue                               */
    size_t *n_class;      /* [depth] classes                              */
    uint32_t **rep;       /* [depth][class] representative value          */
    double **mult;        /* [depth][class] multiplicity                  */
    double *base;         /* [d] raw utility of rules with no conditions  */
    size_t *n_at;         /* [depth] rules decided at this depth          */
    rule_ref **at;        /* [depth][k]                                   */
    double *rest_max;     /* [(n+1) * d] max raw still to come from depth */
    double *rest_min;     /* [(n+1) * d]                                  */
    double *rest_mult;    /* [n+1] outcomes below a node at this depth    */
    double *need;         /* [d] reservation, -inf when none / ignored    */
    search_mode mode;
    size_t party;         /* for S_MIN / S_MAX */
    double budget;
    atomic_long nodes;
    atomic_int over;
} plan;

typedef struct worker {
    plan *pl;
    uint32_t *o;     /* current outcome (original issue order) */
    double *raw;     /* [(n+1) * d] partial raw per depth       */
    double *u, *ub, *lb;
    pa_points cand;  /* per task archive                        */
    double best;     /* S_MIN / S_MAX                           */
    uint32_t *best_o;
    double count;
    long local_nodes;
    bool oom;
} worker;

static double scale_p(const plan *pl, size_t p, double raw)
{
    return ps_scale(&pl->sp->party[p], raw);
}

/* Is u weakly dominated by a kept point (>= everywhere)? */
static bool archive_covers(const pa_points *a, const double *u)
{
    for (size_t i = 0; i < a->n; i++) {
        const double *x = a->u + i * a->dim;
        size_t p = 0;
        while (p < a->dim && x[p] >= u[p])
            p++;
        if (p == a->dim)
            return true;
    }
    return false;
}

static void archive_add(worker *w, const double *u, const uint32_t *o)
{
    pa_points *a = &w->cand;
    size_t j = 0;
    for (size_t i = 0; i < a->n; i++) { /* drop points the new one dominates */
        const double *x = a->u + i * a->dim;
        size_t p = 0;
        while (p < a->dim && u[p] >= x[p])
            p++;
        if (p == a->dim)
            continue;
        if (j != i) {
            memmove(a->u + j * a->dim, x, a->dim * sizeof *x);
            memmove(a->o + j * a->n_issues, a->o + i * a->n_issues, a->n_issues * sizeof *a->o);
        }
        j++;
    }
    a->n = j;
    if (!pa_points_push(a, u, o))
        w->oom = true;
}

static bool rule_fires_now(const rule_ref *r, const uint32_t *o)
{
    return ps_rule_fires(r->rule, o);
}

static void visit(worker *w, size_t depth, double mult)
{
    plan *pl = w->pl;
    size_t d = pl->d;
    if (++w->local_nodes >= 4096) {
        long total = atomic_fetch_add(&pl->nodes, w->local_nodes) + w->local_nodes;
        w->local_nodes = 0;
        if ((double)total > pl->budget)
            atomic_store(&pl->over, 1);
    }
    if (atomic_load_explicit(&pl->over, memory_order_relaxed) || w->oom)
        return;
    const double *raw = w->raw + depth * d;
    if (depth == pl->n) { /* a leaf: the class representatives */
        for (size_t p = 0; p < d; p++)
            w->u[p] = scale_p(pl, p, raw[p]);
        switch (pl->mode) {
        case S_FRONTIER:
            for (size_t p = 0; p < d; p++)
                if (w->u[p] < pl->need[p] - 1e-9)
                    return;
            if (archive_covers(&w->cand, w->u))
                return;
            parley_space_utilities(pl->sp, w->o, w->u); /* exact, GENIUS order */
            for (size_t p = 0; p < d; p++)
                if (w->u[p] < pl->need[p])
                    return;
            if (!archive_covers(&w->cand, w->u))
                archive_add(w, w->u, w->o);
            return;
        case S_MIN:
        case S_MAX: {
            double x = parley_space_utility(pl->sp, pl->party, w->o);
            if (pl->mode == S_MIN ? x < w->best : x > w->best) {
                w->best = x;
                memcpy(w->best_o, w->o, pl->n * sizeof *w->o);
            }
            return;
        }
        case S_COUNT: {
            bool in = true, sure = true;
            for (size_t p = 0; p < d && in; p++) {
                in = w->u[p] >= pl->need[p] - 1e-9;
                sure = sure && (w->u[p] >= pl->need[p] + 1e-9 || isinf(pl->need[p]));
            }
            if (in && !sure) { /* near a boundary: evaluate exactly */
                parley_space_utilities(pl->sp, w->o, w->u);
                for (size_t p = 0; p < d && in; p++)
                    in = w->u[p] >= pl->need[p];
            }
            if (in)
                w->count += mult;
            return;
        }
        }
        return;
    }
    /* bounds over every completion of this node */
    const double *rmax = pl->rest_max + depth * d, *rmin = pl->rest_min + depth * d;
    for (size_t p = 0; p < d; p++) {
        w->ub[p] = scale_p(pl, p, raw[p] + rmax[p] + 1e-12);
        w->lb[p] = scale_p(pl, p, raw[p] + rmin[p] - 1e-12);
    }
    switch (pl->mode) {
    case S_FRONTIER:
        for (size_t p = 0; p < d; p++)
            if (w->ub[p] < pl->need[p] - 1e-9)
                return;
        if (depth > 0 && archive_covers(&w->cand, w->ub))
            return;
        break;
    case S_MIN:
        if (w->lb[pl->party] >= w->best)
            return;
        break;
    case S_MAX:
        if (w->ub[pl->party] <= w->best)
            return;
        break;
    case S_COUNT: {
        bool all = true;
        for (size_t p = 0; p < d; p++) {
            if (w->ub[p] < pl->need[p] - 1e-9)
                return;
            all = all && (isinf(pl->need[p]) || w->lb[p] >= pl->need[p] + 1e-9);
        }
        if (all) {
            w->count += mult * pl->rest_mult[depth];
            return;
        }
        break;
    }
    }
    size_t issue = pl->order[depth];
    double *next = w->raw + (depth + 1) * d;
    const ps_party *party = pl->sp->party;
    for (size_t c = 0; c < pl->n_class[depth]; c++) {
        uint32_t v = pl->rep[depth][c];
        w->o[issue] = v;
        for (size_t p = 0; p < d; p++)
            next[p] = raw[p] + party[p].term[pl->sp->offset[issue] + v];
        for (size_t k = 0; k < pl->n_at[depth]; k++) {
            const rule_ref *r = &pl->at[depth][k];
            if (rule_fires_now(r, w->o))
                next[r->party] += r->rule->delta;
        }
        visit(w, depth + 1, mult * pl->mult[depth][c]);
    }
}


/* ---- building the plan ---------------------------------------------------- */

static void plan_free(plan *pl)
{
    if (pl->rep)
        for (size_t k = 0; k < pl->n; k++)
            free(pl->rep[k]);
    if (pl->mult)
        for (size_t k = 0; k < pl->n; k++)
            free(pl->mult[k]);
    if (pl->at)
        for (size_t k = 0; k < pl->n; k++)
            free(pl->at[k]);
    free(pl->order);
    free(pl->n_class);
    free(pl->rep);
    free(pl->mult);
    free(pl->base);
    free(pl->n_at);
    free(pl->at);
    free(pl->rest_max);
    free(pl->rest_min);
    free(pl->rest_mult);
    free(pl->need);
}

static size_t *g_refs; /* only for the qsort below, set and used under plan_build */

static int cmp_issue(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    if (g_refs[x] != g_refs[y])
        return g_refs[x] > g_refs[y] ? -1 : 1;
    return x < y ? -1 : x > y;
}

static pthread_mutex_t g_sort_lock = PTHREAD_MUTEX_INITIALIZER;

/* Two values of `issue` are alike when every term and condition agrees. */
static bool alike(const parley_space *sp, size_t issue, uint32_t a, uint32_t b)
{
    for (size_t p = 0; p < sp->n_parties; p++) {
        const ps_party *pp = &sp->party[p];
        if (pp->term[sp->offset[issue] + a] != pp->term[sp->offset[issue] + b])
            return false;
        for (size_t r = 0; r < pp->n_rules; r++) {
            const ps_rule *ru = &pp->rules[r];
            for (uint32_t k = 0; k < ru->n_when + ru->n_unless; k++)
                if (ru->cond[k].issue == issue && ru->cond[k].allowed[a] != ru->cond[k].allowed[b])
                    return false;
        }
    }
    return true;
}

static bool plan_build(plan *pl, const parley_space *sp, const parley_analysis_options *opt)
{
    memset(pl, 0, sizeof *pl);
    size_t d = sp->n_parties, n = sp->n_issues;
    pl->sp = sp;
    pl->d = d;
    pl->n = n;
    size_t *refs = calloc(n, sizeof *refs), *pos = calloc(n, sizeof *pos);
    pl->order = malloc(n * sizeof *pl->order);
    pl->n_class = calloc(n, sizeof *pl->n_class);
    pl->rep = calloc(n, sizeof *pl->rep);
    pl->mult = calloc(n, sizeof *pl->mult);
    pl->base = calloc(d, sizeof *pl->base);
    pl->n_at = calloc(n, sizeof *pl->n_at);
    pl->at = calloc(n, sizeof *pl->at);
    pl->rest_max = calloc((n + 1) * d, sizeof *pl->rest_max);
    pl->rest_min = calloc((n + 1) * d, sizeof *pl->rest_min);
    pl->rest_mult = calloc(n + 1, sizeof *pl->rest_mult);
    pl->need = malloc(d * sizeof *pl->need);
    bool ok = refs && pos && pl->order && pl->n_class && pl->rep && pl->mult && pl->base &&
              pl->n_at && pl->at && pl->rest_max && pl->rest_min && pl->rest_mult && pl->need;
    for (size_t p = 0; ok && p < d; p++)
        for (size_t r = 0; r < sp->party[p].n_rules; r++) {
            const ps_rule *ru = &sp->party[p].rules[r];
            for (uint32_t k = 0; k < ru->n_when + ru->n_unless; k++)
                refs[ru->cond[k].issue]++;
        }
    if (ok) {
        for (size_t i = 0; i < n; i++)
            pl->order[i] = i;
        pthread_mutex_lock(&g_sort_lock);
        g_refs = refs;
        qsort(pl->order, n, sizeof *pl->order, cmp_issue);
        pthread_mutex_unlock(&g_sort_lock);
        for (size_t k = 0; k < n; k++)
            pos[pl->order[k]] = k;
    }
    /* value classes */
    for (size_t k = 0; ok && k < n; k++) {
        size_t issue = pl->order[k], nv = sp->n_values[issue];
        pl->rep[k] = malloc(nv * sizeof **pl->rep);
        pl->mult[k] = malloc(nv * sizeof **pl->mult);
        if (!pl->rep[k] || !pl->mult[k]) {
            ok = false;
            break;
        }
        for (uint32_t v = 0; v < nv; v++) {
            size_t c = 0;
            while (c < pl->n_class[k] && !alike(sp, issue, pl->rep[k][c], v))
                c++;
            if (c == pl->n_class[k]) {
                pl->rep[k][c] = v;
                pl->mult[k][c] = 0;
                pl->n_class[k]++;
            }
            pl->mult[k][c] += 1;
        }
    }
    /* rules: the depth that decides them */
    for (int pass = 0; ok && pass < 2; pass++) {
        for (size_t p = 0; p < d; p++)
            for (size_t r = 0; r < sp->party[p].n_rules; r++) {
                const ps_rule *ru = &sp->party[p].rules[r];
                uint32_t nc = ru->n_when + ru->n_unless;
                if (nc == 0) {
                    if (pass == 0)
                        pl->base[p] += ru->delta;
                    continue;
                }
                size_t deep = 0;
                for (uint32_t k = 0; k < nc; k++)
                    deep = pos[ru->cond[k].issue] > deep ? pos[ru->cond[k].issue] : deep;
                if (pass == 0)
                    pl->n_at[deep]++;
                else
                    pl->at[deep][pl->n_at[deep]++] = (rule_ref){(uint32_t)p, ru};
            }
        if (pass == 0) {
            for (size_t k = 0; k < n && ok; k++) {
                pl->at[k] = malloc((pl->n_at[k] ? pl->n_at[k] : 1) * sizeof **pl->at);
                ok = pl->at[k] != NULL;
                pl->n_at[k] = 0;
            }
        }
    }
    /* bounds of what is still to come below each depth */
    if (ok) {
        pl->rest_mult[n] = 1;
        for (size_t k = n; k-- > 0;) {
            size_t issue = pl->order[k];
            pl->rest_mult[k] = pl->rest_mult[k + 1] * (double)sp->n_values[issue];
            for (size_t p = 0; p < d; p++) {
                double hi = -HUGE_VAL, lo = HUGE_VAL;
                for (size_t c = 0; c < pl->n_class[k]; c++) {
                    double t = sp->party[p].term[sp->offset[issue] + pl->rep[k][c]];
                    hi = fmax(hi, t);
                    lo = fmin(lo, t);
                }
                double rhi = 0, rlo = 0;
                for (size_t j = 0; j < pl->n_at[k]; j++)
                    if (pl->at[k][j].party == p) {
                        rhi += fmax(0, pl->at[k][j].rule->delta);
                        rlo += fmin(0, pl->at[k][j].rule->delta);
                    }
                pl->rest_max[k * d + p] = pl->rest_max[(k + 1) * d + p] + hi + rhi;
                pl->rest_min[k * d + p] = pl->rest_min[(k + 1) * d + p] + lo + rlo;
            }
        }
        for (size_t p = 0; p < d; p++) {
            double r = sp->party[p].reservation;
            pl->need[p] = (opt->keep_irrational || isnan(r)) ? -HUGE_VAL : r;
        }
        pl->budget = opt->max_outcomes > 0 ? opt->max_outcomes : 1e10;
    }
    free(refs);
    free(pos);
    if (!ok)
        plan_free(pl);
    return ok;
}

/* ---- running it over threads -------------------------------------------- */

typedef struct shared {
    plan *pl;
    size_t n_tasks;
    atomic_size_t next;
    pthread_mutex_t lock;
    pa_points *out;   /* S_FRONTIER: every task's archive */
    double best;      /* S_MIN / S_MAX */
    double count;     /* S_COUNT: summed in task order for determinism */
    double *task_count;
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
    visit(w, levels, mult);
}

static void *thread_main(void *arg)
{
    shared *sh = arg;
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
    pa_points_init(&w.cand, pl->d, pl->n);
    if (!w.o || !w.best_o || !w.raw || !w.u || !w.ub || !w.lb)
        w.oom = true;
    for (;;) {
        size_t t = atomic_fetch_add(&sh->next, 1);
        if (t >= sh->n_tasks || w.oom || atomic_load(&pl->over))
            break;
        w.cand.n = 0;
        w.count = 0;
        w.best = pl->mode == S_MIN ? HUGE_VAL : -HUGE_VAL;
        run_task(&w, t);
        pthread_mutex_lock(&sh->lock);
        if (pl->mode == S_FRONTIER) {
            for (size_t i = 0; i < w.cand.n && !w.oom; i++)
                if (!pa_points_push(sh->out, w.cand.u + i * pl->d, w.cand.o + i * pl->n))
                    w.oom = true;
        } else if (pl->mode == S_MIN) {
            sh->best = fmin(sh->best, w.best);
        } else if (pl->mode == S_MAX) {
            sh->best = fmax(sh->best, w.best);
        } else {
            sh->task_count[t] = w.count;
        }
        pthread_mutex_unlock(&sh->lock);
    }
    atomic_fetch_add(&pl->nodes, w.local_nodes);
    if (w.oom) {
        pthread_mutex_lock(&sh->lock);
        sh->oom = true;
        pthread_mutex_unlock(&sh->lock);
    }
    pa_points_free(&w.cand);
    free(w.o);
    free(w.best_o);
    free(w.raw);
    free(w.u);
    free(w.ub);
    free(w.lb);
    return NULL;
}

static int thread_count(const parley_analysis_options *opt)
{
    if (opt->threads > 0)
        return opt->threads > 256 ? 256 : opt->threads;
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 256 ? 256 : (int)n;
}

/* Runs one search; returns PARLEY_OK, or LIMIT (budget / memory). */
static parley_status run(plan *pl, const parley_analysis_options *opt, shared *sh)
{
    sh->pl = pl;
    sh->n_tasks = pl->n_class[0] * (pl->n >= 2 ? pl->n_class[1] : 1);
    atomic_init(&sh->next, 0);
    atomic_init(&pl->nodes, 0);
    atomic_init(&pl->over, 0);
    pthread_mutex_init(&sh->lock, NULL);
    sh->oom = false;
    sh->task_count = pl->mode == S_COUNT ? calloc(sh->n_tasks, sizeof *sh->task_count) : NULL;
    if (pl->mode == S_COUNT && !sh->task_count)
        return PARLEY_ERR_LIMIT;
    int nt = thread_count(opt);
    if ((size_t)nt > sh->n_tasks)
        nt = (int)sh->n_tasks;
    pthread_t tid[256];
    int started = 0;
    for (int i = 1; i < nt; i++)
        if (pthread_create(&tid[started], NULL, thread_main, sh) == 0)
            started++;
    thread_main(sh);
    for (int i = 0; i < started; i++)
        pthread_join(tid[i], NULL);
    pthread_mutex_destroy(&sh->lock);
    if (pl->mode == S_COUNT) {
        sh->count = 0;
        for (size_t t = 0; t < sh->n_tasks; t++)
            sh->count += sh->task_count[t];
        free(sh->task_count);
    }
    if (opt->progress)
        opt->progress(opt->progress_ctx, 1.0);
    return (sh->oom || atomic_load(&pl->over)) ? PARLEY_ERR_LIMIT : PARLEY_OK;
}

parley_status pa_frontier_search(const parley_space *sp, const parley_analysis_options *opt,
                                 pa_points *ps, double *worst, double *best, parley_error *err)
{
    plan pl;
    if (!plan_build(&pl, sp, opt))
        return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
    shared sh;
    memset(&sh, 0, sizeof sh);
    pa_points_init(ps, sp->n_parties, sp->n_issues);
    sh.out = ps;
    pl.mode = S_FRONTIER;
    parley_status st = run(&pl, opt, &sh);
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
    double budget = pl.budget;
    plan_free(&pl);
    if (st)
        return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, "--max-outcomes",
                                "the search over outcomes would visit more than %.3g nodes "
                                "(raise --max-outcomes) or ran out of memory", budget);
    return PARLEY_OK;
}

double pa_zone_count(const parley_space *sp, const parley_analysis_options *opt, bool *exact)
{
    *exact = false;
    plan pl;
    parley_analysis_options o = *opt;
    o.keep_irrational = false; /* the zone is about reservations */
    if (!plan_build(&pl, sp, &o))
        return -1;
    shared sh;
    memset(&sh, 0, sizeof sh);
    pl.mode = S_COUNT;
    parley_status st = run(&pl, opt, &sh);
    plan_free(&pl);
    if (st)
        return -1;
    *exact = true;
    return sh.count;
}
