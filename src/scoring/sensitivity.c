/*
 * scoring/sensitivity.c — how far one number of the scenario can move before
 * a party crosses its walk-away under a plan (parley_plan_sensitivity, see
 * parley/scoring.h). Exact, no sampling.
 *
 * Weight of issue k, written t (the raw weight, as in the file). With the
 * other raw weights r_i and the plan's outcome o (open issues: every
 * combination, equally likely), the party's utility is
 *
 *   U(t) = mean over o of clamp01( f_o(t) ),  f_o(t) = (a_o + t x_o) / D(t) + R_o
 *
 * a_o = sum_{i != k} r_i v_i(o), x_o = v_k(o), R_o the deltas of the rules
 * that hold, D(t) = B + t (B = sum_{i != k} r_i) when weights are normalised,
 * 1 under `normalise: false`. Each f_o is linear-fractional, so monotone in
 * t, and crosses 0 and 1 at most once each: solved exactly. Between two such
 * crossings (of any o) the clamped terms are fixed and
 *   N U(t) = C + (A + t X) / D(t)
 * with sums over the unclamped o, so U(t) = walk-away is a linear equation in
 * t, solved exactly in every gap. The sweep keeps C, A, X as the crossings
 * are passed (O(N log N) for N combinations). Without rules and with
 * normalised weights no clamp ever binds and the expectation is linear, so
 * the N combinations collapse into one (open issues at their mean value).
 *
 * Walk-away: the party is above for every walk-away up to its utility.
 */
#include "parley.h"

#include "core/error.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Most joint combinations of open issues the sweep enumerates (as
 * parley_utility_expected, which is exact up to the same count). */
#define SENS_MAX_COMBOS 1000000.0

typedef struct combo {
    double tot; /* sum_i r_i v_i(o), raw weights */
    double R;   /* rule deltas that hold */
} combo;

typedef struct event {
    double t;
    size_t o;
    signed char from, to; /* state: 0 low, 1 linear, 2 high */
} event;

typedef struct piece {
    double t0, t1; /* [t0, t1], t1 may be INFINITY */
    bool above;
} piece;

typedef struct sweep {
    /* per party, for the plan */
    const parley_scenario *sc;
    size_t party;
    const long *sets;
    size_t n_open, *open; /* open issue indices */
    size_t N;             /* combinations (1 when collapsed) */
    bool collapsed;
    combo *cb;
    double c0, c1; /* D(t) = c0 + c1 t (c0 = B filled per issue) */
    double w;      /* walk-away */
    /* work space */
    event *ev;
    piece *pc;
    size_t n_pc, cap_pc;
} sweep;

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static int cmp_event(const void *a, const void *b)
{
    return cmp_double(&((const event *)a)->t, &((const event *)b)->t);
}

static double mean_value(const parley_scenario *sc, const parley_prefs *pr, size_t i)
{
    double s = 0;
    for (size_t o = 0; o < sc->issues[i].n_options; o++)
        s += pr->value[i][o];
    return s / (double)sc->issues[i].n_options;
}

/* Advances the counter over the open issues; false when it wraps. */
static bool next_combo(const sweep *s, size_t *outcome)
{
    for (size_t m = 0; m < s->n_open; m++) {
        size_t i = s->open[m];
        if (++outcome[i] < s->sc->issues[i].n_options)
            return true;
        outcome[i] = 0;
    }
    return false;
}

static void outcome_start(const sweep *s, size_t *outcome)
{
    for (size_t i = 0; i < s->sc->n_issues; i++)
        outcome[i] = s->sets[i] >= 0 ? (size_t)s->sets[i] : 0;
}

/* v_k of combination o (collapsed: the mean for an open issue). */
static double x_of(const sweep *s, size_t k, const size_t *outcome)
{
    const parley_prefs *pr = &s->sc->prefs[s->party];
    if (s->collapsed && s->sets[k] < 0)
        return mean_value(s->sc, pr, k);
    return pr->value[k][outcome[k]];
}

static int state_of(double f)
{
    return f <= 0 ? 0 : f >= 1 ? 2 : 1;
}

