/*
 * negotiate/genius_space.c — GENIUS 10.4's SortedOutcomeSpace, exactly: the
 * bid list a private-information agent offers from (data/genius/traces/
 * README.md has the file:line references).
 *
 * Every outcome is enumerated in GENIUS's BidIterator order (issue 0 changes
 * fastest) with the party's own utility, then sorted as
 * BidDetailsSorterUtility sorts (Collections.sort, stable): utility
 * descending, ties by BidDetails.hashCode() ascending as a Java int, equal
 * hashes keep the iteration order. The hash is Java's:
 *   Bid.hashCode()        = sum over issues of the value's hashCode (int
 *                           overflow), ValueDiscrete: String.hashCode() of the
 *                           value name (s[0]·31^(n-1) + ... over UTF-16 code
 *                           units), ValueInteger: 0;
 *   BidDetails.hashCode() = 31·(31·(31 + bid) + fold(utility)) + fold(time),
 *                           fold(x) = (int)(bits ^ bits >>> 32) of
 *                           Double.doubleToLongBits(x); OutcomeSpace creates
 *                           its BidDetails with time -1.
 * A parley space does not record whether an issue was a GENIUS integer
 * issue; an issue whose labels are exactly the consecutive integers
 * lo, lo+1, ... is taken to be one (hash 0).
 *
 * The nearest-bid search is getIndexOfBidNearUtility with its quirk: a
 * binary search (searchIndexWith), then index+1 if strictly closer; the
 * "index-1 is closer" branch is always overwritten (index-1 only raises the
 * bar index+1 must clear).
 */
#include "negotiate/nego_impl.h"

#include "core/error.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int32_t nego_java_string_hash(const char *s)
{
    uint32_t h = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        uint32_t c = *p++;
        int more = 0;
        if (c >= 0xF0) {
            c &= 0x07;
            more = 3;
        } else if (c >= 0xE0) {
            c &= 0x0F;
            more = 2;
        } else if (c >= 0xC0) {
            c &= 0x1F;
            more = 1;
        }
        for (; more > 0 && (*p & 0xC0) == 0x80; more--)
            c = (c << 6) | (*p++ & 0x3F);
        if (c > 0xFFFF) { /* a surrogate pair in UTF-16 */
            c -= 0x10000;
            h = 31u * h + (0xD800u + (c >> 10));
            h = 31u * h + (0xDC00u + (c & 0x3FF));
        } else {
            h = 31u * h + c;
        }
    }
    return (int32_t)h;
}

static uint32_t fold(double x)
{
    uint64_t bits;
    memcpy(&bits, &x, sizeof bits);
    if (isnan(x))
        bits = 0x7ff8000000000000ULL; /* canonical NaN */
    return (uint32_t)(bits ^ (bits >> 32));
}

/* Value hashes per issue (0 for integer issues), computed once per build. */
static int32_t *value_hashes(const parley_nego_domain *dom, size_t **offset_out)
{
    const parley_space *sp = dom->sp;
    size_t m = dom->n_issues, total = 0;
    size_t *off = malloc((m + 1) * sizeof *off);
    if (!off)
        return NULL;
    for (size_t i = 0; i < m; i++) {
        off[i] = total;
        total += dom->radix[i];
    }
    off[m] = total;
    int32_t *h = malloc((total ? total : 1) * sizeof *h);
    if (!h) {
        free(off);
        return NULL;
    }
    for (size_t i = 0; i < m; i++) {
        bool integer = true;
        long first = 0;
        for (size_t v = 0; v < dom->radix[i] && integer; v++) {
            const char *label = parley_space_value_label(sp, i, v);
            char *end;
            long x = label && *label ? strtol(label, &end, 10) : 0;
            if (!label || !*label || *end)
                integer = false;
            else if (v == 0)
                first = x;
            else if (x != first + (long)v)
                integer = false;
        }
        for (size_t v = 0; v < dom->radix[i]; v++)
            h[off[i] + v] = integer ? 0 : nego_java_string_hash(parley_space_value_label(sp, i, v));
    }
    *offset_out = off;
    return h;
}

static int32_t bid_hash(const int32_t *vh, const size_t *off, size_t m, const uint32_t *o, double u)
{
    uint32_t bid = 0;
    for (size_t i = 0; i < m; i++)
        bid += (uint32_t)vh[off[i] + o[i]];
    uint32_t r = 31u + bid;
    r = 31u * r + fold(u);
    r = 31u * r + fold(-1.0);
    return (int32_t)r;
}

int32_t nego_java_bid_hash(const parley_nego_domain *dom, const uint32_t *o, double u)
{
    size_t *off = NULL;
    int32_t *vh = value_hashes(dom, &off);
    if (!vh)
        return 0;
    int32_t h = bid_hash(vh, off, dom->n_issues, o, u);
    free(vh);
    free(off);
    return h;
}

