/*
 * forecast/scenario.c — the spatial scenario every forecast model reads:
 * allocation, deep copy, release and range checks. Readers (io/ktab_csv.c,
 * io/ktab_xml.c, from_scenario.c, io/deu.c) fill it; models only read it.
 */
#include "forecast/fc_internal.h"
#include "core/error.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *parleyp_fc_strdup(const char *s)
{
    return s ? parleyp_fc_strndup(s, strlen(s)) : NULL;
}

char *parleyp_fc_strndup(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

parley_fc_scenario *parley_fc_scenario_new(size_t n_actors, size_t n_dims)
{
    if (n_actors > 100000 || n_dims > 1000)
        return NULL;
    parley_fc_scenario *sc = calloc(1, sizeof *sc);
    if (!sc)
        return NULL;
    sc->n_actors = n_actors;
    sc->n_dims = n_dims;
    size_t nd = n_actors * n_dims;
    sc->actor = calloc(n_actors + 1, sizeof *sc->actor);
    sc->actor_desc = calloc(n_actors + 1, sizeof *sc->actor_desc);
    sc->dim = calloc(n_dims + 1, sizeof *sc->dim);
    sc->capability = calloc(n_actors + 1, sizeof *sc->capability);
    sc->position = calloc(nd + 1, sizeof *sc->position);
    sc->salience = calloc(nd + 1, sizeof *sc->salience);
    parley_smp_params_default(&sc->params);
    if (!sc->actor || !sc->actor_desc || !sc->dim || !sc->capability || !sc->position ||
        !sc->salience) {
        parley_fc_scenario_free(sc);
        return NULL;
    }
    return sc;
}

void parley_fc_scenario_free(parley_fc_scenario *sc)
{
    if (!sc)
        return;
    for (size_t i = 0; i < sc->n_actors; i++) {
        if (sc->actor)
            free(sc->actor[i]);
        if (sc->actor_desc)
            free(sc->actor_desc[i]);
    }
    for (size_t d = 0; d < sc->n_dims && sc->dim; d++)
        free(sc->dim[d]);
    free(sc->actor);
    free(sc->actor_desc);
    free(sc->dim);
    free(sc->capability);
    free(sc->position);
    free(sc->salience);
    free(sc->accommodation);
    parleyp_fc_scale_free(sc->scale, sc->n_dims);
    parleyp_fc_overrides_free(sc->overrides, sc->n_overrides);
    free(sc->file);
    free(sc->name);
    free(sc->description);
    free(sc);
}

void parleyp_fc_overrides_free(parley_override *o, size_t n)
{
    for (size_t k = 0; o && k < n; k++) {
        free(o[k].option);
        free(o[k].argument);
    }
    free(o);
}

parley_override *parleyp_fc_overrides_copy(const parley_override *o, size_t n, bool *ok)
{
    if (!o || !n)
        return NULL;
    parley_override *c = calloc(n, sizeof *c);
    if (!c) {
        *ok = false;
        return NULL;
    }
    for (size_t k = 0; k < n; k++)
        if (!(c[k].option = parleyp_fc_strdup(o[k].option)) ||
            !(c[k].argument = parleyp_fc_strdup(o[k].argument)))
            *ok = false;
    return c;
}

void parleyp_fc_scale_free(parley_fc_dim_scale *scale, size_t n_dims)
{
    for (size_t d = 0; scale && d < n_dims; d++) {
        free(scale[d].unit);
        for (size_t o = 0; scale[d].option && o < scale[d].n_options; o++)
            free(scale[d].option[o]);
        free(scale[d].option);
        free(scale[d].option_pos);
    }
    free(scale);
}

/* A deep copy of n_dims scales; NULL for NULL or out of memory (*ok false). */
static parley_fc_dim_scale *scale_copy(const parley_fc_dim_scale *s, size_t n_dims, bool *ok)
{
    if (!s)
        return NULL;
    parley_fc_dim_scale *c = calloc(n_dims ? n_dims : 1, sizeof *c);
    if (!c) {
        *ok = false;
        return NULL;
    }
    for (size_t d = 0; d < n_dims; d++) {
        c[d] = s[d];
        c[d].unit = NULL;
        c[d].option = NULL;
        c[d].option_pos = NULL;
        c[d].n_options = 0;
        if (s[d].unit && !(c[d].unit = parleyp_fc_strdup(s[d].unit)))
            *ok = false;
        size_t n = s[d].n_options;
        if (!n)
            continue;
        c[d].option = calloc(n, sizeof *c[d].option);
        c[d].option_pos = malloc(n * sizeof *c[d].option_pos);
        if (!c[d].option || !c[d].option_pos) {
            *ok = false;
            continue;
        }
        c[d].n_options = n;
        memcpy(c[d].option_pos, s[d].option_pos, n * sizeof *c[d].option_pos);
        for (size_t o = 0; o < n; o++)
            if (!(c[d].option[o] = parleyp_fc_strdup(s[d].option[o])))
                *ok = false;
    }
    return c;
}

double parley_fc_value(const parley_fc_scenario *sc, size_t d, double position)
{
    if (!sc || !sc->scale || d >= sc->n_dims || !sc->scale[d].range)
        return (double)NAN;
    const parley_fc_dim_scale *s = &sc->scale[d];
    return s->lower + position / 100.0 * (s->upper - s->lower);
}

const char *parley_fc_nearest_option(const parley_fc_scenario *sc, size_t d, double position)
{
    if (!sc || !sc->scale || d >= sc->n_dims || sc->scale[d].range)
        return NULL;
    const parley_fc_dim_scale *s = &sc->scale[d];
    const char *best = NULL;
    double gap = INFINITY;
    for (size_t o = 0; o < s->n_options; o++)
        if (fabs(s->option_pos[o] - position) < gap) {
            gap = fabs(s->option_pos[o] - position);
            best = s->option[o];
        }
    return best;
}

parley_fc_scenario *parley_fc_scenario_copy(const parley_fc_scenario *sc)
{
    parley_fc_scenario *c = parley_fc_scenario_new(sc->n_actors, sc->n_dims);
    if (!c)
        return NULL;
    size_t n = sc->n_actors, nd = sc->n_actors * sc->n_dims;
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        if (sc->actor[i] && !(c->actor[i] = parleyp_fc_strdup(sc->actor[i])))
            ok = false;
        if (sc->actor_desc[i] && !(c->actor_desc[i] = parleyp_fc_strdup(sc->actor_desc[i])))
            ok = false;
    }
    for (size_t d = 0; d < sc->n_dims; d++)
        if (sc->dim[d] && !(c->dim[d] = parleyp_fc_strdup(sc->dim[d])))
            ok = false;
    if ((sc->file && !(c->file = parleyp_fc_strdup(sc->file))) ||
        (sc->name && !(c->name = parleyp_fc_strdup(sc->name))) ||
        (sc->description && !(c->description = parleyp_fc_strdup(sc->description))))
        ok = false;
    memcpy(c->capability, sc->capability, n * sizeof *c->capability);
    memcpy(c->position, sc->position, nd * sizeof *c->position);
    memcpy(c->salience, sc->salience, nd * sizeof *c->salience);
    if (sc->accommodation) {
        c->accommodation = malloc(n * n * sizeof *c->accommodation);
        if (c->accommodation)
            memcpy(c->accommodation, sc->accommodation, n * n * sizeof *c->accommodation);
        else
            ok = false;
    }
    c->has_params = sc->has_params;
    c->params = sc->params;
    c->has_seed = sc->has_seed;
    c->seed = sc->seed;
    c->vary_position = sc->vary_position;
    c->vary_salience = sc->vary_salience;
    c->vary_capability = sc->vary_capability;
    c->scale = scale_copy(sc->scale, sc->n_dims, &ok);
    if ((c->overrides = parleyp_fc_overrides_copy(sc->overrides, sc->n_overrides, &ok)))
        c->n_overrides = sc->n_overrides;
    if (!ok) {
        parley_fc_scenario_free(c);
        return NULL;
    }
    return c;
}

