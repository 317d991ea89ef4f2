/*
 * doc/forecast.c — the `parley forecast` documents: one forecast
 * (parley_fc_result_dumpf), a Monte Carlo distribution (parley_fc_mc_dumpf)
 * and the DEU III scores (parley_deu_dumpf).
 *
 * Forecast JSON: {model, scenario, parameters, seed, converged, actors[],
 * dims[], turns[{turn, positions[{actor, dim, position}], probabilities
 * (SMP), ratio, median (EUM)}], forecast[{dim, expected, most_likely}]};
 * CSV one row per turn, actor and dimension. Monte Carlo JSON: {model,
 * scenario, parameters, seed, runs, ranges, mean_turns, distribution[]};
 * CSV one row per run and dimension. DEU JSON: {file, issues, skipped,
 * capabilities, baseline_weighted_mean_mae, models[]}; CSV one row per
 * model. Field names: docs/output.md, docs/forecast.md.
 */
#include "doc/document.h"
#include "core/error.h"
#include "parley/forecast.h"

#include <math.h>
#include <stdlib.h>

/* The salience-weighted-mean baseline's MAE on DEU III (docs/forecast.md). */
#define DEU_BASELINE_MAE 23.68

static const char *const QUANTILE[5] = {"q05", "q25", "q50", "q75", "q95"};

static const char *str(const char *s)
{
    return s ? s : "";
}

/* "parameters": the model's settings (SMP: KTAB's names; EUM: q, rounds,
 * probability; the others: none). */
static void params_json(parleyp_jw *w, const parley_fc_options *o)
{
    parleyp_jw_kobject(w, "parameters");
    if (o->model == PARLEY_FC_SMP) {
        for (size_t i = 0; i < parley_smp_param_count(); i++)
            parleyp_jw_kstring(w, parley_smp_param_name(i), parley_smp_param_value(&o->smp, i));
    } else if (o->model == PARLEY_FC_EUM) {
        parleyp_jw_knumber(w, "q", o->eum.q);
        parleyp_jw_kinteger(w, "rounds", o->eum.rounds);
        parleyp_jw_kstring(w, "probability", o->eum.scholz_denominator ? "scholz" : "alliance");
    }
    parleyp_jw_close(w);
}

/* model, scenario, parameters, seed: the head of both forecast documents. */
static void head_json(parleyp_jw *w, const parley_fc_scenario *sc, const parley_fc_options *o,
                      parley_fc_model model)
{
    char seed[32];
    snprintf(seed, sizeof seed, "%llu", (unsigned long long)o->seed);
    if (sc->scale) /* made from a YAML scenario: its what-ifs */
        parleyp_doc_override_list(w, sc->overrides, sc->n_overrides);
    parleyp_jw_kstring(w, "model", parley_fc_model_name(model));
    parleyp_jw_kstring(w, "scenario", str(sc->name));
    params_json(w, o);
    parleyp_jw_kstring(w, "seed", seed);
}

/* A position in the issue's own terms, for a forecast made from a YAML
 * scenario (KTAB and DEU data have none): "<prefix>value" in the issue's
 * units (range issues; null otherwise), "unit", "nearest_option" (issues
 * with options; null otherwise). */
static void in_issue_terms(parleyp_jw *w, const parley_fc_scenario *sc, size_t d, double position,
                           const char *value_key)
{
    if (!sc->scale)
        return;
    parleyp_jw_knumber(w, value_key, parley_fc_value(sc, d, position));
    parleyp_jw_kstring(w, "unit", sc->scale[d].unit);
    parleyp_jw_kstring(w, "nearest_option", parley_fc_nearest_option(sc, d, position));
}

/* ---- one forecast ------------------------------------------------------------ */

typedef struct result_ctx {
    const parley_fc_scenario *sc;
    const parley_fc_options *o;
    const parley_fc_result *r;
} result_ctx;

