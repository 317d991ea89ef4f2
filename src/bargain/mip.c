/*
 * bargain/mip.c — the GLPK-backed MIP builder (see mip.h).
 * Invariant: ia/ja/ar hold every coefficient set so far (1-based, as GLPK's
 * glp_load_matrix wants them, index 0 unused). last_row[j]/last_at[j]
 * remember the latest row that set column j and where, so that a repeated
 * (row, column) pair merges in constant time (a scan back over the row made
 * building a utility row over 80 000 options take minutes).
 */
#include "bargain/mip.h"

#include <glpk.h>
#include <math.h>
#include <stdlib.h>

struct mip {
    glp_prob *lp;
    size_t ncols, nrows, nnz, cap;
    int *ia, *ja;
    double *ar;
    long *last_row;  /* [col_cap] latest row with a coefficient in the column, or -1 */
    size_t *last_at; /* [col_cap] its index in ia/ja/ar */
    size_t col_cap;
    bool any_integer;
    bool out_of_memory; /* a column or coefficient could not be added */
    /* The work limit and progress of branch and bound (parleyp_mip_set_limit):
     * nodes counted from GLPK's tree over every solve of this program. */
    double max_nodes; /* 0: none */
    double nodes_before, nodes_now;
    bool stopped;
    void (*progress)(void *ctx, double done);
    void *progress_ctx;
};

mip *parleyp_mip_new(void)
{
    mip *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    glp_term_out(GLP_OFF);
    m->lp = glp_create_prob();
    m->cap = 1024;
    m->ia = malloc(m->cap * sizeof *m->ia);
    m->ja = malloc(m->cap * sizeof *m->ja);
    m->ar = malloc(m->cap * sizeof *m->ar);
    if (!m->lp || !m->ia || !m->ja || !m->ar) {
        parleyp_mip_free(m);
        return NULL;
    }
    return m;
}

void parleyp_mip_free(mip *m)
{
    if (!m)
        return;
    if (m->lp)
        glp_delete_prob(m->lp);
    free(m->ia);
    free(m->ja);
    free(m->ar);
    free(m->last_row);
    free(m->last_at);
    free(m);
}

static int bounds_type(double lo, double hi)
{
    bool has_lo = isfinite(lo), has_hi = isfinite(hi);
    if (has_lo && has_hi)
        return lo == hi ? GLP_FX : GLP_DB;
    return has_lo ? GLP_LO : has_hi ? GLP_UP : GLP_FR;
}

long parleyp_mip_col(mip *m, double lo, double hi, bool integer, double obj)
{
    if (m->ncols == m->col_cap) {
        size_t cap = m->col_cap ? 2 * m->col_cap : 256;
        long *lr = realloc(m->last_row, cap * sizeof *lr);
        if (lr)
            m->last_row = lr;
        size_t *la = realloc(m->last_at, cap * sizeof *la);
        if (la)
            m->last_at = la;
        if (!lr || !la) {
            m->out_of_memory = true;
            return -1;
        }
        for (size_t c = m->col_cap; c < cap; c++)
            m->last_row[c] = -1;
        m->col_cap = cap;
    }
    int j = glp_add_cols(m->lp, 1);
    glp_set_col_bnds(m->lp, j, bounds_type(lo, hi), isfinite(lo) ? lo : 0, isfinite(hi) ? hi : 0);
    if (integer) {
        glp_set_col_kind(m->lp, j, lo == 0 && hi == 1 ? GLP_BV : GLP_IV);
        m->any_integer = true;
    }
    glp_set_obj_coef(m->lp, j, obj);
    m->ncols++;
    return j - 1;
}

long parleyp_mip_row(mip *m, double lo, double hi)
{
    int i = glp_add_rows(m->lp, 1);
    glp_set_row_bnds(m->lp, i, bounds_type(lo, hi), isfinite(lo) ? lo : 0, isfinite(hi) ? hi : 0);
    m->nrows++;
    return i - 1;
}

