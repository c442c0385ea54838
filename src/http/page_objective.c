/* page_objective.c: one objective — description, KRs, charts, history, and the forms to update it.
 */
#include "http/page.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "core/handbook.h"
#include "core/present.h"
#include "core/progress.h"
#include "core/validate.h"
#include "http/chart.h"
#include "http/handler.h"
#include "http/markdown.h"
#include "util/html.h"
#include "util/xalloc.h"
#include "app/tree.h"
#include "app/reads.h"
#include "app/updates.h"
#include "app/settings.h"

/* The refusal of the form named form ("kr-12", "status", "retro", "close"), or NULL. */
/* An epic or issue: a link to the forge when okra knows where it lives, else its text. */
static void
page_ref(struct request *r, const char *ref)
{
	struct okra_err err = {0};
	struct buf url = BUF_INIT, base = BUF_INIT;

	app_setting_text(r->app, "forge_url", &base, &err);
	if (app_ref_url(r->app, ref, base.buf ? base.buf : "", &url))
		page_link(&r->out, url.buf, ref);
	else
		html_txt(&r->out, ref);
	buf_release(&url);
	buf_release(&base);
}

static const struct okra_err *
refusal(const struct refused_form *f, const char *form)
{
	return f && f->form && !strcmp(f->form, form) ? f->err : NULL;
}

/*
 * R14: a form is drawn for whom the use case would accept it — the same rule,
 * asked of src/app — or when it was just refused, to show why beside it.
 */
static int
may(struct request *r, enum update_action what, const struct objective *o,
    const struct key_result *kr, const struct refused_form *f, const char *form)
{
	if (refusal(f, form))
		return 1;
	return o->state != STATE_CLOSED &&
	       app_may_update(r->app, what, &o->row, kr, NULL, NULL) == 0;
}

static void
checkin_form(struct request *r, const struct key_result *kr, const struct refused_form *f)
{
	struct buf action = BUF_INIT, name = BUF_INIT;
	struct form fm = {.r = r};

	buf_addf(&name, "kr-%" PRId64, kr->id);
	buf_addf(&action, "/key-results/%" PRId64 "/checkin", kr->id);
	fm.err = refusal(f, name.buf);
	fm.action = action.buf;
	form_open(&fm);
	buf_adds(&r->out, "<h4>Check in on this key result</h4>\n");
	form_top(&fm);
	page_checkin_fields(&fm, kr, 1);
	form_close(&fm);
	buf_release(&action);
	buf_release(&name);
}

