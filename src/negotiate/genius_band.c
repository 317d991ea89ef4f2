/*
 * negotiate/genius_band.c — the bids of one utility bucket of a party's
 * GENIUS-sorted space (genius_space.c), sorted as GENIUS sorts them.
 *
 * By meet in the middle: the issues are split in two halves of about
 * sqrt(n) value combinations each, every issue a rule term reads in the low
 * half (so a low combination fixes the rules' sum); the high half's term sums
 * are sorted once. A bucket is a utility interval, hence (undoing the
 * party's divisor and clamp) an interval of raw term sums; for each low
 * combination a binary search finds the high combinations whose sum falls in
 * it, widened by a slack far above rounding. Every candidate's utility is
 * then computed exactly (parley_space_utility) and kept only if it lies in
 * the bucket, so the result is exact; its size must equal the bucket's count
 * from the counting pass. Otherwise (rule terms, one bucket, a divisor that
 * is not positive, rules over too many issues) every outcome is scanned.
 * A binary search needs only the utilities at positions: nego_band_classes
 * keeps just the bucket's distinct utilities and their counts.
 */
#include "negotiate/nego_impl.h"

#include "space/space_impl.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SLACK 1e-9
#define MAX_LOW ((size_t)1 << 22)
#define CLASSES_BY_INSERTION 256

typedef struct half_key {
    double sum;
    uint32_t code;
} half_key;

static int by_sum(const void *a, const void *b)
{
    const half_key *x = a, *y = b;
    if (x->sum != y->sum)
        return x->sum < y->sum ? -1 : 1;
    return x->code < y->code ? -1 : (x->code > y->code);
}

static int by_genius_order(const void *a, const void *b)
{
    const nego_bid *x = a, *y = b;
    if (x->u != y->u)
        return x->u > y->u ? -1 : 1;
    if (x->hash != y->hash)
        return x->hash < y->hash ? -1 : 1;
    return x->code < y->code ? -1 : (x->code > y->code);
}

/* Rule issues first, then issues in order while n_low^2 < n. */
static size_t choose_low(const nego_sorted *s, const ps_party *pp, bool *low)
{
    const parley_space *sp = s->dom->sp;
    size_t n_low = 1;
    for (size_t r = 0; r < pp->n_rules; r++)
        for (uint32_t k = 0; k < pp->rules[r].n_when + pp->rules[r].n_unless; k++)
            low[pp->rules[r].cond[k].issue] = true;
    for (size_t i = 0; i < sp->n_issues; i++)
        if (low[i])
            n_low *= sp->n_values[i];
    for (size_t i = 0; i < sp->n_issues && n_low * n_low < s->n; i++)
        if (!low[i]) {
            low[i] = true;
            n_low *= sp->n_values[i];
        }
    return n_low;
}

/* Sets o's digits of the issues with low[i] == side to combination x; the
 * term sum over them; *code = their share of the outcome code. */
static double combination(const parley_space *sp, const ps_party *pp, const bool *low, bool side,
                          size_t x, uint32_t *o, uint32_t *code)
{
    double sum = 0;
    uint32_t place = 1;
    *code = 0;
    for (size_t i = 0; i < sp->n_issues; i++) {
        if (low[i] == side) {
            o[i] = (uint32_t)(x % sp->n_values[i]);
            x /= sp->n_values[i];
            sum += pp->term[sp->offset[i] + o[i]];
            *code += o[i] * place;
        }
        place *= (uint32_t)sp->n_values[i];
    }
    return sum;
}

