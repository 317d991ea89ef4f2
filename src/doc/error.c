/*
 * doc/error.c — an error as a document (parley_error_dumpf/_dumps): what
 * a command prints on standard output under `--format json` when it fails,
 * so that scripts parse failures as they parse results:
 * {"error": {"code", "message", "file", "line", "column", "field"}}.
 */
#include "doc/document.h"
#include "core/error.h"

typedef struct error_ctx {
    const parley_error *e;
    int code;
} error_ctx;

static int error_body(const void *ctx, parley_doc_format format, FILE *fp)
{
    const error_ctx *c = ctx;
    const parley_error *e = c->e;
    (void)format; /* JSON only: checked by the callers */
    parleyp_jw w;
    parleyp_jw_init(&w, fp);
    parleyp_jw_object(&w);
    parleyp_jw_kobject(&w, "error");
    parleyp_jw_kinteger(&w, "code", c->code);
    parleyp_jw_kstring(&w, "message", e->message);
    parleyp_jw_kstring(&w, "file", e->file[0] ? e->file : NULL);
    parleyp_jw_key(&w, "line");
    if (e->line > 0)
        parleyp_jw_integer(&w, e->line);
    else
        parleyp_jw_null(&w);
    parleyp_jw_key(&w, "column");
    if (e->column > 0)
        parleyp_jw_integer(&w, e->column);
    else
        parleyp_jw_null(&w);
    parleyp_jw_kstring(&w, "field", e->field[0] ? e->field : NULL);
    parleyp_jw_close(&w);
    parleyp_jw_close(&w);
    return parleyp_jw_end(&w);
}

static bool json_only(parley_doc_format format, parley_error *err)
{
    if (format == PARLEY_DOC_JSON)
        return true;
    parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, "format",
                     "an error is written as JSON only, not as format %d", (int)format);
    return false;
}

parley_status parley_error_dumpf(const parley_error *e, int code, parley_doc_format format,
                                 FILE *fp, parley_error *err)
{
    if (!json_only(format, err))
        return PARLEY_ERR_INPUT;
    error_ctx c = {e, code};
    return parleyp_doc_dumpf(error_body, &c, format, fp, err);
}

char *parley_error_dumps(const parley_error *e, int code, parley_doc_format format,
                         parley_error *err)
{
    if (!json_only(format, err))
        return NULL;
    error_ctx c = {e, code};
    return parleyp_doc_dumps(error_body, &c, format, err);
}
