/*
 * negotiate/tournament.c — every assignment of strategies to parties,
 * repeated, in parallel, with per-strategy scores.
 *
 * Assignment a gives party p strategy (a / k^p) mod k (k strategies), so
 * there are k^n assignments (with 2 parties: every ordered pairing,
 * self-play included). Negotiation j = a·reps + r is seeded from
 * (seed, a, r) alone and writes only its own slot of the result; threads take
 * negotiations from an atomic counter, and scores are summed afterwards in
 * the order of j. The result is therefore the same for any thread count.
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

static void run_one(shared_work *w, size_t j, parley_agent_spec *specs)
{
    parley_tournament_result *res = w->res;
    size_t a = j / res->reps, r = j % res->reps, d = res->n_parties;
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
    res->runs[j] = (parley_tournament_run){.assignment = a,
                                           .rep = r,
                                           .agreed = nr->agreed,
                                           .steps = nr->steps,
                                           .time = nr->time,
                                           .welfare = nr->welfare,
                                           .dist_nash = nr->dist_nash,
                                           .dist_frontier = nr->dist_frontier,
                                           .dist_kalai = nr->dist_kalai};
    memcpy(res->payoff + j * d, nr->payoff, d * sizeof *nr->payoff);
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
        size_t j = atomic_fetch_add(&w->next, 1);
        if (j >= w->res->n_runs)
            break;
        run_one(w, j, specs);
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

parley_tournament_result *parley_tournament_run_all(const parley_nego_domain *dom,
                                                    const parley_agent_spec *strategies,
                                                    size_t n_strategies,
                                                    const parley_tournament_options *opt,
                                                    parley_error *err)
{
    parley_tournament_options o;
    if (opt)
        o = *opt;
    else
        parley_tournament_options_init(&o);
    if (o.max_negotiations <= 0)
        o.max_negotiations = 1e7;
    if (n_strategies == 0 || o.reps == 0 || (o.steps == 0 && o.rounds == 0)) {
        parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, n_strategies ? "reps" : "agents",
                         "a tournament needs at least one strategy, one repetition and one step");
        return NULL;
    }
    size_t d = dom->n_parties;
    double total = pow((double)n_strategies, (double)d) * (double)o.reps;
    if (total > o.max_negotiations) {
        parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, "reps",
                         "%zu strategies, %zu parties and %zu repetitions make %.3g negotiations, "
                         "over the limit of %.3g",
                         n_strategies, d, o.reps, total, o.max_negotiations);
        return NULL;
    }
    parley_tournament_result *res = calloc(1, sizeof *res);
    if (!res)
        goto oom;
    res->n_strategies = n_strategies;
    res->n_parties = d;
    res->reps = o.reps;
    res->n_runs = (size_t)total;
    res->n_assignments = res->n_runs / o.reps;
    res->scores = calloc(n_strategies, sizeof *res->scores);
    res->runs = calloc(res->n_runs, sizeof *res->runs);
    res->payoff = calloc(res->n_runs * d, sizeof *res->payoff);
    if (!res->scores || !res->runs || !res->payoff)
        goto oom;

    shared_work w = {.dom = dom, .strategies = strategies, .opt = &o, .res = res};
    atomic_init(&w.next, 0);
    atomic_init(&w.failed, 0);
    parleyp_pc_parallel_run(parleyp_pc_thread_count(o.threads, res->n_runs), worker, &w);
    int failed = atomic_load(&w.failed);
    if (failed == 1) {
        if (err)
            *err = w.first_err;
        parley_tournament_result_free(res);
        return NULL;
    }
    if (failed)
        goto oom;
    score(dom, res);
    return res;
oom:
    parley_tournament_result_free(res);
    parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
    return NULL;
}
