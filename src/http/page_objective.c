/* page_objective.c: one objective — description, KRs, charts, history, and the forms to update it.
 */
#include "http/page.h"

#include <inttypes.h>
#include <stdio.h>
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

static int
is_failed(const struct failed *f, const char *form)
{
	return f && f->form && !strcmp(f->form, form);
}

/* The error of the failed form, placed where its field is (field "" = the form's top). */
static void
error_at(struct request *r, const struct failed *f, const char *form, const char *field,
	 const char *id)
{
	if (!is_failed(f, form))
		return;
	if (strcmp(f->err->field, field) && !(field[0] == '\0' && !f->err->field[0]))
		return;
	buf_adds(&r->out, "<p class=\"error\" id=\"");
	html_attr(&r->out, id);
	buf_adds(&r->out, "\" role=\"alert\">");
	html_txt(&r->out, f->err->msg);
	buf_adds(&r->out, "</p>\n");
}

/* Errors on fields the form does not show go to the form's top. */
static int
field_shown(const char *field, const char *const *shown)
{
	for (; *shown; shown++)
		if (!strcmp(field, *shown))
			return 1;
	return 0;
}

static void
error_top(struct request *r, const struct failed *f, const char *form, const char *const *shown)
{
	if (!is_failed(f, form) || field_shown(f->err->field, shown))
		return;
	buf_adds(&r->out, "<p class=\"error\" role=\"alert\">");
	html_txt(&r->out, f->err->msg);
	buf_adds(&r->out, "</p>\n");
}

/* The value of a text field: what was posted when its form failed, else the default. */
static void
value_of(struct request *r, const struct failed *f, const char *form, const char *name,
	 const char *fallback, struct buf *out)
{
	if (is_failed(f, form) && page_form(r, name, out))
		return;
	buf_adds(out, fallback ? fallback : "");
}

static void
invalid_attr(struct request *r, const struct failed *f, const char *form, const char *field,
	     const char *errid)
{
	if (is_failed(f, form) && !strcmp(f->err->field, field)) {
		buf_adds(&r->out, " aria-invalid=\"true\" aria-describedby=\"");
		html_attr(&r->out, errid);
		buf_adds(&r->out, "\"");
	}
}

static void
checkin_form(struct request *r, const struct key_result *kr, const struct failed *f)
{
	static const char *const shown[] = {"value", "health", "note", NULL};
	struct buf *b = &r->out, form = BUF_INIT, v = BUF_INIT, id = BUF_INIT;
	char num[32];

	buf_addf(&form, "kr-%" PRId64, kr->id);
	buf_addf(b,
		 "<form class=\"panel no-print\" method=\"post\" action=\"/key-results/%" PRId64
		 "/checkin\">\n",
		 kr->id);
	page_csrf(r);
	buf_adds(b, "<h4>Check in on this key result</h4>\n");
	error_top(r, f, form.buf, shown);
	buf_adds(b, "<div class=\"row\">\n");
	if (kr->kind == KR_METRIC) {
		snprintf(num, sizeof(num), "%g", kr->current);
		value_of(r, f, form.buf, "value", num, &v);
		buf_addf(&id, "v%" PRId64, kr->id);
		buf_addf(b, "<div class=\"field\"><label for=\"%s\">Value now", id.buf);
		if (*kr->unit) {
			buf_adds(b, " (");
			html_txt(b, kr->unit);
			buf_adds(b, ")");
		}
		buf_addf(b,
			 "</label><input type=\"text\" inputmode=\"decimal\" id=\"%s\" "
			 "name=\"value\" "
			 "value=\"",
			 id.buf);
		html_attr(b, v.buf);
		buf_addf(b, "\" data-start=\"%.17g\" data-target=\"%.17g\" size=\"10\"", kr->start,
			 kr->target);
		invalid_attr(r, f, form.buf, "value", "e-value");
		buf_addf(b, "> <output id=\"%s-preview\" class=\"muted\"></output>", id.buf);
		error_at(r, f, form.buf, "value", "e-value");
		buf_adds(b, "</div>\n");
	} else {
		buf_adds(b,
			 "<p class=\"muted\">Progress comes from the scoring criteria as their "
			 "issues close (R9): record the health and a note.</p>\n");
	}
	buf_reset(&id);
	buf_addf(&id, "h%" PRId64, kr->id);
	buf_reset(&v);
	value_of(r, f, form.buf, "health", health_name(kr->health), &v);
	buf_addf(b, "<div class=\"field\"><label for=\"%s\">Health</label>", id.buf);
	page_health_select(b, id.buf, "health", v.buf);
	buf_adds(b, "</div>\n");
	buf_reset(&id);
	buf_addf(&id, "n%" PRId64, kr->id);
	buf_reset(&v);
	value_of(r, f, form.buf, "note", "", &v);
	buf_addf(b,
		 "<div class=\"field\"><label for=\"%s\">Note</label><input type=\"text\" "
		 "id=\"%s\" name=\"note\" size=\"40\" value=\"",
		 id.buf, id.buf);
	html_attr(b, v.buf);
	buf_adds(b,
		 "\"></div>\n<div><button type=\"submit\">Check "
		 "in</button></div>\n</div>\n</form>\n");
	buf_release(&form);
	buf_release(&v);
	buf_release(&id);
}

