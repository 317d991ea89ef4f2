/*
 * core/xml.c — safe XML parsing for the readers (see xml.h).
 */
#include "core/xml.h"

#include "core/error.h"
#include "core/text.h"

#include <libxml/parser.h>
#include <limits.h>
#include <string.h>

/* Called by libxml2 at <!DOCTYPE ...>, before the internal subset is read:
 * note the line and stop. */
static void on_doctype(void *ctx, const xmlChar *name, const xmlChar *external_id,
                       const xmlChar *system_id)
{
    (void)name;
    (void)external_id;
    (void)system_id;
    xmlParserCtxtPtr ctxt = ctx;
    int *line = ctxt->_private;
    *line = ctxt->input ? ctxt->input->line : 1;
    if (*line < 1)
        *line = 1;
    xmlStopParser(ctxt);
}

xmlDocPtr parleyp_pc_xml_parse(const char *text, size_t len, const char *name, parley_error *err)
{
    if (len > INT_MAX) {
        parley_error_set(err, PARLEY_ERR_LIMIT, name, 0, 0, NULL, "file too large for XML");
        return NULL;
    }
    if (parleyp_pt_check_text(text, len, name, err) != PARLEY_OK)
        return NULL;
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt || !ctxt->sax) {
        xmlFreeParserCtxt(ctxt);
        parley_error_set(err, PARLEY_ERR_LIMIT, name, 0, 0, NULL, "out of memory");
        return NULL;
    }
    int doctype_line = 0;
    ctxt->_private = &doctype_line;
    ctxt->sax->internalSubset = on_doctype;
    xmlDocPtr doc = xmlCtxtReadMemory(ctxt, text, (int)len, name, NULL,
                                      XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
    if (doctype_line) {
        xmlFreeDoc(doc);
        xmlFreeParserCtxt(ctxt);
        parley_error_set(err, PARLEY_ERR_INPUT, name, doctype_line, 0, "DOCTYPE",
                         "document type declarations (DTDs, entities) are not accepted");
        return NULL;
    }
    if (!doc) {
        const xmlError *xe = &ctxt->lastError;
        const bool known = xe->code != XML_ERR_OK;
        parley_error_set(err, PARLEY_ERR_INPUT, name, known ? xe->line : 0, known ? xe->int2 : 0,
                         NULL, "not well-formed XML: %s",
                         known && xe->message ? xe->message : "parse error");
        if (err) { /* libxml2 messages end in a newline; drop it */
            size_t m = strlen(err->message);
            if (m && err->message[m - 1] == '\n')
                err->message[m - 1] = '\0';
        }
        xmlFreeParserCtxt(ctxt);
        return NULL;
    }
    xmlFreeParserCtxt(ctxt);
    if (!xmlDocGetRootElement(doc)) {
        xmlFreeDoc(doc);
        parley_error_set(err, PARLEY_ERR_INPUT, name, 1, 1, NULL, "no root element");
        return NULL;
    }
    return doc;
}
