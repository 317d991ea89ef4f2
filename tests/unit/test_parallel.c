/*
 * test_parallel.c — the one parallel-for (core/parallel.c): every item runs
 * exactly once for any thread count, thread ids stay below the thread
 * count, and the thread rule; and progress of an analysis (issue 13: the
 * frontier's progress restarted at every stage) only goes up.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/parallel.h"
#include "parley.h"
#include "parley/space.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>

typedef struct visits {
    atomic_int *count;
    int max_tid;
    atomic_int bad_tid;
} visits;

static void visit_range(void *ctx, int tid, size_t lo, size_t hi)
{
    visits *v = ctx;
    if (tid < 0 || tid >= v->max_tid)
        atomic_store(&v->bad_tid, 1);
    for (size_t i = lo; i < hi; i++)
        atomic_fetch_add(&v->count[i], 1);
}

static void visit_item(void *ctx, size_t i)
{
    visits *v = ctx;
    atomic_fetch_add(&v->count[i], 1);
}

static void every_item_once(void **state)
{
    (void)state;
    const size_t sizes[] = {0, 1, 2, 7, 64, 1000};
    for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++)
        for (int threads = 1; threads <= 9; threads++)
            for (size_t chunk = 0; chunk <= 16; chunk += 5) {
                size_t n = sizes[s];
                visits v = {calloc(n + 1, sizeof *v.count), threads, 0};
                assert_non_null(v.count);
                parleyp_pc_parallel_for(n, chunk, threads, visit_range, &v);
                for (size_t i = 0; i < n; i++)
                    assert_int_equal(atomic_load(&v.count[i]), 1);
                assert_int_equal(atomic_load(&v.bad_tid), 0);
                parleyp_pc_parallel_items(n, threads, visit_item, &v);
                for (size_t i = 0; i < n; i++)
                    assert_int_equal(atomic_load(&v.count[i]), 2);
                free(v.count);
            }
}

static void thread_rule(void **state)
{
    (void)state;
    assert_int_equal(parleyp_pc_thread_count(3, SIZE_MAX), 3);
    assert_int_equal(parleyp_pc_thread_count(300, SIZE_MAX), PC_MAX_THREADS);
    assert_int_equal(parleyp_pc_thread_count(8, 5), 5);
    assert_int_equal(parleyp_pc_thread_count(8, 0), 1);
    int cores = parleyp_pc_thread_count(0, SIZE_MAX);
    assert_true(cores >= 1 && cores <= PC_MAX_THREADS);
    assert_int_equal(parleyp_pc_thread_count(-1, SIZE_MAX), cores);
}

typedef struct record {
    double v[100000];
    size_t n;
} record;

static void on_progress(void *ctx, double done)
{
    record *r = ctx;
    if (r->n < sizeof r->v / sizeof *r->v)
        r->v[r->n++] = done;
}

/* Three parties over five issues; with_rules makes the space non-additive,
 * so the frontier is searched (one run for the frontier, one per party for
 * the worst and best utilities, one for the zone). */
static parley_space *space(bool with_rules)
{
    size_t nv[5] = {4, 3, 5, 4, 3};
    parley_error err = {0};
    parley_space *sp = parley_space_new(3, 5, nv, &err);
    assert_non_null(sp);
    for (size_t p = 0; p < 3; p++) {
        parley_space_set_party_scale(sp, p, 5, 0, 1);
        parley_space_set_party_limits(sp, p, 0.1, 1);
        for (size_t i = 0; i < 5; i++)
            for (size_t o = 0; o < nv[i]; o++)
                parley_space_set_term(sp, p, i, o,
                                      (double)((o * (p + 1) + i * 3 + p) % nv[i]) / (double)nv[i]);
    }
    if (with_rules) {
        bool allowed[4] = {true, false, false, true};
        parley_condition when = {0, allowed};
        for (size_t p = 0; p < 3; p++)
            assert_int_equal(parley_space_add_rule(sp, p, 0.3, 1, &when, 0, NULL, &err), PARLEY_OK);
    }
    return sp;
}

static void progress_only_goes_up(void **state)
{
    (void)state;
    for (int rules = 0; rules <= 1; rules++)
        for (int threads = 1; threads <= 2; threads++) {
            parley_space *sp = space(rules);
            record *r = calloc(1, sizeof *r);
            assert_non_null(r);
            parley_analysis_options opt;
            parley_analysis_options_init(&opt);
            opt.threads = threads;
            opt.progress = on_progress;
            opt.progress_ctx = r;
            parley_error err = {0};
            parley_analysis *an = parley_analysis_run(sp, &opt, &err);
            assert_non_null(an);
            assert_true(r->n >= 2);
            for (size_t i = 0; i < r->n; i++) {
                assert_true(r->v[i] > 0 && r->v[i] <= 1);
                if (i)
                    assert_true(r->v[i] > r->v[i - 1]);
            }
            assert_true(r->v[r->n - 1] == 1.0);
            parley_analysis_free(an);
            parley_space_free(sp);
            free(r);
        }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_item_once),
        cmocka_unit_test(thread_rule),
        cmocka_unit_test(progress_only_goes_up),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
