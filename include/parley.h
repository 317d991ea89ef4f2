/*
 * parley.h — the public API of libparley, a negotiation-analysis engine:
 * one header that brings in every part. Conventions (parley_<noun>_<verb>,
 * ownership stated on every function, errors that name file, line, column
 * and field; the library never prints or exits) are set out in
 * parley/core.h.
 */
#ifndef PARLEY_H
#define PARLEY_H

#include "parley/core.h"      /* errors, loading scenarios                          */
#include "parley/scenario.h"  /* the scenario model, utility                        */
#include "parley/scoring.h"   /* score a plan, diff two versions                    */
#include "parley/bargain.h"   /* concede, mediate, stances, fit                     */
#include "parley/space.h"     /* outcome spaces                                     */
#include "parley/frontier.h"  /* Pareto frontier, solutions, zone of agreement      */
#include "parley/genius.h"    /* GENIUS XML domains and profiles                    */
#include "parley/forecast.h"  /* KTAB SMP, expected-utility, compromise forecasts  */
#include "parley/negotiate.h" /* alternating-offers negotiation and tournaments    */
#include "parley/stability.h" /* GMCR conflict stability                            */
#include "parley/convert.h"   /* GENIUS XML and YAML writers                        */
#include "parley/document.h"  /* JSON and CSV documents of every result               */
#include "parley/plot.h"      /* charts: SVG, PNG, PDF (PLplot)                      */
#include "parley/report.h"    /* the self-contained HTML report                      */

#endif /* PARLEY_H */