static int result_json(const result_ctx *x, FILE *fp)
{
    const parley_fc_scenario *sc = x->sc;
    const parley_fc_result *r = x->r;
    const size_t n = sc->n_actors, D = sc->n_dims;
    parleyp_jw w;
    parleyp_jw_init(&w, fp);
    parleyp_jw_object(&w);
    head_json(&w, sc, x->o, r->model);
    parleyp_jw_kbool(&w, "converged", r->converged);
    parleyp_jw_karray(&w, "actors");
    for (size_t i = 0; i < n; i++) {
        parleyp_jw_object(&w);
        parleyp_jw_kstring(&w, "actor", sc->actor[i]);
        parleyp_jw_knumber(&w, "capability", sc->capability[i]);
        parleyp_jw_close(&w);
    }
    parleyp_jw_close(&w);
    parleyp_jw_karray(&w, "dims");
    for (size_t d = 0; d < D; d++)
        parleyp_jw_string(&w, str(sc->dim[d]));
    parleyp_jw_close(&w);
    parleyp_jw_karray(&w, "turns");
    for (size_t t = 0; t < r->n_turns; t++) {
        const parley_fc_turn *tu = &r->turns[t];
        parleyp_jw_object(&w);
        parleyp_jw_kinteger(&w, "turn", (long long)t);
        parleyp_jw_karray(&w, "positions");
        for (size_t i = 0; i < n; i++)
            for (size_t d = 0; d < D; d++) {
                parleyp_jw_object(&w);
                parleyp_jw_kstring(&w, "actor", sc->actor[i]);
                parleyp_jw_kstring(&w, "dim", sc->dim[d]);
                parleyp_jw_knumber(&w, "position", tu->position[i * D + d]);
                parleyp_jw_close(&w);
            }
        parleyp_jw_close(&w);
        if (r->model == PARLEY_FC_SMP) {
            parleyp_jw_karray(&w, "probabilities");
            for (size_t i = 0; i < n; i++) {
                parleyp_jw_object(&w);
                parleyp_jw_kstring(&w, "actor", sc->actor[i]);
                parleyp_jw_knumber(&w, "prob", tu->prob[i]);
                parleyp_jw_close(&w);
            }
            parleyp_jw_close(&w);
        }
        parleyp_jw_knumber(&w, "ratio", tu->ratio);
        if (r->round_median) {
            parleyp_jw_karray(&w, "median");
            for (size_t d = 0; d < D; d++) {
                parleyp_jw_object(&w);
                parleyp_jw_kstring(&w, "dim", sc->dim[d]);
                parleyp_jw_knumber(&w, "median", r->round_median[t * D + d]);
                parleyp_jw_close(&w);
            }
            parleyp_jw_close(&w);
        }
        parleyp_jw_close(&w);
    }
    parleyp_jw_close(&w);
    parleyp_jw_karray(&w, "forecast");
    for (size_t d = 0; d < D; d++) {
        parleyp_jw_object(&w);
        parleyp_jw_kstring(&w, "dim", sc->dim[d]);
        parleyp_jw_knumber(&w, "expected", r->expected[d]);
        parleyp_jw_knumber(&w, "most_likely", r->most_likely[d]);
        in_issue_terms(&w, sc, d, r->expected[d], "value");
        parleyp_jw_close(&w);
    }
    parleyp_jw_close(&w);
    parleyp_jw_close(&w);
    return parleyp_jw_end(&w);
}

static void result_csv(const result_ctx *x, FILE *fp)
{
    const parley_fc_scenario *sc = x->sc;
    const parley_fc_result *r = x->r;
    const size_t D = sc->n_dims;
    fputs("turn,actor,dim,position,prob,ratio\n", fp);
    for (size_t t = 0; t < r->n_turns; t++)
        for (size_t i = 0; i < sc->n_actors; i++)
            for (size_t d = 0; d < D; d++) {
                fprintf(fp, "%zu,", t);
                parleyp_csv_string(fp, sc->actor[i], false);
                parleyp_csv_string(fp, sc->dim[d], false);
                parleyp_csv_number(fp, r->turns[t].position[i * D + d], false);
                parleyp_csv_number(
                    fp, r->model == PARLEY_FC_SMP ? r->turns[t].prob[i] : (double)NAN, false);
                parleyp_csv_number(fp, r->turns[t].ratio, true);
            }
}

