/*
 * cli/cmd_stability.c — `parley stability FILE`: GMCR stability analysis of
 * the conflict in a scenario (YAML `conflict:` section) or a GMCR+ / case
 * JSON file. Prints, per state and decision maker, stability under Nash,
 * GMR, SMR, SEQ, SIM and SEQ+SIM and the equilibria; with --coalition the
 * same for a partition into coalitions; with --status-quo the shortest legal
 * paths from a state to the equilibria; with --explain the improving moves
 * at a state and the sanctions that deter them. Text, JSON or CSV.
 */
#include "cli.h"
#include "commands.h"
#include "table.h"
#include "parley/stability.h"

#include <stdlib.h>
#include <string.h>

#define MAX_COALITION_ARGS 16
#define TEXT_ALL_STATES 256
#define ST_DEFAULT_MAX_WORK 2e10 /* about a minute or two on one core */

typedef struct st_args {
    cli_common common;
    const char *file, *explain, *status_quo, *max_work_arg;
    double max_work;
    const char *coalition[MAX_COALITION_ARGS];
    int ncoalitions;
    bool gmcrplus;
} st_args;

static const char USAGE[] =
    "usage: parley stability FILE [--explain STATE] [--gmcrplus]\n"
    "                        [--coalition DM,DM ... | --coalition file]\n"
    "                        [--status-quo STATE] [--format text|json|csv] [-o FILE]\n\n"
    "GMCR stability of the conflict in FILE (a scenario's `conflict:` section, or a\n"
    "GMCR+ .gmcr / gmcr-case JSON file): per state and decision maker, Nash, GMR,\n"
    "SMR, SEQ, SIM and SEQ+SIM, and the equilibria.\n\n"
    "  --explain STATE     improving moves at STATE and the sanctions deterring them\n"
    "  --gmcrplus          GMCR+ sanctions (each opponent moves at most once) instead\n"
    "                      of textbook legal sequences\n"
    "  --coalition A,B     analyse with A and B as one coalition (repeat for more;\n"
    "                      'file' takes the file's coalitions)\n"
    "  --status-quo STATE  shortest legal paths from STATE to the equilibria (default:\n"
    "                      the file's status_quo, if any)\n"
    "  --threads N         threads for large conflicts (default: all cores)\n"
    "  --max-memory SIZE   refuse (exit 3) a conflict whose states or solution would\n"
    "                      need more memory (default: half the physical memory)\n"
    "  --max-work N        refuse (exit 3) a solution estimated to take more than N\n"
    "                      steps (state x move visits, ~1e8 a second; default 2e10)\n"
    "STATE is a 1-based id, d<decimal>, a Y/N string or a graph state name.\n";

static int parse_args(int argc, char **argv, st_args *a)
{
    memset(a, 0, sizeof *a);
    const char **coalition = calloc((size_t)argc + 1, sizeof *coalition);
    size_t n_coalition = 0, npos = 0;
    if (!coalition)
        return CLI_EXIT_LIMIT;
    const cli_option opts[] = {{"--gmcrplus", NULL, &a->gmcrplus, NULL, NULL, false},
                               {"--explain", &a->explain, NULL, NULL, NULL, false},
                               {"--status-quo", &a->status_quo, NULL, NULL, NULL, false},
                               {"--max-work", &a->max_work_arg, NULL, NULL, NULL, false},
                               {"--coalition", NULL, NULL, coalition, &n_coalition, false},
                               {NULL, NULL, NULL, NULL, NULL, false}};
    int rc = cli_parse(argv[0], USAGE, argc, argv, &a->common, opts, &a->file, 1, &npos);
    if (!rc && n_coalition > MAX_COALITION_ARGS)
        rc = cli_usage_error(argv[0], "too many --coalition options");
    if (!rc && !a->file)
        rc = cli_usage_error(argv[0], "missing FILE (see --help)");
    for (size_t k = 0; !rc && k < n_coalition; k++)
        a->coalition[a->ncoalitions++] = coalition[k];
    a->max_work = ST_DEFAULT_MAX_WORK;
    if (!rc && a->max_work_arg) {
        char *end;
        a->max_work = strtod(a->max_work_arg, &end);
        if (*end || end == a->max_work_arg || !(a->max_work >= 1))
            rc = cli_usage_error(argv[0], "--max-work must be a number >= 1, not '%s'",
                                 a->max_work_arg);
    }
    free(coalition);
    return rc;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && !strcmp(s + n - k, suffix);
}

