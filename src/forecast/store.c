/*
 * forecast/store.c — the optional SQLite run store (--store FILE). One
 * transaction per run: either the whole run (scenario, parameters, every
 * turn's positions and probabilities, the forecast) is saved or nothing.
 * Schema (documented in docs/forecast.md):
 *
 *   run(id, created, model, scenario, file, n_actors, n_dims, n_turns,
 *       seed, parameters)            parameters: JSON object of the model's
 *                                    parameters
 *   actor(run, idx, name, capability)
 *   dim(run, idx, name)
 *   input(run, actor, dim, position, salience)          0..100 scale
 *   turn(run, turn, ratio)                               ratio NULL at turn 0
 *   position(run, turn, actor, dim, position)
 *   probability(run, turn, actor, prob)
 *   forecast(run, dim, expected, most_likely)
 */
#include "forecast/fc_internal.h"
#include "core/error.h"

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct parley_fc_store {
    sqlite3 *db;
    char *path;
};

static const char SCHEMA[] =
    "PRAGMA foreign_keys=ON;"
    "CREATE TABLE IF NOT EXISTS run(id INTEGER PRIMARY KEY, created TEXT NOT NULL,"
    " model TEXT NOT NULL, scenario TEXT, file TEXT, n_actors INTEGER, n_dims INTEGER,"
    " n_turns INTEGER, seed TEXT, parameters TEXT);"
    "CREATE TABLE IF NOT EXISTS actor(run INTEGER REFERENCES run(id), idx INTEGER, name TEXT,"
    " capability REAL, PRIMARY KEY(run, idx)) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS dim(run INTEGER REFERENCES run(id), idx INTEGER, name TEXT,"
    " PRIMARY KEY(run, idx)) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS input(run INTEGER REFERENCES run(id), actor INTEGER,"
    " dim INTEGER, position REAL, salience REAL, PRIMARY KEY(run, actor, dim)) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS turn(run INTEGER REFERENCES run(id), turn INTEGER, ratio REAL,"
    " PRIMARY KEY(run, turn)) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS position(run INTEGER REFERENCES run(id), turn INTEGER,"
    " actor INTEGER, dim INTEGER, position REAL, PRIMARY KEY(run, turn, actor, dim))"
    " WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS probability(run INTEGER REFERENCES run(id), turn INTEGER,"
    " actor INTEGER, prob REAL, PRIMARY KEY(run, turn, actor)) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS forecast(run INTEGER REFERENCES run(id), dim INTEGER,"
    " expected REAL, most_likely REAL, PRIMARY KEY(run, dim)) WITHOUT ROWID;";

static parley_status db_error(parley_fc_store *st, parley_error *err, const char *what)
{
    return parley_error_set(err, PARLEY_ERR_IO, st->path, 0, 0, NULL, "SQLite %s: %s", what,
                            sqlite3_errmsg(st->db));
}

parley_fc_store *parley_fc_store_open(const char *path, parley_error *err)
{
    parley_fc_store *st = calloc(1, sizeof *st);
    if (!st || !(st->path = parleyp_fc_strdup(path))) {
        free(st);
        parley_error_set(err, PARLEY_ERR_LIMIT, path, 0, 0, NULL, "out of memory");
        return NULL;
    }
    if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
            SQLITE_OK ||
        sqlite3_busy_timeout(st->db, 5000) != SQLITE_OK ||
        sqlite3_exec(st->db, SCHEMA, NULL, NULL, NULL) != SQLITE_OK) {
        db_error(st, err, "cannot open the run store");
        parley_fc_store_close(st);
        return NULL;
    }
    return st;
}

void parley_fc_store_close(parley_fc_store *st)
{
    if (!st)
        return;
    sqlite3_close(st->db);
    free(st->path);
    free(st);
}

/* Prepares sql; binds nothing. */
static sqlite3_stmt *prep(parley_fc_store *st, const char *sql)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
        return NULL;
    return s;
}

static int step_reset(sqlite3_stmt *s)
{
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return rc == SQLITE_DONE ? 0 : -1;
}

static void params_json(const parley_fc_options *o, char *buf, size_t n)
{
    size_t used = 0;
    used += (size_t)snprintf(buf + used, n - used, "{");
    if (o->model == PARLEY_FC_SMP) {
        for (size_t i = 0; i < parley_smp_param_count() && used < n; i++)
            used += (size_t)snprintf(buf + used, n - used, "%s\"%s\": \"%s\"", i ? ", " : "",
                                     parley_smp_param_name(i), parley_smp_param_value(&o->smp, i));
    } else if (o->model == PARLEY_FC_EUM) {
        used +=
            (size_t)snprintf(buf + used, n - used,
                             "\"q\": %.17g, \"rounds\": %d, "
                             "\"scholz_denominator\": %s",
                             o->eum.q, o->eum.rounds, o->eum.scholz_denominator ? "true" : "false");
    }
    if (used < n)
        snprintf(buf + used, n - used, "}");
}

