/* markdown.c: descriptions rendered with cmark-gfm in its safe mode. */
#include "http/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "util/html.h"

static pthread_once_t registered = PTHREAD_ONCE_INIT;

static void
register_extensions(void)
{
	cmark_gfm_core_extensions_ensure_registered();
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
	html = cmark_render_html(doc, opts, cmark_parser_get_syntax_extensions(p));
	if (html) {
		buf_adds(out, html);
		free(html);
	}
	cmark_node_free(doc);
	cmark_parser_free(p);
}