static void
kr_section(struct request *r, const struct app_tree *t, const struct objective *o,
	   const struct key_result *kr, const struct checkin *h, size_t nh, int writable,
	   const struct failed *f)
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
		buf_adds(b,
			 "<div class=\"scroll\"><table>\n<caption class=\"muted\">Scoring criteria "
			 "(R7)</caption>\n<thead><tr><th scope=\"col\">Epic or issue</th><th "
			 "scope=\"col\">Contribution</th><th scope=\"col\">State</th></tr></thead>"
			 "<tbody>\n");
		for (size_t i = 0; i < kr->ncriteria; i++) {
			const struct criterion *c = &kr->criteria[i];

			buf_adds(b, "<tr><td>");
			html_txt(b, c->ref);
			if (c->title && *c->title) {
				buf_adds(b, " — ");
				html_txt(b, c->title);
			}
			buf_addf(b,
				 "</td><td class=\"num\">%g%%</td><td><span "
				 "class=\"tag%s\">%s</span>"
				 "</td></tr>\n",
				 c->contribution, c->state == ITEM_CLOSED ? " done" : "",
				 c->state == ITEM_CLOSED ? "Closed" : "Open");
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
				html_txt(b, kr->initiatives[i].ref);
				buf_adds(b, ")");
			}
		}
		buf_adds(b, "</p>\n");
	}
	for (size_t i = 0; i < nh; i++)
		if (h[i].key_result == kr->id)
			pts[np++] = (struct chart_point){h[i].at, h[i].progress};
	chart_svg(b, kr->title, t->cycle.starts_on, t->cycle.ends_on, r->app->today, pts, np);
	free(pts);
	if (writable)
		checkin_form(r, kr, f);
	buf_adds(b, "</section>\n");
	buf_release(&url);
	(void)o;
}

/*
 * The objective's own progress over time, from its KRs' check-ins: at each
 * update, the weighted mean of each KR's clamped progress as it then stood
 * (aligned objectives are left out of the history; their own pages show it).
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
		/* Several check-ins at one moment make one point. */
		if (n && out[n - 1].at == h[i].at)
			n--;
		out[n++] = (struct chart_point){h[i].at, wsum > 0 ? sum / wsum : 0};
	}
	free(latest);
	return n;
}

