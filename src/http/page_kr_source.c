/* page_kr_source.c: a metric KR's source on the objective page: what it reads and its last
 * reading or error for everyone; for who may check in on it, the form to set it, "Read now" and
 * "Stop reading" (posted to page_kr_source_post.c). */
#include "http/page.h"

#include <inttypes.h>
#include <string.h>

#include "app/sources.h"
#include "core/calendar.h"
#include "http/handler.h"
#include "util/html.h"

static const struct form_option kinds[] = {
	{"prometheus", "Prometheus query"},
	{"postgres", "PostgreSQL query"},
	{"json", "JSON URL and pointer"},
};

/* "Reads itself from …; last reading …; last error …" */
static void
status_line(struct request *r, const struct kr_source *s)
{
	struct buf url = BUF_INIT;
	char at[21];

	app_source_url_shown(s->url, &url);
	buf_adds(&r->out, "<p class=\"kr-source\">Reads itself from ");
	html_txt(&r->out, source_kind_name(s->kind));
	buf_adds(&r->out, " <code>");
	html_txt(&r->out, url.buf);
	buf_adds(&r->out, "</code>");
	if (*s->query) {
		buf_adds(&r->out, " (<code>");
		html_txt(&r->out, s->query);
		buf_adds(&r->out, "</code>)");
	}
	buf_addf(&r->out, " every %lld minutes.", (long long)(s->every_s / 60));
	if (s->has_reading) {
		cal_format_instant(s->read_at, at);
		buf_addf(&r->out, " Last reading %g at %s.", s->read_value, at);
	}
	buf_adds(&r->out, "</p>\n");
	if (s->error) {
		cal_format_instant(s->error_at, at);
		buf_addf(&r->out,
			 "<p class=\"kr-source-error\" role=\"status\">Last read failed at %s, "
			 "nothing recorded: ",
			 at);
		html_txt(&r->out, s->error);
		buf_adds(&r->out, "</p>\n");
	}
	buf_release(&url);
}

static void
set_form(struct request *r, const struct key_result *kr, const struct kr_source *s,
	 const struct okra_err *err)
{
	const char *name = arena_sprintf(&r->arena, "source-%" PRId64, kr->id);
	struct form fm = {.r = r, .err = err, .id = name};
	struct buf url = BUF_INIT;

	if (s)
		app_source_url_shown(s->url, &url);
	fm.action = arena_sprintf(&r->arena, "/key-results/%" PRId64 "/source", kr->id);
	form_open(&fm);
	buf_adds(&r->out, s ? "<h4>Change its source</h4>\n" : "<h4>Read it from a source</h4>\n");
	form_top(&fm);
	form_field(&fm, &(struct form_field){.type = FIELD_SELECT,
					     .name = "kind",
					     .id = arena_sprintf(&r->arena, "%s-kind", name),
					     .label = "Source",
					     .value = s ? source_kind_name(s->kind) : "prometheus",
					     .options = kinds,
					     .noptions = 3});
	form_field(&fm,
		   &(struct form_field){
			   .type = FIELD_TEXT,
			   .name = "url",
			   .id = arena_sprintf(&r->arena, "%s-url", name),
			   .label = "URL",
			   .hint = s ? "Type it again to change the source (it is never shown "
				       "again in full)."
				     : "Prometheus's address, a postgresql:// URI (a read-only "
				       "role), or the JSON URL.",
			   .cls = "wide",
			   .required = 1});
	form_field(&fm,
		   &(struct form_field){
			   .type = FIELD_TEXT,
			   .name = "query",
			   .id = arena_sprintf(&r->arena, "%s-query", name),
			   .label = "Query",
			   .value = s ? s->query : NULL,
			   .hint = "A PromQL query of one sample, a SQL query of one number, or a "
				   "JSON pointer like /uptime/ratio.",
			   .cls = "wide"});
	form_field(&fm, &(struct form_field){
				.type = FIELD_NUMBER,
				.name = "every",
				.id = arena_sprintf(&r->arena, "%s-every", name),
				.label = "Every (minutes)",
				.value = arena_sprintf(&r->arena, "%lld",
						       (long long)(s ? s->every_s / 60 : 60)),
				.size = 6});
	buf_adds(&r->out, "<button type=\"submit\">Save source</button>\n");
	form_close(&fm);
	buf_release(&url);
}

/* A form of one button posting to /key-results/ID/WHAT. */
static void
button(struct request *r, const struct key_result *kr, const char *what, const char *label,
       const struct refused_form *f)
{
	const char *name = arena_sprintf(&r->arena, "source-%s-%" PRId64, what, kr->id);
	struct form fm = {.r = r, .id = name, .cls = "inline no-print"};

	if (f && f->form && !strcmp(f->form, name))
		fm.err = f->err;
	fm.action = arena_sprintf(&r->arena, "/key-results/%" PRId64 "/source/%s", kr->id, what);
	form_open(&fm);
	form_top(&fm);
	buf_adds(&r->out, "<button type=\"submit\">");
	html_txt(&r->out, label);
	buf_adds(&r->out, "</button>\n");
	form_close(&fm);
}

void
page_kr_source(struct request *r, const struct objective *o, const struct key_result *kr,
	       const struct refused_form *f)
{
	const char *name = arena_sprintf(&r->arena, "source-%" PRId64, kr->id);
	const char *rd = arena_sprintf(&r->arena, "source-read-%" PRId64, kr->id);
	const char *clr = arena_sprintf(&r->arena, "source-clear-%" PRId64, kr->id);
	int refused = f && f->form &&
		      (!strcmp(f->form, name) || !strcmp(f->form, rd) || !strcmp(f->form, clr));
	struct kr_source s = {0};
	int has;

	if (kr->kind != KR_METRIC)
		return;
	has = app_source_get(r->app, &r->arena, kr->id, &s, NULL) == 0;
	if (has)
		status_line(r, &s);
	if (!refused && (o->row.state == STATE_CLOSED || app_source_may(r->app, kr->id, NULL) < 0))
		return;
	if (has) {
		button(r, kr, "read", "Read now", f);
		button(r, kr, "clear", "Stop reading", f);
	}
	buf_adds(&r->out, "<details class=\"no-print\"");
	buf_adds(&r->out, f && f->form && !strcmp(f->form, name) ? " open" : "");
	buf_adds(&r->out, "><summary>Measure this key result from a source</summary>\n");
	set_form(r, kr, has ? &s : NULL, f && f->form && !strcmp(f->form, name) ? f->err : NULL);
	buf_adds(&r->out, "</details>\n");
}
