/* markdown.h: Markdown to safe HTML for pages (descriptions), through cmark-gfm. */
#ifndef OKRA_MARKDOWN_H
#define OKRA_MARKDOWN_H

#include "util/buf.h"

#include <stddef.h>

#define MARKDOWN_MAX (256 * 1024) /* longer text is shown as plain text, not parsed */
/* More table cells than this over all the tables of a text: its tables are left as text. */
#define MARKDOWN_MAX_CELLS 20000
/* Rendered HTML larger than this is replaced by the text itself, escaped. */
#define MARKDOWN_HTML_MAX (2 * 1024 * 1024)

/*
 * Append the HTML of md to out. Raw HTML in the text is shown as the text it
 * is, never rendered, and unsafe links (javascript:, data: …) are emptied:
 * cmark-gfm's safe mode, never CMARK_OPT_UNSAFE. Tables, strikethrough,
 * autolinks and task lists are on. The work is bounded whatever the text: a
 * text over MARKDOWN_MAX is shown as plain text, its tables are rendered only
 * while they hold at most MARKDOWN_MAX_CELLS cells in all (cmark-gfm fills in
 * every missing cell of every row), and HTML over MARKDOWN_HTML_MAX is
 * replaced by the escaped text. The HTML of a text is kept (MARKDOWN_CACHE_BYTES in all),
 * so a description is rendered once per revision, not on every view.
 */
void markdown_html(struct buf *out, const char *md);
/* The cells the tables of md could hold, counted high (for the cap above). */
size_t markdown_table_cells(const char *md);
/*
 * What the rendered HTML kept may hold in all: a few hundred descriptions of the usual few KB,
 * a small share of the server's memory; past it the least recently used go.
 */
#define MARKDOWN_CACHE_BYTES (8 * 1024 * 1024)
/* The rendered-HTML cache: bytes and texts held, and lookups that hit or missed. */
void markdown_cache_stats(size_t *bytes, size_t *entries, unsigned long *hits,
			  unsigned long *misses);

#endif