static parley_status add_piece(sweep *s, double t0, double t1, bool above)
{
    if (s->n_pc && s->pc[s->n_pc - 1].above == above) {
        s->pc[s->n_pc - 1].t1 = t1;
        return PARLEY_OK;
    }
    if (s->n_pc == s->cap_pc) {
        size_t cap = s->cap_pc ? 2 * s->cap_pc : 16;
        piece *p = realloc(s->pc, cap * sizeof *p);
        if (!p)
            return PARLEY_ERR_LIMIT;
        s->pc = p;
        s->cap_pc = cap;
    }
    s->pc[s->n_pc++] = (piece){t0, t1, above};
    return PARLEY_OK;
}

/* One gap (g0, g1) with fixed clamps: N U = C + (A + t X) / D(t). Splits it
 * at the root of U = w, if any, and records the pieces. */
static parley_status gap(sweep *s, double g0, double g1, double C, double A, double X)
{
    double Nw = (double)s->N * s->w;
    /* A + t X = (Nw - C) (c0 + c1 t) */
    double coef = X - (Nw - C) * s->c1, rhs = (Nw - C) * s->c0 - A;
    double cut[3] = {g0, g1, g1};
    size_t n = 2;
    if (coef != 0) {
        double r = rhs / coef;
        if (r > g0 && r < g1) {
            cut[1] = r;
            cut[2] = g1;
            n = 3;
        }
    }
    for (size_t k = 0; k + 1 < n; k++) {
        double a = cut[k], b = cut[k + 1];
        double t = isinf(b) ? (a > 0 ? 2 * a + 1 : 1) : 0.5 * (a + b);
        double D = s->c0 + s->c1 * t;
        double U = (C + (A + t * X) / D) / (double)s->N;
        parley_status st = add_piece(s, a, b, U >= s->w);
        if (st)
            return st;
    }
    return PARLEY_OK;
}

/* C, A, X of the gap containing t, summed afresh (exact to rounding). */
static void sums_at(const sweep *s, size_t k, double t, size_t *outcome, double *C, double *A,
                    double *X)
{
    const parley_prefs *pr = &s->sc->prefs[s->party];
    double rk = pr->raw_weight[k];
    *C = *A = *X = 0;
    outcome_start(s, outcome);
    for (size_t o = 0; o < s->N; o++) {
        double x = x_of(s, k, outcome);
        double a = s->cb[o].tot - rk * x, R = s->cb[o].R;
        int stt = state_of((a + t * x) / (s->c0 + s->c1 * t) + R);
        *C += stt == 2 ? 1 : stt == 1 ? R : 0;
        *A += stt == 1 ? a : 0;
        *X += stt == 1 ? x : 0;
        if (!s->collapsed)
            next_combo(s, outcome);
    }
}

/* The pieces of [0, inf) on which the party is / is not above, for the
 * weight of issue k. */