/* Builds the partition from --coalition options; DMs not named stay alone. */
static int partition(const parley_conflict *c, const st_args *a, int *part, parley_error *err)
{
    size_t nd = parley_conflict_dm_count(c);
    if (a->ncoalitions == 1 && !strcmp(a->coalition[0], "file")) {
        if (!parley_conflict_coalitions(c, part)) {
            snprintf(err->message, sizeof err->message, "the file defines no coalitions");
            return -1;
        }
        return 0;
    }
    for (size_t d = 0; d < nd; d++)
        part[d] = -1;
    int next = 0;
    for (int k = 0; k < a->ncoalitions; k++, next++) {
        char buf[1024];
        snprintf(buf, sizeof buf, "%s", a->coalition[k]);
        for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok;
             tok = strtok_r(NULL, ",", &save)) {
            while (*tok == ' ')
                tok++;
            size_t d = 0;
            while (d < nd && strcmp(parley_conflict_dm_name(c, d), tok))
                d++;
            if (d == nd || part[d] >= 0) {
                snprintf(err->message, sizeof err->message,
                         "--coalition: '%s' is not a decision maker or is named twice", tok);
                return -1;
            }
            part[d] = next;
        }
    }
    for (size_t d = 0; d < nd; d++)
        if (part[d] < 0)
            part[d] = next++;
    return 0;
}

/* What the Y/N letters of a state mean: letter k is option k. */
static void text_legend(FILE *fp, const parley_conflict *c)
{
    if (parley_conflict_is_graph_form(c))
        return;
    fprintf(fp, "\nOptions (letter k of a state is option k: Y taken, N not):\n");
    for (size_t k = 0; k < parley_conflict_option_count(c); k++)
        fprintf(fp, "  %2zu  %-4s %s\n", k + 1,
                parley_conflict_dm_name(c, parley_conflict_option_dm(c, k)),
                parley_conflict_option_name(c, k));
}

static const char *label(const parley_conflict *c, size_t s, char *buf, size_t n)
{
    return parley_conflict_state_label(c, s, buf, n);
}

/* "+-+*": stable (+) or not (-) per agent, '*' when an equilibrium. */
static void flags(const parley_stability *r, int k, size_t s, char *out)
{
    size_t na = parley_stability_agent_count(r), i = 0;
    if (!parley_stability_has_concept(r, (parley_gmcr_concept)k)) {
        strcpy(out, "n/a");
        return;
    }
    for (size_t a = 0; a < na; a++)
        out[i++] = parley_stability_is_stable(r, (parley_gmcr_concept)k, a, s) ? '+' : '-';
    if (parley_stability_is_equilibrium(r, (parley_gmcr_concept)k, s))
        out[i++] = '*';
    out[i] = '\0';
}

