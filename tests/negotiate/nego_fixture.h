/*
 * tests/negotiate/nego_fixture.h — what the negotiation tests share: an
 * approximate-equality assertion, agent specs parsed or the test fails,
 * and a GENIUS reference domain (data/genius/domains) loaded as a space
 * and its negotiation domain. Include after <cmocka.h>.
 */
#ifndef PARLEY_TESTS_NEGO_FIXTURE_H
#define PARLEY_TESTS_NEGO_FIXTURE_H

#include "parley/genius.h"
#include "parley/negotiate.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>

/* Older cmocka has no assert_double_equal: |a - b| <= eps, with a message. */
#define assert_near(a, b, eps)                                                                     \
    do {                                                                                           \
        double a_ = (a), b_ = (b);                                                                 \
        if (!(fabs(a_ - b_) <= (eps)))                                                             \
            fail_msg("%s = %.17g, expected %.17g", #a, a_, b_);                                    \
    } while (0)

#define DOMAINS PARLEY_DATA_DIR "/genius/domains/"

/* An agent spec (e.g. "boulware", "random/next+time:0.8"); fails the test
 * if it does not parse. */
static inline parley_agent_spec nt_spec(const char *text)
{
    parley_agent_spec s;
    parley_error err;
    assert_int_equal(parley_agent_spec_parse(text, "test", &s, &err), PARLEY_OK);
    return s;
}

typedef struct nt_loaded {
    parley_space *sp;
    parley_nego_domain *dom;
} nt_loaded;

/* The GENIUS domain folder DOMAINS/name; with private_info, each party's
 * private information is prepared too. Fails the test naming the domain. */
static inline nt_loaded nt_load(const char *name, bool private_info)
{
    char path[512];
    snprintf(path, sizeof path, DOMAINS "%s", name);
    parley_error err;
    nt_loaded l;
    l.sp = parley_genius_load_folder(path, &err);
    if (!l.sp)
        fail_msg("%s: %s", name, err.message);
    l.dom = parley_nego_domain_new(l.sp, NULL, &err);
    if (!l.dom)
        fail_msg("%s: %s", name, err.message);
    if (private_info)
        assert_int_equal(parley_nego_domain_prepare_private(l.dom, 0, &err), PARLEY_OK);
    return l;
}

static inline void nt_unload(nt_loaded *l)
{
    parley_nego_domain_free(l->dom);
    parley_space_free(l->sp);
}

#endif
