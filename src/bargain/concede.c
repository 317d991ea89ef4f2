/*
 * bargain/concede.c — the cheapest changes to a plan that bring a party at
 * or above its walk-away while keeping named parties at or above theirs.
 *
 * Exact. "points" and "loss" are integer programs solved by GLPK:
 *   x[i][o] in {0,1}, sum_o x[i][o] = 1           one option per issue
 *   h_r in {0,1} pinned to "rule r holds"          (AND of when, NOT AND of unless)
 *   L_j = sum w*v*x + sum delta*h                  raw utility
 *   u_j <= L_j + M(1 - z_j), u_j <= z_j, 0<=u_j<=1 u_j = clamp(L_j) when pushed up
 *   u_j >= walk_away_j for the target and kept parties
 *   y_p >= 1 - x[i][plan option]                   point p changed
 * minimising sum y (then loss) or sum of losses (then points). "nash" takes
 * the best Nash product on the exact Pareto frontier of the target and kept
 * parties (space/analysis engine). When nothing qualifies, the closest
 * package maximises the worst margin min_j (u_j - walk_away_j).
 */
#include "parley.h"

#include "bargain/mip.h"
#include "core/error.h"
#include "parley/space.h"
#include "space/from_scenario.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct cmodel {
    const parley_scenario *sc;
    mip *m;
    long *xbase; /* [n_issues] first x column of the issue */
    long *u;     /* [n_parties] u column or -1 */
    long *loss;  /* [n_parties] loss column or -1 */
    long *y;     /* [n_points] */
    long t;      /* maximin margin column or -1 */
} cmodel;

bool parley_point_changed(const parley_plan *pl, size_t p, const size_t *outcome)
{
    const parley_point *pt = &pl->points[p];
    for (size_t s = 0; s < pt->n_sets; s++)
        if (outcome[pt->set_issue[s]] != pt->set_option[s])
            return true;
    return false;
}

/* Adds -sum_{o allowed} x[i][o] (times sign) to `row`. */
static void add_cond(cmodel *cm, long row, const parley_rule_condition *c, double sign)
{
    const parley_issue *is = &cm->sc->issues[c->issue];
    for (size_t o = 0; o < is->n_options; o++)
        if (c->allowed[o])
            parleyp_mip_coef(cm->m, row, cm->xbase[c->issue] + (long)o, sign);
}

/* A binary column equal to AND of the conditions. */
static long add_and(cmodel *cm, const parley_rule_condition *c, size_t n)
{
    long a = parleyp_mip_col(cm->m, 0, 1, true, 0);
    for (size_t k = 0; k < n; k++) {
        long r = parleyp_mip_row(cm->m, -HUGE_VAL, 0); /* a - s_k <= 0 */
        parleyp_mip_coef(cm->m, r, a, 1);
        add_cond(cm, r, &c[k], -1);
    }
    long r = parleyp_mip_row(cm->m, -((double)n - 1), HUGE_VAL); /* a - sum s_k >= -(n-1) */
    parleyp_mip_coef(cm->m, r, a, 1);
    for (size_t k = 0; k < n; k++)
        add_cond(cm, r, &c[k], -1);
    return a;
}

