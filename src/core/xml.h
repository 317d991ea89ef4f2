/*
 * core/xml.h — parsing XML input (GENIUS domains and profiles, KTAB XML
 * scenarios) with libxml2, safely and alike for every XML reader.
 *
 * The text is first checked as UTF-8 without NUL bytes (core/text.h).
 * libxml2 then runs without network access (XML_PARSE_NONET), without
 * entity substitution (no XML_PARSE_NOENT), and the parse stops at a
 * document type declaration: a DTD can declare entities, and xmlGetProp
 * expands internal entities in attribute values even without
 * XML_PARSE_NOENT (a 107 KB "billion laughs" domain took 19 s and 398 MB),
 * so no DTD is accepted, before any of it is read.
 */
#ifndef PARLEY_CORE_XML_H
#define PARLEY_CORE_XML_H

#include "parley.h"

#include <libxml/tree.h>
#include <stddef.h>

/* Parses text[0, len) (name: the file, for messages). Returns the document
 * (caller frees with xmlFreeDoc), or NULL with err filled: PARLEY_ERR_INPUT
 * "not well-formed XML: <libxml2's message>" at its line and column, a
 * text error (pt_check_text), field "DOCTYPE" "document type declarations
 * (DTDs, entities) are not accepted" at the declaration's line, "no root
 * element"; PARLEY_ERR_LIMIT when len exceeds what libxml2 takes. */
xmlDocPtr parleyp_pc_xml_parse(const char *text, size_t len, const char *name, parley_error *err);

#endif