static int result_body(const void *ctx, parley_doc_format format, FILE *fp)
{
    if (format == PARLEY_DOC_CSV) {
        result_csv(ctx, fp);
        return 0;
    }
    return result_json(ctx, fp);
}

static bool fc_valid(const void *sc, const void *o, const void *r, parley_error *err)
{
    if (sc && o && r)
        return true;
    parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, NULL,
                     "a forecast document needs the scenario, the options and the result");
    return false;
}

parley_status parley_fc_result_dumpf(const parley_fc_scenario *sc, const parley_fc_options *o,
                                     const parley_fc_result *r, parley_doc_format format, FILE *fp,
                                     parley_error *err)
{
    result_ctx x = {sc, o, r};
    if (!fc_valid(sc, o, r, err))
        return PARLEY_ERR_INPUT;
    return parleyp_doc_dumpf(result_body, &x, format, fp, err);
}

char *parley_fc_result_dumps(const parley_fc_scenario *sc, const parley_fc_options *o,
                             const parley_fc_result *r, parley_doc_format format, parley_error *err)
{
    result_ctx x = {sc, o, r};
    if (!fc_valid(sc, o, r, err))
        return NULL;
    return parleyp_doc_dumps(result_body, &x, format, err);
}

/* ---- Monte Carlo ------------------------------------------------------------- */

typedef struct mc_ctx {
    const parley_fc_scenario *sc;
    const parley_fc_options *o;
    const parley_fc_mc *mc;
} mc_ctx;

static int mc_json(const mc_ctx *x, FILE *fp)
{
    const parley_fc_scenario *sc = x->sc;
    const parley_fc_mc *mc = x->mc;
    double mean_turns = 0.0;
    for (size_t r = 0; r < mc->n_runs; r++)
        mean_turns += mc->turns[r] / (double)mc->n_runs;
    parleyp_jw w;
    parleyp_jw_init(&w, fp);
    parleyp_jw_object(&w);
    head_json(&w, sc, x->o, x->o->model);
    parleyp_jw_kinteger(&w, "runs", (long long)mc->n_runs);
    parleyp_jw_kobject(&w, "ranges");
    parleyp_jw_knumber(&w, "position", sc->vary_position);
    parleyp_jw_knumber(&w, "salience", sc->vary_salience);
    parleyp_jw_knumber(&w, "capability", sc->vary_capability);
    parleyp_jw_close(&w);
    parleyp_jw_knumber(&w, "mean_turns", mean_turns);
    parleyp_jw_karray(&w, "distribution");
    for (size_t d = 0; d < sc->n_dims; d++) {
        parleyp_jw_object(&w);
        parleyp_jw_kstring(&w, "dim", sc->dim[d]);
        parleyp_jw_knumber(&w, "mean", mc->mean[d]);
        for (size_t q = 0; q < 5; q++)
            parleyp_jw_knumber(&w, QUANTILE[q], mc->quantile[d * 5 + q]);
        in_issue_terms(&w, sc, d, mc->mean[d], "mean_value");
        parleyp_jw_close(&w);
    }
    parleyp_jw_close(&w);
    parleyp_jw_close(&w);
    return parleyp_jw_end(&w);
}

static void mc_csv(const mc_ctx *x, FILE *fp)
{
    const size_t D = x->sc->n_dims;
    fputs("run,dim,expected\n", fp);
    for (size_t r = 0; r < x->mc->n_runs; r++)
        for (size_t d = 0; d < D; d++) {
            fprintf(fp, "%zu,", r);
            parleyp_csv_string(fp, x->sc->dim[d], false);
            parleyp_csv_number(fp, x->mc->expected[r * D + d], true);
        }
}

static int mc_body(const void *ctx, parley_doc_format format, FILE *fp)
{
    if (format == PARLEY_DOC_CSV) {
        mc_csv(ctx, fp);
        return 0;
    }
    return mc_json(ctx, fp);
}