/* A binary column equal to "rule holds". */
static long add_rule(cmodel *cm, const parley_rule *ru)
{
    long a = ru->n_when ? add_and(cm, ru->when, ru->n_when) : -1;
    long b = ru->n_unless ? add_and(cm, ru->unless, ru->n_unless) : -1;
    if (b < 0)
        return a;
    long h = parleyp_mip_col(cm->m, 0, 1, true, 0);
    long r = parleyp_mip_row(cm->m, -HUGE_VAL, 1); /* h + b <= 1 */
    parleyp_mip_coef(cm->m, r, h, 1);
    parleyp_mip_coef(cm->m, r, b, 1);
    if (a >= 0) {
        r = parleyp_mip_row(cm->m, -HUGE_VAL, 0); /* h - a <= 0 */
        parleyp_mip_coef(cm->m, r, h, 1);
        parleyp_mip_coef(cm->m, r, a, -1);
        r = parleyp_mip_row(cm->m, 0, HUGE_VAL); /* h - a + b >= 0 */
        parleyp_mip_coef(cm->m, r, h, 1);
        parleyp_mip_coef(cm->m, r, a, -1);
        parleyp_mip_coef(cm->m, r, b, 1);
    } else {
        r = parleyp_mip_row(cm->m, 1, HUGE_VAL); /* h + b >= 1 */
        parleyp_mip_coef(cm->m, r, h, 1);
        parleyp_mip_coef(cm->m, r, b, 1);
    }
    return h;
}

/* u_j = clamp(L_j) (when pushed up), with lower bound lo. */
static long add_utility(cmodel *cm, size_t j, double lo)
{
    const parley_scenario *sc = cm->sc;
    const parley_prefs *pr = &sc->prefs[j];
    long *h = calloc(pr->n_rules + 1, sizeof *h);
    if (!h)
        return -1;
    double big = 2 + pr->weight_sum;
    for (size_t r = 0; r < pr->n_rules; r++) {
        h[r] = add_rule(cm, &pr->rules[r]);
        big += fabs(pr->rules[r].delta);
    }
    long u = parleyp_mip_col(cm->m, lo, 1, false, 0);
    long z = parleyp_mip_col(cm->m, 0, 1, true, 0);
    long row = parleyp_mip_row(cm->m, -HUGE_VAL, big); /* u - L + big z <= big */
    parleyp_mip_coef(cm->m, row, u, 1);
    parleyp_mip_coef(cm->m, row, z, big);
    for (size_t i = 0; i < sc->n_issues; i++)
        for (size_t o = 0; o < sc->issues[i].n_options; o++)
            parleyp_mip_coef(cm->m, row, cm->xbase[i] + (long)o, -pr->weight[i] * pr->value[i][o]);
    for (size_t r = 0; r < pr->n_rules; r++)
        parleyp_mip_coef(cm->m, row, h[r], -pr->rules[r].delta);
    row = parleyp_mip_row(cm->m, -HUGE_VAL, 0); /* u - z <= 0 */
    parleyp_mip_coef(cm->m, row, u, 1);
    parleyp_mip_coef(cm->m, row, z, -1);
    free(h);
    return u;
}

static void cmodel_free(cmodel *cm)
{
    parleyp_mip_free(cm->m);
    free(cm->xbase);
    free(cm->u);
    free(cm->loss);
    free(cm->y);
}

/* Builds the common model. `margin`: maximin mode (no walk-away bounds,
 * a margin column t with u_j - t >= w_j for the constrained parties). */
