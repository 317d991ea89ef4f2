/*
 * cli/cli.c — common options, exit codes, error reporting and atomic output
 * for the parley subcommands.
 */
#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ---- errors ------------------------------------------------------------------
 * Every error goes to standard error as a human message; under --format json
 * it is also written once, as the library's error document, on standard
 * output, so that a script parses a failure as it parses a result. The
 * format is known from the command line before any option is checked. */

static cli_format g_format = CLI_FORMAT_TEXT;
static bool g_error_written;

void cli_note_format(int argc, char **argv)
{
    for (int i = 1; i + 1 < argc; i++)
        if (strcmp(argv[i], "--format") == 0 || strcmp(argv[i], "-f") == 0)
            g_format = strcmp(argv[i + 1], "json") == 0  ? CLI_FORMAT_JSON
                       : strcmp(argv[i + 1], "csv") == 0 ? CLI_FORMAT_CSV
                                                         : CLI_FORMAT_TEXT;
}

/* The JSON error document on standard output (--format json, first error
 * only); line and column 0 and NULL file or field are unknown. */
static void error_document(int code, const char *message, const char *file, int line, int column,
                           const char *field)
{
    if (g_format != CLI_FORMAT_JSON || g_error_written)
        return;
    g_error_written = true;
    parley_error e;
    memset(&e, 0, sizeof e);
    snprintf(e.message, sizeof e.message, "%s", message);
    snprintf(e.file, sizeof e.file, "%s", file ? file : "");
    snprintf(e.field, sizeof e.field, "%s", field ? field : "");
    e.line = line;
    e.column = column;
    /* A write error stays in stdout for cli_stdout_finish to report. */
    parley_error_dumpf(&e, code, PARLEY_DOC_JSON, stdout, NULL);
}

/* The first line of text: a usage error's JSON message leaves out the
 * usage text that follows it. */
static void first_line(char *text)
{
    char *nl = strchr(text, '\n');
    if (nl)
        *nl = '\0';
}

int cli_error(int code, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fprintf(stderr, "parley: %s\n", msg);
    first_line(msg);
    error_document(code, msg, NULL, 0, 0, NULL);
    return code;
}

void cli_common_init(cli_common *c)
{
    memset(c, 0, sizeof *c);
    c->format = CLI_FORMAT_TEXT;
    c->seed = 1;
}

static const char *need_value(int argc, char **argv, int *i)
{
    if (*i + 1 >= argc) {
        cli_error(CLI_EXIT_INPUT, "option %s needs a value", argv[*i]);
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
            cli_error(CLI_EXIT_INPUT, "--format must be text, json or csv, not '%s'", v);
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
            cli_error(CLI_EXIT_INPUT, "--seed must be a non-negative integer, not '%s'", v);
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
            cli_error(CLI_EXIT_INPUT, "--threads must be an integer from 0 to 1024, not '%s'", v);
            return -1;
        }
        c->threads = (int)t;
    } else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
        c->quiet = true;
    } else if (strcmp(a, "--max-memory") == 0) {
        if (!(v = need_value(argc, argv, i)))
            return -1;
        if (!cli_parse_size(v, &c->max_memory) || c->max_memory == 0) {
            cli_error(CLI_EXIT_INPUT, "--max-memory must be a size such as 512M or 4G, not '%s'",
                      v);
            return -1;
        }
    } else {
        return 0;
    }
    *i += 1;
    return 1;
}

bool cli_parse_size(const char *text, size_t *bytes)
{
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    if (end == text || errno || !(v >= 0) || text[0] == '-')
        return false;
    double scale = 1;
    switch (*end) {
    case 'k':
    case 'K':
        scale = 1024.0;
        break;
    case 'm':
    case 'M':
        scale = 1024.0 * 1024;
        break;
    case 'g':
    case 'G':
        scale = 1024.0 * 1024 * 1024;
        break;
    case 't':
    case 'T':
        scale = 1024.0 * 1024 * 1024 * 1024;
        break;
    default:
        break;
    }
    if (scale > 1)
        end++;
    if (*end == 'i' && scale > 1)
        end++;
    if (*end == 'B' || (*end == 'b' && scale > 1))
        end++;
    v *= scale;
    if (*end || v >= 18446744073709551615.0 || v >= (double)SIZE_MAX)
        return false;
    *bytes = (size_t)v;
    return true;
}

size_t cli_max_memory(const cli_common *c)
{
    if (c->max_memory)
        return c->max_memory;
    long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGESIZE);
    if (pages <= 0 || size <= 0)
        return (size_t)4 << 30; /* unknown: 4 GB */
    double half = (double)pages * (double)size / 2.0;
    return half >= (double)SIZE_MAX ? SIZE_MAX : (size_t)half;
}