void nego_decode(const parley_nego_domain *dom, uint32_t code, uint32_t *out)
{
    for (size_t i = 0; i < dom->n_issues; i++) {
        out[i] = (uint32_t)(code % dom->radix[i]);
        code = (uint32_t)(code / dom->radix[i]);
    }
}

uint32_t nego_encode(const parley_nego_domain *dom, const uint32_t *o)
{
    uint32_t code = 0;
    for (size_t i = dom->n_issues; i-- > 0;)
        code = code * (uint32_t)dom->radix[i] + o[i];
    return code;
}

typedef struct bid_key {
    double u;
    int32_t hash;
    uint32_t code;
} bid_key;

static int by_genius_order(const void *a, const void *b)
{
    const bid_key *x = a, *y = b;
    if (x->u != y->u)
        return x->u > y->u ? -1 : 1;
    if (x->hash != y->hash)
        return x->hash < y->hash ? -1 : 1;
    return x->code < y->code ? -1 : (x->code > y->code);
}

void nego_sorted_free(parley_nego_domain *dom)
{
    if (dom->sorted)
        for (size_t p = 0; p < dom->n_parties; p++) {
            free(dom->sorted[p].u);
            free(dom->sorted[p].code);
        }
    free(dom->sorted);
    free(dom->radix);
    free(dom->own_max);
    free(dom->own_min);
    dom->sorted = NULL;
    dom->radix = NULL;
    dom->own_max = dom->own_min = NULL;
}

parley_status nego_sorted_build(parley_nego_domain *dom, double max_outcomes, parley_error *err)
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
    size_t n = (size_t)total, d = dom->n_parties, m = dom->n_issues;
    dom->sorted = calloc(d, sizeof *dom->sorted);
    dom->radix = calloc(m ? m : 1, sizeof *dom->radix);
    dom->own_max = calloc(d, sizeof *dom->own_max);
    dom->own_min = calloc(d, sizeof *dom->own_min);
    bid_key *keys = malloc((n ? n : 1) * sizeof *keys);
    uint32_t *o = calloc(m ? m : 1, sizeof *o);
    size_t *off = NULL;
    int32_t *vh = NULL;
    if (!dom->sorted || !dom->radix || !dom->own_max || !dom->own_min || !keys || !o)
        goto oom;
    for (size_t i = 0; i < m; i++)
        dom->radix[i] = parley_space_value_count(dom->sp, i);
    vh = value_hashes(dom, &off);
    if (!vh)
        goto oom;
    for (size_t p = 0; p < d; p++) {
        nego_sorted *s = &dom->sorted[p];
        s->n = n;
        s->u = malloc((n ? n : 1) * sizeof *s->u);
        s->code = malloc((n ? n : 1) * sizeof *s->code);
        if (!s->u || !s->code)
            goto oom;
        for (size_t c = 0; c < n; c++) {
            nego_decode(dom, (uint32_t)c, o);
            double u = parley_space_utility(dom->sp, p, o);
            keys[c] = (bid_key){.u = u, .hash = bid_hash(vh, off, m, o, u), .code = (uint32_t)c};
        }
        qsort(keys, n, sizeof *keys, by_genius_order);
        for (size_t k = 0; k < n; k++) {
            s->u[k] = keys[k].u;
            s->code[k] = keys[k].code;
        }
        dom->own_max[p] = n ? s->u[0] : 0;
        dom->own_min[p] = fmax(n ? s->u[n - 1] : 0, dom->walk_away[p]);
    }
    free(keys);
    free(o);
    free(vh);
    free(off);
    return PARLEY_OK;
oom:
    free(keys);
    free(o);
    free(vh);
    free(off);
    nego_sorted_free(dom);
    return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
}

/* SortedOutcomeSpace.searchIndexWith, as written (ints, (low + high) / 2). */
static size_t search_index_with(const nego_sorted *s, double value)
{
    long middle = -1, low = 0, high = (long)s->n - 1, last_middle = 0;
    while (last_middle != middle) {
        last_middle = middle;
        middle = (low + high) / 2;
        double u = s->u[middle];
        if (u == value)
            return (size_t)middle;
        if (u < value)
            high = middle;
        if (u > value)
            low = middle;
    }
    return (size_t)middle;
}

size_t nego_sorted_near(const nego_sorted *s, double utility)
{
    size_t index = search_index_with(s, utility);
    double closest = fabs(s->u[index] - utility);
    if (index > 0 && fabs(s->u[index - 1] - utility) < closest)
        closest = fabs(s->u[index - 1] - utility); /* newIndex = index - 1, overwritten below */
    if (index + 1 < s->n && fabs(s->u[index + 1] - utility) < closest)
        return index + 1;
    return index;
}

size_t nego_sorted_count_at_least(const nego_sorted *s, double lo)
{
    size_t a = 0, b = s->n;
    while (a < b) {
        size_t mid = a + (b - a) / 2;
        if (s->u[mid] >= lo)
            a = mid + 1;
        else
            b = mid;
    }
    return a;
}