static void
status_form(struct request *r, const struct objective *o, const struct failed *f)
{
	static const char *const shown[] = {"health", NULL};
	struct buf *b = &r->out, v = BUF_INIT, name = BUF_INIT;

	buf_addf(b,
		 "<form class=\"panel no-print\" method=\"post\" action=\"/objectives/%" PRId64
		 "/status\" id=\"status\">\n",
		 o->id);
	page_csrf(r);
	buf_adds(b,
		 "<h3>This week's status</h3>\n<p class=\"muted\">The DRI's health and one "
		 "line per key result (R8).</p>\n");
	error_top(r, f, "status", shown);
	value_of(r, f, "status", "health", health_name(o->health), &v);
	buf_adds(b, "<div class=\"field\"><label for=\"status-health\">Health</label>");
	page_health_select(b, "status-health", "health", v.buf);
	buf_adds(b, "</div>\n");
	for (size_t k = 0; k < o->nkrs; k++) {
		buf_reset(&v);
		buf_reset(&name);
		buf_addf(&name, "line-%" PRId64, o->krs[k].id);
		value_of(r, f, "status", name.buf, "", &v);
		buf_addf(b, "<div class=\"field\"><label for=\"%s\">", name.buf);
		html_txt(b, o->krs[k].title);
		buf_addf(b,
			 "</label><input type=\"text\" class=\"wide\" id=\"%s\" name=\"%s\" "
			 "required value=\"",
			 name.buf, name.buf);
		html_attr(b, v.buf);
		buf_adds(b, "\"></div>\n");
	}
	buf_adds(b, "<button type=\"submit\">Post the status</button>\n</form>\n");
	buf_release(&v);
	buf_release(&name);
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
retro_form(struct request *r, const struct objective *o, const struct failed *f)
{
	static const char *const shown[] = {NULL};
	static const char *const sections[] = {"good", "bad", "try"};
	static const char *const labels[] = {"Good: what went well", "Bad: what did not",
					     "Try: what to do differently next time"};
	struct buf *b = &r->out, v = BUF_INIT, def = BUF_INIT;
	const struct strlist *lists[] = {&o->retro.good, &o->retro.bad, &o->retro.try};
	int final = o->retro.final_at != 0;

	buf_addf(b,
		 "<form class=\"panel no-print\" method=\"post\" action=\"/objectives/%" PRId64
		 "/retro\" id=\"retro\">\n",
		 o->id);
	page_csrf(r);
	buf_adds(b,
		 "<h3>Retro</h3>\n<p class=\"muted\">One point per line, 2–3 in each section "
		 "for a final retro (R11). A draft may be partial.</p>\n");
	error_top(r, f, "retro", shown);
	for (int i = 0; i < 3; i++) {
		buf_reset(&v);
		buf_reset(&def);
		join_list(&def, lists[i]);
		value_of(r, f, "retro", sections[i], def.buf, &v);
		buf_addf(b,
			 "<div class=\"field\"><label for=\"retro-%s\">%s</label><textarea "
			 "id=\"retro-%s\" name=\"%s\" rows=\"3\">",
			 sections[i], labels[i], sections[i], sections[i]);
		html_txt(b, v.buf);
		buf_adds(b, "</textarea></div>\n");
	}
	/* A refused retro keeps the box as it was sent. */
	if (is_failed(f, "retro")) {
		buf_reset(&v);
		final = page_form(r, "final", &v) && v.len;
	}
	buf_addf(b,
		 "<div class=\"field\"><input type=\"checkbox\" id=\"retro-final\" name=\"final\" "
		 "value=\"1\"%s> <label for=\"retro-final\" class=\"inline\">This retro is final"
		 "</label></div>\n<button type=\"submit\">Save the retro</button>\n</form>\n",
		 final ? " checked" : "");
	buf_release(&v);
	buf_release(&def);
}

/* The optional final score (0..1) and its reason; empty = the progress at close. */
static void
final_fields(struct request *r, const struct objective *o, const struct failed *f)
{
	struct buf *b = &r->out, v = BUF_INIT;
	double p = progress_clamp(o->progress);

	value_of(r, f, "close", "score", "", &v);
	buf_addf(b,
		 "<div class=\"field\"><label for=\"close-score\">Final score, 0 to 1 "
		 "(optional)</label><input type=\"text\" inputmode=\"decimal\" id=\"close-score\" "
		 "name=\"score\" size=\"6\" value=\"");
	html_attr(b, v.buf);
	/* One aria-describedby: the hint, and the error when the score was refused. */
	if (is_failed(f, "close") && !strcmp(f->err->field, "score"))
		buf_adds(b,
			 "\" aria-invalid=\"true\" aria-describedby=\"close-score-hint "
			 "e-close-score\"");
	else
		buf_adds(b, "\" aria-describedby=\"close-score-hint\"");
	buf_addf(b,
		 "> <span class=\"muted\" id=\"close-score-hint\">Left empty, the progress "
		 "at close: %.2f</span>",
		 p);
	error_at(r, f, "close", "score", "e-close-score");
	buf_adds(b, "</div>\n");
	buf_reset(&v);
	value_of(r, f, "close", "reason", "", &v);
	buf_adds(b,
		 "<div class=\"field\"><label for=\"close-reason\">Why that score "
		 "(optional)</label><textarea id=\"close-reason\" name=\"reason\" rows=\"2\" "
		 "maxlength=\"500\"");
	invalid_attr(r, f, "close", "reason", "e-close-reason");
	buf_adds(b, ">");
	html_txt(b, v.buf);
	buf_adds(b, "</textarea>");
	error_at(r, f, "close", "reason", "e-close-reason");
	buf_adds(b, "</div>\n");
	buf_release(&v);
}

static void
close_form(struct request *r, const struct objective *o, const struct failed *f)
{
	static const char *const final_shown[] = {"score", "reason", NULL};
	struct buf *b = &r->out;
	int ready = o->has_retro && o->retro.final_at;

	buf_addf(b,
		 "<form class=\"panel no-print\" method=\"post\" action=\"/objectives/%" PRId64
		 "/close\" id=\"close\" data-confirm=\"Close this objective? It becomes "
		 "read-only.\">\n",
		 o->id);
	page_csrf(r);
	buf_adds(b, "<h3>Close</h3>\n");
	if (is_failed(f, "close") && (!ready || !field_shown(f->err->field, final_shown))) {
		buf_adds(b, "<p class=\"error\" role=\"alert\">");
		html_txt(b, f->err->msg);
		buf_adds(b, "</p>\n");
	}
	if (ready) {
		buf_adds(b,
			 "<p>The retro is final: the objective can close. It then becomes "
			 "read-only.</p>\n");
		final_fields(r, o, f);
		buf_adds(b, "<button type=\"submit\">Close the objective</button>\n");
	} else
		buf_adds(
			b,
			"<p id=\"close-why\">Closing needs a final retro first (R11).</p>\n"
			"<button type=\"submit\" disabled aria-describedby=\"close-why\">Close the "
			"objective</button>\n");
	buf_adds(b, "</form>\n");
}

static void
history(struct request *r, const struct objective *o, const struct checkin *h, size_t nh,
	const struct status_update *s, size_t ns)
{
	struct buf *b = &r->out;
	char at[21];

	buf_adds(b, "<h2>History</h2>\n");
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
			buf_adds(b, "</ul></div>\n");
		}
	}
	if (nh) {
		buf_adds(b,
			 "<h3>Check-ins</h3>\n<div class=\"scroll\"><table>\n<thead><tr><th "
			 "scope=\"col\">Date</th><th scope=\"col\">Key result</th><th "
			 "scope=\"col\">Progress</th><th scope=\"col\">Health</th><th "
			 "scope=\"col\">By</th><th scope=\"col\">Note</th></tr></thead><tbody>\n");
		for (size_t i = nh; i-- > 0 && i + 30 >= nh;) {
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
			buf_adds(b, "</td><td>");
			html_txt(b, h[i].note ? h[i].note : "");
			buf_adds(b, "</td></tr>\n");
		}
		buf_adds(b, "</tbody></table></div>\n");
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
		buf_adds(b,
			 "<p class=\"notice\">This objective is closed and read-only (R11).</p>\n");
	buf_release(&url);
}