static void
kr_section(struct request *r, const struct app_tree *t, const struct objective *o,
	   const struct key_result *kr, const struct checkin *h, size_t nh, int writable,
	   const struct refused_form *f)
{
	struct buf *b = &r->out, url = BUF_INIT;
	struct chart_point *pts = xcalloc(nh ? nh : 1, sizeof(*pts));
	size_t np = 0;
	char at[21];

	buf_addf(b,
		 "<section class=\"card\" id=\"kr-%" PRId64 "\" aria-labelledby=\"krt-%" PRId64
		 "\">\n<h3 id=\"krt-%" PRId64 "\">",
		 kr->id, kr->id, kr->id);
	html_txt(b, kr->title);
	buf_adds(b, "</h3>\n<div class=\"meta\">");
	page_bar(b, kr->progress);
	page_health(b, kr->health);
	buf_adds(b, "<span>");
	if (kr->kind == KR_METRIC) {
		buf_addf(b, "%g → <strong>%g</strong> → %g", kr->start, kr->current, kr->target);
		if (*kr->unit) {
			buf_adds(b, " ");
			html_txt(b, kr->unit);
		}
	} else {
		buf_adds(b, "scored by criteria");
	}
	buf_adds(b, "</span><span>DRI ");
	page_url_person(&url, kr->dri_handle);
	page_link(b, url.buf, kr->dri_handle);
	buf_adds(b, "</span>");
	if (kr->last_checkin_at) {
		cal_format_instant(kr->last_checkin_at, at);
		buf_addf(b, "<span class=\"muted\">updated %.10s by ", at);
		html_txt(b, kr->last_checkin_author ? kr->last_checkin_author : "an integration");
		buf_addf(b, " (%s)</span>", source_name(kr->last_source));
	}
	page_pace(b, &kr->pace, kr->health, kr->progress, 1, NULL);
	page_forecast(b, kr, NULL);
	buf_adds(b, "</div>\n");
	if (kr->ncriteria) {
		int rm = page_may_remove(r, o, f);

		buf_adds(b,
			 "<div class=\"scroll\" tabindex=\"0\" role=\"region\" "
			 "aria-label=\"Scoring criteria\"><table>\n<caption "
			 "class=\"muted\">Scoring criteria"
			 "</caption>\n<thead><tr><th scope=\"col\">Epic or issue</th><th "
			 "scope=\"col\">Contribution</th><th scope=\"col\">State</th>");
		buf_adds(b, rm ? "<th scope=\"col\">Added by mistake?</th>" : "");
		buf_adds(b, "</tr></thead><tbody>\n");
		for (size_t i = 0; i < kr->ncriteria; i++) {
			const struct criterion *c = &kr->criteria[i];

			buf_adds(b, "<tr><td>");
			page_ref(r, c->ref);
			if (c->title && *c->title) {
				buf_adds(b, " — ");
				html_txt(b, c->title);
			}
			buf_addf(b,
				 "</td><td class=\"num\">%g%%</td><td><span "
				 "class=\"tag%s\">%s</span>"
				 "</td>",
				 c->contribution, c->state == ITEM_CLOSED ? " done" : "",
				 c->state == ITEM_CLOSED ? "Closed" : "Open");
			if (rm) {
				buf_adds(b, "<td>");
				page_remove_button(r, "criteria", c->id, o->id, f);
				buf_adds(b, "</td>");
			}
			buf_adds(b, "</tr>\n");
		}
		buf_adds(b, "</tbody></table></div>\n");
	}
	if (kr->ninitiatives) {
		buf_adds(b, "<p><strong>Initiatives:</strong> ");
		for (size_t i = 0; i < kr->ninitiatives; i++) {
			if (i)
				buf_adds(b, "; ");
			html_txt(b, kr->initiatives[i].title);
			if (kr->initiatives[i].ref) {
				buf_adds(b, " (");
				page_ref(r, kr->initiatives[i].ref);
				buf_adds(b, ")");
			}
		}
		buf_adds(b, "</p>\n");
		for (size_t i = 0; i < kr->ninitiatives && page_may_remove(r, o, f); i++)
			page_remove_initiative(r, &kr->initiatives[i], o->id, f);
	}
	for (size_t i = 0; i < nh; i++)
		if (h[i].key_result == kr->id)
			pts[np++] = (struct chart_point){h[i].at, h[i].progress};
	chart_svg(b, kr->title, t->cycle.starts_on, t->cycle.ends_on, r->app->today, pts, np);
	free(pts);
	if (writable)
		checkin_form(r, kr, f);
	page_plan_kr(r, t, o, kr, f);
	if (page_may_plan(r, o) || page_kr_move_refused(r, kr->id, f))
		page_kr_order(r, o, (size_t)(kr - o->krs), f);
	buf_adds(b, "</section>\n");
	buf_release(&url);
}

/*
 * The objective's own progress over time, from its KRs' check-ins (the last
 * of each KR's days): at the end of each day, the weighted mean of each KR's
 * clamped progress as it then stood (aligned objectives are left out of the
 * history; their own pages show it).
 */
static size_t
objective_series(const struct objective *o, const struct checkin *h, size_t nh,
		 struct chart_point *out)
{
	double *latest = xcalloc(o->nkrs ? o->nkrs : 1, sizeof(*latest));
	double wsum = 0;
	size_t n = 0;