static parley_status build(cmodel *cm, const parley_scenario *sc, const parley_concede_request *req,
                           const double *before, bool margin)
{
    const parley_plan *pl = &sc->plans[req->plan];
    memset(cm, 0, sizeof *cm);
    cm->sc = sc;
    cm->t = -1;
    cm->m = parleyp_mip_new();
    cm->xbase = calloc(sc->n_issues, sizeof *cm->xbase);
    cm->u = malloc(sc->n_parties * sizeof *cm->u);
    cm->loss = malloc(sc->n_parties * sizeof *cm->loss);
    cm->y = calloc(pl->n_points + 1, sizeof *cm->y);
    if (!cm->m || !cm->xbase || !cm->u || !cm->loss || !cm->y)
        return PARLEY_ERR_LIMIT;
    for (size_t i = 0; i < sc->n_issues; i++) {
        long row = parleyp_mip_row(cm->m, 1, 1);
        for (size_t o = 0; o < sc->issues[i].n_options; o++) {
            long c = parleyp_mip_col(cm->m, 0, 1, true, 0);
            if (o == 0)
                cm->xbase[i] = c;
            parleyp_mip_coef(cm->m, row, c, 1);
        }
    }
    if (margin)
        cm->t = parleyp_mip_col(cm->m, -HUGE_VAL, HUGE_VAL, false, 1);
    for (size_t j = 0; j < sc->n_parties; j++) {
        bool constrained = j == req->target || req->keep[j];
        double w = sc->parties[j].walk_away;
        cm->u[j] = add_utility(cm, j, constrained && !margin ? fmax(0, w - PARLEY_TOLERANCE) : 0);
        if (cm->u[j] < 0)
            return PARLEY_ERR_LIMIT;
        if (margin && constrained) {
            long r = parleyp_mip_row(cm->m, w, HUGE_VAL); /* u - t >= w */
            parleyp_mip_coef(cm->m, r, cm->u[j], 1);
            parleyp_mip_coef(cm->m, r, cm->t, -1);
        }
        cm->loss[j] = -1;
        if (j != req->target) {
            cm->loss[j] = parleyp_mip_col(cm->m, 0, HUGE_VAL, false, 0);
            long r = parleyp_mip_row(cm->m, before[j], HUGE_VAL); /* loss + u >= before */
            parleyp_mip_coef(cm->m, r, cm->loss[j], 1);
            parleyp_mip_coef(cm->m, r, cm->u[j], 1);
        }
    }
    for (size_t p = 0; p < pl->n_points; p++) {
        cm->y[p] = parleyp_mip_col(cm->m, 0, 1, true, 0);
        const parley_point *pt = &pl->points[p];
        for (size_t s = 0; s < pt->n_sets; s++) {
            long r = parleyp_mip_row(cm->m, 1, HUGE_VAL); /* y + x[i][plan] >= 1 */
            parleyp_mip_coef(cm->m, r, cm->y[p], 1);
            parleyp_mip_coef(cm->m, r, cm->xbase[pt->set_issue[s]] + (long)pt->set_option[s], 1);
        }
    }
    return PARLEY_OK;
}

static void set_objective(cmodel *cm, size_t np, size_t npts, bool points, bool loss)
{
    for (size_t p = 0; p < npts; p++)
        parleyp_mip_set_obj(cm->m, cm->y[p], points ? 1 : 0);
    for (size_t j = 0; j < np; j++)
        if (cm->loss[j] >= 0)
            parleyp_mip_set_obj(cm->m, cm->loss[j], loss ? 1 : 0);
}

/* Adds sum(points or losses) <= bound. */
static void bound_sum(cmodel *cm, size_t np, size_t npts, bool points, double bound)
{
    long r = parleyp_mip_row(cm->m, -HUGE_VAL, bound);
    if (points)
        for (size_t p = 0; p < npts; p++)
            parleyp_mip_coef(cm->m, r, cm->y[p], 1);
    else
        for (size_t j = 0; j < np; j++)
            if (cm->loss[j] >= 0)
                parleyp_mip_coef(cm->m, r, cm->loss[j], 1);
}

static void read_outcome(const cmodel *cm, const double *x, size_t *outcome)
{
    const parley_scenario *sc = cm->sc;
    for (size_t i = 0; i < sc->n_issues; i++) {
        size_t best = 0;
        for (size_t o = 1; o < sc->issues[i].n_options; o++)
            if (x[cm->xbase[i] + (long)o] > x[cm->xbase[i] + (long)best])
                best = o;
        outcome[i] = best;
    }
}

