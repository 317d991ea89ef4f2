/*
 * negotiate/tournament.c — every assignment of strategies to parties,
 * repeated, in parallel, with per-strategy scores.
 *
 * Assignment a gives party p strategy (a / k^p) mod k (k strategies), so
 * there are k^n assignments (with 2 parties: every ordered pairing,
 * self-play included). Negotiation j = a·reps + r is seeded from
 * (seed, a, r) alone and writes only its own slot of the result; threads take
 * negotiations from an atomic counter, and scores are summed afterwards in
 * the order of j. The result is therefore the same for any thread count,
 * and for any split into parts (negotiations [first, first + count), e.g.
 * one per process under mpirun) merged afterwards.
 */
#include "negotiate/nego_impl.h"

#include "core/error.h"
#include "core/parallel.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void parley_tournament_options_init(parley_tournament_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->reps = 1;
    opt->steps = 200;
    opt->threads = 0;
    opt->seed = 0;
    opt->max_negotiations = 1e7;
}

uint64_t parley_tournament_seed(uint64_t seed, size_t assignment, size_t rep)
{
    return parleyp_nego_mix(parleyp_nego_mix(parleyp_nego_mix(seed) ^ (uint64_t)assignment) ^
                            (uint64_t)rep);
}

size_t parley_tournament_strategy(const parley_tournament_result *res, size_t assignment,
                                  size_t party)
{
    size_t a = assignment;
    for (size_t p = 0; p < party; p++)
        a /= res->n_strategies;
    return a % res->n_strategies;
}

parley_status parley_tournament_versus(const parley_tournament_result *res, double *m,
                                       parley_error *err)
{
    size_t k = res->n_strategies;
    if (res->n_parties != 2)
        return parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, "n_parties",
                                "the versus matrix needs two parties, not %zu", res->n_parties);
    size_t *count = calloc(k > 0 ? k * k : 1, sizeof *count);
    if (!count)
        return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
    for (size_t c = 0; c < k * k; c++)
        m[c] = 0;
    for (size_t r = 0; r < res->n_runs; r++) {
        size_t a = res->runs[r].assignment;
        size_t s0 = parley_tournament_strategy(res, a, 0),
               s1 = parley_tournament_strategy(res, a, 1);
        m[s0 * k + s1] += res->payoff[r * 2];
        count[s0 * k + s1]++;
        m[s1 * k + s0] += res->payoff[r * 2 + 1];
        count[s1 * k + s0]++;
    }
    for (size_t c = 0; c < k * k; c++)
        m[c] = count[c] ? m[c] / (double)count[c] : (double)NAN;
    free(count);
    return PARLEY_OK;
}

void parley_tournament_result_free(parley_tournament_result *res)
{
    if (!res)
        return;
    free(res->scores);
    free(res->runs);
    free(res->payoff);
    free(res);
}

typedef struct shared_work {
    const parley_nego_domain *dom;
    const parley_agent_spec *strategies;
    const parley_tournament_options *opt;
    parley_tournament_result *res;
    atomic_size_t next;
    atomic_int failed;
    parley_error first_err; /* written by the thread that sets failed */
} shared_work;

/* Negotiation j of the whole tournament into slot j - res->first. */
static void run_one(shared_work *w, size_t j, parley_agent_spec *specs)
{
    parley_tournament_result *res = w->res;
    size_t a = j / res->reps, r = j % res->reps, d = res->n_parties, slot = j - res->first;
    for (size_t p = 0; p < d; p++)
        specs[p] = w->strategies[parley_tournament_strategy(res, a, p)];
    parley_negotiate_options o;
    parley_negotiate_options_init(&o);
    o.steps = w->opt->steps;
    o.seed = parley_tournament_seed(w->opt->seed, a, r);
    o.keep_trace = false;
    o.information = w->opt->information;
    o.rounds = w->opt->rounds;
    parley_error err;
    parley_negotiation_result *nr = parley_negotiate_run(w->dom, specs, &o, &err);
    if (!nr) {
        int expected = 0;
        if (atomic_compare_exchange_strong(&w->failed, &expected, 1))
            w->first_err = err;
        return;
    }
    res->runs[slot] = (parley_tournament_run){.assignment = a,
                                              .rep = r,
                                              .agreed = nr->agreed,
                                              .steps = nr->steps,
                                              .time = nr->time,
                                              .welfare = nr->welfare,
                                              .dist_nash = nr->dist_nash,
                                              .dist_frontier = nr->dist_frontier,
                                              .dist_kalai = nr->dist_kalai};
    memcpy(res->payoff + slot * d, nr->payoff, d * sizeof *nr->payoff);
    parley_negotiation_result_free(nr);
}