int parleyp_mip_coef(mip *m, long row, long col, double v)
{
    /* Rows are built one at a time: merge a repeated column of this row. */
    if (col < 0 || (size_t)col >= m->ncols) /* a column that could not be added */
        return -1;
    if (m->last_row[col] == row) {
        m->ar[m->last_at[col]] += v;
        return 0;
    }
    if (m->nnz + 2 > m->cap) {
        size_t cap = m->cap * 2;
        int *ia = realloc(m->ia, cap * sizeof *ia);
        if (ia)
            m->ia = ia;
        int *ja = realloc(m->ja, cap * sizeof *ja);
        if (ja)
            m->ja = ja;
        double *ar = realloc(m->ar, cap * sizeof *ar);
        if (ar)
            m->ar = ar;
        if (!ia || !ja || !ar) {
            m->out_of_memory = true;
            return -1;
        }
        m->cap = cap;
    }
    m->nnz++;
    m->ia[m->nnz] = (int)row + 1;
    m->ja[m->nnz] = (int)col + 1;
    m->ar[m->nnz] = v;
    m->last_row[col] = row;
    m->last_at[col] = m->nnz;
    return 0;
}

void parleyp_mip_set_obj(mip *m, long col, double obj)
{
    glp_set_obj_coef(m->lp, (int)col + 1, obj);
}

size_t parleyp_mip_col_count(const mip *m)
{
    return m->ncols;
}

bool parleyp_mip_out_of_memory(const mip *m)
{
    return m->out_of_memory;
}

void parleyp_mip_set_limit(mip *m, double max_nodes, void (*progress)(void *ctx, double done),
                           void *ctx)
{
    m->max_nodes = max_nodes;
    m->progress = progress;
    m->progress_ctx = ctx;
}

double parleyp_mip_nodes(const mip *m)
{
    return m->nodes_before + m->nodes_now;
}

/* GLPK's branch-and-cut callback: counts the nodes made so far (t_cnt only
 * grows), reports them as a share of the limit, and stops the search when
 * they pass it: a limit in work, the same on every machine. */
static void on_node(glp_tree *tree, void *info)
{
    mip *m = info;
    int total = 0;
    glp_ios_tree_size(tree, NULL, NULL, &total);
    m->nodes_now = total;
    double done = m->nodes_before + m->nodes_now;
    if (m->progress && m->max_nodes > 0)
        m->progress(m->progress_ctx, fmin(done / m->max_nodes, 1.0));
    if (m->max_nodes > 0 && done > m->max_nodes) {
        m->stopped = true;
        glp_ios_terminate(tree);
    }
}

mip_result parleyp_mip_solve(mip *m, bool maximize, double *x, double *obj)
{
    if (m->out_of_memory)
        return MIP_FAILED;
    /* GLPK's matrix is sparse: drop entries that merged to zero. */
    size_t n = 0;
    for (size_t k = 1; k <= m->nnz; k++)
        if (m->ar[k] != 0) {
            n++;
            m->ia[n] = m->ia[k];
            m->ja[n] = m->ja[k];
            m->ar[n] = m->ar[k];
        }
    m->nnz = n;
    /* The entries moved: a row added later starts afresh. */
    for (size_t c = 0; c < m->ncols; c++)
        m->last_row[c] = -1;
    glp_load_matrix(m->lp, (int)m->nnz, m->ia, m->ja, m->ar);
    glp_set_obj_dir(m->lp, maximize ? GLP_MAX : GLP_MIN);
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.presolve = GLP_ON;
    parm.msg_lev = GLP_MSG_OFF;
    parm.mip_gap = 0.0;
    parm.cb_func = on_node;
    parm.cb_info = m;
    m->nodes_now = 0;
    m->stopped = false;
    int rc = glp_intopt(m->lp, &parm);
    m->nodes_before += m->nodes_now;
    m->nodes_now = 0;
    if (m->stopped)
        return MIP_LIMIT;
    if (rc == GLP_ENOPFS || rc == GLP_ENODFS)
        return MIP_INFEASIBLE;
    if (rc != 0)
        return MIP_FAILED;
    int st = glp_mip_status(m->lp);
    if (st == GLP_NOFEAS)
        return MIP_INFEASIBLE;
    if (st != GLP_OPT)
        return MIP_FAILED;
    for (size_t j = 0; j < m->ncols; j++)
        x[j] = glp_mip_col_val(m->lp, (int)j + 1);
    *obj = glp_mip_obj_val(m->lp);
    return MIP_OPTIMAL;
}
