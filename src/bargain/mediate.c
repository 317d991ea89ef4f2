/*
 * bargain/mediate.c — the single-negotiating-text procedure (Raiffa; Fisher
 * at Camp David): a mediator revises one text, one issue per round, toward a
 * package every party prefers to walking away. See bargain.h for the rules.
 * Utilities of a text with open issues are expectations (parley_utility_expected, model/utility.c).
 * The target package comes from the exact frontier (space/analysis engine).
 */
#include "parley.h"

#include "core/error.h"
#include "parley/space.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void parley_mediation_free(parley_mediation *m)
{
    for (size_t r = 0; r < m->n_rounds; r++)
        free(m->rounds[r].u);
    free(m->rounds);
    free(m->u0);
    free(m->sets);
    free(m->target);
    free(m->target_u);
    memset(m, 0, sizeof *m);
}

static void utilities(const parley_scenario *sc, const long *sets, double *u)
{
    for (size_t j = 0; j < sc->n_parties; j++) {
        bool exact;
        u[j] = parley_utility_expected(sc, j, sets, &exact);
    }
}

/* Total shortfall below walk-aways (<= 0) and total utility. */
static double shortfall(const parley_scenario *sc, const double *u)
{
    double s = 0;
    for (size_t j = 0; j < sc->n_parties; j++)
        s += fmin(0, u[j] - sc->parties[j].walk_away);
    return s;
}

static double total(const parley_scenario *sc, const double *u)
{
    double s = 0;
    for (size_t j = 0; j < sc->n_parties; j++)
        s += u[j];
    return s;
}

parley_analysis *parley_mediation_analysis(const parley_scenario *sc, int threads,
                                           parley_error *err)
{
    parley_space *sp = parley_space_from_scenario(sc, err);
    if (!sp)
        return NULL;
    parley_analysis_options opt;
    parley_analysis_options_init(&opt);
    opt.threads = threads;
    opt.skip_zone = true;
    parley_analysis *an = parley_analysis_run(sp, &opt, err);
    parley_space_free(sp);
    return an;
}

static parley_status find_target(const parley_scenario *sc, parley_mediate_concept concept,
                                 const parley_analysis *given, parley_mediation *m,
                                 parley_error *err)
{
    parley_analysis *own = given ? NULL : parley_mediation_analysis(sc, 0, err);
    const parley_analysis *an = given ? given : own;
    if (!an)
        return err->code;
    size_t n = concept == PARLEY_MEDIATE_NASH    ? an->n_nash
               : concept == PARLEY_MEDIATE_KALAI ? an->n_kalai
               : concept == PARLEY_MEDIATE_KS    ? an->n_ks
                                                 : an->n_welfare;
    const size_t *idx = concept == PARLEY_MEDIATE_NASH    ? an->nash
                        : concept == PARLEY_MEDIATE_KALAI ? an->kalai
                        : concept == PARLEY_MEDIATE_KS    ? an->ks
                                                          : an->welfare;
    if (n > 0) {
        m->has_target = true;
        for (size_t i = 0; i < sc->n_issues; i++)
            m->target[i] = an->frontier.outcome[idx[0] * sc->n_issues + i];
        for (size_t j = 0; j < sc->n_parties; j++)
            m->target_u[j] = an->frontier.utility[idx[0] * sc->n_parties + j];
    }
    parley_analysis_free(own);
    return PARLEY_OK;
}

/* Every party at/above its walk-away stays there; no party below loses. */
static bool admissible(const parley_scenario *sc, const double *cur, const double *nu)
{
    for (size_t j = 0; j < sc->n_parties; j++) {
        double w = sc->parties[j].walk_away;
        double floor =
            cur[j] >= w - PARLEY_TOLERANCE ? w - PARLEY_TOLERANCE : cur[j] - PARLEY_TOLERANCE;
        if (nu[j] < floor)
            return false;
    }
    return true;
}

static bool pareto_better(const parley_scenario *sc, const double *cur, const double *nu)
{
    bool gain = false;
    for (size_t j = 0; j < sc->n_parties; j++) {
        if (nu[j] < cur[j] - PARLEY_TOLERANCE)
            return false;
        gain |= nu[j] > cur[j] + PARLEY_TOLERANCE;
    }
    return gain;
}

static bool all_above(const parley_scenario *sc, const double *u)
{
    for (size_t j = 0; j < sc->n_parties; j++)
        if (!parley_walk_away_met(sc, j, u[j]))
            return false;
    return true;
}