static void worker(void *arg, int tid)
{
    shared_work *w = arg;
    (void)tid;
    parley_agent_spec *specs = calloc(w->res->n_parties, sizeof *specs);
    if (!specs) {
        atomic_store(&w->failed, 2);
        return;
    }
    for (;;) {
        if (atomic_load(&w->failed))
            break;
        size_t k = atomic_fetch_add(&w->next, 1);
        if (k >= w->res->n_runs)
            break;
        run_one(w, w->res->first + k, specs);
    }
    free(specs);
}

/* Sums the scores in negotiation order (deterministic). */
static void score(const parley_nego_domain *dom, parley_tournament_result *res)
{
    size_t k = res->n_strategies, d = res->n_parties;
    size_t agreed_total = 0;
    for (size_t j = 0; j < res->n_runs; j++) {
        const parley_tournament_run *run = &res->runs[j];
        agreed_total += run->agreed;
        for (size_t p = 0; p < d; p++) {
            parley_strategy_score *s =
                &res->scores[parley_tournament_strategy(res, run->assignment, p)];
            double x = res->payoff[j * d + p];
            s->plays++;
            s->mean_utility += x;
            s->mean_advantage += x - dom->walk_away[p];
            s->agreement_rate += run->agreed ? 1.0 : 0.0;
            s->mean_welfare += run->welfare;
            s->mean_dist_nash += run->dist_nash;
            s->mean_dist_frontier += run->dist_frontier;
            s->mean_dist_kalai += run->dist_kalai;
            s->mean_time += run->time;
        }
    }
    for (size_t i = 0; i < k; i++) {
        parley_strategy_score *s = &res->scores[i];
        double n = s->plays ? (double)s->plays : (double)NAN;
        s->mean_utility /= n;
        s->mean_advantage /= n;
        s->agreement_rate /= n;
        s->mean_welfare /= n;
        s->mean_dist_nash /= n;
        s->mean_dist_frontier /= n;
        s->mean_dist_kalai /= n;
        s->mean_time /= n;
    }
    res->agreement_rate = res->n_runs ? (double)agreed_total / (double)res->n_runs : (double)NAN;
}

static void options_or_default(const parley_tournament_options *opt, parley_tournament_options *o)
{
    if (opt)
        *o = *opt;
    else
        parley_tournament_options_init(o);
    if (o->max_negotiations <= 0)
        o->max_negotiations = 1e7;
}

parley_status parley_tournament_size(const parley_nego_domain *dom, size_t n_strategies,
                                     const parley_tournament_options *opt, size_t *n_negotiations,
                                     parley_error *err)
{
    parley_tournament_options o;
    options_or_default(opt, &o);
    if (n_strategies == 0 || o.reps == 0 || (o.steps == 0 && o.rounds == 0))
        return parley_error_set(
            err, PARLEY_ERR_INPUT, NULL, 0, 0, n_strategies ? "reps" : "agents",
            "a tournament needs at least one strategy, one repetition and one step");
    size_t d = dom->n_parties;
    double total = pow((double)n_strategies, (double)d) * (double)o.reps;
    if (total > o.max_negotiations)
        return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, "reps",
                                "%zu strategies, %zu parties and %zu repetitions make %.3g "
                                "negotiations, over the limit of %.3g",
                                n_strategies, d, o.reps, total, o.max_negotiations);
    *n_negotiations = (size_t)total;
    return PARLEY_OK;
}

parley_tournament_result *parley_tournament_part_new(const parley_nego_domain *dom,
                                                     size_t n_strategies,
                                                     const parley_tournament_options *opt,
                                                     size_t first, size_t count, parley_error *err)
{
    parley_tournament_options o;
    options_or_default(opt, &o);
    size_t total = 0;
    if (parley_tournament_size(dom, n_strategies, &o, &total, err) != PARLEY_OK)
        return NULL;
    if (first > total || count > total - first) {
        parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, "runs",
                         "negotiations %zu to %zu asked of a tournament of %zu", first,
                         first + count, total);
        return NULL;
    }
    size_t d = dom->n_parties;
    parley_tournament_result *res = calloc(1, sizeof *res);
    if (!res)
        goto oom;
    res->n_strategies = n_strategies;
    res->n_parties = d;
    res->reps = o.reps;
    res->n_assignments = total / o.reps;
    res->first = first;
    res->n_runs = count;
    /* + 1: a part may be empty (more processes than negotiations) */
    res->scores = calloc(n_strategies, sizeof *res->scores);
    res->runs = calloc(count + 1, sizeof *res->runs);
    res->payoff = calloc(count * d + 1, sizeof *res->payoff);
    if (!res->scores || !res->runs || !res->payoff)
        goto oom;
    return res;