long long parley_fc_store_save(parley_fc_store *st, const parley_fc_scenario *sc,
                               const parley_fc_options *o, const parley_fc_result *r,
                               parley_error *err)
{
    const size_t n = sc->n_actors, D = sc->n_dims;
    sqlite3_stmt *s[8] = {0};
    long long id = 0;
    if (sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
        db_error(st, err, "cannot begin a transaction");
        return 0;
    }
    s[0] =
        prep(st, "INSERT INTO run(created, model, scenario, file, n_actors, n_dims, n_turns,"
                 " seed, parameters) VALUES(strftime('%Y-%m-%dT%H:%M:%fZ','now'),?,?,?,?,?,?,?,?)");
    s[1] = prep(st, "INSERT INTO actor VALUES(?,?,?,?)");
    s[2] = prep(st, "INSERT INTO dim VALUES(?,?,?)");
    s[3] = prep(st, "INSERT INTO input VALUES(?,?,?,?,?)");
    s[4] = prep(st, "INSERT INTO turn VALUES(?,?,?)");
    s[5] = prep(st, "INSERT INTO position VALUES(?,?,?,?,?)");
    s[6] = prep(st, "INSERT INTO probability VALUES(?,?,?,?)");
    s[7] = prep(st, "INSERT INTO forecast VALUES(?,?,?,?)");
    for (int k = 0; k < 8; k++)
        if (!s[k])
            goto fail;
    char seed[32], params[1024];
    snprintf(seed, sizeof seed, "%llu", (unsigned long long)o->seed);
    params_json(o, params, sizeof params);
    sqlite3_bind_text(s[0], 1, parley_fc_model_name(r->model), -1, SQLITE_STATIC);
    sqlite3_bind_text(s[0], 2, sc->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(s[0], 3, sc->file, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s[0], 4, (sqlite3_int64)n);
    sqlite3_bind_int64(s[0], 5, (sqlite3_int64)D);
    sqlite3_bind_int64(s[0], 6, (sqlite3_int64)r->n_turns);
    sqlite3_bind_text(s[0], 7, seed, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s[0], 8, params, -1, SQLITE_TRANSIENT);
    if (step_reset(s[0]) != 0)
        goto fail;
    id = sqlite3_last_insert_rowid(st->db);
    for (size_t i = 0; i < n; i++) {
        sqlite3_bind_int64(s[1], 1, id);
        sqlite3_bind_int64(s[1], 2, (sqlite3_int64)i);
        sqlite3_bind_text(s[1], 3, sc->actor[i], -1, SQLITE_STATIC);
        sqlite3_bind_double(s[1], 4, sc->capability[i]);
        if (step_reset(s[1]) != 0)
            goto fail;
        for (size_t d = 0; d < D; d++) {
            sqlite3_bind_int64(s[3], 1, id);
            sqlite3_bind_int64(s[3], 2, (sqlite3_int64)i);
            sqlite3_bind_int64(s[3], 3, (sqlite3_int64)d);
            sqlite3_bind_double(s[3], 4, sc->position[i * D + d]);
            sqlite3_bind_double(s[3], 5, sc->salience[i * D + d]);
            if (step_reset(s[3]) != 0)
                goto fail;
        }
    }
    for (size_t d = 0; d < D; d++) {
        sqlite3_bind_int64(s[2], 1, id);
        sqlite3_bind_int64(s[2], 2, (sqlite3_int64)d);
        sqlite3_bind_text(s[2], 3, sc->dim[d], -1, SQLITE_STATIC);
        sqlite3_bind_int64(s[7], 1, id);
        sqlite3_bind_int64(s[7], 2, (sqlite3_int64)d);
        sqlite3_bind_double(s[7], 3, r->expected[d]);
        sqlite3_bind_double(s[7], 4, r->most_likely[d]);
        if (step_reset(s[2]) != 0 || step_reset(s[7]) != 0)
            goto fail;
    }
    for (size_t t = 0; t < r->n_turns; t++) {
        const parley_fc_turn *tu = &r->turns[t];
        sqlite3_bind_int64(s[4], 1, id);
        sqlite3_bind_int64(s[4], 2, (sqlite3_int64)t);
        if (isnan(tu->ratio))
            sqlite3_bind_null(s[4], 3);
        else
            sqlite3_bind_double(s[4], 3, tu->ratio);
        if (step_reset(s[4]) != 0)
            goto fail;
        for (size_t i = 0; i < n; i++) {
            for (size_t d = 0; d < D; d++) {
                sqlite3_bind_int64(s[5], 1, id);
                sqlite3_bind_int64(s[5], 2, (sqlite3_int64)t);
                sqlite3_bind_int64(s[5], 3, (sqlite3_int64)i);
                sqlite3_bind_int64(s[5], 4, (sqlite3_int64)d);
                sqlite3_bind_double(s[5], 5, tu->position[i * D + d]);
                if (step_reset(s[5]) != 0)
                    goto fail;
            }
            if (r->model != PARLEY_FC_SMP)
                continue;
            sqlite3_bind_int64(s[6], 1, id);
            sqlite3_bind_int64(s[6], 2, (sqlite3_int64)t);
            sqlite3_bind_int64(s[6], 3, (sqlite3_int64)i);
            sqlite3_bind_double(s[6], 4, tu->prob[i]);
            if (step_reset(s[6]) != 0)
                goto fail;
        }
    }
    for (int k = 0; k < 8; k++)
        sqlite3_finalize(s[k]);
    if (sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        db_error(st, err, "cannot commit the run");
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        return 0;
    }
    return id;
fail:
    db_error(st, err, "cannot save the run");
    for (int k = 0; k < 8; k++)
        sqlite3_finalize(s[k]);
    sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    return 0;
}