	for (size_t k = 0; k < o->nkrs; k++)
		wsum += progress_weight(o->krs[k].weight);
	for (size_t i = 0; i < nh; i++) {
		double sum = 0;

		for (size_t k = 0; k < o->nkrs; k++)
			if (o->krs[k].id == h[i].key_result)
				latest[k] = progress_clamp(h[i].progress);
		for (size_t k = 0; k < o->nkrs; k++)
			sum += progress_weight(o->krs[k].weight) * latest[k];
		/* One point a day (UTC): the day's last update stands for it. */
		if (n && out[n - 1].at / 86400 == h[i].at / 86400)
			n--;
		out[n++] = (struct chart_point){h[i].at, wsum > 0 ? sum / wsum : 0};
	}
	free(latest);
	return n;
}

static void
status_form(struct request *r, const struct objective *o, const struct refused_form *f)
{
	struct buf action = BUF_INIT;
	struct form fm = {.r = r, .err = refusal(f, "status"), .id = "status"};

	buf_addf(&action, "/objectives/%" PRId64 "/status", o->id);
	fm.action = action.buf;
	form_open(&fm);
	buf_adds(&r->out,
		 "<h3>This week's status</h3>\n<p class=\"muted\">The DRI's health and one "
		 "line per key result.</p>\n");
	form_top(&fm);
	page_status_fields(&fm, o, 1);
	buf_adds(&r->out, "<button type=\"submit\">Post the status</button>\n");
	form_close(&fm);
	buf_release(&action);
}

static void
join_list(struct buf *out, const struct strlist *l)
{
	for (size_t i = 0; i < l->n; i++) {
		buf_adds(out, l->v[i]);
		buf_addch(out, '\n');
	}
}

static void
retro_form(struct request *r, const struct objective *o, const struct refused_form *f)
{
	static const char *const sections[] = {"good", "bad", "try"};
	static const char *const ids[] = {"retro-good", "retro-bad", "retro-try"};
	static const char *const labels[] = {"Good: what went well", "Bad: what did not",
					     "Try: what to do differently next time"};
	const struct strlist *lists[] = {&o->retro.good, &o->retro.bad, &o->retro.try};
	struct buf action = BUF_INIT, def = BUF_INIT;
	struct form fm = {.r = r, .err = refusal(f, "retro"), .id = "retro"};

	buf_addf(&action, "/objectives/%" PRId64 "/retro", o->id);
	fm.action = action.buf;
	form_open(&fm);
	buf_adds(&r->out,
		 "<h3>Retro</h3>\n<p class=\"muted\">One point per line, 2–3 in each section "
		 "for a final retro. A draft may be partial.</p>\n");
	form_top(&fm);
	for (int i = 0; i < 3; i++) {
		buf_reset(&def);
		join_list(&def, lists[i]);
		form_field(&fm, &(struct form_field){.type = FIELD_TEXTAREA,
						     .name = sections[i],
						     .id = ids[i],
						     .label = labels[i],
						     .value = def.buf,
						     .rows = 3});
	}
	form_field(&fm, &(struct form_field){.type = FIELD_CHECKBOX,
					     .name = "final",
					     .id = "retro-final",
					     .label = "This retro is final",
					     .value = o->retro.final_at ? "1" : ""});
	buf_adds(&r->out, "<button type=\"submit\">Save the retro</button>\n");
	form_close(&fm);
	buf_release(&action);
	buf_release(&def);
}

