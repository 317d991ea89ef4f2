/*
 * negotiate/genius_space.c — GENIUS 10.4's SortedOutcomeSpace, exactly: the
 * bid list a private-information agent offers from (data/genius/traces/
 * README.md has the file:line references), without materialising it.
 *
 * GENIUS enumerates every outcome in BidIterator order (issue 0 changes
 * fastest) with the party's own utility and sorts them as
 * BidDetailsSorterUtility sorts (Collections.sort, stable): utility
 * descending, ties by BidDetails.hashCode() ascending as a Java int
 * (genius_hash.c), equal hashes keep the iteration order.
 *
 * Here one pass over the outcomes computes each utility (bit for bit as
 * parley_space_utility: the same additions in the same order, by an odometer
 * that re-adds only the issues that changed, the rules summed apart) and counts it into one of
 * n_buckets utility buckets; a bucket is a floor of (top - u)·scale, monotone
 * in u, so bucket b holds exactly the sorted positions [start[b],
 * start[b+1]). A query for position k sorts only k's bucket
 * (genius_band.c), once. Sorting a bucket by (utility, hash, code) gives the
 * same order as sorting everything.
 *
 * The nearest-bid search is getIndexOfBidNearUtility with its quirk: a
 * binary search (searchIndexWith), then index+1 if strictly closer; the
 * "index-1 is closer" branch is always overwritten (index-1 only raises the
 * bar index+1 must clear).
 */
#include "negotiate/nego_impl.h"

#include "core/error.h"
#include "space/space_impl.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define BIDS_PER_BUCKET 32
#define MAX_BUCKETS ((size_t)1 << 20)

void parleyp_nego_decode(const parley_nego_domain *dom, uint32_t code, uint32_t *out)
{
    for (size_t i = 0; i < dom->n_issues; i++) {
        out[i] = (uint32_t)(code % dom->radix[i]);
        code = (uint32_t)(code / dom->radix[i]);
    }
}

void parleyp_nego_sorted_clear(nego_sorted *s)
{
    if (s->bucket)
        for (size_t b = 0; b < s->n_buckets; b++)
            free(s->bucket[b]);
    if (s->classes)
        for (size_t b = 0; b < s->n_buckets; b++)
            free(s->classes[b]);
    if (s->lock) {
        pthread_mutex_destroy(s->lock);
        free(s->lock);
    }
    free(s->bucket);
    free(s->classes);
    free(s->start);
    free(s->low_sum);
    free(s->low_code);
    free(s->high_sum);
    free(s->high_code);
    memset(s, 0, sizeof *s);
}

void parleyp_nego_sorted_free(parley_nego_domain *dom)
{
    if (dom->sorted)
        for (size_t p = 0; p < dom->n_parties; p++)
            parleyp_nego_sorted_clear(&dom->sorted[p]);
    free(dom->sorted);
    free(dom->radix);
    free(dom->own_max);
    free(dom->own_min);
    free(dom->value_hash);
    free(dom->value_off);
    dom->sorted = NULL;
    dom->radix = NULL;
    dom->own_max = dom->own_min = NULL;
    dom->value_hash = NULL;
    dom->value_off = NULL;
}

/* The bucket map: from the additive bounds (exact extremes not needed). */
static void bucket_map(nego_sorted *s, const ps_party *pp)
{
    const parley_space *sp = s->dom->sp;
    double hi = 0, lo = 0;
    for (size_t i = 0; i < sp->n_issues; i++) {
        double a = HUGE_VAL, b = -HUGE_VAL;
        for (size_t v = 0; v < sp->n_values[i]; v++) {
            a = fmin(a, pp->term[sp->offset[i] + v]);
            b = fmax(b, pp->term[sp->offset[i] + v]);
        }
        if (sp->n_values[i]) {
            lo += a;
            hi += b;
        }
    }
    for (size_t r = 0; r < pp->n_rules; r++) {
        hi += fmax(pp->rules[r].delta, 0);
        lo += fmin(pp->rules[r].delta, 0);
    }
    double x = ps_scale(pp, hi), y = ps_scale(pp, lo);
    s->top = fmax(x, y);
    double range = s->top - fmin(x, y);
    s->scale = s->n_buckets > 1 && range > 0 ? (double)s->n_buckets / range : 0;
    if (!isfinite(s->scale))
        s->scale = 0;
}

