/* html.h: escapers for each output context — HTML text, HTML attribute, URL — and form decoding. */
#ifndef OKRA_HTML_H
#define OKRA_HTML_H

#include "util/buf.h"

/*
 * Text between tags: & < > escaped. Both escapers also close the Unicode
 * direction marks (RLO, RLI, …) the text leaves open, so they cannot turn the
 * page's own text after it around.
 */
void html_txt(struct buf *b, const char *s);
/* A double-quoted attribute value: & < > " ' escaped. */
void html_attr(struct buf *b, const char *s);
/* Percent-encode for a path segment or a query value (unreserved characters kept). */
void url_enc(struct buf *b, const char *s);
/*
 * Find key in an application/x-www-form-urlencoded body (or query string) and
 * decode its value into out ('+' is a space, %XX a byte). Returns 1 if found,
 * 0 if not, -1 if the encoding is malformed.
 */
int form_get(const char *body, const char *key, struct buf *out);

#endif
