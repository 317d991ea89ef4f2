/*
 * cli/negotiate_input.c — input for `parley negotiate` and `parley
 * tournament` (negotiate_cmd.h): a parley YAML scenario, a GENIUS domain
 * folder or --genius files, compiled to an outcome space, and the
 * negotiation domain (frontier, Nash package, offer orders) built once from
 * it, with a progress line on a terminal while the frontier is computed.
 */
#include "cli.h"
#include "negotiate_cmd.h"
#include "parley.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int nego_check_input(const char *cmd, const char *usage, const char *file, size_t n_genius)
{
    if ((!file && !n_genius) || (file && n_genius))
        return cli_usage_error(cmd, "give FILE or --genius DOMAIN.xml PROFILE.xml...\n%s", usage);
    return 0;
}

int nego_input_load(nego_input *in, const char *cmd, const char *file, const char *const *genius,
                    size_t n_genius, const parley_analysis_options *opt, bool quiet,
                    nego_check check, void *check_ctx)
{
    memset(in, 0, sizeof *in);
    parley_error err;
    memset(&err, 0, sizeof err);
    int rc = 0;
    if ((n_genius || is_dir(file)) && (rc = cli_overrides_refuse(cmd, "a GENIUS domain")))
        return rc;
    if (n_genius) {
        in->sp =
            parley_genius_load(genius[0], (const char *const *)(genius + 1), n_genius - 1, &err);
    } else if (is_dir(file)) {
        in->sp = parley_genius_load_folder(file, &err);
    } else {
        in->sc = cli_load_scenario(file, quiet, &rc);
        if (!in->sc)
            return rc;
        in->sp = parley_space_from_scenario(in->sc, &err);
    }
    if (!in->sp)
        return cli_fail(&err);
    if (check && (rc = check(in->sp, check_ctx)))
        return rc;
    parley_analysis_options o = *opt;
    cli_progress pg;
    cli_progress_init(&pg, cmd, "frontier", quiet);
    o.progress = cli_progress_update;
    o.progress_ctx = &pg;
    in->dom = parley_nego_domain_new(in->sp, &o, &err);
    cli_progress_finish(&pg);
    if (!in->dom)
        return cli_fail(&err);
    if (!quiet && parley_nego_domain_analysis(in->dom)->frontier.n_points == 0)
        fprintf(stderr,
                "parley %s: no outcome is at or above every walk-away; "
                "every agent will walk away\n",
                cmd);
    return 0;
}

void nego_input_free(nego_input *in)
{
    parley_nego_domain_free(in->dom);
    parley_space_free(in->sp);
    if (in->sc)
        parley_scenario_free(in->sc);
    memset(in, 0, sizeof *in);
}

long nego_party_find(const parley_space *sp, const char *id)
{
    size_t d = parley_space_party_count(sp);
    for (size_t p = 0; p < d; p++)
        if (strcmp(parley_space_party_name(sp, p), id) == 0)
            return (long)p;
    char *end;
    long k = strtol(id, &end, 10);
    if (end != id && !*end && k >= 1 && (size_t)k <= d)
        return k - 1;
    return -1;
}

int nego_parse_information(const char *cmd, const char *arg, parley_information *out)
{
    if (!arg || strcmp(arg, "private") == 0)
        *out = PARLEY_INFO_PRIVATE;
    else if (strcmp(arg, "full") == 0)
        *out = PARLEY_INFO_FULL;
    else
        return cli_usage_error(cmd, "--information must be private or full, not '%s'", arg);
    return 0;
}

int nego_prepare(nego_input *in, parley_information info, double max_outcomes)
{
    if (info != PARLEY_INFO_PRIVATE)
        return 0;
    parley_error err;
    if (parley_nego_domain_prepare_private(in->dom, max_outcomes, &err))
        return cli_fail(&err);
    return 0;
}

const char *nego_information_name(parley_information info)
{
    return info == PARLEY_INFO_PRIVATE ? "private" : "full";
}
