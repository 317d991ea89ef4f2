/*
 * cli/cmd_convert.c — `parley convert IN -o OUT`: between parley YAML and
 * other tools' formats: a parley scenario (.yaml/.yml) to a GENIUS 10.4
 * folder (OUT/domain.xml + OUT/profile-NN-PARTY.xml, each written
 * atomically), readable by GENIUS and by `parley frontier OUT`; and a GENIUS
 * domain (a folder, or DOMAIN.xml PROFILE.xml...) to a parley YAML scenario.
 */
#include "cli.h"
#include "commands.h"
#include "parley.h"
#include "parley/stability.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *USAGE =
    "usage: parley convert SCENARIO.yaml -o DIR [--drop-rules] [--quiet]\n"
    "       parley convert GENIUS_FOLDER -o SCENARIO.yaml\n"
    "       parley convert DOMAIN.xml PROFILE.xml... -o SCENARIO.yaml\n"
    "       parley convert CONFLICT.gmcr|CONFLICT.json -o SCENARIO.yaml\n"
    "A scenario becomes a GENIUS 10.4 domain folder: DIR/domain.xml and one\n"
    "DIR/profile-NN-PARTY.xml per party (linear-additive, exact); non-additive rules\n"
    "cannot be expressed and are refused unless --drop-rules. A GENIUS domain\n"
    "(linear-additive or hyper-rectangle profiles) becomes a parley scenario; where\n"
    "parley's semantics differ, a warning says how. A GMCR+ conflict (.gmcr JSON)\n"
    "becomes a `conflict:` section with explicit preference rankings (exact).\n";

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* A converted file: the notes (a comment line, or NULL) and the text. */
typedef struct converted {
    const char *notes, *text;
} converted;

static int converted_write(const void *view, cli_out *out, cli_format format)
{
    const converted *v = view;
    (void)format; /* the file's own format */
    if (v->notes)
        fprintf(out->fp, "# Not exactly the GENIUS domain: %s\n", v->notes);
    fputs(v->text, out->fp);
    return 0;
}

static const cli_writers CONVERTED = {.write = converted_write, .data_file = true};

static int write_file(const char *dir, const char *name, const char *text)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *path = malloc(n);
    if (!path)
        return CLI_EXIT_LIMIT;
    snprintf(path, n, "%s/%s", dir, name);
    converted v = {NULL, text};
    int rc = cli_emit_to(path, CLI_FORMAT_TEXT, &CONVERTED, &v);
    free(path);
    return rc;
}

static int to_genius(const cli_common *c, const char *in, bool drop_rules);

/* A GENIUS folder, or a domain file and its profiles, to parley YAML. */
static int to_yaml(const cli_common *c, const char *in, const char **profiles, size_t n)
{
    struct stat st;
    parley_error err;
    int refused = cli_overrides_refuse("convert", "a GENIUS domain");
    if (refused)
        return refused;
    parley_space *sp = stat(in, &st) == 0 && S_ISDIR(st.st_mode)
                           ? parley_genius_load_folder(in, &err)
                           : parley_genius_load(in, profiles, n, &err);
    if (!sp)
        return cli_fail(&err);
    parley_yaml_text r;
    int rc = 0;
    /* the title the files give (the domain's objective name), else the
     * folder's or domain file's own name, not its path */
    char base[256];
    size_t len = strlen(in);
    while (len > 1 && in[len - 1] == '/')
        len--;
    const char *start = in + len;
    while (start > in && start[-1] != '/')
        start--;
    snprintf(base, sizeof base, "%.*s", (int)(in + len - start), start);
    if (strlen(base) > 4 && strcmp(base + strlen(base) - 4, ".xml") == 0)
        base[strlen(base) - 4] = '\0';
    const char *title = parley_space_name(sp) ? parley_space_name(sp) : base;
    if (parley_space_write_yaml(sp, title, &r, &err)) {
        rc = cli_fail(&err);
    } else {
        converted v = {r.n_notes ? r.notes : NULL, r.text};
        rc = cli_emit(c, &CONVERTED, &v);
        if (!rc && r.n_notes && !c->quiet)
            fprintf(stderr, "parley: warning: %s\n", r.notes);
        free(r.text);
    }
    parley_space_free(sp);
    return rc;
}

/* A GMCR+ .gmcr (or reference-case JSON) conflict to a `conflict:` section. */
static int conflict_to_yaml(const cli_common *c, const char *in)
{
    parley_error err;
    int refused = cli_overrides_refuse("convert", "a GMCR+ conflict");
    if (refused)
        return refused;
    parley_conflict *cf = parley_conflict_load_json(in, &err);
    if (!cf)
        return cli_fail(&err);
    char *text = NULL;
    int rc = 0;
    if (parley_conflict_write_yaml(cf, &text, &err)) {
        rc = cli_fail(&err);
    } else {
        converted v = {NULL, text};
        rc = cli_emit(c, &CONVERTED, &v);
    }
    free(text);
    parley_conflict_free(cf);
    return rc;
}

int cmd_convert(int argc, char **argv)
{
    cli_common c;
    const char **args = calloc((size_t)argc + 1, sizeof *args); /* IN, then profiles */
    size_t nargs = 0;
    bool drop_rules = false;
    if (!args)
        return CLI_EXIT_LIMIT;
    const cli_option opts[] = {{"--drop-rules", NULL, &drop_rules, NULL, NULL, false},
                               {NULL, NULL, NULL, NULL, NULL, false}};
    int rc = cli_parse("convert", USAGE, argc, argv, &c, opts, args, (size_t)argc, &nargs);
    if (rc) {
        free(args);
        return rc < 0 ? 0 : rc;
    }
    const char *in = nargs ? args[0] : NULL;
    const char **profiles = args + (nargs ? 1 : 0);
    size_t n_profiles = nargs ? nargs - 1 : 0;
    if (!in || !c.output)
        rc = cli_usage_error("convert", "needs IN and -o OUT\n%s", USAGE);
    else if (ends_with(in, ".yaml") || ends_with(in, ".yml"))
        rc = n_profiles ? cli_usage_error("convert", "one scenario at a time")
                        : to_genius(&c, in, drop_rules);
    else if (ends_with(in, ".gmcr") || ends_with(in, ".json"))
        rc = n_profiles ? cli_usage_error("convert", "one conflict at a time")
                        : conflict_to_yaml(&c, in);
    else
        rc = to_yaml(&c, in, profiles, n_profiles);
    free(args);
    return rc;
}

/* A parley scenario to a GENIUS folder. */
static int to_genius(const cli_common *cc, const char *in, bool drop_rules)
{
    const cli_common c = *cc;
    int rc;
    parley_scenario *sc = cli_load_scenario(in, c.quiet, &rc);
    if (!sc)
        return rc;
    parley_genius_export ex;
    parley_error err;
    if (parley_scenario_export_genius(sc, drop_rules, &ex, &err)) {
        parley_scenario_free(sc);
        return cli_fail(&err);
    }
    if (mkdir(c.output, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "parley: %s: cannot create folder: %s\n", c.output, strerror(errno));
        rc = CLI_EXIT_OUTPUT;
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
    parley_genius_export_free(&ex);
    parley_scenario_free(sc);
    return rc;
}
