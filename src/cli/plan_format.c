/*
 * cli/plan_format.c — see plan_format.h.
 */
#include "plan_format.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *STANCE[] = {"accepts", "rejects", "partial"};

const char *pf_sets(const parley_scenario *sc, const parley_point *pt, char *buf, size_t n)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t s = 0; s < pt->n_sets && used < n; s++) {
        const parley_issue *is = &sc->issues[pt->set_issue[s]];
        int w = snprintf(buf + used, n - used, "%s%s=%s", s ? ", " : "", is->id,
                         is->options[pt->set_option[s]].id);
        if (w > 0)
            used += (size_t)w;
    }
    if (!buf[0])
        snprintf(buf, n, "-");
    return buf;
}

const char *pf_reported(const parley_scenario *sc, size_t party, size_t plan, size_t *note,
                        char *buf, size_t n)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t k = 0; k < sc->n_stances && used < n; k++) {
        const parley_stance *st = &sc->stances[k];
        if (st->plan != (long)plan)
            continue;
        ++*note;
        if (st->party != party)
            continue;
        char share[16] = "";
        if (!isnan(st->share))
            snprintf(share, sizeof share, "%.0f%% ", 100 * st->share);
        int w = snprintf(buf + used, n - used, "%s%s%s%s [%zu]", used ? "; " : "", share,
                         STANCE[st->kind], st->n_disputed ? " (disputed)" : "", *note);
        if (w > 0)
            used += (size_t)w;
    }
    if (!buf[0])
        snprintf(buf, n, "-");
    return buf;
}

void pf_stance_notes(const parley_scenario *sc, size_t plan, FILE *fp)
{
    size_t note = 0;
    for (size_t k = 0; k < sc->n_stances; k++) {
        const parley_stance *st = &sc->stances[k];
        if (st->plan != (long)plan)
            continue;
        fprintf(fp, "[%zu] %s %s", ++note, sc->parties[st->party].id, STANCE[st->kind]);
        if (st->n_points) {
            fprintf(fp, " points");
            for (size_t p = 0; p < st->n_points; p++)
                fprintf(fp, "%s%s", p ? ", " : " ", st->points[p]);
        }
        if (st->note)
            fprintf(fp, ": %s", st->note);
        fprintf(fp, " — %s%s%s", st->source ? st->source : "no source", st->date ? ", " : "",
                st->date ? st->date : "");
        for (size_t d = 0; d < st->n_disputed; d++)
            fprintf(fp, "%s%s", d ? ", " : "; disputed by ", sc->parties[st->disputed_by[d]].id);
        fputc('\n', fp);
    }
}
