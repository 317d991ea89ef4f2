/*
 * cli/cmd_convert.c — `parley convert IN -o OUT`: between parley YAML and
 * other tools' formats. Now: a parley scenario (.yaml/.yml) to a GENIUS 10.4
 * folder (OUT/domain.xml + OUT/profile-NN-PARTY.xml, each written
 * atomically), readable by GENIUS and by `parley frontier OUT`.
 */
#include "cli/cli.h"
#include "cli/commands.h"
#include "io/genius_write.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *USAGE =
    "usage: parley convert SCENARIO.yaml -o DIR [--drop-rules] [--quiet]\n"
    "Writes the scenario as a GENIUS 10.4 domain folder: DIR/domain.xml and one\n"
    "DIR/profile-NN-PARTY.xml per party (linear-additive, exact). Non-additive rules\n"
    "cannot be expressed: they are refused unless --drop-rules.\n";

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

static int write_file(const char *dir, const char *name, const char *text)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *path = malloc(n);
    if (!path)
        return CLI_EXIT_LIMIT;
    snprintf(path, n, "%s/%s", dir, name);
    cli_out out;
    int rc = cli_out_open(&out, path);
    if (!rc) {
        fputs(text, out.fp);
        rc = cli_out_commit(&out);
    }
    free(path);
    return rc;
}

int cmd_convert(int argc, char **argv)
{
    cli_common c;
    cli_common_init(&c);
    const char *in = NULL;
    bool drop_rules = false;
    for (int i = 1; i < argc;) {
        int r = cli_common_option(&c, argc, argv, &i);
        if (r < 0)
            return CLI_EXIT_INPUT;
        if (r > 0)
            continue;
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(USAGE, stdout);
            return 0;
        }
        if (!strcmp(argv[i], "--drop-rules")) {
            drop_rules = true;
            i++;
            continue;
        }
        if (argv[i][0] == '-' && argv[i][1])
            return cli_usage_error("convert", "unknown option '%s'\n%s", argv[i], USAGE);
        if (in)
            return cli_usage_error("convert", "one input at a time");
        in = argv[i++];
    }
    if (!in || !c.output)
        return cli_usage_error("convert", "needs IN and -o OUT\n%s", USAGE);
    if (!ends_with(in, ".yaml") && !ends_with(in, ".yml"))
        return cli_usage_error("convert",
                               "%s: only parley YAML scenarios (.yaml, .yml) can be "
                               "converted so far; GENIUS folders are read directly by "
                               "`parley frontier`",
                               in);
    int rc;
    parley_scenario *sc = cli_load_scenario(in, c.quiet, &rc);
    if (!sc)
        return rc;
    pg_export ex;
    parley_error err;
    if (pg_export_scenario(sc, drop_rules, &ex, &err)) {
        parley_scenario_free(sc);
        return cli_fail(&err);
    }
    if (mkdir(c.output, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "parley: %s: cannot create folder: %s\n", c.output, strerror(errno));
        rc = CLI_EXIT_INPUT;
    }
    if (!rc)
        rc = write_file(c.output, "domain.xml", ex.domain);
    for (size_t p = 0; !rc && p < ex.n_profiles; p++) {
        char name[200];
        snprintf(name, sizeof name, "profile-%02zu-%.150s.xml", p + 1, sc->parties[p].id);
        rc = write_file(c.output, name, ex.profile[p]);
    }
    if (!rc && !c.quiet)
        fprintf(stderr, "parley: wrote %s/domain.xml and %zu profiles%s\n", c.output, ex.n_profiles,
                ex.n_dropped_rules ? " (non-additive rules left out: approximate)" : "");
    pg_export_free(&ex);
    parley_scenario_free(sc);
    return rc;
}
