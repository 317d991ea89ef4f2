/*
 * cli/cmd_report.c — `parley report FILE [-o report.html]`: the whole
 * analysis of a scenario as one self-contained HTML page. The library builds
 * the document (parley_report_dumpf, parley/report.h); this file reads the
 * scenario and its `conflict:` section, takes the options and writes the
 * file (whole or not at all).
 */
#include "parley.h"
#include "cli.h"
#include "commands.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char *USAGE =
    "usage: parley report FILE [-o FILE.html] [--plan ID] [--rounds N] [--runs N]\n"
    "                     [--seed N] [--threads N] [--quiet]\n"
    "Writes the whole analysis of a scenario as one self-contained HTML page: the scenario,\n"
    "who is on board with each plan version, what changed between drafts, the space of\n"
    "deals, what it would take, where bargaining lands and, with a conflict: section, the\n"
    "stable end states; a chart, a caption and a table for each. The page loads nothing from\n"
    "outside itself (inline CSS and SVG, no script) and prints to PDF from a browser.\n"
    "  --plan ID    the plan 'what would it take' starts from (default: the last one)\n"
    "  --rounds N   mediation rounds (default 50)\n"
    "  --runs N     Monte Carlo forecast runs with an uncertainty: section (default 200)\n"
    "  --seed N     Monte Carlo seed (default: the forecast's)\n"
    "  --threads N  threads for the frontier and the forecasts (default: all cores)\n"
    "  -o FILE.html where to write the page (default: standard output); written whole or\n"
    "               not at all\n";

static int parse_count(const char *name, const char *v, long hi, size_t *out)
{
    char *end;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (!*v || *end || errno || n < 1 || n > hi)
        return cli_usage_error("report", "%s must be 1 to %ld, not '%s'", name, hi, v);
    *out = (size_t)n;
    return 0;
}

typedef struct view {
    const parley_scenario *sc;
    const parley_report_options *opt;
} view;

static int write_report(const void *v, cli_out *out, cli_format format)
{
    const view *vw = v;
    (void)format;
    parley_error err;
    parley_status st = parley_report_dumpf(vw->sc, vw->opt, out->fp, &err);
    /* A write error stays in the stream for cli_out_commit to report. */
    return st && st != PARLEY_ERR_IO ? cli_fail(&err) : 0;
}

int cmd_report(int argc, char **argv)
{
    cli_common c;
    const char *file = NULL, *plan = NULL, *rounds = NULL, *runs = NULL;
    size_t npos;
    const cli_option opts[] = {{"--plan", &plan, NULL, NULL, NULL, false},
                               {"--rounds", &rounds, NULL, NULL, NULL, false},
                               {"--runs", &runs, NULL, NULL, NULL, false},
                               {NULL, NULL, NULL, NULL, NULL, false}};
    int rc = cli_parse("report", USAGE, argc, argv, &c, opts, &file, 1, &npos);
    if (rc)
        return rc < 0 ? 0 : rc;
    parley_report_options opt;
    parley_report_options_init(&opt);
    if (c.format != CLI_FORMAT_TEXT)
        return cli_usage_error("report", "the report is HTML only (no --format json|csv)");
    if ((rounds && (rc = parse_count("--rounds", rounds, 100000, &opt.mediate_rounds))) ||
        (runs && (rc = parse_count("--runs", runs, 100000, &opt.mc_runs))))
        return rc;
    if (!file)
        return cli_usage_error("report", "missing FILE\n%s", USAGE);
    parley_scenario *sc = cli_load_scenario(file, c.quiet, &rc);
    if (!sc)
        return rc;
    parley_error err;
    parley_conflict *conflict = NULL;
    if (sc->has_conflict && !(conflict = parley_conflict_load_yaml(file, &err))) {
        parley_scenario_free(sc);
        return cli_fail(&err);
    }
    if (plan && parley_plan_find(sc, plan) < 0) {
        rc = cli_usage_error("report", "%s: no plan '%s'", file, plan);
    } else {
        opt.conflict = conflict;
        opt.plan = plan;
        opt.seed = c.seed_given ? c.seed : 0;
        opt.threads = c.threads;
        cli_progress pg;
        cli_progress_init(&pg, "report", "analysis", c.quiet);
        opt.progress = cli_progress_update;
        opt.progress_ctx = &pg;
        static const cli_writers writers = {.write = write_report};
        view v = {sc, &opt};
        rc = cli_emit(&c, &writers, &v);
        cli_progress_finish(&pg);
    }
    parley_conflict_free(conflict);
    parley_scenario_free(sc);
    return rc;
}