const char *cli_bytes(char *buf, size_t n, double bytes)
{
    static const char *const unit[] = {"bytes", "KB", "MB", "GB", "TB", "PB"};
    int u = 0;
    while (bytes >= 1024.0 && u < 5) {
        bytes /= 1024.0;
        u++;
    }
    snprintf(buf, n, u ? "%.1f %s" : "%.0f %s", bytes, unit[u]);
    return buf;
}

int cli_over_limit(const char *cmd, const char *what, double need, double limit, const char *option,
                   bool is_bytes)
{
    char buf[512];
    fprintf(stderr, "parley %s: %s\n", cmd,
            cli_limit_text(buf, sizeof buf, what, need, limit, option, is_bytes));
    error_document(CLI_EXIT_LIMIT, buf, NULL, 0, 0, option);
    return CLI_EXIT_LIMIT;
}

const char *cli_limit_text(char *buf, size_t n, const char *what, double need, double limit,
                           const char *option, bool is_bytes)
{
    char a[32], b[32], s[32];
    double suggest = need * 1.25;
    if (is_bytes) {
        /* a round size above the need, in whole MB or GB */
        double mb = ceil(suggest / (1024.0 * 1024));
        if (mb >= 1024)
            snprintf(s, sizeof s, "%.0fG", ceil(mb / 1024));
        else
            snprintf(s, sizeof s, "%.0fM", mb);
        cli_bytes(a, sizeof a, need);
        cli_bytes(b, sizeof b, limit);
    } else {
        snprintf(a, sizeof a, "%.2g", need);
        snprintf(b, sizeof b, "%.2g", limit);
        snprintf(s, sizeof s, "%.0e",
                 ceil(suggest / pow(10, floor(log10(suggest)))) * pow(10, floor(log10(suggest))));
    }
    snprintf(buf, n, "%s needs about %s, over the limit of %s; raise it with %s (e.g. %s %s)", what,
             a, b, option, option, s);
    return buf;
}

