/*
 * cli/cli.c — common options, exit codes, error reporting and atomic output
 * for the parley subcommands.
 */
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void cli_common_init(cli_common *c)
{
    memset(c, 0, sizeof *c);
    c->format = CLI_FORMAT_TEXT;
    c->seed = 1;
}

static const char *need_value(int argc, char **argv, int *i)
{
    if (*i + 1 >= argc) {
        fprintf(stderr, "parley: option %s needs a value\n", argv[*i]);
        return NULL;
    }
    *i += 1;
    return argv[*i];
}

/* If argv[*i] is a common option, consumes it (and its value), advances *i
 * past it and returns 1; returns 0 if it is not one; prints an error and
 * returns -1 if its value is missing or invalid. */
static int cli_common_option(cli_common *c, int argc, char **argv, int *i)
{
    const char *a = argv[*i];
    const char *v;
    if (strcmp(a, "--format") == 0 || strcmp(a, "-f") == 0) {
        if (!(v = need_value(argc, argv, i)))
            return -1;
        if (strcmp(v, "text") == 0)
            c->format = CLI_FORMAT_TEXT;
        else if (strcmp(v, "json") == 0)
            c->format = CLI_FORMAT_JSON;
        else if (strcmp(v, "csv") == 0)
            c->format = CLI_FORMAT_CSV;
        else {
            fprintf(stderr, "parley: --format must be text, json or csv, not '%s'\n", v);
            return -1;
        }
    } else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
        if (!(v = need_value(argc, argv, i)))
            return -1;
        c->output = v;
    } else if (strcmp(a, "--seed") == 0) {
        if (!(v = need_value(argc, argv, i)))
            return -1;
        char *end;
        errno = 0;
        unsigned long long s = strtoull(v, &end, 10);
        if (errno || *end || !*v || v[0] == '-') {
            fprintf(stderr, "parley: --seed must be a non-negative integer, not '%s'\n", v);
            return -1;
        }
        c->seed = (unsigned long)s;
        c->seed_given = true;
    } else if (strcmp(a, "--threads") == 0 || strcmp(a, "-j") == 0) {
        if (!(v = need_value(argc, argv, i)))
            return -1;
        char *end;
        long t = strtol(v, &end, 10);
        if (*end || !*v || t < 0 || t > 1024) {
            fprintf(stderr, "parley: --threads must be an integer from 0 to 1024, not '%s'\n", v);
            return -1;
        }
        c->threads = (int)t;
    } else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
        c->quiet = true;
    } else {
        return 0;
    }
    *i += 1;
    return 1;
}

int cli_parse(const char *cmd, const char *usage, int argc, char **argv, cli_common *c,
              const cli_option *opts, const char **pos, size_t max_pos, size_t *npos)
{
    cli_common_init(c);
    *npos = 0;
    for (int i = 1; i < argc;) {
        int r = cli_common_option(c, argc, argv, &i);
        if (r < 0)
            return CLI_EXIT_INPUT;
        if (r > 0)
            continue;
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(usage, stdout);
            return -1;
        }
        const cli_option *o = opts;
        while (o && o->name && strcmp(o->name, a) != 0)
            o++;
        if (o && o->name) {
            if (o->multi) {
                if (o->flag)
                    *o->flag = true;
                *o->n_list = 0;
                for (i++; i < argc && !(argv[i][0] == '-' && argv[i][1]); i++)
                    o->list[(*o->n_list)++] = argv[i];
                continue;
            }
            if (o->flag) {
                *o->flag = true;
                i++;
                continue;
            }
            if (i + 1 >= argc)
                return cli_usage_error(cmd, "%s needs a value", a);
            if (o->list)
                o->list[(*o->n_list)++] = argv[i + 1];
            else
                *o->value = argv[i + 1];
            i += 2;
            continue;
        }
        if (a[0] == '-' && a[1])
            return cli_usage_error(cmd, "unknown option '%s'\n%s", a, usage);
        if (*npos == max_pos)
            return cli_usage_error(cmd, "too many arguments\n%s", usage);
        pos[(*npos)++] = argv[i++];
    }
    return 0;
}

int cli_exit_code(parley_status st)
{
    switch (st) {
    case PARLEY_OK:
        return CLI_EXIT_OK;
    case PARLEY_ERR_NO_ANSWER:
        return CLI_EXIT_NO_ANSWER;
    case PARLEY_ERR_LIMIT:
        return CLI_EXIT_LIMIT;
    case PARLEY_ERR_INPUT:
    case PARLEY_ERR_IO:
    case PARLEY_ERR_INTERNAL:
    default:
        return CLI_EXIT_INPUT;
    }
}

int cli_fail(const parley_error *err)
{
    char buf[1024];
    fprintf(stderr, "parley: %s\n", parley_error_format(err, buf, sizeof buf));
    return cli_exit_code(err->code);
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "parley %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n");
    return CLI_EXIT_INPUT;
}