/* The optional final score (0..1) and its reason; empty = the progress at close. */
static void
final_fields(struct form *fm, const struct objective *o)
{
	struct buf hint = BUF_INIT;
	double p = progress_clamp(o->progress);

	buf_addf(&hint, "Left empty, the progress at close: %.2f", p);
	form_field(fm, &(struct form_field){.type = FIELD_NUMBER,
					    .name = "score",
					    .id = "close-score",
					    .error_id = "e-close-score",
					    .label = "Final score, 0 to 1 (optional)",
					    .hint = hint.buf,
					    .size = 6});
	form_field(fm, &(struct form_field){.type = FIELD_TEXTAREA,
					    .name = "reason",
					    .id = "close-reason",
					    .error_id = "e-close-reason",
					    .label = "Why that score (optional)",
					    .rows = 2,
					    .maxlength = 500});
	buf_release(&hint);
}

static void
close_form(struct request *r, const struct objective *o, const struct refused_form *f)
{
	struct buf action = BUF_INIT, *b = &r->out;
	struct form fm = {.r = r,
			  .err = refusal(f, "close"),
			  .id = "close",
			  .confirm = "Close this objective? It becomes read-only."};

	buf_addf(&action, "/objectives/%" PRId64 "/close", o->id);
	fm.action = action.buf;
	form_open(&fm);
	buf_adds(b, "<h3>Close</h3>\n");
	form_top(&fm);
	if (o->has_retro && o->retro.final_at) {
		buf_adds(b,
			 "<p>The retro is final: the objective can close. It then becomes "
			 "read-only.</p>\n");
		final_fields(&fm, o);
		buf_adds(b, "<button type=\"submit\">Close the objective</button>\n");
	} else
		buf_adds(
			b,
			"<p id=\"close-why\">Closing needs a final retro first.</p>\n"
			"<button type=\"submit\" disabled aria-describedby=\"close-why\">Close the "
			"objective</button>\n");
	form_close(&fm);
	buf_release(&action);
}

/*
 * The check-ins the history shows: the latest CHECKINS_SHOWN, or as many as
 * ?history=N asks (up to CHECKINS_MAX); a long history is never read whole.
 */
#define CHECKINS_SHOWN 30
#define CHECKINS_MAX 10000

static int
checkins_wanted(struct request *r)
{
	const char *q = req_query(r, "history");
	int64_t n;

	if (!q || validate_id("history", q, &n, NULL) < 0 || n < CHECKINS_SHOWN)
		return CHECKINS_SHOWN;
	return n > CHECKINS_MAX ? CHECKINS_MAX : (int)n;
}

/* Below the table: how to see the older check-ins, when there are more. */
static void
older_link(struct request *r, const struct objective *o, int shown)
{
	struct buf url = BUF_INIT;

	buf_addf(&url, "/objectives/%" PRId64 "?history=%d#history", o->id,
		 shown * 4 > CHECKINS_MAX ? CHECKINS_MAX : shown * 4);
	buf_adds(&r->out, "<p>");
	page_link(&r->out, url.buf, "Show older check-ins");
	buf_addf(&r->out, " <span class=\"muted\">(the latest %d are shown)</span></p>\n", shown);
	buf_release(&url);
}