double cli_clock(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

void cli_progress_init(cli_progress *pg, const char *cmd, const char *what, bool quiet)
{
    pg->start = cli_clock();
    pg->tty = !quiet && isatty(STDERR_FILENO);
    pg->shown = false;
    pg->cmd = cmd;
    pg->what = what;
}

void cli_progress_update(void *ctx, double done)
{
    cli_progress *pg = ctx;
    if (!pg->tty || cli_clock() - pg->start < 1.0)
        return;
    fprintf(stderr, "\rparley %s: %s %5.1f%%", pg->cmd, pg->what, 100.0 * done);
    fflush(stderr);
    pg->shown = true;
}

void cli_progress_finish(cli_progress *pg)
{
    if (pg->shown)
        fputs("\r\033[K", stderr);
    pg->shown = false;
}

/* ---- what-ifs -----------------------------------------------------------------
 * --set, --weight, --walk-away and --power are common to the commands that
 * read a parley scenario: cli_parse collects them (pointers into argv, which
 * outlive the command), cli_load_scenario applies them in order, cli_emit
 * echoes them. One command runs per process, so they live here. */

#define CLI_MAX_OVERRIDES 1024

static const char *const OVERRIDE_OPTIONS[] = {"--set", "--weight", "--walk-away", "--power"};
static const char *g_ov_option[CLI_MAX_OVERRIDES], *g_ov_argument[CLI_MAX_OVERRIDES];
static size_t g_n_ov;
static bool g_ov_applied; /* a scenario was loaded with them */

static const char *const SCENARIO_COMMANDS[] = {
    "check",    "score",     "diff",       "concede", "mediate",     "stances",  "fit",    "solve",
    "frontier", "negotiate", "tournament", "convert", "sensitivity", "forecast", "report", "plot"};

static const char *OVERRIDE_HELP =
    "what-ifs (applied to the scenario in the order given, each checked as the file is):\n"
    "  --set ISSUE=OPTION      plans settle ISSUE on OPTION (repeatable)\n"
    "  --weight PARTY.ISSUE=W  PARTY's weight on ISSUE as written becomes W, then normalised\n"
    "  --walk-away PARTY=V     PARTY's walk-away becomes V (0 to 1)\n"
    "  --power PARTY=V         PARTY's power becomes V (>= 0)\n";

static bool reads_scenario(const char *cmd)
{
    for (size_t k = 0; k < sizeof SCENARIO_COMMANDS / sizeof SCENARIO_COMMANDS[0]; k++)
        if (strcmp(cmd, SCENARIO_COMMANDS[k]) == 0)
            return true;
    return false;
}

/* 1 when argv[*i] is a what-if (consumed with its value), 0 when not, or
 * an exit code (> 1) when its value is missing. */
static int override_option(const char *cmd, int argc, char **argv, int *i)
{
    size_t k = 0;
    while (k < 4 && strcmp(argv[*i], OVERRIDE_OPTIONS[k]) != 0)
        k++;
    if (k == 4 || !reads_scenario(cmd))
        return 0;
    if (*i + 1 >= argc)
        return cli_usage_error(cmd, "%s needs a value", argv[*i]);
    if (g_n_ov == CLI_MAX_OVERRIDES)
        return cli_usage_error(cmd, "at most %d what-ifs", CLI_MAX_OVERRIDES);
    g_ov_option[g_n_ov] = OVERRIDE_OPTIONS[k];
    g_ov_argument[g_n_ov++] = argv[*i + 1];
    *i += 2;
    return 1;
}

size_t cli_override_count(void)
{
    return g_n_ov;
}

void cli_override_get(size_t i, const char **option, const char **argument)
{
    *option = i < g_n_ov ? g_ov_option[i] : NULL;
    *argument = i < g_n_ov ? g_ov_argument[i] : NULL;
}

int cli_overrides_refuse(const char *cmd, const char *what)
{
    if (!g_n_ov)
        return 0;
    return cli_usage_error(cmd, "%s %s: what-ifs apply to a parley YAML scenario, not %s",
                           g_ov_option[0], g_ov_argument[0], what);
}

void cli_overrides_header(FILE *fp)
{
    if (!g_ov_applied || !g_n_ov)
        return;
    fputs("Overrides:", fp);
    for (size_t k = 0; k < g_n_ov; k++)
        fprintf(fp, "%s %s %s", k ? "," : "", g_ov_option[k], g_ov_argument[k]);
    fputc('\n', fp);
}

int cli_parse(const char *cmd, const char *usage, int argc, char **argv, cli_common *c,
              const cli_option *opts, const char **pos, size_t max_pos, size_t *npos)
{
    cli_common_init(c);
    cli_note_format(argc, argv);
    *npos = 0;
    g_n_ov = 0;
    g_ov_applied = false;
    for (int i = 1; i < argc;) {
        int r = cli_common_option(c, argc, argv, &i);
        if (r < 0)
            return CLI_EXIT_INPUT;
        if (r > 0)
            continue;
        if ((r = override_option(cmd, argc, argv, &i)) > 1)
            return r;
        if (r == 1)
            continue;
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(usage, stdout);
            if (reads_scenario(cmd))
                fputs(OVERRIDE_HELP, stdout);
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
    int code = cli_exit_code(err->code);
    error_document(code, err->message, err->file[0] ? err->file : NULL, err->line, err->column,
                   err->field[0] ? err->field : NULL);
    return code;
}

static int usage_error(const char *cmd, const char *file, const char *field, const char *fmt,
                       va_list ap)
{
    char msg[4096];
    vsnprintf(msg, sizeof msg, fmt, ap);
    if (file)
        fprintf(stderr, "parley %s: %s: %s\n", cmd, file, msg);
    else
        fprintf(stderr, "parley %s: %s\n", cmd, msg);
    first_line(msg);
    error_document(CLI_EXIT_INPUT, msg, file, 0, 0, field);
    return CLI_EXIT_INPUT;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = usage_error(cmd, NULL, NULL, fmt, ap);
    va_end(ap);
    return rc;
}

int cli_input_error(const char *cmd, const char *file, const char *field, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = usage_error(cmd, file, field, fmt, ap);
    va_end(ap);
    return rc;
}

/* ---- output ------------------------------------------------------------------
 * The temporary file of an -o FILE being written is registered here, so that
 * SIGINT, SIGTERM and SIGHUP remove it before the process dies (the handler
 * only calls unlink, sigaction and raise, which are async-signal-safe). It is
 * registered with those signals blocked, right after mkstemp, and
 * unregistered, again with them blocked, after the rename or unlink. */

static char g_tmp[PATH_MAX];
static volatile sig_atomic_t g_tmp_set;
static bool g_handlers, g_stdout_reported;

static void on_fatal_signal(int sig)
{
    if (g_tmp_set)
        unlink(g_tmp);
    /* Back to the default action; the signal is blocked while the handler
     * runs, so the re-raised one ends the process as soon as it returns. */
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(sig, &dfl, NULL);
    raise(sig);
}

static void block_signals(sigset_t *old)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &set, old);
}