/* Counts every outcome's utility into its bucket; start[] as prefix sums. */
static bool count_buckets(nego_sorted *s, const ps_party *pp)
{
    const parley_space *sp = s->dom->sp;
    size_t m = sp->n_issues;
    uint32_t *o = calloc(m ? m : 1, sizeof *o);
    double *part = calloc(m ? m : 1, sizeof *part);
    if (!o || !part || s->n == 0) {
        free(o);
        free(part);
        return s->n == 0;
    }
    for (size_t i = 0; i < m; i++)
        part[i] = (i ? part[i - 1] : 0.0) + pp->term[sp->offset[i]];
    s->max_u = -HUGE_VAL;
    s->min_u = HUGE_VAL;
    for (size_t c = 0; c < s->n; c++) {
        double rules = 0.0; /* as parley_space_utility: summed apart, then added */
        for (size_t r = 0; r < pp->n_rules; r++)
            if (ps_rule_fires(&pp->rules[r], o))
                rules += pp->rules[r].delta;
        double u = ps_scale(pp, (m ? part[m - 1] : 0.0) + rules);
        s->start[nego_bucket_of(s, u) + 1]++;
        s->max_u = fmax(s->max_u, u);
        s->min_u = fmin(s->min_u, u);
        for (size_t i = m; i-- > 0;) { /* odometer, the last issue fastest */
            if (++o[i] < sp->n_values[i]) {
                for (size_t j = i; j < m; j++)
                    part[j] = (j ? part[j - 1] : 0.0) + pp->term[sp->offset[j] + o[j]];
                break;
            }
            o[i] = 0;
        }
    }
    for (size_t b = 0; b < s->n_buckets; b++)
        s->start[b + 1] += s->start[b];
    free(o);
    free(part);
    return true;
}

bool parleyp_nego_sorted_init(nego_sorted *s, const parley_nego_domain *dom, size_t party,
                              size_t n_buckets)
{
    memset(s, 0, sizeof *s);
    const parley_space *sp = dom->sp;
    const ps_party *pp = &sp->party[party];
    s->dom = dom;
    s->party = party;
    s->n = 1;
    for (size_t i = 0; i < dom->n_issues; i++)
        s->n *= dom->radix[i];
    if (n_buckets == 0)
        n_buckets = s->n / BIDS_PER_BUCKET;
    if (n_buckets < 1)
        n_buckets = 1;
    s->n_buckets = n_buckets < MAX_BUCKETS ? n_buckets : MAX_BUCKETS;
    s->start = calloc(s->n_buckets + 1, sizeof *s->start);
    s->bucket = calloc(s->n_buckets, sizeof *s->bucket);
    s->classes = calloc(s->n_buckets, sizeof *s->classes);
    s->lock = malloc(sizeof(pthread_mutex_t));
    if (!s->start || !s->bucket || !s->classes || !s->lock ||
        pthread_mutex_init(s->lock, NULL) != 0) {
        free(s->lock);
        s->lock = NULL;
        return false;
    }
    bucket_map(s, pp);
    if (!count_buckets(s, pp))
        return false;
    return s->n_buckets == 1 || parleyp_nego_band_init(s);
}

parley_status parleyp_nego_sorted_build(parley_nego_domain *dom, double max_outcomes,
                                        parley_error *err)
{
    if (dom->sorted)
        return PARLEY_OK;
    double total = parley_space_outcome_count(dom->sp);
    if (!(max_outcomes > 0))
        max_outcomes = 2.5e7;
    if (total > max_outcomes || total >= 4294967295.0)
        return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, "information",
                                "private information needs every outcome enumerated (as GENIUS "
                                "does), and %.3g outcomes are over the limit of %.3g; use "
                                "--information full",
                                total, max_outcomes);
    size_t d = dom->n_parties, m = dom->n_issues;
    dom->sorted = calloc(d, sizeof *dom->sorted);
    dom->radix = calloc(m ? m : 1, sizeof *dom->radix);
    dom->own_max = calloc(d, sizeof *dom->own_max);
    dom->own_min = calloc(d, sizeof *dom->own_min);
    if (!dom->sorted || !dom->radix || !dom->own_max || !dom->own_min)
        goto oom;
    for (size_t i = 0; i < m; i++)
        dom->radix[i] = parley_space_value_count(dom->sp, i);
    dom->value_hash = parleyp_nego_value_hashes(dom, &dom->value_off);
    if (!dom->value_hash)
        goto oom;
    for (size_t p = 0; p < d; p++) {
        nego_sorted *s = &dom->sorted[p];
        if (!parleyp_nego_sorted_init(s, dom, p, 0))
            goto oom;
        dom->own_max[p] = s->n ? s->max_u : 0;
        dom->own_min[p] = fmax(s->n ? s->min_u : 0, dom->walk_away[p]);
    }
    return PARLEY_OK;
