/* markdown.c: descriptions rendered with cmark-gfm in its safe mode. */
#include "http/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "util/html.h"
#include "util/xalloc.h"

static pthread_once_t registered = PTHREAD_ONCE_INIT;

static void
register_extensions(void)
{
	cmark_gfm_core_extensions_ensure_registered();
}

/*
 * Raw HTML is never rendered, but dropping it would hide what a person typed:
 * each HTML node becomes text with the same characters (a block one, a
 * paragraph of it), so "<b>" reads as "<b>". Nodes are collected first and
 * replaced after the walk, as the iterator cannot survive edits.
 */
static void
html_as_text(cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_node **found = NULL;
	size_t n = 0, alloc = 0;
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(node);

		if (ev == CMARK_EVENT_ENTER &&
		    (t == CMARK_NODE_HTML_INLINE || t == CMARK_NODE_HTML_BLOCK)) {
			if (n == alloc) {
				alloc = alloc ? alloc * 2 : 8;
				found = xreallocarray(found, alloc, sizeof(*found));
			}
			found[n++] = node;
		}
	}
	cmark_iter_free(it);
	for (size_t i = 0; i < n; i++) {
		const char *lit = cmark_node_get_literal(found[i]);
		cmark_node *text = cmark_node_new(CMARK_NODE_TEXT), *repl = text;

		cmark_node_set_literal(text, lit ? lit : "");
		if (cmark_node_get_type(found[i]) == CMARK_NODE_HTML_BLOCK) {
			repl = cmark_node_new(CMARK_NODE_PARAGRAPH);
			cmark_node_append_child(repl, text);
		}
		cmark_node_replace(found[i], repl);
		cmark_node_free(found[i]);
	}
	free(found);
}

void
markdown_html(struct buf *out, const char *md)
{
	static const char *const exts[] = {"table", "strikethrough", "autolink", "tasklist"};
	/* CMARK_OPT_DEFAULT is safe in 0.29: no raw HTML, no javascript: links. */
	const int opts = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8;
	size_t len = strlen(md);
	cmark_parser *p;
	cmark_node *doc;
	char *html;

	if (len > MARKDOWN_MAX) {
		buf_adds(out, "<pre>");
		html_txt(out, md);
		buf_adds(out, "</pre>");
		return;
	}
	pthread_once(&registered, register_extensions);
	p = cmark_parser_new(opts);
	for (size_t i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
		cmark_syntax_extension *e = cmark_find_syntax_extension(exts[i]);

		if (e)
			cmark_parser_attach_syntax_extension(p, e);
	}
	cmark_parser_feed(p, md, len);
	doc = cmark_parser_finish(p);
	html_as_text(doc);
	html = cmark_render_html(doc, opts, cmark_parser_get_syntax_extensions(p));
	if (html) {
		buf_adds(out, html);
		free(html);
	}
	cmark_node_free(doc);
	cmark_parser_free(p);
}
