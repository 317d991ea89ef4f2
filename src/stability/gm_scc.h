/*
 * stability/gm_scc.h — the reachability-minimum kernel shared by the
 * stability solvers: for every node of a directed graph whose successors are
 * generated on the fly, the minimum of some values over every node it
 * reaches (itself included). gm_reach.c runs it over states (option-form
 * moves of a group of movers, optionally improving moves only);
 * gm_product.c over the product graph of (state, sanction tag) nodes. Each
 * caller supplies only the successor generator; the kernel owns the
 * traversal.
 *
 * Why an always-inline function in a header: the successor generator is
 * called once per edge, the hot loop of both solvers. Compiled once in its
 * own file and called through the pointer, the kernel cost 2-5% (measured:
 * the generator cannot be inlined, its context is reloaded per edge).
 * Inlined into each call site with a constant generator (a static function,
 * also always_inline), every copy compiles to a hand-written loop. Pass the
 * generator as a constant: a pointer chosen at run time (c ? f : g) is an
 * indirect call again; call the kernel once per generator instead.
 *
 * Algorithm: Tarjan's strongly connected components, iterative, with
 * successors generated on the fly by the caller's generator, whose cursor
 * lives in the frame. Components finish in reverse topological order, so the
 * minimum of a component is its members' own values and the finished minima
 * of the components they reach.
 *
 * Invariants: index[v] == 0 iff v is unvisited, else its visit order (from
 * 1); low[v] is the smallest index on the stack that v's finished subtree
 * and back edges reach; onstack marks the nodes of unfinished components
 * (stack[0..sp)); out[q][v] of a node on the stack is the minimum over v and
 * the finished components reached so far from v's subtree, and of a node off
 * the stack its final value. Every node is visited exactly once (as a root
 * or a successor), which is what progress counts. Memory: index, low, stack
 * (4 bytes each), frame (16) and a bit per node.
 */
#ifndef PARLEY_STABILITY_GM_SCC_H
#define PARLEY_STABILITY_GM_SCC_H

#include "stability/gm_solve.h"

#include <stdlib.h>

/* The kernel's depth-first stack entry for node `node`: the other three
 * words are the successor generator's cursor, which it may use as it likes.
 * A node is pushed as {node, 0, 0, UINT32_MAX}. */
typedef struct gm_scc_frame {
    uint32_t node;
    uint32_t agent; /* e.g. the mover being enumerated */
    uint32_t it;    /* e.g. the next subset or CSR index */
    uint32_t flip;  /* e.g. that mover's flippable options */
} gm_scc_frame;

/* Successor generator: the next successor of f->node (advancing f's
 * cursor), or -1 when there are no more. Successors are < nn. */
typedef long (*gm_scc_next)(const void *ctx, gm_scc_frame *f);

/* out[q][v] = min of vals[q][u / stride] over the nodes u reachable from v
 * (v included), for every node v < nn (nn < 2^32) and q < nvals;
 * out[q] holds nn entries. Node u stands for state u / stride, so
 * vals[q] holds nn / stride entries. Progress: `per_node` units of work
 * for each node visited (progress may be NULL). PARLEY_ERR_LIMIT when out of
 * memory (about 28 bytes per node). */
__attribute__((always_inline)) static inline parley_status
gm_scc_min(size_t nn, size_t stride, gm_scc_next next, const void *ctx, const uint32_t *const *vals,
           size_t nvals, uint32_t **out, gm_progress *progress, double per_node)
{
    uint32_t *index = calloc(nn + 1, sizeof *index), *low = malloc((nn + 1) * sizeof *low);
    uint32_t *stack = malloc((nn + 1) * sizeof *stack);
    gm_scc_frame *frames = malloc((nn + 1) * sizeof *frames);
    uint64_t *onstack = calloc(nn / 64 + 1, sizeof *onstack);
    parley_status st = PARLEY_ERR_LIMIT;
    size_t unreported = 0;
    if (!index || !low || !stack || !frames || !onstack)
        goto done;
    uint32_t counter = 0;
    size_t sp = 0, fp = 0;
    for (size_t root = 0; root < nn; root++) {
        if (index[root])
            continue;
        /* visit root */
        if (progress && ++unreported == 65536) {
            parleyp_gm_progress_add(progress, 65536.0 * per_node);
            unreported = 0;
        }
        frames[fp++] = (gm_scc_frame){(uint32_t)root, 0, 0, UINT32_MAX};
        index[root] = low[root] = ++counter;
        stack[sp++] = (uint32_t)root;
        gm_bit_set(onstack, root);
        size_t s = stride == 1 ? root : root / stride;
        for (size_t q = 0; q < nvals; q++)
            out[q][root] = vals[q][s];
        while (fp > 0) {
            gm_scc_frame *f = &frames[fp - 1];
            uint32_t v = f->node;
            long w = next(ctx, f);
            if (w >= 0) {
                if (!index[w]) { /* visit w */
                    if (progress && ++unreported == 65536) {
                        parleyp_gm_progress_add(progress, 65536.0 * per_node);
                        unreported = 0;
                    }
                    index[w] = low[w] = ++counter;
                    stack[sp++] = (uint32_t)w;
                    gm_bit_set(onstack, (size_t)w);
                    s = stride == 1 ? (size_t)w : (size_t)w / stride;
                    for (size_t q = 0; q < nvals; q++)
                        out[q][w] = vals[q][s];
                    frames[fp++] = (gm_scc_frame){(uint32_t)w, 0, 0, UINT32_MAX};
                } else if (gm_bit_get(onstack, (size_t)w)) {
                    if (index[w] < low[v])
                        low[v] = index[w];
                } else { /* w's component is finished: its minima are final */
                    for (size_t q = 0; q < nvals; q++)
                        if (out[q][w] < out[q][v])
                            out[q][v] = out[q][w];
                }
                continue;
            }
            /* v is finished; a root of a component pops it */
            if (low[v] == index[v]) {
                size_t base = sp;
                do
                    base--;
                while (stack[base] != v);
                for (size_t q = 0; q < nvals; q++) {
                    uint32_t m = UINT32_MAX;
                    for (size_t k = base; k < sp; k++)
                        if (out[q][stack[k]] < m)
                            m = out[q][stack[k]];
                    for (size_t k = base; k < sp; k++)
                        out[q][stack[k]] = m;
                }
                for (size_t k = base; k < sp; k++)
                    onstack[stack[k] >> 6] &= ~((uint64_t)1 << (stack[k] & 63));
                sp = base;
            }
            fp--;
            if (fp > 0) {
                uint32_t u = frames[fp - 1].node;
                if (low[v] < low[u])
                    low[u] = low[v];
                if (!gm_bit_get(onstack, v))
                    for (size_t q = 0; q < nvals; q++)
                        if (out[q][v] < out[q][u])
                            out[q][u] = out[q][v];
            }
        }
    }
    if (progress)
        parleyp_gm_progress_add(progress, (double)unreported * per_node);
    st = PARLEY_OK;
done:
    free(index);
    free(low);
    free(stack);
    free(frames);
    free(onstack);
    return st;
}

#endif
