/*
 * plot/api.c — the public chart API (parley/plot.h) over the internal one
 * (plot/chart.h): the same builders, and the bytes of the rendered file.
 */
#include "plot/chart.h"
#include "core/error.h"

parley_chart_format parley_chart_format_of(const char *path)
{
    return (parley_chart_format)parleyp_chart_format_of(path);
}

unsigned char *parley_chart_render(const parley_chart *c, parley_chart_format format, size_t *len,
                                   parley_error *err)
{
    if (!c || !len) {
        parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, NULL, "no chart");
        return NULL;
    }
    return parleyp_chart_bytes(c, (parleyp_chart_format)format, len, err);
}

const char *parley_chart_caption(const parley_chart *c)
{
    return c && c->caption ? c->caption : "";
}

void parley_chart_free(parley_chart *c)
{
    parleyp_chart_free(c);
}

parley_chart *parley_chart_onboard(const parley_scenario *sc, const parley_score *scores, size_t n,
                                   parley_error *err)
{
    return parleyp_chart_onboard(sc, scores, n, err);
}

parley_chart *parley_chart_diff(const parley_scenario *sc, const parley_diff *d, parley_error *err)
{
    return parleyp_chart_diff(sc, d, err);
}

parley_chart *parley_chart_frontier(const parley_space *sp, const parley_analysis *an,
                                    const parley_scenario *sc, parley_error *err)
{
    return parleyp_chart_frontier(sp, an, sc, err);
}

parley_chart *parley_chart_mediate(const parley_scenario *sc, size_t plan,
                                   parley_mediate_concept concept, const parley_mediation *m,
                                   parley_error *err)
{
    return parleyp_chart_mediate(sc, plan, concept, m, err);
}

parley_chart *parley_chart_forecast(const parley_fc_scenario *fs, const parley_fc_result *r,
                                    const parley_fc_result *const *others, size_t n_others,
                                    const parley_fc_mc *mc, parley_error *err)
{
    return parleyp_chart_forecast(fs, r, others, n_others, mc, err);
}

parley_chart *parley_chart_trace(const parley_nego_domain *dom, const parley_negotiation_result *r,
                                 const char *const *agents, parley_error *err)
{
    return parleyp_chart_trace(dom, r, agents, err);
}

parley_chart *parley_chart_stability(const parley_conflict *c, const parley_stability *s,
                                     parley_error *err)
{
    return parleyp_chart_stability(c, s, err);
}