oom:
    parleyp_nego_sorted_free(dom);
    return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
}

/* Bucket b, sorted on first use; NULL when out of memory. */
static const nego_bid *bucket_bids(nego_sorted *s, size_t b)
{
    pthread_mutex_lock(s->lock);
    if (!s->bucket[b] && s->start[b + 1] > s->start[b])
        s->bucket[b] = parleyp_nego_band_sorted(s, b);
    const nego_bid *bids = s->bucket[b];
    if (!bids)
        s->failed = true;
    pthread_mutex_unlock(s->lock);
    return bids;
}

/* The bucket of position k: the last with start <= k. */
static size_t bucket_at(const nego_sorted *s, size_t k)
{
    size_t lo = 0, hi = s->n_buckets;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->start[mid] <= k)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* Bucket b's utility classes, found on first use; NULL: out of memory. */
static const nego_class *bucket_classes(nego_sorted *s, size_t b)
{
    pthread_mutex_lock(s->lock);
    if (!s->classes[b])
        s->classes[b] = parleyp_nego_band_classes(s, b);
    const nego_class *c = s->classes[b];
    if (!c)
        s->failed = true;
    pthread_mutex_unlock(s->lock);
    return c;
}

double parleyp_nego_sorted_u(nego_sorted *s, size_t k)
{
    size_t b = bucket_at(s, k);
    const nego_class *c = bucket_classes(s, b);
    if (!c)
        return 0;
    size_t j = 0;
    while (c[j].end <= k - s->start[b])
        j++;
    return c[j].u;
}

const nego_bid *parleyp_nego_sorted_at(nego_sorted *s, size_t k)
{
    static const nego_bid none = {0, 0, 0};
    size_t lo = bucket_at(s, k);
    const nego_bid *bids = k < s->n ? bucket_bids(s, lo) : NULL;
    return bids ? &bids[k - s->start[lo]] : &none;
}

/* The number of bids with u >= x (strictly: u > x). Only x's bucket can
 * hold both kinds (buckets are monotone in u). */
static size_t count_prefix(nego_sorted *s, double x, bool strictly)
{
    size_t b = nego_bucket_of(s, x), c = s->start[b], len = s->start[b + 1] - c;
    if (len == 0)
        return c;
    const nego_class *cl = bucket_classes(s, b);
    size_t a = 0;
    for (size_t j = 0; cl && a < len && (strictly ? cl[j].u > x : cl[j].u >= x); j++)
        a = cl[j].end;
    return c + a;
}

size_t parleyp_nego_sorted_count_at_least(nego_sorted *s, double lo)
{
    return count_prefix(s, lo, false);
}

size_t parleyp_nego_sorted_count_above(nego_sorted *s, double x)
{
    return count_prefix(s, x, true);
}

/* SortedOutcomeSpace.searchIndexWith, as written (ints, (low + high) / 2). */
static size_t search_index_with(nego_sorted *s, double value)
{
    long middle = -1, low = 0, high = (long)s->n - 1, last_middle = 0;
    while (last_middle != middle) {
        last_middle = middle;
        middle = (low + high) / 2;
        double u = parleyp_nego_sorted_u(s, (size_t)middle);
        if (u == value)
            return (size_t)middle;
        if (u < value)
            high = middle;
        if (u > value)
            low = middle;
    }
    return (size_t)middle;
}

size_t parleyp_nego_sorted_near(nego_sorted *s, double utility)
{
    size_t index = search_index_with(s, utility);
    double closest = fabs(parleyp_nego_sorted_u(s, index) - utility);
    if (index > 0 && fabs(parleyp_nego_sorted_u(s, index - 1) - utility) < closest)
        closest = fabs(parleyp_nego_sorted_u(s, index - 1) -
                       utility); /* newIndex = index - 1, overwritten below */
    if (index + 1 < s->n && fabs(parleyp_nego_sorted_u(s, index + 1) - utility) < closest)
        return index + 1;
    return index;
}