static void
history(struct request *r, const struct objective *o, const struct checkin *h, size_t nh, int more,
	const struct status_update *s, size_t ns, const struct refused_form *f)
{
	struct buf *b = &r->out;
	char at[21];
	int fix = 0;

	for (size_t i = nh; i-- > 0;)
		fix |= page_may_correct_checkin(r, o, &h[i], f);
	buf_adds(b, "<h2 id=\"history\">History</h2>\n");
	if (!ns && !nh)
		buf_adds(b, "<p class=\"muted\">No updates yet.</p>\n");
	if (ns) {
		buf_adds(b, "<h3>Weekly status</h3>\n");
		for (size_t i = ns; i-- > 0 && i + 13 >= ns;) {
			cal_format_instant(s[i].at, at);
			buf_addf(b,
				 "<div class=\"card\"><div class=\"meta\"><strong>%.10s</strong>",
				 at);
			page_health(b, s[i].health);
			buf_adds(b, "<span>by ");
			html_txt(b, s[i].author_handle ? s[i].author_handle : "the system");
			if (s[i].on_behalf_handle) { /* R14: "by sam for pat" */
				buf_adds(b, " for ");
				html_txt(b, s[i].on_behalf_handle);
			}
			buf_adds(b, "</span></div>\n<ul>\n");
			for (size_t l = 0; l < s[i].nlines; l++) {
				const char *title = "a key result";

				for (size_t k = 0; k < o->nkrs; k++)
					if (o->krs[k].id == s[i].lines[l].key_result)
						title = o->krs[k].title;
				buf_adds(b, "<li><strong>");
				html_txt(b, title);
				buf_adds(b, ":</strong> ");
				html_txt(b, s[i].lines[l].line);
				buf_adds(b, "</li>\n");
			}
			buf_adds(b, "</ul>\n");
			if (page_may_correct_status(r, o, &s[i], f))
				page_correct_status(r, o, &s[i], f);
			buf_adds(b, "</div>\n");
		}
	}
	if (nh) {
		buf_adds(b,
			 "<h3>Check-ins</h3>\n<div class=\"scroll\" tabindex=\"0\" role=\"region\" "
			 "aria-label=\"Check-ins\"><table>\n<thead><tr><th "
			 "scope=\"col\">Date</th><th scope=\"col\">Key result</th><th "
			 "scope=\"col\">Progress</th><th scope=\"col\">Health</th><th "
			 "scope=\"col\">By</th><th scope=\"col\">Note</th>");
		buf_adds(b, fix ? "<th scope=\"col\">Correct</th>" : "");
		buf_adds(b, "</tr></thead><tbody>\n");
		for (size_t i = nh; i-- > 0;) {
			const char *title = "";

			for (size_t k = 0; k < o->nkrs; k++)
				if (o->krs[k].id == h[i].key_result)
					title = o->krs[k].title;
			cal_format_instant(h[i].at, at);
			buf_addf(b, "<tr><td class=\"num\">%.10s</td><td>", at);
			html_txt(b, title);
			buf_adds(b, "</td><td class=\"num\">");
			present_pct(b, h[i].progress);
			buf_adds(b, "</td><td>");
			page_health(b, h[i].health);
			buf_adds(b, "</td><td>");
			html_txt(b, h[i].author_handle ? h[i].author_handle : "integration");
			if (h[i].on_behalf_handle) { /* R14: "by sam for pat" */
				buf_adds(b, " for ");
				html_txt(b, h[i].on_behalf_handle);
			}
			buf_adds(b, "</td><td>");
			html_txt(b, h[i].note ? h[i].note : "");
			buf_adds(b, "</td>");
			if (fix) {
				buf_adds(b, "<td>");
				if (page_may_correct_checkin(r, o, &h[i], f))
					page_correct_checkin(r, o, &h[i], f);
				buf_adds(b, "</td>");
			}
			buf_adds(b, "</tr>\n");
		}
		buf_adds(b, "</tbody></table></div>\n");
		if (more && (int)nh < CHECKINS_MAX)
			older_link(r, o, (int)nh);
	}
}

