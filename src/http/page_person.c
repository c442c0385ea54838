/* page_person.c: /people/{handle} — who they are, whether they are onboarding (R4), and their OKRs.
 */
#include "http/page.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "core/present.h"
#include "http/handler.h"
#include "util/html.h"
#include "app/tree.h"
#include "app/reads.h"

/* "Teams: a, b", from every membership in one query. */
static void
person_teams(struct request *r, const struct person *p)
{
	struct okra_err err = {0};
	struct team *teams = NULL;
	struct strlist handles = {0};
	int64_t *mt = NULL;
	size_t nt = 0;
	struct buf *b = &r->out, url = BUF_INIT;
	int any = 0;

	if (app_teams(r->app, &r->arena, &teams, &nt, &err) == 0 &&
	    app_memberships(r->app, &mt, &handles, &err) == 0) {
		buf_adds(b, "<p>Teams:");
		for (size_t i = 0; i < nt; i++) {
			for (size_t k = 0; k < handles.n; k++) {
				if (mt[k] != teams[i].id || strcmp(handles.v[k], p->handle))
					continue;
				buf_adds(b, any++ ? ", " : " ");
				buf_reset(&url);
				page_url_team(&url, teams[i].slug);
				page_link(b, url.buf, teams[i].name);
			}
		}
		buf_adds(b, any ? "</p>\n" : " none</p>\n");
	}
	free(mt);
	strlist_release(&handles);
	buf_release(&url);
}

/* One objective's card with the KRs of p in it. */
static void
person_card(struct request *r, const struct person *p, const struct objective *o, int mine)
{
	struct buf *b = &r->out, url = BUF_INIT;
	size_t last = SIZE_MAX;

	buf_adds(b, "<div class=\"card\"><div class=\"title\">");
	page_url_objective(&url, o->id);
	page_link(b, url.buf, o->title);
	buf_adds(b, "</div>\n<div class=\"meta\">");
	page_bar(b, o->progress);
	page_health(b, o->health);
	buf_adds(b, mine ? "<span class=\"tag\">Objective DRI</span>" : "");
	buf_adds(b, "</div>\n");
	for (size_t k = 0, n = 0; k < o->nkrs; k++) {
		if (o->krs[k].dri != p->id)
			continue;
		buf_adds(b, n++ ? "<li>" : "<ol class=\"krs\">\n<li>");
		html_txt(b, o->krs[k].title);
		buf_adds(b, " — <strong>");
		present_pct(b, o->krs[k].progress);
		buf_adds(b, "</strong></li>\n");
		last = k;
	}
	if (last != SIZE_MAX)
		buf_adds(b, "</ol>\n");
	buf_adds(b, "</div>\n");
	buf_release(&url);
}

/*
 * The objectives of the tree's own cycle that p is DRI of or owns a KR of,
 * under a heading naming the cycle; how many.
 */
static int
person_cycle(struct request *r, const struct person *p, const struct app_tree *t)
{
	struct buf *b = &r->out;
	int any = 0;

	for (size_t i = 0; i < t->n; i++) {
		const struct objective *o = &t->v[i];
		int mine = o->dri == p->id, krs = 0;

		for (size_t k = 0; k < o->nkrs; k++)
			krs += o->krs[k].dri == p->id;
		if (o->cycle != t->cycle.id || (!mine && !krs))
			continue;
		if (!any++) {
			buf_adds(b, "<h2>Their OKRs in ");
			html_txt(b, t->cycle.name);
			buf_adds(b, "</h2>\n");
		}
		person_card(r, p, o, mine);
	}
	return any;
}

/*
 * The objectives of the current quarter and of its year they are DRI of, or
 * own a KR of: a year's objective runs through every quarter of it.
 */
static void
person_okrs(struct request *r, const struct person *p)
{
	struct okra_err err = {0};
	struct app_tree q = {0}, y = {0};
	struct cycle *cs = NULL;
	size_t nc = 0;
	int any;

	if (app_tree(r->app, &r->arena, NULL, &q, &err) < 0)
		return;
	any = person_cycle(r, p, &q);
	if (q.cycle.parent && app_cycles(r->app, &r->arena, &cs, &nc, &err) == 0)
		for (size_t i = 0; i < nc; i++)
			if (cs[i].id == q.cycle.parent &&
			    app_tree(r->app, &r->arena, cs[i].name, &y, &err) == 0)
				any += person_cycle(r, p, &y);
	if (!any) {
		buf_adds(&r->out, "<h2>Their OKRs in ");
		html_txt(&r->out, q.cycle.name);
		buf_adds(&r->out,
			 "</h2>\n<p class=\"muted\">No objectives or key results this "
			 "quarter or this year.</p>\n");
	}
}

int
person_page(struct request *r, const char *handle, const struct refused_form *f, int status)
{
	struct okra_err err = {0};
	struct person p = {0};
	struct buf *b;
	char d[11];

	if (app_person(r->app, &r->arena, handle, &p, &err) < 0)
		return page_error(r, 404, "No such person", "There is nobody with that handle.");
	page_begin(r, p.name, NULL);
	b = &r->out;
	buf_adds(b, "<h1>");
	html_txt(b, p.name);
	buf_adds(b, "</h1>\n<p class=\"sub\">");
	html_txt(b, p.handle);
	buf_addf(b, " · %s", role_name(p.role));
	if (p.joined_on != DATE_NONE) {
		cal_format_date(p.joined_on, d);
		buf_addf(b, " · joined %s", d);
	}
	buf_adds(b, "</p>\n");
	if (p.deactivated_at)
		buf_adds(b,
			 "<p class=\"notice\">Deactivated: they cannot sign in nor be a DRI. "
			 "Their updates and history stay.</p>\n");
	else if (cal_is_new_joiner(p.joined_on, r->app->today)) {
		cal_format_date(cal_onboarding_ends(p.joined_on), d);
		buf_addf(b,
			 "<p class=\"notice\">Onboarding: new joiners sit out OKRs for their first "
			 "three months. From %s they can be a DRI and are reminded.</p>\n",
			 d);
	}
	person_teams(r, &p);
	person_okrs(r, &p);
	if (r->who.role == ROLE_ADMIN)
		page_person_admin(r, &p, f);
	return page_end(r, status);
}

int
h_page_person(struct request *r)
{
	return person_page(r, r->params[0], NULL, 200);
}