static parley_status sweep_issue(sweep *s, size_t k, size_t *outcome)
{
    const parley_prefs *pr = &s->sc->prefs[s->party];
    double rk = pr->raw_weight[k];
    s->c0 = 1;
    s->c1 = 0;
    if (pr->normalise) {
        double B = 0;
        for (size_t i = 0; i < s->sc->n_issues; i++)
            B += i == k ? 0 : pr->raw_weight[i];
        s->c0 = B;
        s->c1 = 1;
    }
    s->n_pc = 0;
    /* each combination: state on [0, first crossing), crossings as events */
    size_t n_ev = 0;
    double C = 0, A = 0, X = 0;
    outcome_start(s, outcome);
    for (size_t o = 0; o < s->N; o++) {
        double x = x_of(s, k, outcome);
        double a = s->cb[o].tot - rk * x, R = s->cb[o].R;
        double ts[2];
        size_t nt = 0;
        for (int L = 0; L <= 1; L++) { /* f = L: a + t x = (L - R)(c0 + c1 t) */
            double coef = x - (L - R) * s->c1, rhs = (L - R) * s->c0 - a;
            if (coef != 0) {
                double t = rhs / coef;
                if (t > 0 && isfinite(t))
                    ts[nt++] = t;
            }
        }
        if (nt == 2 && ts[1] < ts[0]) {
            double tmp = ts[0];
            ts[0] = ts[1];
            ts[1] = tmp;
        }
        /* the state on each piece, from a probe inside it */
        double prev = 0;
        int st_prev = -1;
        for (size_t m = 0; m <= nt; m++) {
            double end = m < nt ? ts[m] : (double)INFINITY;
            double t = isinf(end) ? (prev > 0 ? 2 * prev + 1 : 1) : 0.5 * (prev + end);
            int stt = state_of((a + t * x) / (s->c0 + s->c1 * t) + R);
            if (m == 0) {
                C += stt == 2 ? 1 : stt == 1 ? R : 0;
                A += stt == 1 ? a : 0;
                X += stt == 1 ? x : 0;
            } else if (stt != st_prev) {
                s->ev[n_ev++] = (event){prev, o, (signed char)st_prev, (signed char)stt};
            }
            st_prev = stt;
            prev = end;
        }
        if (!s->collapsed)
            next_combo(s, outcome);
    }
    qsort(s->ev, n_ev, sizeof *s->ev, cmp_event);
    /* x and a of an event's combination are needed again: recompute them
     * from its index (the counter is mixed-radix over the open issues) */
    /* Few enough: every gap's sums afresh (no cancellation); else kept up
     * to date event by event. */
    bool afresh = (double)s->N * (double)(n_ev + 1) <= 1e7;
    double g0 = 0;
    parley_status st = PARLEY_OK;
    for (size_t e = 0; e <= n_ev && !st; e++) {
        double g1 = e < n_ev ? s->ev[e].t : (double)INFINITY;
        if (g1 > g0 && afresh)
            sums_at(s, k, isinf(g1) ? (g0 > 0 ? 2 * g0 + 1 : 1) : 0.5 * (g0 + g1), outcome, &C, &A,
                    &X);
        if (g1 > g0 && (st = gap(s, g0, g1, C, A, X)))
            break;
        if (e == n_ev)
            break;
        /* apply every event at this t */
        const event *ev = &s->ev[e];
        size_t idx = ev->o;
        for (size_t m = 0; m < s->n_open; m++) {
            size_t i = s->open[m], n = s->sc->issues[i].n_options;
            outcome[i] = s->collapsed ? 0 : idx % n;
            idx = s->collapsed ? idx : idx / n;
        }
        for (size_t i = 0; i < s->sc->n_issues; i++)
            if (s->sets[i] >= 0)
                outcome[i] = (size_t)s->sets[i];
        double x = x_of(s, k, outcome);
        double a = s->cb[ev->o].tot - rk * x, R = s->cb[ev->o].R;
        C -= ev->from == 2 ? 1 : ev->from == 1 ? R : 0;
        A -= ev->from == 1 ? a : 0;
        X -= ev->from == 1 ? x : 0;
        C += ev->to == 2 ? 1 : ev->to == 1 ? R : 0;
        A += ev->to == 1 ? a : 0;
        X += ev->to == 1 ? x : 0;
        g0 = g1 > g0 ? g1 : g0;
    }
    return st;
}

/* From the pieces: the above interval containing (or nearest to) t0, and
 * the nearest value that flips the party's status. */
static void read_pieces(const sweep *s, parley_sens_row *row, double lo_dom, double hi_dom)
{
    double t0 = row->value;
    row->lower = row->upper = row->flip = (double)NAN;
    double best = INFINITY;
    for (size_t p = 0; p < s->n_pc; p++) {
        const piece *pc = &s->pc[p];
        if (!pc->above)
            continue;
        double d = t0 < pc->t0 ? pc->t0 - t0 : t0 > pc->t1 ? t0 - pc->t1 : 0;
        if (d < best) {
            best = d;
            row->lower = pc->t0;
            row->upper = pc->t1;
        }
    }
    if (isnan(row->lower))
        return; /* never above: nothing flips it in */
    if (row->above) {
        /* out: past the nearer end that is not the end of the domain */
        bool lo = row->lower > lo_dom, hi = row->upper < hi_dom;
        if (lo && (!hi || t0 - row->lower <= row->upper - t0))
            row->flip = row->lower;
        else if (hi)
            row->flip = row->upper;
    } else {
        row->flip = t0 < row->lower ? row->lower : row->upper;
    }
}

void parley_sensitivity_free(parley_sensitivity *s)
{
    if (!s)
        return;
    free(s->rows);
    memset(s, 0, sizeof *s);
}

/* The combinations of the plan's open issues for party j: raw additive sum
 * and rule deltas of each. */