static void text_results(FILE *fp, const parley_conflict *c, const parley_stability *r,
                         const char *title)
{
    size_t n = parley_conflict_state_count(c), na = parley_stability_agent_count(r);
    char buf[256];
    fprintf(fp, "\n%s\n", title);
    fprintf(fp, "Equilibria (stable for every %s):\n",
            na < parley_conflict_dm_count(c) ? "coalition" : "decision maker");
    for (int k = 0; k < PARLEY_GMCR_CONCEPTS; k++) {
        if (!parley_stability_has_concept(r, (parley_gmcr_concept)k))
            continue;
        size_t cnt = 0;
        fprintf(fp, "  %-8s", parley_gmcr_concept_name((parley_gmcr_concept)k));
        for (size_t s = 0; s < n; s++)
            if (parley_stability_is_equilibrium(r, (parley_gmcr_concept)k, s) && cnt++ < 12)
                fprintf(fp, " %zu (%s)", s + 1, label(c, s, buf, sizeof buf));
        fprintf(fp, cnt > 12 ? " ... %zu in all\n" : cnt ? "\n" : " none\n", cnt);
    }
    fprintf(fp, "\nPer state: + stable, - unstable for");
    for (size_t a = 0; a < na; a++)
        fprintf(fp, " %s%s", parley_stability_agent_name(r, a), a + 1 < na ? "," : "");
    fprintf(fp, " (in that order); * equilibrium\n");
    cli_table *t = cli_table_new();
    if (!t)
        return;
    cli_table_column(t, "id", true);
    cli_table_column(t, "state", false);
    for (int k = 0; k < PARLEY_GMCR_CONCEPTS; k++)
        cli_table_column(t, parley_gmcr_concept_name((parley_gmcr_concept)k), false);
    size_t shown = 0;
    for (size_t s = 0; s < n; s++) {
        bool any = n <= TEXT_ALL_STATES;
        for (int k = 0; k < PARLEY_GMCR_CONCEPTS && !any; k++)
            any = parley_stability_is_equilibrium(r, (parley_gmcr_concept)k, s);
        if (!any || shown >= 10000)
            continue;
        char f[PARLEY_GMCR_CONCEPTS][40];
        for (int k = 0; k < PARLEY_GMCR_CONCEPTS; k++)
            flags(r, k, s, f[k]);
        cli_table_rowf(t, "%zu\t%s\t%s\t%s\t%s\t%s\t%s\t%s", s + 1, label(c, s, buf, sizeof buf),
                       f[0], f[1], f[2], f[3], f[4], f[5]);
        shown++;
    }
    cli_table_print(t, fp, "  ");
    cli_table_free(t);
    if (n > TEXT_ALL_STATES)
        fprintf(fp,
                "  (%zu states: only equilibria are listed; use --format json or csv for all)\n",
                n);
}

/* ---- --explain ---- */
static void explain_text(FILE *fp, const parley_conflict *c, const parley_stability *r,
                         const parley_gmcr_explanation *e)
{
    char a[256], b[256];
    const char *who = parley_stability_agent_name(r, e->agent);
    fprintf(fp, "  %-8s %-14s %s", parley_gmcr_concept_name(e->concept), who,
            e->stable ? "stable" : "UNSTABLE");
    if (e->nmoves == 0)
        fprintf(fp, " (no improving move)");
    fputc('\n', fp);
    for (size_t i = 0; i < e->nmoves; i++) {
        const parley_gmcr_move_explanation *m = &e->moves[i];
        fprintf(fp, "           %s can improve to %zu (%s): ", who, m->improvement + 1,
                label(c, m->improvement, a, sizeof a));
        if (!m->sanctioned) {
            fprintf(fp, "%s\n", e->concept == PARLEY_GMCR_NASH ? "moves away" : "no sanction");
            continue;
        }
        fprintf(fp, "%s", m->simultaneous ? "sanctioned if at the same time" : "sanctioned by");
        for (size_t k = 0; k < m->nsteps; k++)
            fprintf(fp, "%s %s -> %zu", k ? "," : "",
                    parley_stability_agent_name(r, m->steps[k].agent), m->steps[k].to + 1);
        fprintf(fp, ", ending at %zu (%s), not better for %s\n", m->result + 1,
                label(c, m->result, b, sizeof b), who);
    }
}

/* ---- --status-quo ---- */
/* The shortest legal paths from the status quo (q[0]: any moves, q[1]:
 * improvements only) to every equilibrium of r, as a table. */
