/* page_audit.c: /audit (admins and leaders) — who changed what and when, filtered by person,
 * object and dates with a GET form, newest first, an "Older changes" link per page (by id).
 */
#include "http/page.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "http/handler.h"
#include "util/arena.h"
#include "util/html.h"
#include "core/validate.h"
#include "app/reads.h"

#define AUDIT_PAGE 50

/* The query parameters of the filters, in the order of struct audit_typed. */
static const char *const filter_names[] = {"entity", "id", "actor", "from", "to", "objective"};

static void
typed_of(struct request *r, struct audit_typed *t)
{
	*t = (struct audit_typed){.entity = req_query(r, "entity"),
				  .id = req_query(r, "id"),
				  .actor = req_query(r, "actor"),
				  .from = req_query(r, "from"),
				  .to = req_query(r, "to"),
				  .objective = req_query(r, "objective")};
}

/* "Anyone" and everyone by name (with their handle). */
static struct form_option *
people_options(struct request *r, size_t *n)
{
	struct okra_err err = {0};
	struct person *v = NULL;
	struct form_option *o;
	size_t np = 0;

	app_people(r->app, &r->arena, &v, &np, &err);
	o = arena_calloc(&r->arena, np + 1, sizeof(*o));
	o[0] = (struct form_option){"", "Anyone", 0};
	for (size_t i = 0; i < np; i++)
		o[i + 1] = (struct form_option){
			v[i].handle, arena_sprintf(&r->arena, "%s (%s)", v[i].name, v[i].handle),
			0};
	*n = np + 1;
	return o;
}

static struct form_option *
kind_options(struct request *r, size_t *n)
{
	struct form_option *o;
	size_t k = 0;

	while (app_audit_entities[k])
		k++;
	o = arena_calloc(&r->arena, k + 1, sizeof(*o));
	o[0] = (struct form_option){"", "Any", 0};
	for (size_t i = 0; i < k; i++)
		o[i + 1] = (struct form_option){app_audit_entities[i],
						page_audit_label(app_audit_entities[i]), 0};
	*n = k + 1;
	return o;
}

static void
filter_form(struct request *r, const struct audit_typed *t, const struct okra_err *refused)
{
	struct form f = {.r = r,
			 .err = refused,
			 .action = "/audit",
			 .id = "filters",
			 .cls = "filters no-print",
			 .get = 1};
	struct form_field fd[] = {
		{.type = FIELD_SELECT,
		 .name = "actor",
		 .label = "Who",
		 .value = t->actor,
		 .filter = 1},
		{.type = FIELD_SELECT,
		 .name = "entity",
		 .label = "Kind of thing",
		 .value = t->entity},
		{.type = FIELD_TEXT,
		 .name = "id",
		 .label = "Which (id, handle, slug or name)",
		 .value = t->id,
		 .size = 12,
		 .autocomplete = "off"},
		{.type = FIELD_TEXT,
		 .name = "objective",
		 .label = "Objective and its KRs (id)",
		 .value = t->objective,
		 .size = 6,
		 .autocomplete = "off"},
		{.type = FIELD_DATE, .name = "from", .label = "From", .value = t->from},
		{.type = FIELD_DATE, .name = "to", .label = "To", .value = t->to},
	};

	fd[0].options = people_options(r, &fd[0].noptions);
	fd[1].options = kind_options(r, &fd[1].noptions);
	form_open(&f);
	form_top(&f);
	for (size_t i = 0; i < sizeof(fd) / sizeof(fd[0]); i++)
		form_field(&f, &fd[i]);
	buf_adds(&r->out,
		 "<div><button type=\"submit\">Filter</button> <a href=\"/audit\">Show "
		 "all</a></div>\n");
	form_close(&f);
}

/* "Older changes": the same filters, below row `last`. */
static void
older_link(struct request *r, const struct audit_typed *t, int64_t last)
{
	const char *const typed[] = {t->entity, t->id, t->actor, t->from, t->to, t->objective};
	struct buf url = BUF_INIT;

	buf_adds(&url, "/audit?");
	for (size_t i = 0; i < sizeof(typed) / sizeof(typed[0]); i++) {
		if (!typed[i] || !*typed[i])
			continue;
		buf_addf(&url, "%s=", filter_names[i]);
		url_enc(&url, typed[i]);
		buf_addch(&url, '&');
	}
	buf_addf(&url, "before=%" PRId64, last);
	buf_adds(&r->out, "<p class=\"pager\">");
	page_link(&r->out, url.buf, "Older changes");
	buf_adds(&r->out, "</p>\n");
	buf_release(&url);
}

static int
audit_page(struct request *r, const struct audit_typed *t, struct audit_query *q)
{
	struct okra_err err = {0};
	struct audit_row *v = NULL;
	size_t n = 0;
	int rc;

	if ((rc = app_audit_list(r->app, q, &v, &n, &err)) < 0)
		return page_error(r, form_status(rc), "Try again", err.msg);
	page_begin(r, "Audit trail", "audit");
	buf_adds(&r->out,
		 "<h1>Audit trail</h1>\n<p class=\"muted\">Who changed what and when, "
		 "newest first.</p>\n");
	filter_form(r, t, NULL);
	if (n)
		page_audit_table(r, v, n < AUDIT_PAGE ? n : AUDIT_PAGE, "Audit trail");
	else
		buf_adds(&r->out, "<p class=\"muted\">No changes match.</p>\n");
	if (n > AUDIT_PAGE)
		older_link(r, t, v[AUDIT_PAGE - 1].id);
	for (size_t i = 0; i < n; i++)
		audit_row_release(&v[i]);
	free(v);
	return page_end(r, 200);
}

int
h_page_audit(struct request *r)
{
	struct okra_err err = {0};
	struct audit_typed t;
	struct audit_query q;
	const char *before = req_query(r, "before");
	int64_t cursor = 0;
	int rc;

	typed_of(r, &t);
	rc = app_audit_query(r->app, &r->arena, &t, &q, &err);
	if (rc == OKRA_EFORBIDDEN)
		return page_error(r, 403, "Not allowed", err.msg);
	if (rc < 0) { /* the filters again, with what was typed and why it was refused */
		page_begin(r, "Audit trail", "audit");
		buf_adds(&r->out, "<h1>Audit trail</h1>\n");
		filter_form(r, &t, &err);
		return page_end(r, form_status(rc));
	}
	if (before && *before && validate_id("before", before, &cursor, &err) < 0)
		return page_error(r, 400, "No such page", "before is the id of an audit row");
	q.before = cursor;
	q.limit = AUDIT_PAGE + 1;
	return audit_page(r, &t, &q);
}