int cli_out_open(cli_out *out, const char *path)
{
    memset(out, 0, sizeof *out);
    if (!path || strcmp(path, "-") == 0) {
        out->fp = stdout;
        return 0;
    }
    /* A device or pipe (/dev/null, a FIFO) is written directly: renaming a
     * temporary file over it would replace it. */
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        if (S_ISDIR(st.st_mode)) {
            fprintf(stderr, "parley: %s: is a folder, not a file\n", path);
            return CLI_EXIT_INPUT;
        }
        if (!(out->fp = fopen(path, "w"))) {
            fprintf(stderr, "parley: %s: cannot open for writing: %s\n", path, strerror(errno));
            return CLI_EXIT_INPUT;
        }
        out->direct = true;
        return 0;
    }
    size_t n = strlen(path) + 32;
    out->path = strdup(path);
    out->tmp_path = malloc(n);
    if (!out->path || !out->tmp_path) {
        fprintf(stderr, "parley: out of memory\n");
        cli_out_abort(out);
        return CLI_EXIT_LIMIT;
    }
    snprintf(out->tmp_path, n, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(out->tmp_path);
    if (fd < 0 || !(out->fp = fdopen(fd, "w"))) {
        fprintf(stderr, "parley: %s: cannot create output file: %s\n", path, strerror(errno));
        if (fd >= 0)
            close(fd);
        free(out->tmp_path);
        out->tmp_path = NULL;
        cli_out_abort(out);
        return CLI_EXIT_INPUT;
    }
    return 0;
}

int cli_out_commit(cli_out *out)
{
    int rc = 0;
    if (out->direct) {
        rc = fclose(out->fp) == 0 ? 0 : CLI_EXIT_INPUT;
        memset(out, 0, sizeof *out);
        return rc;
    }
    if (!out->path) {
        if (fflush(stdout) != 0)
            rc = CLI_EXIT_INPUT;
        return rc;
    }
    bool bad = ferror(out->fp) != 0;
    if (fclose(out->fp) != 0)
        bad = true;
    out->fp = NULL;
    if (bad || rename(out->tmp_path, out->path) != 0) {
        fprintf(stderr, "parley: %s: cannot write output file: %s\n", out->path, strerror(errno));
        cli_out_abort(out);
        return CLI_EXIT_INPUT;
    }
    free(out->tmp_path);
    free(out->path);
    memset(out, 0, sizeof *out);
    return rc;
}

void cli_out_abort(cli_out *out)
{
    if (out->direct && out->fp)
        fclose(out->fp);
    if (out->direct) {
        memset(out, 0, sizeof *out);
        return;
    }
    if (out->path && out->fp)
        fclose(out->fp);
    if (out->tmp_path) {
        unlink(out->tmp_path);
        free(out->tmp_path);
    }
    free(out->path);
    memset(out, 0, sizeof *out);
}

int cli_write_json(cli_out *out, json_t *value)
{
    int rc =
        json_dumpf(value, out->fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
    fputc('\n', out->fp);
    return rc == 0 ? 0 : CLI_EXIT_INPUT;
}

void cli_csv_field(FILE *fp, const char *s, bool last)
{
    if (!s)
        s = "";
    if (strpbrk(s, ",\"\n\r")) {
        fputc('"', fp);
        for (const char *p = s; *p; p++) {
            if (*p == '"')
                fputc('"', fp);
            fputc(*p, fp);
        }
        fputc('"', fp);
    } else {
        fputs(s, fp);
    }
    fputc(last ? '\n' : ',', fp);
}

parley_scenario *cli_load_scenario(const char *path, bool quiet, int *rc)
{
    parley_error err;
    parley_scenario *sc = parley_scenario_load(path, &err);
    if (!sc) {
        *rc = cli_fail(&err);
        return NULL;
    }
    if (!quiet)
        for (size_t i = 0; i < parley_scenario_warning_count(sc); i++)
            fprintf(stderr, "parley: warning: %s\n", parley_scenario_warning(sc, i));
    *rc = 0;
    return sc;
}

const char *cli_num(char *buf, size_t n, double v, bool sign)
{
    if (isnan(v))
        snprintf(buf, n, "n/a");
    else
        snprintf(buf, n, sign ? "%+.3f" : "%.3f", fabs(v) < 5e-10 ? 0.0 : v);
    return buf;
}

const char *cli_pct(char *buf, size_t n, double v)
{
    if (isnan(v))
        snprintf(buf, n, "n/a");
    else
        snprintf(buf, n, "%.1f%%", 100.0 * v);
    return buf;
}

int cli_emit(const cli_common *c, const cli_writers *w, const void *view)
{
    cli_out out;
    int rc = cli_out_open(&out, c->output);
    if (rc)
        return rc;
    if (c->format == CLI_FORMAT_JSON) {
        json_t *j = w->json(view);
        rc = j ? cli_write_json(&out, j) : CLI_EXIT_LIMIT;
        json_decref(j);
    } else if (c->format == CLI_FORMAT_CSV) {
        w->csv(view, out.fp);
    } else {
        w->text(view, out.fp);
    }
    if (rc) {
        cli_out_abort(&out);
        return rc;
    }
    return cli_out_commit(&out);
}
