/*
 * negotiate/genius_hash.c — Java's hashes as GENIUS 10.4 computes them, for
 * the tie order of its SortedOutcomeSpace (genius_space.c):
 *   String.hashCode()     s[0]·31^(n-1) + ... over UTF-16 code units;
 *   Bid.hashCode()        = sum over issues of the value's hashCode (int
 *                           overflow), ValueDiscrete: String.hashCode() of the
 *                           value name, ValueInteger: 0;
 *   BidDetails.hashCode() = 31·(31·(31 + bid) + fold(utility)) + fold(time),
 *                           fold(x) = (int)(bits ^ bits >>> 32) of
 *                           Double.doubleToLongBits(x); OutcomeSpace creates
 *                           its BidDetails with time -1.
 * A parley space does not record whether an issue was a GENIUS integer
 * issue; an issue whose labels are exactly the consecutive integers
 * lo, lo+1, ... is taken to be one (hash 0).
 */
#include "negotiate/nego_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int32_t parleyp_nego_java_string_hash(const char *s)
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
int32_t *parleyp_nego_value_hashes(const parley_nego_domain *dom, size_t **offset_out)
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
            h[off[i] + v] =
                integer ? 0 : parleyp_nego_java_string_hash(parley_space_value_label(sp, i, v));
    }
    *offset_out = off;
    return h;
}

int32_t parleyp_nego_bid_hash(const int32_t *vh, const size_t *off, size_t m, const uint32_t *o,
                              double u)
{
    uint32_t bid = 0;
    for (size_t i = 0; i < m; i++)
        bid += (uint32_t)vh[off[i] + o[i]];
    uint32_t r = 31u + bid;
    r = 31u * r + fold(u);
    r = 31u * r + fold(-1.0);
    return (int32_t)r;
}

int32_t parleyp_nego_java_bid_hash(const parley_nego_domain *dom, const uint32_t *o, double u)
{
    size_t *off = NULL;
    int32_t *vh = parleyp_nego_value_hashes(dom, &off);
    if (!vh)
        return 0;
    int32_t h = parleyp_nego_bid_hash(vh, off, dom->n_issues, o, u);
    free(vh);
    free(off);
    return h;
}