bool parleyp_nego_band_init(nego_sorted *s)
{
    const parley_space *sp = s->dom->sp;
    const ps_party *pp = &sp->party[s->party];
    size_t m = sp->n_issues;
    bool *low = calloc(m ? m : 1, sizeof *low);
    uint32_t *o = calloc(m ? m : 1, sizeof *o);
    if (!low || !o) {
        free(low);
        free(o);
        return false;
    }
    size_t n_low = choose_low(s, pp, low);
    if (n_low > MAX_LOW) { /* rules over too many issues: scan instead */
        free(low);
        free(o);
        return true;
    }
    size_t n_high = s->n / n_low;
    s->low_sum = malloc(n_low * sizeof *s->low_sum);
    s->low_code = malloc(n_low * sizeof *s->low_code);
    s->high_sum = malloc(n_high * sizeof *s->high_sum);
    s->high_code = malloc(n_high * sizeof *s->high_code);
    half_key *keys = malloc(n_high * sizeof *keys);
    if (!s->low_sum || !s->low_code || !s->high_sum || !s->high_code || !keys) {
        free(keys);
        free(low);
        free(o);
        return false;
    }
    for (size_t a = 0; a < n_low; a++) {
        double sum = combination(sp, pp, low, true, a, o, &s->low_code[a]);
        for (size_t r = 0; r < pp->n_rules; r++) /* rules read low issues only */
            if (ps_rule_fires(&pp->rules[r], o))
                sum += pp->rules[r].delta;
        s->low_sum[a] = sum;
    }
    for (size_t h = 0; h < n_high; h++) {
        keys[h].sum = combination(sp, pp, low, false, h, o, &keys[h].code);
    }
    qsort(keys, n_high, sizeof *keys, by_sum);
    for (size_t h = 0; h < n_high; h++) {
        s->high_sum[h] = keys[h].sum;
        s->high_code[h] = keys[h].code;
    }
    free(keys);
    free(low);
    free(o);
    double magnitude = 0;
    for (size_t i = 0; i < m; i++)
        for (size_t v = 0; v < sp->n_values[i]; v++)
            magnitude = fmax(magnitude, fabs(pp->term[sp->offset[i] + v]));
    for (size_t r = 0; r < pp->n_rules; r++)
        magnitude = fmax(magnitude, fabs(pp->rules[r].delta));
    s->slack = SLACK * (magnitude * (double)(m + pp->n_rules) + 1.0);
    s->n_low = n_low;
    s->n_high = n_high;
    return true;
}

/* Appends the outcome if its exact utility lies in bucket b; false when
 * that would exceed `want` (the counts disagree). */
static bool keep(const nego_sorted *s, size_t b, uint32_t code, uint32_t *o, nego_bid *out,
                 size_t *got, size_t want)
{
    const parley_nego_domain *dom = s->dom;
    parleyp_nego_decode(dom, code, o);
    double u = parley_space_utility(dom->sp, s->party, o);
    if (nego_bucket_of(s, u) != b)
        return true;
    if (*got == want)
        return false;
    out[(*got)++] = (nego_bid){
        u, parleyp_nego_bid_hash(dom->value_hash, dom->value_off, dom->n_issues, o, u), code};
    return true;
}

/* The raw-sum interval that can reach bucket b; false: not invertible. */
static bool raw_interval(const nego_sorted *s, size_t b, double *lo, double *hi)
{
    const ps_party *pp = &s->dom->sp->party[s->party];
    double div = pp->divisor;
    if (!(div > 0) || !isfinite(div) || !(s->scale > 0))
        return false;
    double du = SLACK * (fabs(s->top) + fabs(s->max_u) + fabs(s->min_u)) + DBL_MIN;
    double ulo = b + 1 == s->n_buckets ? -HUGE_VAL : s->top - (double)(b + 1) / s->scale - du;
    double uhi = b == 0 ? HUGE_VAL : s->top - (double)b / s->scale + du;
    *lo = ulo <= pp->floor ? -HUGE_VAL : ulo * div;
    *hi = uhi >= pp->ceil ? HUGE_VAL : uhi * div;
    *lo -= s->slack + SLACK * fabs(*lo);
    *hi += s->slack + SLACK * fabs(*hi);
    return true;
}