/* Where it sits (cycle, level, team), its title, and how it stands. */
static void
objective_head(struct request *r, const struct app_tree *t, const struct objective *o)
{
	struct okra_err err = {0};
	struct app_tree pt = {0};
	struct buf *b = &r->out, url = BUF_INIT;
	size_t pidx;

	buf_adds(b, "<p class=\"sub\">");
	page_url_cycle(&url, o->cycle_name);
	page_link(b, url.buf, o->cycle_name);
	buf_adds(b, " · ");
	html_txt(b, level_name(objective_level(&o->row)));
	if (o->team_slug) {
		buf_adds(b, " · ");
		buf_reset(&url);
		page_url_team(&url, o->team_slug);
		page_link(b, url.buf, o->team_slug);
	}
	buf_adds(b, "</p>\n<h1>");
	html_txt(b, o->title);
	buf_adds(b, "</h1>\n<div class=\"card\"><div class=\"meta\">");
	page_standing(b, o->progress, o->health, o->dri_handle);
	page_final(b, o);
	page_pace(b, &o->pace, o->health, o->progress, 1, NULL);
	if (o->state == STATE_CLOSED)
		buf_adds(b, "<span class=\"tag\">Closed</span>");
	if (o->achieved)
		buf_adds(b, "<span class=\"tag done\">Achieved</span>");
	if (o->parent) {
		const char *ptitle = NULL;

		if ((pidx = app_tree_find(t, o->parent)) != (size_t)-1)
			ptitle = t->v[pidx].title;
		else if (app_objective_tree(r->app, &r->arena, o->parent, &pt, &pidx, &err) == 0)
			ptitle = pt.v[pidx].title;
		if (ptitle) {
			buf_adds(b, "<span>Aligned to ");
			buf_reset(&url);
			page_url_objective(&url, o->parent);
			page_link(b, url.buf, ptitle);
			buf_adds(b, "</span>");
		}
	}
	buf_adds(b, "</div></div>\n");
	if (o->state == STATE_CLOSED)
		buf_adds(b, "<p class=\"notice\">This objective is closed and read-only.</p>\n");
	buf_release(&url);
}

/* "Linked Epics and Issues" drawn as links with their state; left out when there are none. */
static void
links(struct request *r, const struct objective *o)
{
	struct buf *b = &r->out;

	if (!o->nlinks)
		return;
	buf_adds(b, "<h3>Linked Epics and Issues</h3>\n<ol class=\"links\">\n");
	for (size_t i = 0; i < o->nlinks; i++) {
		const struct link *l = &o->links[i];

		buf_adds(b, "<li>");
		page_ref(r, l->ref);
		if (l->title && *l->title) {
			buf_adds(b, " — ");
			html_txt(b, l->title);
		}
		buf_adds(b, l->state == ITEM_CLOSED ? " <span class=\"tag done\">Closed</span>"
						    : " <span class=\"tag\">Open</span>");
		buf_adds(b, "</li>\n");
	}
	buf_adds(b, "</ol>\n");
}

/* The description as the handbook writes it (R6), its linked epics and issues as links. */
static void
description(struct request *r, const struct objective *o, const struct refused_form *f)
{
	struct buf *b = &r->out, before = BUF_INIT, after = BUF_INIT;

	buf_adds(b, "<h2>Description</h2>\n<div class=\"description\">\n");
	handbook_objective_around_links(&before, &after, o);
	markdown_html(b, before.buf);
	links(r, o);
	if (after.len)
		markdown_html(b, after.buf);
	buf_adds(b, "</div>\n");
	for (size_t i = 0; i < o->nlinks && page_may_remove(r, o, f); i++)
		page_remove_link(r, &o->links[i], o->id, f);
	buf_release(&before);
	buf_release(&after);
}

static void
aligned(struct request *r, const struct app_tree *t, const struct objective *o)
{
	struct buf *b = &r->out, url = BUF_INIT;

	if (!o->nchildren)
		return;
	buf_adds(b, "<h2>Aligned objectives</h2>\n<ul class=\"tree\">\n");
	for (size_t i = 0; i < o->nchildren; i++) {
		const struct objective *c = &t->v[o->children[i]];

		buf_adds(b, "<li class=\"card\"><div class=\"title\">");
		buf_reset(&url);
		page_url_objective(&url, c->id);
		page_link(b, url.buf, c->title);
		buf_adds(b, "</div><div class=\"meta\">");
		page_bar(b, c->progress);
		page_health(b, c->health);
		buf_adds(b, "</div></li>\n");
	}
	buf_adds(b, "</ul>\n");
	buf_release(&url);
}