/* The description as the handbook writes it (R6), and its linked epics and issues. */
static void
description(struct request *r, const struct objective *o)
{
	struct buf *b = &r->out, md = BUF_INIT;

	buf_adds(b, "<h2>Description</h2>\n<div class=\"description\">\n");
	handbook_objective(&md, o);
	markdown_html(b, md.buf);
	buf_adds(b, "</div>\n");
	if (o->nlinks) {
		buf_adds(b, "<p>");
		for (size_t i = 0; i < o->nlinks; i++) {
			buf_adds(b, "<span class=\"tag");
			buf_adds(b, o->links[i].state == ITEM_CLOSED ? " done\">" : "\">");
			html_txt(b, o->links[i].ref);
			buf_adds(b, o->links[i].state == ITEM_CLOSED ? " · closed" : " · open");
			buf_adds(b, "</span> ");
		}
		buf_adds(b, "</p>\n");
	}
	buf_release(&md);
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
objective_page(struct request *r, int64_t id, const struct failed *f, int status)
{
	struct okra_err err = {0};
	struct app_tree t = {0};
	struct checkin *h = NULL;
	struct status_update *s = NULL;
	size_t idx, nh = 0, ns = 0;
	struct chart_point *pts;
	struct buf *b;
	const struct objective *o;
	int rc, writable;

	if ((rc = app_objective_tree(r->app, &r->arena, id, &t, &idx, &err)) < 0)
		return page_error(r, rc == OKRA_ENOTFOUND ? 404 : 503, "No such objective",
				  rc == OKRA_ENOTFOUND ? "There is no objective with that number."
						       : err.msg);
	o = &t.v[idx];
	app_objective_checkins(r->app, id, &h, &nh, &err);
	app_status_history(r->app, id, &s, &ns, &err);
	writable = o->state != STATE_CLOSED && r->who.role != ROLE_VIEWER;

	page_begin(r, o->title, NULL);
	b = &r->out;
	objective_head(r, &t, o);
	pts = xcalloc(nh ? nh : 1, sizeof(*pts));
	chart_svg(b, "This objective", t.cycle.starts_on, t.cycle.ends_on, r->app->today, pts,
		  objective_series(o, h, nh, pts));
	free(pts);
	description(r, o);

	buf_adds(b, "<h2>Key results</h2>\n");
	if (!o->nkrs)
		buf_adds(b,
			 "<p class=\"muted\">No key results yet: an objective typically has three "
			 "(R2).</p>\n");
	for (size_t k = 0; k < o->nkrs; k++)
		kr_section(r, &t, o, &o->krs[k], h, nh, writable, f);
	aligned(r, &t, o);
	if (writable) {
		buf_adds(b, "<h2>Updates</h2>\n");
		if (o->nkrs)
			status_form(r, o, f);
		retro_form(r, o, f);
		close_form(r, o, f);
	}
	history(r, o, h, nh, s, ns);

	for (size_t i = 0; i < nh; i++)
		checkin_release(&h[i]);
	free(h);
	for (size_t i = 0; i < ns; i++)
		status_update_release(&s[i]);
	free(s);
	return page_end(r, status);
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
