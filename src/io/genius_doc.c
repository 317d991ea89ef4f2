/*
 * io/genius_doc.c — GENIUS XML files, safely: reading a file into a libxml2
 * document and reading elements and attributes with located errors, for
 * genius_xml.c, genius_profile.c and genius_folder.c.
 *
 * Safety: text must be UTF-8 without NUL bytes; libxml2 runs with
 * XML_PARSE_NONET, without XML_PARSE_NOENT, and a document type declaration
 * is refused before it is read (core/xml.h: xmlGetProp would expand its
 * internal entities); files over 256 MiB are refused.
 */
#include "io/genius_impl.h"

#include "core/error.h"
#include "core/file.h"
#include "core/text.h"
#include "core/xml.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GX_MAX_FILE (256L << 20)

xmlDocPtr parleyp_gx_read(const char *path, parley_error *err)
{
    size_t len = 0;
    char *buf = parleyp_pc_read_text(path, (size_t)GX_MAX_FILE, "GENIUS files", &len, err);
    if (!buf)
        return NULL;
    if (len == 0) {
        free(buf);
        parley_error_set(err, PARLEY_ERR_INPUT, path, 1, 1, NULL, "empty file");
        return NULL;
    }
    /* An XML declaration after other text (a legacy comment): blank it out. */
    for (size_t i = 1; i + 5 <= len && i < 65536; i++) {
        if (memcmp(buf + i, "<?xml", 5) == 0) {
            size_t j = i;
            while (j + 1 < len && !(buf[j] == '?' && buf[j + 1] == '>'))
                j++;
            for (size_t k = i; k < j + 2 && k < len; k++)
                if (buf[k] != '\n')
                    buf[k] = ' ';
            break;
        }
    }
    xmlDocPtr doc = parleyp_pc_xml_parse(buf, len, path, err);
    free(buf);
    return doc;
}

bool parleyp_gx_is_elem(xmlNodePtr n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && xmlStrcmp(n->name, (const xmlChar *)name) == 0;
}

xmlNodePtr parleyp_gx_find(xmlNodePtr n, const char *name)
{
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (parleyp_gx_is_elem(c, name))
            return c;
        xmlNodePtr d = parleyp_gx_find(c, name);
        if (d)
            return d;
    }
    return NULL;
}

char *parleyp_gx_attr(xmlNodePtr n, const char *name)
{
    return (char *)xmlGetProp(n, (const xmlChar *)name);
}

int parleyp_gx_attr_double(xmlNodePtr n, const char *name, const char *path, double *out,
                           parley_error *err)
{
    char *s = parleyp_gx_attr(n, name);
    if (!s)
        return 0;
    char *end;
    bool finite;
    double v = parleyp_pt_strtod(s, &end, &finite);
    while (*end == ' ' || *end == '\t')
        end++;
    int ok = (end != s && *end == '\0' && finite);
    if (!ok)
        parley_error_set(err, PARLEY_ERR_INPUT, path, (int)xmlGetLineNo(n), 0, name,
                         "<%s %s=\"%s\">: not a finite number", (const char *)n->name, name, s);
    xmlFree(s);
    if (!ok)
        return -1;
    *out = v;
    return 1;
}