static const char *aname(const parley_fc_scenario *sc, size_t i, char *buf, size_t n)
{
    if (sc->actor[i])
        return sc->actor[i];
    snprintf(buf, n, "#%zu", i + 1);
    return buf;
}

parley_status parley_fc_scenario_validate(const parley_fc_scenario *sc, parley_error *err)
{
    const char *f = sc->file;
    char nb[32];
    if (sc->n_actors < 2)
        return parley_error_set(err, PARLEY_ERR_INPUT, f, 0, 0, "actors",
                                "a forecast needs at least 2 actors, found %zu", sc->n_actors);
    if (sc->n_dims < 1)
        return parley_error_set(err, PARLEY_ERR_INPUT, f, 0, 0, "dimensions",
                                "a forecast needs at least 1 dimension");
    for (size_t i = 0; i < sc->n_actors; i++) {
        const char *a = aname(sc, i, nb, sizeof nb);
        double c = sc->capability[i];
        if (!isfinite(c) || c <= 0.0 || c > 1e8)
            return parley_error_set(err, PARLEY_ERR_INPUT, f, 0, 0, "capability",
                                    "actor %s: capability must be > 0 and <= 1e8, not %g", a, c);
        double ssum = 0.0, smax = 0.0;
        for (size_t d = 0; d < sc->n_dims; d++) {
            double x = sc->position[i * sc->n_dims + d], s = sc->salience[i * sc->n_dims + d];
            if (!isfinite(x) || x < 0.0 || x > 100.0)
                return parley_error_set(err, PARLEY_ERR_INPUT, f, 0, 0, "position",
                                        "actor %s, dimension %zu: position must be in 0..100, "
                                        "not %g",
                                        a, d + 1, x);
            if (!isfinite(s) || s < 0.0 || s > 100.0)
                return parley_error_set(err, PARLEY_ERR_INPUT, f, 0, 0, "salience",
                                        "actor %s, dimension %zu: salience must be in 0..100, "
                                        "not %g",
                                        a, d + 1, s);
            ssum += s;
            if (s > smax)
                smax = s;
        }
        if (ssum > 100.0 + 1e-9)
            return parley_error_set(err, PARLEY_ERR_INPUT, f, 0, 0, "salience",
                                    "actor %s: saliences add up to %g, more than 100", a, ssum);
        if (smax <= 0.0)
            return parley_error_set(err, PARLEY_ERR_INPUT, f, 0, 0, "salience",
                                    "actor %s: every salience is 0", a);
    }
    if (sc->accommodation) {
        size_t n = sc->n_actors;
        for (size_t i = 0; i < n; i++) {
            double row = 0.0;
            for (size_t j = 0; j < n; j++) {
                double v = sc->accommodation[i * n + j];
                if (!isfinite(v) || v < 0.0 || v > 1.0)
                    return parley_error_set(err, PARLEY_ERR_INPUT, f, 0, 0, "adjust",
                                            "ideal adjustment of %s by %s must be in 0..1, not %g",
                                            aname(sc, i, nb, sizeof nb),
                                            sc->actor[j] ? sc->actor[j] : "?", v);
                row += v;
            }
            if (row > 1.0 + 1e-9)
                return parley_error_set(err, PARLEY_ERR_INPUT, f, 0, 0, "adjust",
                                        "ideal adjustments of %s add up to %g, more than 1",
                                        aname(sc, i, nb, sizeof nb), row);
        }
    }
    return PARLEY_OK;
}