parley_status parley_fc_mc_dumpf(const parley_fc_scenario *sc, const parley_fc_options *o,
                                 const parley_fc_mc *mc, parley_doc_format format, FILE *fp,
                                 parley_error *err)
{
    mc_ctx x = {sc, o, mc};
    if (!fc_valid(sc, o, mc, err))
        return PARLEY_ERR_INPUT;
    return parleyp_doc_dumpf(mc_body, &x, format, fp, err);
}

char *parley_fc_mc_dumps(const parley_fc_scenario *sc, const parley_fc_options *o,
                         const parley_fc_mc *mc, parley_doc_format format, parley_error *err)
{
    mc_ctx x = {sc, o, mc};
    if (!fc_valid(sc, o, mc, err))
        return NULL;
    return parleyp_doc_dumps(mc_body, &x, format, err);
}

/* ---- DEU III ------------------------------------------------------------------- */

typedef struct deu_ctx {
    const parley_deu *d;
    const parley_deu_score *scores;
    size_t n_scores;
    const char *file;
    bool weights;
} deu_ctx;

static int deu_json(const deu_ctx *x, FILE *fp)
{
    parleyp_jw w;
    parleyp_jw_init(&w, fp);
    parleyp_jw_object(&w);
    parleyp_jw_kstring(&w, "file", x->file);
    parleyp_jw_kinteger(&w, "issues", (long long)x->d->n_issues);
    parleyp_jw_kinteger(&w, "skipped", (long long)x->d->n_skipped);
    parleyp_jw_kstring(&w, "capabilities", x->weights ? "weights" : "equal");
    parleyp_jw_knumber(&w, "baseline_weighted_mean_mae", DEU_BASELINE_MAE);
    parleyp_jw_karray(&w, "models");
    for (size_t k = 0; k < x->n_scores; k++) {
        parleyp_jw_object(&w);
        parleyp_jw_kstring(&w, "model", parley_fc_model_name(x->scores[k].model));
        parleyp_jw_kinteger(&w, "n", (long long)x->scores[k].n);
        parleyp_jw_knumber(&w, "mae", x->scores[k].mae);
        parleyp_jw_close(&w);
    }
    parleyp_jw_close(&w);
    parleyp_jw_close(&w);
    return parleyp_jw_end(&w);
}

static void deu_csv(const deu_ctx *x, FILE *fp)
{
    fputs("model,issues,mae\n", fp);
    for (size_t k = 0; k < x->n_scores; k++) {
        parleyp_csv_string(fp, parley_fc_model_name(x->scores[k].model), false);
        fprintf(fp, "%zu,", x->scores[k].n);
        parleyp_csv_number(fp, x->scores[k].mae, true);
    }
}

static int deu_body(const void *ctx, parley_doc_format format, FILE *fp)
{
    if (format == PARLEY_DOC_CSV) {
        deu_csv(ctx, fp);
        return 0;
    }
    return deu_json(ctx, fp);
}

static bool deu_valid(const deu_ctx *x, parley_error *err)
{
    if (x->d && (x->scores || !x->n_scores))
        return true;
    parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, NULL,
                     "a DEU document needs the data set and its scores");
    return false;
}

parley_status parley_deu_dumpf(const parley_deu *d, const parley_deu_score *scores, size_t n_scores,
                               const char *file, bool weights, parley_doc_format format, FILE *fp,
                               parley_error *err)
{
    deu_ctx x = {d, scores, n_scores, file, weights};
    if (!deu_valid(&x, err))
        return PARLEY_ERR_INPUT;
    return parleyp_doc_dumpf(deu_body, &x, format, fp, err);
}

char *parley_deu_dumps(const parley_deu *d, const parley_deu_score *scores, size_t n_scores,
                       const char *file, bool weights, parley_doc_format format, parley_error *err)
{
    deu_ctx x = {d, scores, n_scores, file, weights};
    if (!deu_valid(&x, err))
        return NULL;
    return parleyp_doc_dumps(deu_body, &x, format, err);
}