/* The page; when a form failed, it is shown again with the error and what was typed. */
int
objective_page(struct request *r, int64_t id, const struct refused_form *f, int status)
{
	struct okra_err err = {0};
	struct app_tree t = {0};
	struct checkin *h = NULL, *l = NULL;
	struct status_update *s = NULL;
	size_t idx, nh = 0, nl = 0, ns = 0;
	struct chart_point *pts;
	struct buf *b;
	const struct objective *o;
	int rc, forms[3], shown = checkins_wanted(r), more;

	if ((rc = app_objective_tree(r->app, &r->arena, id, &t, &idx, &err)) < 0)
		return page_error(r, rc == OKRA_ENOTFOUND ? 404 : 503, "No such objective",
				  rc == OKRA_ENOTFOUND ? "There is no objective with that number."
						       : okra_err_text(&err));
	o = &t.v[idx];
	/* The charts: a point per KR and day; the table: the latest (one more says there are more).
	 */
	app_objective_checkins_daily(r->app, &r->arena, id, &h, &nh, &err);
	app_objective_checkins_latest(r->app, &r->arena, id, shown + 1, &l, &nl, &err);
	if ((more = nl > (size_t)shown)) {
		l++;
		nl--;
	}
	app_status_history(r->app, &r->arena, id, &s, &ns, &err);

	page_begin(r, o->title, NULL);
	b = &r->out;
	objective_head(r, &t, o);
	page_plan_actions(r, o, f);
	pts = xcalloc(nh ? nh : 1, sizeof(*pts));
	chart_svg(b, "This objective", t.cycle.starts_on, t.cycle.ends_on, r->app->today, pts,
		  objective_series(o, h, nh, pts));
	free(pts);
	description(r, o, f);

	buf_adds(b, "<h2>Key results</h2>\n<div id=\"krs\">\n");
	if (!o->nkrs)
		buf_adds(b,
			 "<p class=\"muted\">No key results yet: an objective typically has three "
			 "(two to five).</p>\n");
	for (size_t k = 0; k < o->nkrs; k++) {
		struct buf name = BUF_INIT;

		buf_addf(&name, "kr-%" PRId64, o->krs[k].id);
		kr_section(r, &t, o, &o->krs[k], h, nh,
			   may(r, UPDATE_CHECKIN, o, &o->krs[k], f, name.buf), f);
		buf_release(&name);
	}
	page_plan_add_kr(r, o, f);
	buf_adds(b, "</div>\n");
	aligned(r, &t, o);
	forms[0] = o->nkrs && may(r, UPDATE_STATUS, o, NULL, f, "status");
	forms[1] = may(r, UPDATE_RETRO, o, NULL, f, "retro");
	forms[2] = may(r, UPDATE_CLOSE, o, NULL, f, "close");
	if (forms[0] || forms[1] || forms[2])
		buf_adds(b, "<h2>Updates</h2>\n");
	if (forms[0])
		status_form(r, o, f);
	if (forms[1])
		retro_form(r, o, f);
	if (forms[2])
		close_form(r, o, f);
	if (page_may_reopen(r, o, f))
		page_reopen_form(r, o, f);
	history(r, o, l, nl, more, s, ns, f);
	page_comments(r, o, f);
	page_objective_changes(r, o->id);

	return page_end(r, status);
}

int
objective_page_after(struct request *r, int64_t id, const char *form, const char *anchor, int rc,
		     const struct okra_err *err)
{
	struct refused_form f = {form, err};
	struct buf url = BUF_INIT;

	if (rc == 0) {
		page_url_objective(&url, id);
		if (anchor)
			buf_addf(&url, "#%s", anchor);
		page_redirect(r, url.buf);
		buf_release(&url);
		return 0;
	}
	return objective_page(r, id, &f, form_status(rc));
}

int
h_page_objective(struct request *r)
{
	int64_t id;
	struct okra_err err = {0};

	if (validate_id("id", r->params[0], &id, &err) < 0)
		return page_error(r, 404, "No such objective",
				  "Objective numbers are whole numbers.");
	return objective_page(r, id, NULL, 200);
}
