/* page_plan_delete.c: a draft taken back on its page — the draft objective deleted, or a key
 * result of one — with the refusals of okra objective delete / kr delete and the API's DELETE
 * (a published objective is closed, not deleted), and their POSTs. */
#include "http/page.h"

#include <inttypes.h>
#include <string.h>

#include "http/handler.h"
#include "app/corrections.h"
#include "app/reads.h"
#include "app/tree.h"
#include "util/html.h"

static const struct okra_err *
refused(const struct refused_form *f, const char *name)
{
	return f && f->form && !strcmp(f->form, name) ? f->err : NULL;
}

static void
button(struct request *r, const char *action, const char *name, const char *label,
       const char *confirm, const struct refused_form *f)
{
	struct form fm = {.r = r,
			  .err = refused(f, name),
			  .action = action,
			  .id = name,
			  .cls = "inline no-print",
			  .confirm = confirm};

	form_open(&fm);
	form_top(&fm);
	buf_adds(&r->out, "<button type=\"submit\" class=\"small\">");
	html_txt(&r->out, label);
	buf_adds(&r->out, "</button>\n");
	form_close(&fm);
}

void
page_delete_draft(struct request *r, const struct objective *o, const struct refused_form *f)
{
	if (o->state != STATE_DRAFT && !refused(f, "delete-draft"))
		return;
	button(r, arena_sprintf(&r->arena, "/objectives/%" PRId64 "/delete", o->id), "delete-draft",
	       "Delete this draft",
	       "Delete this draft and its key results? Nothing of it is kept but the audit trail.",
	       f);
}

void
page_delete_kr(struct request *r, const struct objective *o, const struct key_result *kr,
	       const struct refused_form *f)
{
	const char *name = arena_sprintf(&r->arena, "delete-kr-%" PRId64, kr->id);

	if (o->state != STATE_DRAFT && !refused(f, name))
		return;
	button(r, arena_sprintf(&r->arena, "/key-results/%" PRId64 "/delete", kr->id), name,
	       arena_sprintf(&r->arena, "Delete key result %s", kr->title),
	       "Delete this key result of the draft?", f);
}

int
h_page_objective_delete(struct request *r)
{
	struct okra_err err = {0};
	struct app_tree t = {0};
	struct buf url = BUF_INIT;
	int64_t id;
	size_t idx;
	int rc;

	if (page_post_objective(r, &id, &t, &idx) < 0)
		return 0;
	if ((rc = app_objective_delete(r->app, id, &err)) < 0)
		return objective_page_after(r, id, "delete-draft", "delete-draft", rc, &err);
	page_url_cycle(&url, t.v[idx].cycle_name);
	buf_adds(&url, "/plan");
	page_redirect(r, url.buf);
	buf_release(&url);
	return 0;
}

int
h_page_kr_delete(struct request *r)
{
	struct okra_err err = {0};
	struct key_result kr = {0};
	int64_t id;
	int rc;

	if (page_post_kr(r, &id, &kr) < 0)
		return 0;
	rc = app_kr_delete(r->app, id, &err);
	return objective_page_after(
		r, kr.objective, arena_sprintf(&r->arena, "delete-kr-%" PRId64, id),
		rc < 0 ? arena_sprintf(&r->arena, "kr-%" PRId64, id) : "add-kr", rc, &err);
}