static void status_quo_text(FILE *fp, const parley_conflict *c, const parley_stability *r,
                            parley_status_quo *const q[2], size_t start)
{
    size_t n = parley_conflict_state_count(c), cap = 0;
    char buf[256];
    for (size_t s = 0; s < n; s++)
        for (int imp = 0; imp < 2; imp++) {
            long d = parley_status_quo_distance(q[imp], s);
            if (d > 0 && (size_t)d > cap)
                cap = (size_t)d;
        }
    cli_table *t = cli_table_new();
    parley_gmcr_step *steps = malloc((cap ? cap : 1) * sizeof *steps);
    if (!t || !steps) {
        cli_table_free(t);
        free(steps);
        return;
    }
    fprintf(fp, "\nStatus quo %zu (%s): shortest legal paths to the equilibria\n", start + 1,
            label(c, start, buf, sizeof buf));
    const char *cols[] = {
        "id", "state", "equilibrium of", "steps", "path (any moves)", "by improvements"};
    for (int i = 0; i < 6; i++)
        cli_table_column(t, cols[i], i == 0 || i == 3);
    for (size_t s = 0; s < n; s++) {
        char of[64] = "";
        for (int k = 0; k < PARLEY_GMCR_CONCEPTS; k++)
            if (parley_stability_is_equilibrium(r, (parley_gmcr_concept)k, s))
                snprintf(of + strlen(of), sizeof of - strlen(of), "%s%s", of[0] ? " " : "",
                         parley_gmcr_concept_name((parley_gmcr_concept)k));
        if (!of[0])
            continue;
        char path[2][512];
        long steps_any = -1;
        for (int imp = 0; imp < 2; imp++) {
            long len = parley_status_quo_path(q[imp], s, steps, cap);
            size_t pl = 0;
            path[imp][0] = '\0';
            for (long i = 0; i < len; i++) {
                const char *who = parley_stability_agent_name(r, steps[i].agent);
                bool group = strchr(who, ',') != NULL;
                if (pl < sizeof path[imp] - 64)
                    pl += (size_t)snprintf(path[imp] + pl, sizeof path[imp] - pl, "%s%s%s%s -> %zu",
                                           i ? ", " : "", group ? "[" : "", who, group ? "]" : "",
                                           steps[i].to + 1);
            }
            if (len < 0)
                snprintf(path[imp], sizeof path[imp], "unreachable");
            else if (len == 0)
                snprintf(path[imp], sizeof path[imp], "(the status quo)");
            if (imp == 0)
                steps_any = len;
        }
        char stp[32];
        snprintf(stp, sizeof stp, steps_any < 0 ? "-" : "%ld", steps_any);
        cli_table_rowf(t, "%zu\t%s\t%s\t%s\t%s\t%s", s + 1, label(c, s, buf, sizeof buf), of, stp,
                       path[0], path[1]);
    }
    free(steps);
    cli_table_print(t, fp, "  ");
    cli_table_free(t);
}

/* Solves, then writes: the output (and any temporary -o file) is opened
 * only once the stability results are in. */
/* What solving will take, before it starts: the conflict (loaded, or as
 * far as it is read), and the solutions, individual and (copt) with
 * coalitions. Returns true with the message in msg when over a limit. */
static bool over_limits(const st_args *a, const parley_conflict *c,
                        const parley_stability_options *copt, char *msg, size_t n)
{
    parley_stability_options opt = {NULL, a->gmcrplus, a->common.threads};
    parley_stability_cost ci, cc = {0, 0, 0};
    parley_stability_estimate(c, &opt, &ci);
    if (copt)
        parley_stability_estimate(c, copt, &cc);
    double need = ci.conflict_bytes + ci.bytes + cc.bytes, work = ci.work + cc.work;
    double limit = (double)cli_max_memory(&a->common);
    char what[96];
    snprintf(what, sizeof what, "solving %zu states", parley_conflict_state_count(c));
    if (need > limit)
        cli_limit_text(msg, n, what, need, limit, "--max-memory", true);
    else if (work > a->max_work)
        cli_limit_text(msg, n, what, work, a->max_work, "--max-work", false);
    else
        return false;
    return true;
}

/* parley_conflict_limits.on_states: the same check as soon as the states
 * are counted, before the payoffs are derived (most of the loading). */
static parley_status check_while_loading(void *ctx, const parley_conflict *c, parley_error *err)
{
    const st_args *a = ctx;
    parley_error ignore;
    int part[64];
    parley_stability_options copt = {part, a->gmcrplus, a->common.threads};
    /* coalitions named on the command line can be checked now; 'file'
     * coalitions are read later (checked once loaded) */
    bool coal = a->ncoalitions > 0 && strcmp(a->coalition[0], "file") != 0 &&
                parley_conflict_dm_count(c) <= 64 && partition(c, a, part, &ignore) == 0;
    if (!over_limits(a, c, coal ? &copt : NULL, err->message, sizeof err->message))
        return PARLEY_OK;
    err->code = PARLEY_ERR_LIMIT;
    err->file[0] = err->field[0] = '\0';
    err->line = err->column = 0;
    return PARLEY_ERR_LIMIT;
}