/* points / loss objectives, two phases; or the maximin fallback. */
static mip_result solve_mip(const parley_scenario *sc, const parley_concede_request *req,
                            const double *before, bool margin, size_t *outcome, double *objective,
                            parley_error *err)
{
    cmodel cm;
    size_t np = sc->n_parties, npts = sc->plans[req->plan].n_points;
    mip_result res = MIP_FAILED;
    double *x = NULL;
    if (build(&cm, sc, req, before, margin) ||
        !(x = malloc((parleyp_mip_col_count(cm.m) + 1) * sizeof *x))) {
        parley_error_set(err, PARLEY_ERR_LIMIT, sc->file, 0, 0, NULL, "out of memory");
        goto done;
    }
    double obj;
    double max_nodes = req->max_nodes > 0 ? req->max_nodes : PARLEY_CONCEDE_DEFAULT_MAX_NODES;
    parleyp_mip_set_limit(cm.m, max_nodes, req->progress, req->progress_ctx);
    if (margin) {
        res = parleyp_mip_solve(cm.m, true, x, &obj);
        *objective = obj;
    } else {
        bool points_first = req->objective == PARLEY_CONCEDE_POINTS;
        set_objective(&cm, np, npts, points_first, !points_first);
        res = parleyp_mip_solve(cm.m, false, x, &obj);
        if (res == MIP_OPTIMAL) {
            *objective = points_first ? nearbyint(obj) : obj;
            bound_sum(&cm, np, npts, points_first, points_first ? *objective + 0.5 : obj + 1e-9);
            set_objective(&cm, np, npts, !points_first, points_first);
            res = parleyp_mip_solve(cm.m, false, x, &obj);
        }
    }
    if (res == MIP_OPTIMAL)
        read_outcome(&cm, x, outcome);
    else if (res == MIP_FAILED && parleyp_mip_out_of_memory(cm.m))
        parley_error_set(err, PARLEY_ERR_LIMIT, sc->file, 0, 0, NULL, "out of memory");
    else if (res == MIP_FAILED)
        parley_error_set(err, PARLEY_ERR_INTERNAL, sc->file, 0, 0, NULL,
                         "the integer program solver (GLPK) failed");
    else if (res == MIP_LIMIT)
        parley_error_set(err, PARLEY_ERR_LIMIT, sc->file, 0, 0, "max_nodes",
                         "the integer program needs more than %.0f branch-and-bound nodes; "
                         "raise the limit (parley concede --max-work N)",
                         max_nodes);
done:
    free(x);
    cmodel_free(&cm);
    return res;
}

/* nash: the exact frontier of the constrained parties, best product. */
static double nash_product(const parley_scenario *sc, const size_t *who, size_t n, const double *u)
{
    double prod = 1;
    for (size_t k = 0; k < n; k++)
        prod *= fmax(0, u[k] - sc->parties[who[k]].walk_away);
    return prod;
}

static parley_status solve_nash(const parley_scenario *sc, const parley_concede_request *req,
                                size_t *outcome, double *objective, bool *found, parley_error *err)
{
    size_t n = 0, *who = malloc(sc->n_parties * sizeof *who);
    *found = false;
    if (!who)
        return parley_error_set(err, PARLEY_ERR_LIMIT, sc->file, 0, 0, NULL, "out of memory");
    for (size_t j = 0; j < sc->n_parties; j++)
        if (j == req->target || req->keep[j])
            who[n++] = j;
    parley_space *sp = parleyp_ps_space_from_scenario_parties(sc, who, n, err);
    parley_frontier *fr = NULL;
    parley_status st = PARLEY_OK;
    if (!sp) {
        st = err->code;
        goto done;
    }
    /* A package may sit a tolerance below a walk-away (as parley_walk_away_met
     * accepts); discounting plays no part in the frontier. */
    for (size_t k = 0; k < n; k++)
        parley_space_set_party_limits(sp, k, sc->parties[who[k]].walk_away - PARLEY_TOLERANCE, 1);
    parley_analysis_options opt;
    parley_analysis_options_init(&opt);
    opt.threads = 1;
    opt.skip_zone = true;
    fr = parley_frontier_compute(sp, &opt, err);
    if (!fr) {
        st = err->code;
        goto done;
    }
    /* The best product; of the packages within PARLEY_TIE of it (ties, as
     * for the solutions of `frontier`), the first on the frontier. */
    double top = -HUGE_VAL;
    for (size_t p = 0; p < fr->n_points; p++)
        top = fmax(top, nash_product(sc, who, n, fr->utility + p * n));
    for (size_t p = 0; p < fr->n_points; p++) {
        double prod = nash_product(sc, who, n, fr->utility + p * n);
        if (prod >= top - PARLEY_TIE) {
            *found = true;
            *objective = prod;
            for (size_t i = 0; i < sc->n_issues; i++)
                outcome[i] = fr->outcome[p * sc->n_issues + i];
            break;
        }
    }
done:
    if (fr)
        parley_frontier_free(fr);
    parley_space_free(sp);
    free(who);
    return st;
}

