/*
 * tests/negotiate/test_genius_space.c — the lazy GENIUS-sorted space
 * (genius_space.c, genius_band.c) against the plain one: one bucket, which
 * scans every outcome and sorts it all. For GENIUS domains and a synthetic
 * space with ties, rules, a divisor and clamps, and bucket counts from 2 to
 * one per bid: every position's utility, hash and outcome, the counts at and
 * above thresholds, and GENIUS's nearest-bid search.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "negotiate/nego_impl.h"
#include "parley/genius.h"
#include "parley/negotiate.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define DOMAINS PARLEY_DATA_DIR "/genius/domains/"

/* Every query on party p's space with n_buckets equals the one-bucket one. */
static void check_party(const parley_nego_domain *dom, size_t p, size_t n_buckets)
{
    nego_sorted ref, lazy;
    assert_true(parleyp_nego_sorted_init(&ref, dom, p, 1));
    assert_true(parleyp_nego_sorted_init(&lazy, dom, p, n_buckets));
    assert_int_equal(ref.n, lazy.n);
    assert_true(ref.max_u == lazy.max_u && ref.min_u == lazy.min_u);
    for (size_t k = lazy.n; k-- > 0;) { /* backwards: buckets sorted out of order */
        nego_bid a = *parleyp_nego_sorted_at(&ref, k);
        assert_true(parleyp_nego_sorted_u(&lazy, k) == a.u);
        nego_bid b = *parleyp_nego_sorted_at(&lazy, k);
        assert_true(a.u == b.u);
        assert_int_equal(a.hash, b.hash);
        assert_int_equal(a.code, b.code);
    }
    for (int j = -2; j <= 42; j++) {
        double x = ref.min_u + (ref.max_u - ref.min_u) * j / 40.0;
        if (j == 41)
            x = parleyp_nego_sorted_at(&ref, ref.n / 2)->u; /* an exact utility */
        assert_int_equal(parleyp_nego_sorted_count_at_least(&ref, x),
                         parleyp_nego_sorted_count_at_least(&lazy, x));
        assert_int_equal(parleyp_nego_sorted_count_above(&ref, x),
                         parleyp_nego_sorted_count_above(&lazy, x));
        assert_int_equal(parleyp_nego_sorted_near(&ref, x), parleyp_nego_sorted_near(&lazy, x));
    }
    assert_false(ref.failed || lazy.failed);
    parleyp_nego_sorted_clear(&ref);
    parleyp_nego_sorted_clear(&lazy);
}

static void check_domain(const parley_space *sp)
{
    parley_error err;
    parley_nego_domain *dom = parley_nego_domain_new(sp, NULL, &err);
    assert_non_null(dom);
    assert_int_equal(parley_nego_domain_prepare_private(dom, 0, &err), PARLEY_OK);
    print_message("%zu outcomes\n", dom->sorted[0].n);
    size_t n = dom->sorted[0].n, many = n < 20000 ? n : 20000;
    size_t counts[] = {0, 2, 7, 97, n / 3 + 1, many};
    for (size_t p = 0; p < dom->n_parties; p++)
        for (size_t c = 0; c < sizeof counts / sizeof *counts; c++)
            check_party(dom, p, counts[c]);
    parley_nego_domain_free(dom);
}

static void test_genius_domains(void **state)
{
    (void)state;
    const char *names[] = {"Laptop", "CarB", "IntegerDomain", "ItexvsCypressC"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        char path[512];
        snprintf(path, sizeof path, DOMAINS "%s", names[i]);
        parley_error err;
        parley_space *sp = parley_genius_load_folder(path, &err);
        if (!sp)
            fail_msg("%s: %s", names[i], err.message);
        check_domain(sp);
        parley_space_free(sp);
    }
}

/* Ties (terms from a few steps), rules over two and three issues, a
 * divisor, clamps at both ends. */
static void test_rules_ties_clamps(void **state)
{
    (void)state;
    size_t nv[6] = {4, 3, 5, 2, 4, 3};
    parley_error err;
    parley_space *sp = parley_space_new(3, 6, nv, &err);
    assert_non_null(sp);
    for (size_t p = 0; p < 3; p++)
        for (size_t i = 0; i < 6; i++)
            for (size_t v = 0; v < nv[i]; v++)
                parley_space_set_term(sp, p, i, v, (double)((v * (p + 2) + i) % 4) * 0.1);
    parley_space_set_party_scale(sp, 1, 1.7, 0.2, 0.9);
    parley_space_set_party_scale(sp, 2, 0.3, -HUGE_VAL, 1.0);
    bool a[5] = {true, false, true, false, false}, b[5] = {false, true, true, false, true};
    parley_condition when[2] = {{0, a}, {2, b}}, unless[1] = {{5, b}};
    assert_int_equal(parley_space_add_rule(sp, 0, -0.15, 2, when, 1, unless, &err), PARLEY_OK);
    assert_int_equal(parley_space_add_rule(sp, 1, 0.25, 1, when + 1, 0, NULL, &err), PARLEY_OK);
    check_domain(sp);
    parley_space_free(sp);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_genius_domains),
        cmocka_unit_test(test_rules_ties_clamps),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