static void install_handlers(void)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    if (g_handlers)
        return;
    g_handlers = true;
    /* Past the file size limit (ulimit -f) a write then fails with EFBIG
     * and is reported, instead of SIGXFSZ killing us mid-file. */
    signal(SIGXFSZ, SIG_IGN);
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        struct sigaction old, sa;
        if (sigaction(sigs[i], NULL, &old) != 0 || old.sa_handler == SIG_IGN)
            continue; /* nohup & co: stay ignored */
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_fatal_signal;
        sigemptyset(&sa.sa_mask);
        sigaction(sigs[i], &sa, NULL);
    }
}

static void unregister_tmp(cli_out *out, bool remove)
{
    sigset_t old;
    block_signals(&old);
    if (remove && out->tmp_path)
        unlink(out->tmp_path);
    g_tmp_set = 0;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    free(out->tmp_path);
    out->tmp_path = NULL;
}

/* what: a file name, or "standard output". */
static int output_error(const char *what, const char *how, int e)
{
    fprintf(stderr, "parley: %s: %s: %s\n", what, how, strerror(e));
    char msg[512];
    bool file = strcmp(what, "standard output") != 0;
    snprintf(msg, sizeof msg, "%s%s%s: %s", file ? "" : what, file ? "" : ": ", how, strerror(e));
    error_document(CLI_EXIT_OUTPUT, msg, file ? what : NULL, 0, 0, NULL);
    return CLI_EXIT_OUTPUT;
}

/* The file a path finally names: symbolic links followed (also a dangling
 * one, whose target is then created). Caller frees; NULL with errno. */
static char *final_target(const char *path)
{
    char *p = strdup(path);
    for (int depth = 0; p && depth < 40; depth++) {
        struct stat st;
        char link[PATH_MAX];
        if (lstat(p, &st) != 0 || !S_ISLNK(st.st_mode))
            return p;
        ssize_t k = readlink(p, link, sizeof link - 1);
        if (k < 0)
            return p;
        link[k] = '\0';
        const char *slash = strrchr(p, '/');
        size_t dir = link[0] == '/' || !slash ? 0 : (size_t)(slash - p) + 1;
        char *next = malloc(dir + (size_t)k + 1);
        if (next) {
            memcpy(next, p, dir);
            memcpy(next + dir, link, (size_t)k + 1);
        }
        free(p);
        p = next;
    }
    if (p) {
        free(p);
        errno = ELOOP;
    }
    return NULL;
}