/* What stability writes: the results, the status-quo paths and the
 * explanations, all computed before the output is opened. */
typedef struct result_view {
    const st_args *a;
    const parley_conflict *c;
    const parley_stability *r, *sq_r;
    parley_stability_doc doc;
    parley_status_quo *q[2];
} result_view;

static parley_status write_doc(const void *view, parley_doc_format format, FILE *fp,
                               parley_error *err)
{
    const result_view *v = view;
    return parley_stability_dumpf(v->c, v->r, &v->doc, format, fp, err);
}

static void write_text(const void *view, FILE *fp)
{
    const result_view *v = view;
    const parley_conflict *c = v->c;
    size_t nd = parley_conflict_dm_count(c), n = parley_conflict_state_count(c);
    char buf[256];
    fprintf(fp, "%s%s%zu feasible states, %zu decision makers, %zu options%s; %s sanctions\n",
            parley_conflict_name(c), *parley_conflict_name(c) ? ": " : "", n, nd,
            parley_conflict_option_count(c),
            parley_conflict_is_graph_form(c) ? " (graph form)" : "",
            v->a->gmcrplus ? "GMCR+ (each opponent once)" : "textbook (legal sequences)");
    text_legend(fp, c);
    text_results(fp, c, v->r, "Individual decision makers");
    if (v->doc.coalitions)
        text_results(fp, c, v->doc.coalitions, "With coalitions");
    if (v->q[0])
        status_quo_text(fp, c, v->sq_r, v->q, v->doc.status_quo);
    if (v->doc.explain >= 0) {
        fprintf(fp, "\nExplanation at state %ld (%s)\n", v->doc.explain + 1,
                label(c, (size_t)v->doc.explain, buf, sizeof buf));
        for (size_t i = 0; i < v->doc.n_explanations; i++)
            explain_text(fp, c, v->sq_r, &v->doc.explanations[i]);
    }
}

/* The explanations at state ex for every concept and agent of sq_r. */
static parley_gmcr_explanation *explain_all(const parley_conflict *c, const parley_stability *sq_r,
                                            const parley_stability_options *sq_opt, size_t ex,
                                            size_t *n, parley_error *err)
{
    size_t na = parley_stability_agent_count(sq_r);
    parley_gmcr_explanation *e = calloc(PARLEY_GMCR_CONCEPTS * na + 1, sizeof *e);
    *n = 0;
    if (!e) {
        snprintf(err->message, sizeof err->message, "out of memory");
        err->code = PARLEY_ERR_LIMIT;
        return NULL;
    }
    for (int k = 0; k < PARLEY_GMCR_CONCEPTS; k++) {
        if (!parley_stability_has_concept(sq_r, (parley_gmcr_concept)k))
            continue;
        for (size_t ag = 0; ag < na; ag++) {
            if (parley_stability_explain(c, sq_opt, ex, ag, (parley_gmcr_concept)k, &e[*n], err) !=
                PARLEY_OK) {
                for (size_t i = 0; i < *n; i++)
                    parley_gmcr_explanation_clear(&e[i]);
                free(e);
                return NULL;
            }
            (*n)++;
        }
    }
    return e;
}