static bool by_halves(const nego_sorted *s, size_t b, uint32_t *o, nego_bid *out, size_t want)
{
    double lo, hi;
    if (!s->n_low || !raw_interval(s, b, &lo, &hi))
        return false;
    size_t got = 0;
    for (size_t a = 0; a < s->n_low; a++) {
        double x = lo - s->low_sum[a], y = hi - s->low_sum[a];
        size_t l = 0, r = s->n_high; /* first high sum >= x */
        while (l < r) {
            size_t mid = l + (r - l) / 2;
            if (s->high_sum[mid] < x)
                l = mid + 1;
            else
                r = mid;
        }
        for (size_t k = l; k < s->n_high && s->high_sum[k] <= y; k++)
            if (!keep(s, b, s->low_code[a] + s->high_code[k], o, out, &got, want))
                return false;
    }
    return got == want;
}

static bool by_scan(const nego_sorted *s, size_t b, uint32_t *o, nego_bid *out, size_t want)
{
    size_t got = 0;
    for (size_t c = 0; c < s->n; c++)
        if (!keep(s, b, (uint32_t)c, o, out, &got, want))
            return false;
    return got == want;
}

/* Bucket b's bids in no particular order; NULL when out of memory. */
static nego_bid *collect(const nego_sorted *s, size_t b, size_t want)
{
    size_t m = s->dom->n_issues;
    nego_bid *out = malloc((want ? want : 1) * sizeof *out);
    uint32_t *o = calloc(m ? m : 1, sizeof *o);
    if (!out || !o || (!by_halves(s, b, o, out, want) && !by_scan(s, b, o, out, want))) {
        free(out);
        out = NULL;
    }
    free(o);
    return out;
}

nego_bid *parleyp_nego_band_sorted(const nego_sorted *s, size_t b)
{
    size_t want = s->start[b + 1] - s->start[b];
    nego_bid *out = collect(s, b, want);
    if (out)
        qsort(out, want, sizeof *out, by_genius_order);
    return out;
}

static int by_u_descending(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x > y ? -1 : x < y;
}

/* Counts u into the distinct utilities c[0..*n) (descending; end holds the
 * count until the caller sums them); false when there are already cap. */
static bool count_into(nego_class *c, size_t *n, size_t cap, double u)
{
    size_t l = 0, r = *n;
    while (l < r) {
        size_t mid = l + (r - l) / 2;
        if (c[mid].u > u)
            l = mid + 1;
        else
            r = mid;
    }
    if (l < *n && c[l].u == u) {
        c[l].end++;
        return true;
    }
    if (*n == cap)
        return false;
    memmove(c + l + 1, c + l, (*n - l) * sizeof *c);
    c[l] = (nego_class){u, 1};
    (*n)++;
    return true;
}

nego_class *parleyp_nego_band_classes(const nego_sorted *s, size_t b)
{
    size_t want = s->start[b + 1] - s->start[b], n = 0, k = 0;
    nego_bid *bids = collect(s, b, want);
    nego_class *c = bids ? malloc((want ? want : 1) * sizeof *c) : NULL;
    if (c) {
        while (k < want && count_into(c, &n, CLASSES_BY_INSERTION, bids[k].u))
            k++;
        if (k < want) {                 /* many distinct utilities: sort them all */
            double *u = (double *)bids; /* reuses the bids' memory */
            for (k = 0; k < want; k++)
                u[k] = bids[k].u;
            qsort(u, want, sizeof *u, by_u_descending);
            for (n = 0, k = 0; k < want; k++) {
                if (n && c[n - 1].u == u[k])
                    c[n - 1].end++;
                else
                    c[n++] = (nego_class){u[k], 1};
            }
        }
        for (k = 1; k < n; k++)
            c[k].end += c[k - 1].end;
        nego_class *fit = realloc(c, (n ? n : 1) * sizeof *c);
        c = fit ? fit : c;
    }
    free(bids);
    return c;
}