oom:
    parley_tournament_result_free(res);
    parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
    return NULL;
}

parley_tournament_result *parley_tournament_run_part(const parley_nego_domain *dom,
                                                     const parley_agent_spec *strategies,
                                                     size_t n_strategies,
                                                     const parley_tournament_options *opt,
                                                     size_t first, size_t count, parley_error *err)
{
    parley_tournament_options o;
    options_or_default(opt, &o);
    parley_tournament_result *res =
        parley_tournament_part_new(dom, n_strategies, &o, first, count, err);
    if (!res)
        return NULL;
    shared_work w = {.dom = dom, .strategies = strategies, .opt = &o, .res = res};
    atomic_init(&w.next, 0);
    atomic_init(&w.failed, 0);
    if (count)
        parleyp_pc_parallel_run(parleyp_pc_thread_count(o.threads, count), worker, &w);
    int failed = atomic_load(&w.failed);
    if (failed == 1) {
        if (err)
            *err = w.first_err;
        parley_tournament_result_free(res);
        return NULL;
    }
    if (failed) {
        parley_tournament_result_free(res);
        parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
        return NULL;
    }
    return res;
}

parley_tournament_result *parley_tournament_merge(const parley_nego_domain *dom,
                                                  const parley_tournament_result *const *parts,
                                                  size_t n_parts, parley_error *err)
{
    if (n_parts == 0) {
        parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, "runs", "no part to merge");
        return NULL;
    }
    const parley_tournament_result *p0 = parts[0];
    size_t total = 0, d = p0->n_parties;
    for (size_t p = 0; p < n_parts; p++) {
        const parley_tournament_result *x = parts[p];
        if (x->first != total || x->n_parties != d || x->n_strategies != p0->n_strategies ||
            x->reps != p0->reps || x->n_assignments != p0->n_assignments) {
            parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, "runs",
                             "part %zu (negotiations from %zu) does not follow the parts before "
                             "it (%zu negotiations) in the same tournament",
                             p, x->first, total);
            return NULL;
        }
        total += x->n_runs;
    }
    if (total != p0->n_assignments * p0->reps || d != dom->n_parties) {
        parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, "runs",
                         "the parts hold %zu of the tournament's %zu negotiations", total,
                         p0->n_assignments * p0->reps);
        return NULL;
    }
    parley_tournament_result *res = calloc(1, sizeof *res);
    if (!res)
        goto oom;
    *res = (parley_tournament_result){.n_strategies = p0->n_strategies,
                                      .n_parties = d,
                                      .n_assignments = p0->n_assignments,
                                      .reps = p0->reps,
                                      .n_runs = total};
    res->scores = calloc(res->n_strategies, sizeof *res->scores);
    res->runs = calloc(total + 1, sizeof *res->runs);
    res->payoff = calloc(total * d + 1, sizeof *res->payoff);
    if (!res->scores || !res->runs || !res->payoff)
        goto oom;
    for (size_t p = 0; p < n_parts; p++) {
        const parley_tournament_result *x = parts[p];
        memcpy(res->runs + x->first, x->runs, x->n_runs * sizeof *x->runs);
        memcpy(res->payoff + x->first * d, x->payoff, x->n_runs * d * sizeof *x->payoff);
    }
    score(dom, res);
    return res;
oom:
    parley_tournament_result_free(res);
    parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
    return NULL;
}

parley_tournament_result *parley_tournament_run_all(const parley_nego_domain *dom,
                                                    const parley_agent_spec *strategies,
                                                    size_t n_strategies,
                                                    const parley_tournament_options *opt,
                                                    parley_error *err)
{
    size_t total = 0;
    if (parley_tournament_size(dom, n_strategies, opt, &total, err) != PARLEY_OK)
        return NULL;
    parley_tournament_result *res =
        parley_tournament_run_part(dom, strategies, n_strategies, opt, 0, total, err);
    if (res)
        score(dom, res);
    return res;
}