static int run(const st_args *a, const parley_conflict *c)
{
    parley_error err;
    memset(&err, 0, sizeof err);
    parley_stability_options opt = {NULL, a->gmcrplus, a->common.threads};
    int part[64];
    parley_stability_options copt = opt;
    bool coal = a->ncoalitions > 0;
    if (coal) {
        if (partition(c, a, part, &err) < 0)
            return cli_usage_error("stability", "%s", err.message);
        copt.agent_of_dm = part;
    }
    char msg[512];
    if (over_limits(a, c, coal ? &copt : NULL, msg, sizeof msg)) {
        fprintf(stderr, "parley stability: %s\n", msg);
        return CLI_EXIT_LIMIT;
    }
    cli_progress pg;
    cli_progress_init(&pg, "stability", "solving", a->common.quiet);
    parley_stability *r = parley_stability_solve_progress(c, &opt, cli_progress_update, &pg, &err);
    parley_stability *rc =
        r && coal ? parley_stability_solve_progress(c, &copt, cli_progress_update, &pg, &err)
                  : NULL;
    cli_progress_finish(&pg);
    if (!r || (coal && !rc)) {
        parley_stability_free(r);
        return cli_fail(&err);
    }
    const parley_stability_options *sq_opt = coal ? &copt : &opt;
    const parley_stability *sq_r = coal ? rc : r;
    long sq = parley_conflict_status_quo(c);
    size_t id;
    if (a->status_quo) {
        if (parley_conflict_state_find(c, a->status_quo, &id, &err) != PARLEY_OK)
            goto fail;
        sq = (long)id;
    }
    long ex = -1;
    if (a->explain) {
        if (parley_conflict_state_find(c, a->explain, &id, &err) != PARLEY_OK)
            goto fail;
        ex = (long)id;
    }
    result_view v = {a, c, r, sq_r, PARLEY_STABILITY_DOC_INIT, {NULL, NULL}};
    parley_gmcr_explanation *ex_all = NULL;
    v.doc.gmcrplus = a->gmcrplus;
    v.doc.coalitions = rc;
    /* CSV is the table of states alone */
    bool csv = a->common.format == CLI_FORMAT_CSV;
    if (sq >= 0 && !csv) {
        v.q[0] = parley_status_quo_solve(c, sq_opt, (size_t)sq, false, &err);
        v.q[1] = v.q[0] ? parley_status_quo_solve(c, sq_opt, (size_t)sq, true, &err) : NULL;
        if (!v.q[1])
            goto fail_out;
        v.doc.status_quo_any = v.q[0];
        v.doc.status_quo_improving = v.q[1];
        v.doc.status_quo = (size_t)sq;
    }
    if (ex >= 0 && !csv) {
        ex_all = explain_all(c, sq_r, sq_opt, (size_t)ex, &v.doc.n_explanations, &err);
        if (!ex_all)
            goto fail_out;
        v.doc.explain = ex;
        v.doc.explanations = ex_all;
    }
    static const cli_writers writers = {.text = write_text, .doc = write_doc};
    int rc_out = cli_emit(&a->common, &writers, &v);
    for (size_t i = 0; i < v.doc.n_explanations; i++)
        parley_gmcr_explanation_clear(&ex_all[i]);
    free(ex_all);
    parley_status_quo_free(v.q[0]);
    parley_status_quo_free(v.q[1]);
    parley_stability_free(r);
    parley_stability_free(rc);
    return rc_out;
fail_out:
    parley_status_quo_free(v.q[0]);
    parley_status_quo_free(v.q[1]);
fail:
    parley_stability_free(r);
    parley_stability_free(rc);
    return cli_fail(&err);
}

int cmd_stability(int argc, char **argv)
{
    st_args a;
    int rc = parse_args(argc, argv, &a);
    if (rc != 0)
        return rc < 0 ? 0 : rc;
    parley_error err;
    bool json = ends_with(a.file, ".json") || ends_with(a.file, ".gmcr");
    parley_conflict_limits lim = {cli_max_memory(&a.common), check_while_loading, &a};
    parley_conflict *c = json ? parley_conflict_load_json_limited(a.file, &lim, &err)
                              : parley_conflict_load_yaml_limited(a.file, &lim, &err);
    if (!c) {
        rc = cli_fail(&err);
        if (err.code == PARLEY_ERR_LIMIT && strstr(err.message, "memory limit"))
            fprintf(stderr, "parley stability: raise the limit with --max-memory SIZE\n");
        return rc;
    }
    if (parley_conflict_dm_count(c) > 64) {
        parley_conflict_free(c);
        return cli_usage_error(argv[0], "too many decision makers");
    }
    rc = run(&a, c);
    parley_conflict_free(c);
    return rc;
}
