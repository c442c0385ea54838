/* page.c: the frame and the small parts every HTML page is made of. */
#include "http/page.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/present.h"
#include "core/progress.h"
#include "http/shared.h"
#include "util/html.h"

/* The top bar: each item shown to roles from `least` up. */
static const struct {
	const char *key, *href, *label;
	enum role least;
} nav_items[] = {
	{"tree", "/", "OKRs", ROLE_VIEWER},
	{"week", "/week", "This week", ROLE_VIEWER},
	{"checkin", "/checkin", "My update", ROLE_VIEWER},
	{"people", "/people", "People", ROLE_VIEWER},
	{"teams", "/teams", "Teams", ROLE_VIEWER},
	{"cycles", "/cycles", "Cycles", ROLE_VIEWER},
	{"me", "/me", "Account", ROLE_VIEWER},
	{"report", "/report/weekly", "Report", ROLE_VIEWER},
	{"audit", "/audit", "Audit", ROLE_LEADER},
	{"settings", "/settings", "Settings", ROLE_ADMIN},
};

void
page_begin(struct request *r, const char *title, const char *nav)
{
	struct buf *b = &r->out;

	reply_drop_shared(r);
	buf_reset(b);
	buf_adds(b,
		 "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		 "<title>");
	html_txt(b, title);
	buf_adds(b,
		 " · okra</title>\n<link rel=\"stylesheet\" href=\"/static/okra.css\">\n"
		 "<script src=\"/static/okra.js\" defer></script>\n</head>\n<body>\n"
		 "<a class=\"skip\" href=\"#main\">Skip to content</a>\n"
		 "<header class=\"top\"><div class=\"inner\">\n"
		 "<a class=\"brand\" href=\"/\">okra</a>\n");
	if (r->who.id > 0) {
		buf_adds(b, "<nav aria-label=\"Main\"><ul>\n");
		for (size_t i = 0; i < sizeof(nav_items) / sizeof(nav_items[0]); i++) {
			if (r->who.role < nav_items[i].least)
				continue;
			buf_adds(b, "<li><a href=\"");
			html_attr(b, nav_items[i].href);
			buf_addf(b, "\"%s>",
				 nav && !strcmp(nav, nav_items[i].key) ? " aria-current=\"page\""
								       : "");
			html_txt(b, nav_items[i].label);
			buf_adds(b, "</a></li>\n");
		}
		/* The search box: a GET form, so it works without JavaScript (page_search.c). */
		buf_adds(b,
			 "</ul></nav>\n<form class=\"search\" method=\"get\" action=\"/search\""
			 " role=\"search\" aria-label=\"Search OKRs\"><input type=\"search\""
			 " name=\"q\" aria-label=\"Words to find\" placeholder=\"Search\">"
			 "<button type=\"submit\" class=\"quiet\">Search</button></form>\n"
			 "<div class=\"who\">");
		{
			struct buf url = BUF_INIT;

			page_url_person(&url, r->who.handle);
			page_link(b, url.buf, r->who.name);
			buf_release(&url);
		}
		buf_adds(b, "<form method=\"post\" action=\"/logout\">");
		page_csrf(r);
		buf_adds(b,
			 "<button type=\"submit\" class=\"quiet\">Sign out</button></form>"
			 "</div>\n");
	}
	buf_adds(b, "</div></header>\n<main id=\"main\">\n");
}

static const char page_tail[] = "</main>\n</body>\n</html>\n";

int
page_end(struct request *r, int status)
{
	buf_adds(&r->out, page_tail);
	r->status = status ? status : 200;
	r->content_type = "text/html; charset=utf-8";
	return 0;
}

int
page_end_shared(struct request *r, struct shared_body *content)
{
	reply_drop_shared(r);
	r->shared = shared_ref(content);
	buf_adds(&r->tail, page_tail);
	r->status = 200;
	r->content_type = "text/html; charset=utf-8";
	return 0;
}

int
page_error(struct request *r, int status, const char *title, const char *message)
{
	struct buf *b;

	page_begin(r, title, NULL);
	b = &r->out;
	buf_adds(b, "<h1>");
	html_txt(b, title);
	buf_adds(b, "</h1>\n<p>");
	page_plain(b, message);
	buf_adds(b, "</p>\n<p><a href=\"/\">Back to the OKRs</a></p>\n");
	page_end(r, status);
	return -1; /* a refusal, like reply_problem (request.h) */
}

void
page_plain(struct buf *b, const char *msg)
{
	struct buf plain = BUF_INIT;
	char rule[PRESENT_RULE_MAX];

	present_plain(&plain, msg, rule);
	html_txt(b, plain.buf ? plain.buf : "");
	buf_release(&plain);
}

int
page_redirect(struct request *r, const char *url)
{
	reply_header(r, "Location", url);
	return reply_text(r, 303, "text/plain; charset=utf-8", "", 0);
}

void
page_url_objective(struct buf *b, int64_t id)
{
	buf_addf(b, "/objectives/%" PRId64, id);
}

void
page_url_cycle(struct buf *b, const char *name)
{
	buf_adds(b, "/cycles/");
	url_enc(b, name);
}

void
page_url_team(struct buf *b, const char *slug)
{
	buf_adds(b, "/teams/");
	url_enc(b, slug);
}

void
page_url_person(struct buf *b, const char *handle)
{
	buf_adds(b, "/people/");
	url_enc(b, handle);
}

void
page_link(struct buf *b, const char *url, const char *text)
{
	buf_adds(b, "<a href=\"");
	html_attr(b, url);
	buf_adds(b, "\">");
	html_txt(b, text);
	buf_adds(b, "</a>");
}

/* An SVG bar: attributes, not inline styles, so the CSP needs no 'unsafe-inline'. */
void
page_bar(struct buf *b, double progress)
{
	double w = progress_clamp(progress);

	buf_addf(b,
		 "<span class=\"bar\"><svg viewBox=\"0 0 100 6\" preserveAspectRatio=\"none\" "
		 "aria-hidden=\"true\" focusable=\"false\"><rect class=\"track\" width=\"100\" "
		 "height=\"6\" rx=\"3\"/><rect class=\"fill\" width=\"%.1f\" height=\"6\" "
		 "rx=\"3\"/></svg><span class=\"pct\">",
		 w * 100);
	present_pct(b, progress);
	buf_adds(b, "</span></span>");
}

void
page_standing(struct buf *b, double progress, enum health h, const char *dri)
{
	struct buf url = BUF_INIT;

	page_bar(b, progress);
	page_health(b, h);
	if (!dri)
		return;
	buf_adds(b, "<span>DRI ");
	page_url_person(&url, dri);
	page_link(b, url.buf, dri);
	buf_adds(b, "</span>");
	buf_release(&url);
}

void
page_health(struct buf *b, enum health h)
{
	buf_addf(b, "<span class=\"health %s\">%s</span>", health_name(h), present_health_label(h));
}

void
page_option(struct buf *b, const char *value, const char *label, int selected)
{
	buf_adds(b, "<option value=\"");
	html_attr(b, value);
	buf_adds(b, selected ? "\" selected>" : "\">");
	html_txt(b, label);
	buf_adds(b, "</option>\n");
}

void
page_health_select(struct buf *b, const char *id, const char *name, const char *selected)
{
	static const enum health hs[] = {HEALTH_ON_TRACK, HEALTH_NEEDS_ATTENTION, HEALTH_AT_RISK};

	buf_adds(b, "<select id=\"");
	html_attr(b, id);
	buf_adds(b, "\" name=\"");
	html_attr(b, name);
	buf_adds(b, "\">\n");
	for (size_t i = 0; i < 3; i++)
		page_option(b, health_name(hs[i]), present_health_label(hs[i]),
			    selected && !strcmp(selected, health_name(hs[i])));
	buf_adds(b, "</select>");
}

void
page_csrf(struct request *r)
{
	buf_adds(&r->out, "<input type=\"hidden\" name=\"_csrf\" value=\"");
	html_attr(&r->out, r->session.csrf);
	buf_adds(&r->out, "\">");
}

void
page_kr_values(struct buf *b, const struct key_result *kr)
{
	if (kr->kind != KR_METRIC) {
		buf_addf(b, "%zu scoring criteria", kr->ncriteria);
		return;
	}
	buf_addf(b, "%g → %g", kr->current, kr->target);
	if (kr->unit && *kr->unit) {
		buf_addch(b, ' ');
		html_txt(b, kr->unit);
	}
}

int
page_form(struct request *r, const char *name, struct buf *out)
{
	return form_get(r->body.buf, name, out) == 1;
}

int
page_form_check(struct request *r)
{
	const char *type = req_header(r, "Content-Type");

	if (type && !strncmp(type, "application/x-www-form-urlencoded", 33))
		return 0;
	return page_error(r, 415, "Unsupported form", "This page takes a form sent by a browser.");
}