int cli_out_open(cli_out *out, const char *path)
{
    memset(out, 0, sizeof *out);
    if (!path || strcmp(path, "-") == 0) {
        out->fp = stdout;
        return 0;
    }
    char *target = final_target(path);
    if (!target) {
        if (errno == ENOMEM)
            return cli_error(CLI_EXIT_LIMIT, "out of memory");
        return output_error(path, "cannot create output file", errno);
    }
    /* A device or pipe (/dev/null, a FIFO) is written directly: renaming a
     * temporary file over it would replace it. */
    struct stat st;
    bool exists = stat(target, &st) == 0;
    if (exists && !S_ISREG(st.st_mode)) {
        free(target);
        if (S_ISDIR(st.st_mode)) {
            fprintf(stderr, "parley: %s: is a folder, not a file\n", path);
            error_document(CLI_EXIT_OUTPUT, "is a folder, not a file", path, 0, 0, NULL);
            return CLI_EXIT_OUTPUT;
        }
        if (!(out->fp = fopen(path, "w")))
            return output_error(path, "cannot open for writing", errno);
        out->direct = true;
        out->name = path;
        return 0;
    }
    /* The result keeps an existing file's permissions; a new file gets the
     * usual 0666 less the umask (mkstemp alone would make it 0600). */
    mode_t mode;
    if (exists) {
        mode = st.st_mode & 07777;
    } else {
        mode_t mask = umask(0);
        umask(mask);
        mode = 0666 & ~mask;
    }
    size_t n = strlen(target) + sizeof ".tmp.XXXXXX";
    if (n > sizeof g_tmp) {
        free(target);
        return output_error(path, "cannot create output file", ENAMETOOLONG);
    }
    out->path = target;
    out->name = path;
    out->tmp_path = malloc(n);
    if (!out->tmp_path) {
        cli_out_abort(out);
        return cli_error(CLI_EXIT_LIMIT, "out of memory");
    }
    snprintf(out->tmp_path, n, "%s.tmp.XXXXXX", target);
    install_handlers();
    sigset_t old;
    block_signals(&old);
    int fd = mkstemp(out->tmp_path);
    int e = errno;
    if (fd >= 0) {
        memcpy(g_tmp, out->tmp_path, n);
        g_tmp_set = 1;
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (fd < 0) {
        free(out->tmp_path);
        out->tmp_path = NULL;
        cli_out_abort(out);
        return output_error(path, "cannot create output file", e);
    }
    if (fchmod(fd, mode) != 0 || !(out->fp = fdopen(fd, "w"))) {
        e = errno;
        close(fd);
        cli_out_abort(out);
        return output_error(path, "cannot create output file", e);
    }
    return 0;
}

/* Flushes fp and tells whether anything written to it was lost; *e gets
 * the reason (EIO when the stream no longer knows it). */
static bool flush_failed(FILE *fp, int *e)
{
    errno = 0;
    bool bad = fflush(fp) != 0;
    *e = errno;
    if (ferror(fp))
        bad = true;
    if (bad && *e == 0)
        *e = EIO;
    return bad;
}

int cli_out_commit(cli_out *out)
{
    int e;
    if (!out->path && !out->direct) { /* standard output */
        bool bad = flush_failed(stdout, &e);
        memset(out, 0, sizeof *out);
        if (!bad)
            return 0;
        g_stdout_reported = true;
        return output_error("standard output", "write error", e);
    }
    if (out->direct) {
        bool bad = flush_failed(out->fp, &e);
        if (fclose(out->fp) != 0 && !bad) {
            bad = true;
            e = errno;
        }
        const char *name = out->name;
        memset(out, 0, sizeof *out);
        return bad ? output_error(name, "write error", e) : 0;
    }
    bool bad = flush_failed(out->fp, &e);
    if (!bad && fsync(fileno(out->fp)) != 0 && errno != EINVAL) {
        bad = true;
        e = errno;
    }
    if (fclose(out->fp) != 0 && !bad) {
        bad = true;
        e = errno;
    }
    out->fp = NULL;
    if (bad) {
        int rc = output_error(out->name, "write error", e);
        cli_out_abort(out);
        return rc;
    }
    sigset_t old;
    block_signals(&old);
    bool moved = rename(out->tmp_path, out->path) == 0;
    e = errno;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (!moved) {
        int rc = output_error(out->name, "cannot replace output file", e);
        cli_out_abort(out);
        return rc;
    }
    unregister_tmp(out, false);
    free(out->path);
    memset(out, 0, sizeof *out);
    return 0;
}

void cli_out_abort(cli_out *out)
{
    if (out->fp && out->fp != stdout)
        fclose(out->fp);
    if (out->tmp_path)
        unregister_tmp(out, true);
    free(out->path);
    memset(out, 0, sizeof *out);
}

int cli_stdout_finish(int rc)
{
    int e;
    /* An error no message described (out of memory where nothing could be
     * said) still gets its JSON document. */
    if (rc >= CLI_EXIT_INPUT)
        error_document(rc, rc == CLI_EXIT_LIMIT ? "out of memory" : "the command failed", NULL, 0,
                       0, NULL);
    if (flush_failed(stdout, &e) && !g_stdout_reported) {
        g_stdout_reported = true;
        return output_error("standard output", "write error", e);
    }
    return rc;
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
    for (size_t k = 0; k < g_n_ov; k++)
        if (parley_scenario_override(sc, g_ov_option[k], g_ov_argument[k], &err) != PARLEY_OK) {
            parley_scenario_free(sc);
            *rc = cli_fail(&err);
            return NULL;
        }
    g_ov_applied = g_n_ov > 0;
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
    return cli_emit_to(c->output, c->format, w, view);
}

int cli_emit_to(const char *path, cli_format format, const cli_writers *w, const void *view)
{
    cli_out out;
    int rc = cli_out_open(&out, path);
    if (rc)
        return rc;
    if (format == CLI_FORMAT_TEXT && !w->data_file)
        cli_overrides_header(out.fp);
    if (w->write) {
        rc = w->write(view, &out, format);
    } else if (w->doc && format != CLI_FORMAT_TEXT) {
        /* A write error stays in the stream for cli_out_commit to report. */
        parley_error err;
        parley_status st = w->doc(
            view, format == CLI_FORMAT_JSON ? PARLEY_DOC_JSON : PARLEY_DOC_CSV, out.fp, &err);
        if (st != PARLEY_OK && st != PARLEY_ERR_IO)
            rc = cli_fail(&err);
    } else {
        w->text(view, out.fp);
    }
    if (rc) {
        cli_out_abort(&out);
        return rc;
    }
    return cli_out_commit(&out);
}