void parley_concede_result_free(parley_concede_result *r)
{
    free(r->outcome);
    free(r->before);
    free(r->after);
    memset(r, 0, sizeof *r);
}

parley_status parley_concede_run(const parley_scenario *sc, const parley_concede_request *req,
                                 parley_concede_result *out, parley_error *err)
{
    /* The steps below read the status back from the error (err->code); a
     * caller that wants no message still gets the right status. */
    parley_error scratch;
    if (!err)
        err = &scratch;
    memset(out, 0, sizeof *out);
    const parley_plan *pl = &sc->plans[req->plan];
    out->outcome = calloc(sc->n_issues, sizeof *out->outcome);
    out->before = calloc(sc->n_parties, sizeof *out->before);
    out->after = calloc(sc->n_parties, sizeof *out->after);
    if (!out->outcome || !out->before || !out->after) {
        parley_concede_result_free(out);
        return parley_error_set(err, PARLEY_ERR_LIMIT, sc->file, 0, 0, NULL, "out of memory");
    }
    for (size_t j = 0; j < sc->n_parties; j++) {
        bool exact;
        out->before[j] = parley_utility_expected(sc, j, pl->sets, &exact);
    }
    parley_status st = PARLEY_OK;
    out->optimal = true;
    if (req->objective == PARLEY_CONCEDE_NASH) {
        out->method = "best Nash product on the exact Pareto frontier";
        st = solve_nash(sc, req, out->outcome, &out->objective, &out->feasible, err);
    } else {
        out->method = "integer program, GLPK branch and cut (optimality proven)";
        mip_result r = solve_mip(sc, req, out->before, false, out->outcome, &out->objective, err);
        st = r == MIP_FAILED || r == MIP_LIMIT ? err->code : PARLEY_OK;
        out->feasible = r == MIP_OPTIMAL;
    }
    if (!st && !out->feasible) {
        out->method = "no package qualifies: closest package maximises the worst margin "
                      "(GLPK, optimality proven)";
        mip_result r = solve_mip(sc, req, out->before, true, out->outcome, &out->objective, err);
        if (r != MIP_OPTIMAL)
            st = r == MIP_FAILED || r == MIP_LIMIT
                     ? err->code
                     : parley_error_set(err, PARLEY_ERR_INTERNAL, sc->file, 0, 0, NULL,
                                        "maximin program infeasible");
    }
    for (size_t j = 0; !st && j < sc->n_parties; j++)
        out->after[j] = parley_utility(sc, j, out->outcome);
    for (size_t p = 0; !st && p < pl->n_points; p++)
        out->n_changed_points += parley_point_changed(pl, p, out->outcome);
    /* The solver works to a tolerance: check the answer exactly. */
    for (size_t j = 0; !st && out->feasible && j < sc->n_parties; j++)
        if ((j == req->target || req->keep[j]) && !parley_walk_away_met(sc, j, out->after[j]))
            st = parley_error_set(err, PARLEY_ERR_INTERNAL, sc->file, 0, 0, NULL,
                                  "solver answer leaves %s below its walk-away", sc->parties[j].id);
    if (st)
        parley_concede_result_free(out);
    return st;
}
