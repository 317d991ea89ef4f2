/*
 * cli/cli.h — what every `parley` subcommand shares: the common options
 * (--format, -o, --seed, --threads, --quiet), atomic output files, exit codes
 * and error reporting. Subcommands are `int cmd_<name>(int argc, char **argv)`
 * where argv[0] is the subcommand name; they return the process exit code.
 */
#ifndef PARLEY_CLI_H
#define PARLEY_CLI_H

#include "parley.h"

#include <stdbool.h>
#include <stdio.h>

typedef enum cli_format { CLI_FORMAT_TEXT, CLI_FORMAT_JSON, CLI_FORMAT_CSV } cli_format;

typedef struct cli_common {
    cli_format format;
    const char *output; /* -o FILE, or NULL for standard output */
    unsigned long seed;
    bool seed_given; /* --seed was on the command line */
    int threads;     /* 0: as many as cores */
    bool quiet;
    size_t max_memory; /* --max-memory SIZE in bytes; 0: not given (see cli_max_memory) */
} cli_common;

/* Exit codes (README): 0 ok, 1 no answer, 2 bad input, 3 resource limit,
 * 4 the output could not be written (cannot create the -o file, disk full,
 * /dev/full, standard output closed or full); always with a message. */
enum {
    CLI_EXIT_OK = 0,
    CLI_EXIT_NO_ANSWER = 1,
    CLI_EXIT_INPUT = 2,
    CLI_EXIT_LIMIT = 3,
    CLI_EXIT_OUTPUT = 4
};

void cli_common_init(cli_common *c);

/* The memory a command may plan to use: --max-memory, or half of the
 * physical memory. Engines estimate what a request needs before they start
 * and stop with exit 3 when it is more. */
size_t cli_max_memory(const cli_common *c);
/* Parses a size: a number of bytes with an optional K, M, G or T suffix
 * (powers of 1024, an optional trailing B/iB). Returns false if invalid. */
bool cli_parse_size(const char *text, size_t *bytes);
/* "1.5 GB"-style size into buf; returns buf. */
const char *cli_bytes(char *buf, size_t n, double bytes);
/* For an estimate over a limit: prints "parley CMD: WHAT needs about NEED,
 * over the limit of LIMIT; raise it with OPTION (e.g. OPTION SUGGESTED)"
 * and returns CLI_EXIT_LIMIT. Memory sizes when is_bytes, counts otherwise. */
int cli_over_limit(const char *cmd, const char *what, double need, double limit, const char *option,
                   bool is_bytes);
/* The same text without the "parley CMD: " prefix, into buf; returns buf. */
const char *cli_limit_text(char *buf, size_t n, const char *what, double need, double limit,
                           const char *option, bool is_bytes);

/* Seconds on the monotonic clock (for elapsed times: cli_clock() - start). */
double cli_clock(void);

/* A progress line on standard error, only when it is a terminal (and not
 * --quiet), after the first second: "parley CMD: WHAT  42.0%". Update from
 * the engine's progress callback; finish once before writing results. */
typedef struct cli_progress {
    double start;
    bool tty, shown;
    const char *cmd, *what;
} cli_progress;
void cli_progress_init(cli_progress *pg, const char *cmd, const char *what, bool quiet);
void cli_progress_update(void *pg, double done); /* matches the library callbacks */
void cli_progress_finish(cli_progress *pg);

/* A command's own option: a value option stores its argument in *value
 * (the last one given wins), or appends every one to list (count in
 * *n_list, list sized for argc entries); a flag sets *flag. A multi option
 * (e.g. --genius DOMAIN PROFILE...) takes every following argument up to
 * the next option into list (the last occurrence wins) and sets *flag if
 * given, so that an empty list can be told from an absent option. */
typedef struct cli_option {
    const char *name;
    const char **value;
    bool *flag;
    const char **list;
    size_t *n_list;
    bool multi;
} cli_option;

/* Parses argv[1..]: the common options into c, the command's options
 * (`opts`, ended by a {NULL} entry), and up to max_pos positional arguments
 * into pos (count in *npos). --help/-h prints usage and returns -1; a bad
 * option prints why and returns an exit code; 0 otherwise. */
int cli_parse(const char *cmd, const char *usage, int argc, char **argv, cli_common *c,
              const cli_option *opts, const char **pos, size_t max_pos, size_t *npos);

/* Maps a library status to the process exit code. */
int cli_exit_code(parley_status st);

/* Errors. Each prints a message to stderr; under --format json the first
 * error of a run is also written to standard output as the JSON error
 * document (parley_error_dumpf: {"error": {"code": exit code, "message",
 * "file", "line", "column", "field"}}). */

/* Remembers the output format argv asks for (the last --format/-f), so that
 * errors found before or while the options are parsed know it. cli_parse
 * calls it; main calls it for errors before a command runs. */
void cli_note_format(int argc, char **argv);

/* Prints "parley: <formatted error>" to stderr and returns cli_exit_code. */
int cli_fail(const parley_error *err);

