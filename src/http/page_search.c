/* page_search.c: /search?q= — one search box's results, grouped by kind, each match marked, each
 * hit a link to its objective (and key result); works without JavaScript (a GET form). */
#include "http/page.h"

#include <string.h>

#include "app/reads.h"
#include "http/handler.h"
#include "util/html.h"

/* Text with the store's marks as <mark>…</mark>, everything else escaped. */
static void
marked(struct buf *b, const char *s)
{
	struct buf part = BUF_INIT;
	int open = 0;

	for (const char *p = s;; p++) {
		if (*p && *p != SEARCH_MARK_ON && *p != SEARCH_MARK_OFF) {
			buf_add(&part, p, 1);
			continue;
		}
		html_txt(b, part.len ? part.buf : "");
		buf_reset(&part);
		if (!*p)
			break;
		if ((*p == SEARCH_MARK_ON) != open) {
			buf_adds(b, open ? "</mark>" : "<mark>");
			open = !open;
		}
	}
	if (open)
		buf_adds(b, "</mark>");
	buf_release(&part);
}

/* The search form, with q as typed and the refusal (or NULL) beside it. */
static void
search_form(struct request *r, const char *q, const struct okra_err *refused)
{
	struct buf *b = &r->out;

	buf_adds(b,
		 "<form class=\"filters\" method=\"get\" action=\"/search\">\n"
		 "<div class=\"field\"><label for=\"q\">Words to find</label>");
	if (refused) {
		buf_adds(b, "<span class=\"error\" id=\"q-error\">");
		page_plain(b, okra_err_text(refused));
		buf_adds(b, "</span>");
	}
	buf_addf(b, "<input type=\"search\" id=\"q\" name=\"q\" class=\"wide\"%s value=\"",
		 refused ? " aria-invalid=\"true\" aria-describedby=\"q-error\"" : "");
	html_attr(b, q);
	buf_adds(b,
		 "\"></div>\n<div><button type=\"submit\">Search</button></div>\n</form>\n"
		 "<p class=\"sub\">Objectives, key results, check-in notes, status updates, "
		 "retrospectives and comments; a title that holds every word comes first.</p>\n");
}

/* One hit: a link to what it is about, where it is, and the excerpt that matched. */
static void
hit(struct request *r, const struct search_hit *h)
{
	static const char *const about[SEARCH_NKINDS] = {
		[SEARCH_CHECKIN] = "Check-in note on ",
		[SEARCH_STATUS] = "Status update on ",
		[SEARCH_RETRO] = "Retrospective of ",
		[SEARCH_COMMENT] = "Comment on ",
	};
	struct buf *b = &r->out;
	char path[64];

	search_hit_path(h, path);
	buf_adds(b, "<li class=\"card\"><div class=\"title\"><a href=\"");
	html_attr(b, path);
	buf_adds(b, "\">");
	if (*h->title) {
		marked(b, h->title);
	} else {
		html_txt(b, about[h->kind] ? about[h->kind] : "");
		html_txt(b, h->objective_title);
	}
	buf_adds(b, "</a></div>\n<div class=\"meta\"><span class=\"tag\">");
	html_txt(b, h->cycle);
	buf_adds(b, "</span>");
	if (h->kind != SEARCH_OBJECTIVE && *h->title) {
		buf_adds(b, "<span>Objective: ");
		html_txt(b, h->objective_title);
		buf_adds(b, "</span>");
	}
	buf_adds(b, "</div>\n");
	if (*h->snippet) {
		buf_adds(b, "<p class=\"snippet\">");
		marked(b, h->snippet);
		buf_adds(b, "</p>\n");
	}
	buf_adds(b, "</li>\n");
}

/* The hits grouped by kind, in the kinds' order, each group in rank order. */
static void
results(struct request *r, const struct search_hit *v, size_t n)
{
	struct buf *b = &r->out;
	size_t count[SEARCH_NKINDS] = {0};

	if (!n) {
		buf_adds(b, "<p class=\"notice\">Nothing found. Try fewer or other words.</p>\n");
		return;
	}
	for (size_t i = 0; i < n; i++)
		count[v[i].kind]++;
	for (int k = 0; k < SEARCH_NKINDS; k++) {
		if (!count[k])
			continue;
		buf_adds(b, "<section aria-labelledby=\"found-");
		html_attr(b, search_kind_name(k));
		buf_adds(b, "\">\n<h2 id=\"found-");
		html_attr(b, search_kind_name(k));
		buf_adds(b, "\">");
		html_txt(b, search_kind_heading(k));
		buf_addf(b, " (%zu)</h2>\n<ol class=\"hits\">\n", count[k]);
		for (size_t i = 0; i < n; i++)
			if (v[i].kind == (enum search_kind)k)
				hit(r, &v[i]);
		buf_adds(b, "</ol>\n</section>\n");
	}
}

int
h_page_search(struct request *r)
{
	struct okra_err err = {0};
	const char *q = req_query(r, "q");
	struct search_hit *v = NULL;
	size_t n = 0;
	int rc = 0;

	if (q && *q)
		rc = app_search(r->app, &r->arena, q, SEARCH_LIMIT_DEFAULT, &v, &n, &err);
	page_begin(r, q && *q ? "Search results" : "Search", "search");
	buf_adds(&r->out, "<h1>Search</h1>\n");
	search_form(r, q ? q : "", rc < 0 ? &err : NULL);
	if (rc < 0)
		return page_end(r, okra_code_status(rc));
	if (q && *q)
		results(r, v, n);
	return page_end(r, 200);
}
