/*
 * io/genius_folder.c — a GENIUS domain folder -> parley_space. The domain is
 * the .xml file whose root is <negotiation_template>; if it names its
 * agents' utility spaces (<agent utility_space="...">) those are the
 * profiles in that order (when those files exist), otherwise every other .xml file with a
 * <utility_space> root is a profile, in file-name order. pareto.xml (the
 * frontier GENIUS ships for large domains) is not a profile.
 */
#include "parley/genius.h"
#include "io/genius_impl.h"

#include "core/error.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define GX_MAX_PROFILES 64

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "%s/%s", dir, name);
    return s;
}

/* 1: negotiation template, 2: profile, 0: neither, -1: unreadable */
static int classify(const char *path, xmlDocPtr *keep, parley_error *err)
{
    xmlDocPtr doc = parleyp_gx_read(path, err);
    if (!doc)
        return -1;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    int kind = 0;
    if (xmlStrcmp(root->name, (const xmlChar *)"negotiation_template") == 0)
        kind = 1;
    else if (xmlStrcmp(root->name, (const xmlChar *)"utility_space") == 0)
        kind = 2;
    if (kind == 1 && keep)
        *keep = doc;
    else
        xmlFreeDoc(doc);
    return kind;
}

parley_space *parley_genius_load_folder(const char *dir, parley_error *err)
{
    DIR *d = opendir(dir);
    if (!d) {
        parley_error_set(err, PARLEY_ERR_IO, dir, 0, 0, NULL, "cannot open folder: %s",
                         strerror(errno));
        return NULL;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    bool oom = false; /* a file left out for want of memory would change the answer */
    while (!oom && (e = readdir(d))) {
        if (!ends_with(e->d_name, ".xml") || strcmp(e->d_name, "pareto.xml") == 0)
            continue;
        if (n == cap) {
            size_t nc = cap ? 2 * cap : 16;
            char **nn = realloc(names, nc * sizeof *nn);
            if (!(oom = !nn)) {
                names = nn;
                cap = nc;
            }
        }
        if (!oom && !(oom = !(names[n] = join(dir, e->d_name))))
            n++;
    }
    closedir(d);
    parley_space *sp = NULL;
    if (n)
        qsort(names, n, sizeof *names, cmp_str);
    char *domain = NULL;
    const char *profiles[GX_MAX_PROFILES];
    char *agent_paths[GX_MAX_PROFILES];
    size_t n_prof = 0, n_agent = 0;
    xmlDocPtr tmpl = NULL;
    if (oom) {
        parley_error_set(err, PARLEY_ERR_LIMIT, dir, 0, 0, NULL, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        xmlDocPtr keep = NULL;
        int kind = classify(names[i], domain ? NULL : &keep, err);
        if (kind < 0)
            goto done;
        if (kind == 1 && !domain) {
            domain = names[i];
            tmpl = keep;
        } else if (kind == 2 && n_prof < GX_MAX_PROFILES) {
            profiles[n_prof++] = names[i];
        }
    }
    if (!domain) {
        parley_error_set(err, PARLEY_ERR_INPUT, dir, 0, 0, NULL,
                         "no GENIUS domain file (root <negotiation_template>) in the folder");
        goto done;
    }
    /* <agent utility_space="file.xml"> in the template fixes the profiles */
    for (xmlNodePtr a = xmlDocGetRootElement(tmpl)->children; a; a = a->next) {
        if (a->type != XML_ELEMENT_NODE || xmlStrcmp(a->name, (const xmlChar *)"agent") != 0)
            continue;
        char *us = parleyp_gx_attr(a, "utility_space");
        if (us && *us && n_agent < GX_MAX_PROFILES) {
            agent_paths[n_agent] = join(dir, us);
            if (agent_paths[n_agent])
                n_agent++;
            else
                oom = true;
        }
        xmlFree(us);
    }
    if (oom) {
        parley_error_set(err, PARLEY_ERR_LIMIT, dir, 0, 0, NULL, "out of memory");
        goto agents_done;
    }
    bool agents_exist = n_agent >= 1;
    for (size_t i = 0; i < n_agent; i++)
        agents_exist = agents_exist && access(agent_paths[i], R_OK) == 0;
    if (agents_exist) {
        sp = parley_genius_load(domain, (const char *const *)agent_paths, n_agent, err);
    } else if (n_prof == 0) {
        parley_error_set(err, PARLEY_ERR_INPUT, dir, 0, 0, NULL,
                         "no GENIUS profile (root <utility_space>) in the folder");
    } else {
        sp = parley_genius_load(domain, profiles, n_prof, err);
    }
agents_done:
    for (size_t i = 0; i < n_agent; i++)
        free(agent_paths[i]);
done:
    if (tmpl)
        xmlFreeDoc(tmpl);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return sp;
}
