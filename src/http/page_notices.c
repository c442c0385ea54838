/* page_notices.c: on /me, the mentions of me and the replies to my comments, newest first, those
 * since my last visit marked new; a visit to the page is the mark. */
#include "http/page.h"

#include <inttypes.h>
#include <string.h>

#include "app/comments.h"
#include "core/calendar.h"
#include "util/html.h"

/* At most this many, newest first: older ones are on their objectives' pages. */
#define NOTICES_SHOWN 20

static void
notice_item(struct buf *b, const struct comment_notice *n, int fresh)
{
	struct buf url = BUF_INIT;
	char at[21];

	cal_format_instant(n->at, at);
	page_url_objective(&url, n->objective);
	buf_addf(&url, "#comment-%" PRId64, n->comment);
	buf_adds(b, "<li>");
	if (fresh)
		buf_adds(b, "<span class=\"tag new\">new</span> ");
	buf_addf(b, "<time datetime=\"%s\">%.10s</time> ", at, at);
	html_txt(b, n->author_handle);
	buf_adds(b, strcmp(n->reason, "reply") ? " mentioned you on " : " replied to you on ");
	page_link(b, url.buf, n->objective_title);
	buf_release(&url);
	buf_adds(b, "</li>\n");
}

void
page_me_notices(struct request *r, int record)
{
	struct okra_err err = {0};
	struct comment_notice *v = NULL;
	struct buf *b = &r->out;
	size_t n = 0, fresh = 0;
	int64_t seen = 0;

	buf_adds(b, "<h2 id=\"mentions\">Mentions and replies</h2>\n");
	if (app_notices(r->app, &r->arena, NOTICES_SHOWN, &v, &n, &seen, &err) < 0) {
		buf_adds(b, "<p class=\"muted\">");
		html_txt(b, okra_err_text(&err));
		buf_adds(b, "</p>\n");
		return;
	}
	for (size_t i = 0; i < n; i++)
		fresh += v[i].id > seen;
	if (!n) {
		buf_adds(b,
			 "<p class=\"muted\">Nobody has mentioned you or answered you yet.</p>\n");
		return;
	}
	buf_addf(b, "<p>%zu new since your last visit.</p>\n<ul class=\"notices\">\n", fresh);
	for (size_t i = 0; i < n; i++)
		notice_item(b, &v[i], v[i].id > seen);
	buf_adds(b, "</ul>\n");
	/* This visit is the mark: the next one shows what came after. */
	if (record && fresh)
		app_notices_seen(r->app, v[0].id, &err);
}