/* Chooses this round's move: among admissible moves that are Pareto
 * improvements or steps toward the target, the one that most reduces the
 * total shortfall below walk-aways; ties go to Pareto improvements, then to
 * the largest total utility. Returns false when none exists. */
static bool choose(const parley_scenario *sc, const parley_mediation *m, long *sets,
                   const double *cur, double *nu, size_t *bi, long *bo, bool *bpareto)
{
    double best_short = -INFINITY, best_total = -INFINITY, cur_short = shortfall(sc, cur);
    bool found = false;
    *bpareto = false;
    for (size_t i = 0; i < sc->n_issues; i++) {
        long keep = sets[i];
        for (size_t o = 0; o < sc->issues[i].n_options; o++) {
            if ((long)o == keep)
                continue;
            bool toward = m->has_target && o == m->target[i];
            sets[i] = (long)o;
            utilities(sc, sets, nu);
            sets[i] = keep;
            bool pareto = pareto_better(sc, cur, nu);
            if (!admissible(sc, cur, nu) || (!pareto && !toward))
                continue;
            double s = shortfall(sc, nu), t = total(sc, nu);
            if (!pareto && s < cur_short - PARLEY_TOLERANCE)
                continue; /* a step toward the target must not widen the shortfall */
            bool better;
            if (!found || s > best_short + PARLEY_TOLERANCE)
                better = true;
            else if (s < best_short - PARLEY_TOLERANCE)
                better = false;
            else if (pareto != *bpareto)
                better = pareto;
            else
                better = t > best_total + PARLEY_TOLERANCE;
            if (better) {
                found = true;
                best_short = s;
                best_total = t;
                *bi = i;
                *bo = (long)o;
                *bpareto = pareto;
            }
        }
    }
    return found;
}

parley_status parley_mediation_run(const parley_scenario *sc, size_t plan,
                                   parley_mediate_concept concept, size_t max_rounds,
                                   const parley_analysis *an, parley_mediation *out,
                                   parley_error *err)
{
    parley_error scratch; /* statuses are read back from err->code */
    if (!err)
        err = &scratch;
    memset(out, 0, sizeof *out);
    size_t np = sc->n_parties, ni = sc->n_issues;
    out->u0 = calloc(np, sizeof(double));
    out->sets = malloc(ni * sizeof(long));
    out->target = calloc(ni, sizeof(size_t));
    out->target_u = calloc(np, sizeof(double));
    out->rounds = calloc(max_rounds + 1, sizeof *out->rounds);
    double *cur = calloc(np, sizeof *cur), *nu = calloc(np, sizeof *nu);
    parley_status st = PARLEY_OK;
    if (!out->u0 || !out->sets || !out->target || !out->target_u || !out->rounds || !cur || !nu) {
        st = parley_error_set(err, PARLEY_ERR_LIMIT, sc->file, 0, 0, NULL, "out of memory");
        goto done;
    }
    memcpy(out->sets, sc->plans[plan].sets, ni * sizeof(long));
    utilities(sc, out->sets, out->u0);
    memcpy(cur, out->u0, np * sizeof *cur);
    if ((st = find_target(sc, concept, an, out, err)))
        goto done;
    out->stopped = "the round limit was reached";
    while (out->n_rounds < max_rounds) {
        size_t i = 0;
        long o = -1;
        bool pareto = false;
        if (!choose(sc, out, out->sets, cur, nu, &i, &o, &pareto)) {
            out->stopped = all_above(sc, cur) ? "every party is at or above its walk-away and no "
                                                "Pareto improvement remains"
                                              : "no admissible improvement remains";
            break;
        }
        if (!pareto && all_above(sc, cur)) {
            out->stopped = "every party is at or above its walk-away and no Pareto improvement "
                           "remains";
            break;
        }
        parley_mediation_round *r = &out->rounds[out->n_rounds];
        r->issue = i;
        r->from = out->sets[i];
        r->to = o;
        r->pareto = pareto;
        if (!(r->u = malloc(np * sizeof(double)))) {
            st = parley_error_set(err, PARLEY_ERR_LIMIT, sc->file, 0, 0, NULL, "out of memory");
            goto done;
        }
        out->sets[i] = o;
        utilities(sc, out->sets, cur);
        memcpy(r->u, cur, np * sizeof *cur);
        out->n_rounds++;
    }
    out->all_above = all_above(sc, cur);
done:
    free(cur);
    free(nu);
    if (st)
        parley_mediation_free(out);
    return st;
}
