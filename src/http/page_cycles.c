/* page_cycles.c: /cycles — the cycles running now, coming and past with their dates, and the
 * "plan a year" form for leaders and admins (the fiscal year and its four quarters).
 */
#include "http/page.h"

#include <stdio.h>
#include <string.h>

#include "core/calendar.h"
#include "http/handler.h"
#include "util/html.h"
#include "core/validate.h"
#include "app/people.h"
#include "app/settings.h"
#include "app/reads.h"

enum when { CYCLE_NOW, CYCLE_COMING, CYCLE_PAST };

static enum when
when_of(const struct cycle *c, int32_t today)
{
	if (c->ends_on < today)
		return CYCLE_PAST;
	return c->starts_on > today ? CYCLE_COMING : CYCLE_NOW;
}

static const char *
parent_name(const struct cycle *v, size_t n, int64_t parent)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].id == parent)
			return v[i].name;
	return NULL;
}

/* One row: the name (its tree), its planning view and review, the kind (and year), the dates. */
static void
cycle_row(struct request *r, const struct cycle *v, size_t n, const struct cycle *c)
{
	struct buf *b = &r->out, url = BUF_INIT;
	const char *year = c->parent ? parent_name(v, n, c->parent) : NULL;
	char s[11], e[11];

	cal_format_date(c->starts_on, s);
	cal_format_date(c->ends_on, e);
	buf_adds(b, "<tr id=\"cycle-");
	html_attr(b, c->name);
	buf_adds(b, "\"><th scope=\"row\">");
	page_url_cycle(&url, c->name);
	page_link(b, url.buf, c->name);
	buf_adds(&url, "/plan");
	buf_adds(b, " · ");
	page_link(b, url.buf, "Planning");
	buf_reset(&url);
	page_url_cycle(&url, c->name);
	buf_adds(&url, "/review");
	buf_adds(b, " · ");
	page_link(b, url.buf, "Review");
	buf_adds(b, "</th><td>");
	html_txt(b, cycle_kind_name(c->kind));
	if (year) {
		buf_adds(b, " of ");
		html_txt(b, year);
	}
	buf_addf(b, "</td><td>%s</td><td>%s</td></tr>\n", s, e);
	buf_release(&url);
}

/* The cycles of one kind of time (past ones latest first), or nothing when there are none. */
static void
cycles_table(struct request *r, const struct cycle *v, size_t n, enum when w, const char *title)
{
	struct buf *b = &r->out;
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		k += when_of(&v[i], r->app->today) == w;
	if (!k)
		return;
	buf_adds(b, "<h2>");
	html_txt(b, title);
	buf_adds(b, "</h2>\n<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"");
	html_attr(b, title);
	buf_adds(b,
		 "\"><table>\n<thead><tr><th scope=\"col\">Cycle</th><th scope=\"col\">Kind</th>"
		 "<th scope=\"col\">Starts</th><th scope=\"col\">Ends</th></tr></thead>\n"
		 "<tbody>\n");
	for (size_t j = 0; j < n; j++) {
		size_t i = w == CYCLE_PAST ? n - 1 - j : j;

		if (when_of(&v[i], r->app->today) == w)
			cycle_row(r, v, n, &v[i]);
	}
	buf_adds(b, "</tbody></table></div>\n");
}

/* The first fiscal year from this one on that has no cycle of its name yet. */
static int
next_free_year(struct request *r, const struct cycle *v, size_t n)
{
	int32_t start = cal_fiscal_year_start(
		r->app->today, (int)app_setting_int(r->app, "fiscal_year_first_month"));
	int fy = cal_fiscal_year_number(start);
	char name[16];

	for (int taken = 1; taken && fy < 2199; fy += taken) {
		snprintf(name, sizeof(name), "FY%d", fy);
		taken = 0;
		for (size_t i = 0; i < n && !taken; i++)
			taken = !strcmp(v[i].name, name);
	}
	return fy;
}

static void
plan_form(struct request *r, const struct cycle *v, size_t n, const struct okra_err *refused)
{
	struct form f = {.r = r, .err = refused, .action = "/cycles/years", .id = "plan-year"};
	int fy = next_free_year(r, v, n);
	int32_t s = app_fiscal_year_named(r->app, fy);
	char ss[11], es[11];

	cal_format_date(s, ss);
	cal_format_date(cal_year_end(s), es);
	form_open(&f);
	buf_adds(&r->out, "<h2>Plan a year</h2>\n");
	form_top(&f);
	form_field(&f,
		   &(struct form_field){
			   .type = FIELD_TEXT,
			   .name = "year",
			   .label = "Fiscal year",
			   .value = arena_sprintf(&r->arena, "%d", fy),
			   .hint = arena_sprintf(&r->arena,
						 "The year and its four quarters, named after the "
						 "calendar year it ends in: FY%d runs from %s to "
						 "%s (the fiscal year's first month is a setting)",
						 fy, ss, es),
			   .size = 8,
			   .required = 1,
			   .autocomplete = "off"});
	buf_adds(&r->out, "<button type=\"submit\">Plan the year</button>\n");
	form_close(&f);
}

int
cycles_page(struct request *r, const struct okra_err *refused, int status)
{
	struct okra_err err = {0};
	struct cycle *v = NULL;
	size_t n = 0;

	if (app_cycles(r->app, &r->arena, &v, &n, &err) < 0)
		return page_error(r, 503, "Try again", err.msg);
	page_begin(r, "Cycles", "cycles");
	buf_adds(&r->out, "<h1>Cycles</h1>\n");
	cycles_table(r, v, n, CYCLE_NOW, "Now");
	cycles_table(r, v, n, CYCLE_COMING, "Coming");
	cycles_table(r, v, n, CYCLE_PAST, "Past");
	if (!n)
		buf_adds(&r->out, "<p class=\"muted\">No cycles yet.</p>\n");
	if (r->who.role == ROLE_ADMIN || r->who.role == ROLE_LEADER)
		plan_form(r, v, n, refused);
	return page_end(r, status);
}

int
h_page_cycles(struct request *r)
{
	return cycles_page(r, NULL, 200);
}

int
h_page_cycles_year(struct request *r)
{
	struct buf year = BUF_INIT, url = BUF_INIT;
	struct okra_err err = {0};
	int64_t id;
	int fy, rc;

	if (page_form_check(r) < 0)
		return 0;
	page_form(r, "year", &year);
	if ((rc = validate_fiscal_year("year", year.buf, &fy, &err)) == 0)
		rc = app_cycle_plan_year(r->app, fy, &id, &err);
	if (rc == OKRA_EFORBIDDEN)
		page_error(r, 403, "Not allowed", err.msg);
	else if (rc < 0)
		cycles_page(r, &err, form_status(rc));
	else {
		buf_addf(&url, "/cycles#cycle-FY%d", fy);
		page_redirect(r, url.buf);
	}
	buf_release(&year);
	buf_release(&url);
	return 0;
}
