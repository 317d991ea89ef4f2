/*
 * plot/svg.c — what the SVG of PLplot's svg device gets before it is handed
 * out: no DOCTYPE (it names the DTD by URL), attributes on one line (half
 * the size), clip-path ids of its own (charts inlined in one HTML page must
 * not share them) and, for screen readers, the chart's title and caption as
 * <title> and <desc>.
 */
#include "plot/draw.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* PLplot's svg device writes a DOCTYPE naming the SVG 1.1 DTD by URL: it is
 * dropped, so the file references nothing outside itself. */
static void drop_doctype(unsigned char *b, size_t *len)
{
    char *d = strstr((char *)b, "<!DOCTYPE");
    char *end = d ? strchr(d, '>') : NULL;
    if (!end)
        return;
    end++;
    while (*end == '\n')
        end++;
    size_t cut = (size_t)(end - d);
    memmove(d, end, *len - (size_t)(end - (char *)b) + 1);
    *len -= cut;
}

/* The svg device puts every attribute on a line of its own: inside tags,
 * runs of white space become one space (text content is left alone), which
 * halves the file, e.g. for inlining in HTML. */
static void compact_svg(unsigned char *b, size_t *len)
{
    size_t w = 0;
    bool in_tag = false, space = false;
    for (size_t r = 0; r < *len; r++) {
        unsigned char ch = b[r];
        if (in_tag && (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r')) {
            space = true;
            continue;
        }
        if (space && ch != '>' && ch != '/')
            b[w++] = ' ';
        space = false;
        if (ch == '<')
            in_tag = true;
        else if (ch == '>')
            in_tag = false;
        b[w++] = ch;
    }
    b[w] = '\0';
    *len = w;
}

/* The svg device names its clip paths text-clipping0, 1, ... in every file:
 * each SVG gets a prefix of its own instead, parley-<hash of its content>-,
 * so several charts inlined in one HTML page do not clip each other's text
 * (the same chart twice has the same, identical, clip paths), and the file
 * stays the same from run to run. Returns a new buffer (the old one freed)
 * or NULL when out of memory. */
static unsigned char *unique_ids(unsigned char *b, size_t *len)
{
    static const char from[] = "text-clipping";
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < *len; i++)
        h = (h ^ b[i]) * 16777619u;
    char to[48];
    int tn = snprintf(to, sizeof to, "parley-%08x-clip", (unsigned)h);
    size_t fn = sizeof from - 1, hits = 0;
    for (char *p = strstr((char *)b, from); p; p = strstr(p + fn, from))
        hits++;
    unsigned char *out = malloc(*len + hits * (size_t)tn + 1);
    if (!out) {
        free(b);
        return NULL;
    }
    size_t w = 0;
    const char *r = (const char *)b;
    for (const char *p = strstr(r, from); p; p = strstr(r, from)) {
        memcpy(out + w, r, (size_t)(p - r));
        w += (size_t)(p - r);
        memcpy(out + w, to, (size_t)tn);
        w += (size_t)tn;
        r = p + fn;
    }
    size_t rest = *len - (size_t)(r - (const char *)b);
    memcpy(out + w, r, rest);
    w += rest;
    out[w] = '\0';
    *len = w;
    free(b);
    return out;
}

/* XML-escaped s appended at out + *w (room checked by the caller). */
static void put_escaped(unsigned char *out, size_t *w, const char *s)
{
    for (; s && *s; s++) {
        const char *e = *s == '<' ? "&lt;" : *s == '>' ? "&gt;" : *s == '&' ? "&amp;" : NULL;
        if (e) {
            memcpy(out + *w, e, strlen(e));
            *w += strlen(e);
        } else {
            out[(*w)++] = (unsigned char)*s;
        }
    }
}

/* <title> and <desc> right after the <svg ...> tag. */
static unsigned char *add_title(unsigned char *b, size_t *len, const char *title, const char *desc)
{
    char *svg = strstr((char *)b, "<svg");
    char *end = svg ? strchr(svg, '>') : NULL;
    if (!end || (!title && !desc))
        return b;
    size_t at = (size_t)(end + 1 - (char *)b);
    size_t room = *len + 5 * ((title ? strlen(title) : 0) + (desc ? strlen(desc) : 0)) + 64;
    unsigned char *out = malloc(room);
    if (!out) {
        free(b);
        return NULL;
    }
    size_t w = at;
    memcpy(out, b, at);
    if (title) {
        memcpy(out + w, "<title>", 7), w += 7;
        put_escaped(out, &w, title);
        memcpy(out + w, "</title>", 8), w += 8;
    }
    if (desc) {
        memcpy(out + w, "<desc>", 6), w += 6;
        put_escaped(out, &w, desc);
        memcpy(out + w, "</desc>", 7), w += 7;
    }
    memcpy(out + w, b + at, *len - at + 1);
    *len = w + *len - at;
    free(b);
    return out;
}

unsigned char *parleyp_svg_finish(unsigned char *b, size_t *len, const char *title,
                                  const char *desc)
{
    drop_doctype(b, len);
    compact_svg(b, len);
    b = unique_ids(b, len);
    return b ? add_title(b, len, title, desc) : NULL;
}
