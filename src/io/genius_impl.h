/*
 * io/genius_impl.h — shared by the GENIUS XML reader's files:
 * genius_xml.c (reading files safely, the domain), genius_profile.c (one
 * party's profile) and genius_folder.c (a domain folder). The reader builds
 * a plain `gx_domain`, then the profiles fill a parley_space.
 */
#ifndef PARLEY_IO_GENIUS_IMPL_H
#define PARLEY_IO_GENIUS_IMPL_H

#include "parley/space.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

typedef enum gx_kind { GX_DISCRETE, GX_INTEGER, GX_REAL } gx_kind;

typedef struct gx_issue {
    long index; /* the index attribute as written */
    char *name;
    gx_kind kind;
    long lower, upper;     /* integer issues */
    double rlower, rupper; /* real issues */
    size_t n_values;
    char **labels;   /* discrete: item values; integer/real: the number */
    double *numbers; /* integer/real: the value; discrete: 0 */
} gx_issue;

typedef struct gx_domain {
    size_t n_issues;
    gx_issue *issues;
    char *name;         /* the objective's name, unless "root" or empty; or NULL */
    size_t n_agents;    /* <negotiation_template><agent name utility_space>  */
    char **agent_name;  /* [n_agents] (may hold NULLs)                        */
    char **agent_space; /* [n_agents] the utility_space file, as written      */
} gx_domain;

/* The name an <objective> gives into *out (malloc'ed), or NULL when it is
 * GENIUS's placeholder "root" or empty. PARLEY_ERR_LIMIT when out of memory. */
parley_status parleyp_gx_objective_name(xmlNodePtr obj, char **out);

/* Real issues are discretised into this many evenly spaced values. */
#define GX_REAL_STEPS 11

/* Parses a file (core/xml.h: UTF-8 checked, no network, no entity
 * expansion, a DTD refused), tolerating text (e.g. a comment) before the XML declaration. Caller
 * frees with xmlFreeDoc. NULL + err on failure. */
xmlDocPtr parleyp_gx_read(const char *path, parley_error *err);

/* Reading files and elements (genius_doc.c). True when n is an element
 * called `name`. */
bool parleyp_gx_is_elem(xmlNodePtr n, const char *name);
/* First descendant element of n (depth first, n excluded) named `name`. */
xmlNodePtr parleyp_gx_find(xmlNodePtr n, const char *name);
/* Attribute as a malloc'ed string (xmlFree) or NULL. */
char *parleyp_gx_attr(xmlNodePtr n, const char *name);
/* Numeric attribute: returns 1 and sets *out when present and a finite
 * number, 0 when absent, -1 (err filled, naming path/line/field) when bad. */
int parleyp_gx_attr_double(xmlNodePtr n, const char *name, const char *path, double *out,
                           parley_error *err);

/* Fills party p of sp from a profile file. */
parley_status parleyp_gx_profile_read(const char *path, const gx_domain *dom, parley_space *sp,
                                      size_t p, parley_error *err);

#endif