static parley_status party_setup(sweep *s, size_t j, size_t *outcome, parley_error *err)
{
    const parley_scenario *sc = s->sc;
    const parley_prefs *pr = &sc->prefs[j];
    s->party = j;
    s->w = sc->parties[j].walk_away;
    s->collapsed = pr->n_rules == 0 && pr->normalise;
    double combos = 1;
    if (!s->collapsed)
        for (size_t m = 0; m < s->n_open; m++)
            combos *= (double)sc->issues[s->open[m]].n_options;
    if (combos > SENS_MAX_COMBOS)
        return parley_error_set(err, PARLEY_ERR_LIMIT, sc->file, pr->where.line, pr->where.column,
                                sc->parties[j].id,
                                "the plan leaves open issues with %.3g joint combinations; the "
                                "exact sensitivity enumerates at most 10^6 (settle some with "
                                "--set)",
                                combos);
    s->N = (size_t)combos;
    free(s->cb);
    free(s->ev);
    s->cb = malloc(s->N * sizeof *s->cb);
    s->ev = malloc(2 * s->N * sizeof *s->ev);
    if (!s->cb || !s->ev)
        return parley_error_set(err, PARLEY_ERR_LIMIT, sc->file, 0, 0, NULL, "out of memory");
    outcome_start(s, outcome);
    for (size_t o = 0; o < s->N; o++) {
        double tot = 0, R = 0;
        for (size_t i = 0; i < sc->n_issues; i++)
            tot += pr->raw_weight[i] * x_of(s, i, outcome);
        for (size_t r = 0; !s->collapsed && r < pr->n_rules; r++)
            if (parley_rule_holds(&pr->rules[r], outcome))
                R += pr->rules[r].delta;
        s->cb[o] = (combo){tot, R};
        if (!s->collapsed)
            next_combo(s, outcome);
    }
    return PARLEY_OK;
}

parley_status parley_plan_sensitivity(const parley_scenario *sc, size_t plan,
                                      parley_sensitivity *out, parley_error *err)
{
    parley_error local;
    if (!err)
        err = &local;
    parley_error_clear(err);
    memset(out, 0, sizeof *out);
    if (plan >= sc->n_plans)
        return parley_error_set(err, PARLEY_ERR_INPUT, sc->file, 0, 0, "plan", "no plan %zu", plan);
    const parley_plan *pl = &sc->plans[plan];
    size_t ni = sc->n_issues, np = sc->n_parties;
    out->plan = plan;
    out->n_rows = np * (ni + 1);
    out->rows = calloc(out->n_rows, sizeof *out->rows);
    sweep s = {.sc = sc, .sets = pl->sets};
    s.open = calloc(ni ? ni : 1, sizeof *s.open);
    size_t *outcome = calloc(ni ? ni : 1, sizeof *outcome);
    parley_status st = PARLEY_OK;
    if (!out->rows || !s.open || !outcome)
        st = parley_error_set(err, PARLEY_ERR_LIMIT, sc->file, 0, 0, NULL, "out of memory");
    for (size_t i = 0; !st && i < ni; i++)
        if (pl->sets[i] < 0)
            s.open[s.n_open++] = i;
    for (size_t j = 0; !st && j < np; j++) {
        bool exact;
        double u = parley_utility_expected(sc, j, pl->sets, &exact);
        double w = sc->parties[j].walk_away;
        if ((st = party_setup(&s, j, outcome, err)))
            break;
        for (size_t k = 0; k <= ni && !st; k++) {
            parley_sens_row *row = &out->rows[j * (ni + 1) + k];
            row->party = j;
            row->utility = u;
            row->above = u >= w;
            if (k == ni) { /* walk-away: above on [0, u] */
                row->param = PARLEY_SENS_WALK_AWAY;
                row->issue = 0;
                row->value = w;
                s.n_pc = 0;
                double top = u < 1 ? u : 1;
                if ((st = add_piece(&s, 0, top, true)) ||
                    (top < 1 && (st = add_piece(&s, top, 1, false))))
                    break;
                read_pieces(&s, row, 0, 1);
            } else {
                row->param = PARLEY_SENS_WEIGHT;
                row->issue = k;
                row->value = sc->prefs[j].raw_weight[k];
                if ((st = sweep_issue(&s, k, outcome)))
                    break;
                read_pieces(&s, row, 0, INFINITY);
            }
            row->change = row->flip - row->value;
        }
        if (st && !err->code)
            parley_error_set(err, st, sc->file, 0, 0, NULL, "out of memory");
    }
    free(s.open);
    free(s.cb);
    free(s.ev);
    free(s.pc);
    free(outcome);
    if (st)
        parley_sensitivity_free(out);
    return st;
}
