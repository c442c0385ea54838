/* markdown.c: descriptions rendered with cmark-gfm in its safe mode. */
#include "http/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <sodium.h>
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

/*
 * cmark-gfm gives every row of a table as many cells as its header has: a
 * header of 1,000 "|a" cells over 2,000 one-character rows is 8 KB of text
 * and two million cells of output. Before parsing, count the cells a table
 * could have — the columns of its header or delimiter row (a line of "-", ":",
 * "|" and blanks under a line with a "|") times its rows (every non-blank line
 * up to the next blank one) — over every table of the text. Lines are read
 * with their blockquote markers and indentation stripped, so a table inside a
 * quote or a list counts too; the count errs high, never low.
 */
static size_t
count_pipes(const char *s, const char *end)
{
	size_t n = 0;

	for (; s < end; s++)
		n += *s == '|';
	return n;
}

static const char *
strip_prefix(const char *s, const char *end)
{
	while (s < end && (*s == ' ' || *s == '\t' || *s == '>'))
		s++;
	return s;
}

static int
is_delimiter_row(const char *s, const char *end)
{
	int dash = 0;

	for (s = strip_prefix(s, end); s < end; s++) {
		if (*s == '-')
			dash = 1;
		else if (!strchr("|: \t\r", *s))
			return 0;
	}
	return dash;
}

static int
is_blank(const char *s, const char *end)
{
	s = strip_prefix(s, end);
	return s == end || (s + 1 == end && *s == '\r');
}

size_t
markdown_table_cells(const char *md)
{
	const char *prev = NULL, *prev_end = NULL, *s = md;
	size_t total = 0, cols = 0, rows = 0;
	int in_table = 0;

	while (*s) {
		const char *end = strchr(s, '\n');

		if (!end)
			end = s + strlen(s);
		if (in_table && is_blank(s, end)) {
			total += cols * rows;
			in_table = 0;
		} else if (in_table) {
			rows++;
		} else if (prev && count_pipes(prev, prev_end) && is_delimiter_row(s, end)) {
			size_t a = count_pipes(prev, prev_end), b = count_pipes(s, end);

			cols = (a > b ? a : b) + 1;
			rows = 2;
			in_table = 1;
		}
		prev = s;
		prev_end = end;
		s = *end ? end + 1 : end;
	}
	if (in_table)
		total += cols * rows;
	return total;
}

/*
 * The last rendered descriptions, keyed by a hash of their text: a page shows
 * the HTML a revision rendered to the first time instead of parsing it on
 * every view. Direct-mapped (a text takes its slot from the one it met there),
 * bounded in bytes (MARKDOWN_CACHE_BYTES): past it the least recently used
 * go, so the texts of old revisions make way for the new. A text whose HTML
 * is larger than a 64th of the bound is rendered each time (it is bounded by
 * the caps).
 */
#define CACHE_SLOTS 512

struct cached {
	unsigned char key[16];
	char *html;
	size_t len;
	uint64_t used;
};

static struct {
	pthread_mutex_t lock;
	struct cached slot[CACHE_SLOTS];
	size_t bytes, entries;
	uint64_t clock;
	unsigned long hits, misses;
} cache = {.lock = PTHREAD_MUTEX_INITIALIZER};

static void
hash_text(unsigned char key[16], const char *md, size_t len)
{
	crypto_generichash(key, 16, (const unsigned char *)md, len, NULL, 0);
}

static int
cache_get(struct buf *out, const unsigned char key[16])
{
	struct cached *c = &cache.slot[key[0] | (key[1] & 1) << 8];
	int hit;

	pthread_mutex_lock(&cache.lock);
	hit = c->html && !memcmp(c->key, key, 16);
	if (hit) {
		buf_add(out, c->html, c->len);
		c->used = ++cache.clock;
		cache.hits++;
	} else {
		cache.misses++;
	}
	pthread_mutex_unlock(&cache.lock);
	return hit;
}

static void
slot_clear(struct cached *c)
{
	if (!c->html)
		return;
	cache.bytes -= c->len;
	cache.entries--;
	free(c->html);
	c->html = NULL;
}

/* Drop the least recently used texts until len more bytes fit. */
static void
make_room(size_t len)
{
	while (cache.bytes + len > MARKDOWN_CACHE_BYTES) {
		struct cached *old = NULL;

		for (size_t i = 0; i < CACHE_SLOTS; i++)
			if (cache.slot[i].html && (!old || cache.slot[i].used < old->used))
				old = &cache.slot[i];
		if (!old)
			return;
		slot_clear(old);
	}
}

static void
cache_put(const unsigned char key[16], const char *html, size_t len)
{
	struct cached *c = &cache.slot[key[0] | (key[1] & 1) << 8];

	if (len > MARKDOWN_CACHE_BYTES / 64)
		return;
	pthread_mutex_lock(&cache.lock);
	slot_clear(c);
	make_room(len);
	memcpy(c->key, key, 16);
	c->html = xstrndup(html, len);
	c->len = len;
	c->used = ++cache.clock;
	cache.bytes += len;
	cache.entries++;
	pthread_mutex_unlock(&cache.lock);
}

void
markdown_cache_stats(size_t *bytes, size_t *entries, unsigned long *hits, unsigned long *misses)
{
	pthread_mutex_lock(&cache.lock);
	*bytes = cache.bytes;
	*entries = cache.entries;
	*hits = cache.hits;
	*misses = cache.misses;
	pthread_mutex_unlock(&cache.lock);
}

static void
as_plain_text(struct buf *out, const char *md)
{
	buf_adds(out, "<pre>");
	html_txt(out, md);
	buf_adds(out, "</pre>");
}

/* Render md into out; tables only when their cells stay under the cap. */
static void
render(struct buf *out, const char *md, size_t len)
{
	static const char *const exts[] = {"table", "strikethrough", "autolink", "tasklist"};
	/* CMARK_OPT_DEFAULT is safe in 0.29: no raw HTML, no javascript: links. */
	const int opts = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8;
	int tables = markdown_table_cells(md) <= MARKDOWN_MAX_CELLS;
	cmark_parser *p;
	cmark_node *doc;
	char *html;

	pthread_once(&registered, register_extensions);
	p = cmark_parser_new(opts);
	for (size_t i = tables ? 0 : 1; i < sizeof(exts) / sizeof(exts[0]); i++) {
		cmark_syntax_extension *e = cmark_find_syntax_extension(exts[i]);

		if (e)
			cmark_parser_attach_syntax_extension(p, e);
	}
	cmark_parser_feed(p, md, len);
	doc = cmark_parser_finish(p);
	html_as_text(doc);
	html = cmark_render_html(doc, opts, cmark_parser_get_syntax_extensions(p));
	if (html && strlen(html) <= MARKDOWN_HTML_MAX)
		buf_adds(out, html);
	else
		as_plain_text(out, md);
	free(html);
	cmark_node_free(doc);
	cmark_parser_free(p);
}

void
markdown_html(struct buf *out, const char *md)
{
	size_t len = strlen(md), at = out->len;
	unsigned char key[16];

	if (len > MARKDOWN_MAX) {
		as_plain_text(out, md);
		return;
	}
	hash_text(key, md, len);
	if (cache_get(out, key))
		return;
	render(out, md, len);
	cache_put(key, out->buf + at, out->len - at);
}
