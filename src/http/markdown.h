/* markdown.h: Markdown to safe HTML for pages (descriptions), through cmark-gfm. */
#ifndef OKRA_MARKDOWN_H
#define OKRA_MARKDOWN_H

#include "util/buf.h"

#define MARKDOWN_MAX (256 * 1024) /* longer text is shown as plain text, not parsed */

/*
 * Append the HTML of md to out. Raw HTML in the text is shown as the text it
 * is, never rendered, and unsafe links (javascript:, data: …) are emptied:
 * cmark-gfm's safe mode, never CMARK_OPT_UNSAFE. Tables, strikethrough,
 * autolinks and task lists are on.
 */
void markdown_html(struct buf *out, const char *md);

#endif
