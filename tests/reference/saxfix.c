/* Work-around, not a fix of sipe: on Debian 12, libxml2 2.9.14 calls none of the SAX1 callbacks
 * of a handler marked XML_SAX2_MAGIC without startElementNs, which is how pidgin-sipe 1.25
 * registers its parser, so sipe never sees an Autodiscover answer (SIPE.md). Preloaded, this
 * presents such a handler as the SAX1 handler it is. Results of worlds that use it are labelled
 * "pidgin-sipe + SAX shim". */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <libxml/parser.h>

int xmlSAXUserParseMemory(xmlSAXHandlerPtr sax, void *user_data, const char *buffer, int size) {
  static int (*original)(xmlSAXHandlerPtr, void *, const char *, int);
  if (!original)
    original = (int (*)(xmlSAXHandlerPtr, void *, const char *, int))dlsym(
        RTLD_NEXT, "xmlSAXUserParseMemory");
  if (sax && sax->initialized == XML_SAX2_MAGIC && !sax->startElementNs && sax->startElement) {
    xmlSAXHandler sax1 = *sax;
    sax1.initialized = 1;
    return original(&sax1, user_data, buffer, size);
  }
  return original(sax, user_data, buffer, size);
}