/* Prints "parley <cmd>: <message>" to stderr (usage errors); returns 2.
 * The JSON message is the first line of the message (without the usage). */
int cli_usage_error(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* The same about a value of FILE (an unknown plan or party id): prints
 * "parley <cmd>: FILE: <message>"; the JSON document names file and field
 * (the option or argument that gave the value). Returns 2. */
int cli_input_error(const char *cmd, const char *file, const char *field, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
/* Prints "parley: <message>" to stderr and returns code (errors that belong
 * to no command: an unknown command, a bad common option, no memory). */
int cli_error(int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Output that appears whole or not at all: with a path, writes to a
 * temporary file beside the file it finally names (symbolic links followed,
 * so a link keeps pointing at the new content) and renames it into place on
 * commit. The result keeps an existing file's permissions; a new one gets
 * 0666 less the umask. The temporary file is removed on any failure and on
 * SIGINT/SIGTERM/SIGHUP. A path that names a device or pipe (/dev/null) is
 * written directly. Open it only once the result is computed. */
typedef struct cli_out {
    FILE *fp;
    char *path;       /* final file (links resolved), or NULL */
    char *tmp_path;   /* temporary file, or NULL */
    const char *name; /* the path as given, for messages */
    bool direct;      /* a device or pipe, written in place */
} cli_out;

/* Opens standard output (path NULL or "-") or a temporary file. Returns 0,
 * or prints why and returns CLI_EXIT_OUTPUT (CLI_EXIT_LIMIT: no memory). */
int cli_out_open(cli_out *out, const char *path);
/* Flushes, syncs, closes and renames into place. Returns 0, or prints
 * "parley: FILE: write error: REASON" and returns CLI_EXIT_OUTPUT (nothing
 * is left behind). */
int cli_out_commit(cli_out *out);
/* Discards a partly written output (removes the temporary file). */
void cli_out_abort(cli_out *out);
/* At exit: flushes standard output; a write error not yet reported is
 * reported and turns rc into CLI_EXIT_OUTPUT. Under --format json an error
 * exit (rc >= 2) that wrote no error document yet writes one. */
int cli_stdout_finish(int rc);

/* Loads a scenario, printing its warnings (unless quiet) or its error, and
 * applies the what-ifs of the command line (--set, --weight, --walk-away,
 * --power, parsed by cli_parse for the commands that read a scenario) with
 * parley_scenario_override: a bad one is an input error (exit 2) naming
 * the option. Returns NULL and sets *rc to the exit code on failure.
 * Caller frees. */
struct parley_scenario;
struct parley_scenario *cli_load_scenario(const char *path, bool quiet, int *rc);

/* The what-ifs are for a parley YAML scenario: a command reading something
 * else (a GENIUS domain, KTAB data) calls this first. Returns 0 when none
 * was given, else prints "parley CMD: --set ... apply to a parley YAML
 * scenario, not WHAT" and returns 2. */
int cli_overrides_refuse(const char *cmd, const char *what);
/* How many what-ifs the command line gave, and the i-th as given
 * ("--walk-away", "RU=0.3"). */
size_t cli_override_count(void);
void cli_override_get(size_t i, const char **option, const char **argument);
/* "Overrides: --walk-away RU=0.3, --set x=y" and a newline, when a
 * scenario was loaded with what-ifs; nothing otherwise. cli_emit writes it
 * at the top of every text output (unless the writer says `data_file`). */
void cli_overrides_header(FILE *fp);

/* Formats a number for tables: "%.3f", or "%+.3f" when sign is true, or
 * "n/a" for NaN. Returns buf. */
const char *cli_num(char *buf, size_t n, double v, bool sign);
/* Formats a share as a percentage with one decimal ("8.3%"), "n/a" for NaN. */
const char *cli_pct(char *buf, size_t n, double v);

/* A command's three output formats over one "view" of its result (the
 * command's own struct): text, and doc (JSON and CSV: the library's
 * documents, parley/document.h). A command whose
 * output is not one value in one of three formats (a streamed frontier, a
 * converted file, results computed while they are written) sets `write`
 * instead: it writes the whole output to out in the given format and
 * returns 0 or an exit code (having printed why). */
typedef struct cli_writers {
    void (*text)(const void *view, FILE *fp);
    parley_status (*doc)(const void *view, parley_doc_format format, FILE *fp, parley_error *err);
    int (*write)(const void *view, cli_out *out, cli_format format);
    /* The text output is a data file (convert's YAML or XML), not a report:
     * no "Overrides:" header line. */
    bool data_file;
} cli_writers;

/* The one output path of every command: writes view in c->format to
 * c->output (atomically: all or nothing). Returns 0 or an exit code. */
int cli_emit(const cli_common *c, const cli_writers *w, const void *view);
/* The same to any path (NULL or "-": standard output) in any format. */
int cli_emit_to(const char *path, cli_format format, const cli_writers *w, const void *view);

/* Writes one CSV field (RFC 4180 quoting when needed). */
void cli_csv_field(FILE *fp, const char *s, bool last);

#endif
