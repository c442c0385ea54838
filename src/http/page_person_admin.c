/* page_person_admin.c: on a person's page, what only admins see: their role and join date, the
 * hand-over of what they own to someone else, and deactivate or reactivate.
 */
#include "http/page.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "util/arena.h"
#include "app/people.h"
#include "app/reads.h"

/* The refusal of the form named name, or NULL. */
static const struct okra_err *
refused(const struct refused_form *f, const char *name)
{
	return f && f->form && !strcmp(f->form, name) ? f->err : NULL;
}

/* "/people/HANDLE/what" into url. */
static void
action_url(struct buf *url, const struct person *p, const char *what)
{
	buf_reset(url);
	page_url_person(url, p->handle);
	buf_addf(url, "/%s", what);
}

static void
edit_form(struct request *r, const struct person *p, const struct refused_form *fr, struct buf *url)
{
	struct form f = {.r = r, .err = refused(fr, "edit"), .action = url->buf, .id = "edit"};
	char joined[11] = "";

	action_url(url, p, "edit");
	f.action = url->buf;
	if (p->joined_on != DATE_NONE)
		cal_format_date(p->joined_on, joined);
	form_open(&f);
	buf_adds(&r->out, "<h2>Role and join date</h2>\n");
	form_top(&f);
	form_field(&f, &(struct form_field){.type = FIELD_TEXT,
					    .name = "name",
					    .id = "edit-name",
					    .label = "Name",
					    .value = p->name,
					    .required = 1});
	form_field(&f, &(struct form_field){.type = FIELD_TEXT,
					    .name = "email",
					    .id = "edit-email",
					    .label = "E-mail",
					    .value = p->email ? p->email : ""});
	form_field(&f, &(struct form_field){.type = FIELD_SELECT,
					    .name = "role",
					    .id = "edit-role",
					    .label = "Role",
					    .value = role_name(p->role),
					    .options = page_role_options,
					    .noptions = PAGE_NROLES});
	form_field(&f,
		   &(struct form_field){.type = FIELD_DATE,
					.name = "joined_on",
					.id = "edit-joined",
					.label = "Joined on",
					.value = joined,
					.hint = "New joiners sit out OKRs for three months (R4)"});
	buf_adds(&r->out, "<button type=\"submit\">Save</button>\n");
	form_close(&f);
}

/* Everyone who could take over: active, not a viewer, not p. */
static struct form_option *
takers(struct request *r, const struct person *p, size_t *n)
{
	struct okra_err err = {0};
	struct person *v = NULL;
	struct form_option *o;
	size_t np = 0;

	*n = 0;
	if (app_people(r->app, &r->arena, &v, &np, &err) < 0)
		return NULL;
	o = arena_calloc(&r->arena, np ? np : 1, sizeof(*o));
	for (size_t i = 0; i < np; i++) {
		if (v[i].id != p->id && !v[i].deactivated_at && v[i].role != ROLE_VIEWER) {
			o[*n].value = v[i].handle;
			o[*n].label = arena_sprintf(&r->arena, "%s (%s)", v[i].name, v[i].handle);
			(*n)++;
		}
	}
	return o;
}

static void
owned_list(struct request *r, const struct owned *v, size_t n)
{
	struct buf *b = &r->out, url = BUF_INIT;

	buf_adds(b, "<ul>\n");
	for (size_t i = 0; i < n; i++) {
		buf_adds(b, v[i].kind == 'o' ? "<li>Objective " : "<li>Key result in ");
		buf_reset(&url);
		page_url_objective(&url, v[i].objective);
		page_link(b, url.buf, v[i].title);
		buf_adds(b, "</li>\n");
	}
	buf_adds(b, "</ul>\n");
	buf_release(&url);
}

static void
handover_form(struct request *r, const struct person *p, const struct refused_form *fr,
	      struct buf *url)
{
	struct form f = {.r = r, .err = refused(fr, "handover"), .id = "handover"};
	struct okra_err err = {0};
	struct owned *v = NULL;
	struct form_option *opts;
	size_t n = 0, nt = 0, objs = 0;

	if (app_person_owned(r->app, &r->arena, p, &v, &n, &err) < 0)
		return;
	for (size_t i = 0; i < n; i++)
		objs += v[i].kind == 'o';
	buf_adds(&r->out, "<h2>What they own</h2>\n");
	if (!n && !f.err) {
		buf_adds(&r->out,
			 "<p class=\"muted\">Nothing to hand over: they are DRI of no "
			 "open objective or key result.</p>\n");
		return;
	}
	buf_addf(&r->out, "<p>DRI of %zu objective%s and %zu key result%s not closed:</p>\n", objs,
		 objs == 1 ? "" : "s", n - objs, n - objs == 1 ? "" : "s");
	owned_list(r, v, n);
	opts = takers(r, p, &nt);
	action_url(url, p, "handover");
	f.action = url->buf;
	form_open(&f);
	buf_adds(&r->out, "<h3>Hand over</h3>\n");
	form_top(&f);
	form_field(&f, &(struct form_field){.type = FIELD_SELECT,
					    .name = "to",
					    .id = "handover-to",
					    .label = "Give all of it to",
					    .options = opts,
					    .noptions = nt,
					    .value = ""});
	buf_adds(&r->out, "<button type=\"submit\">Hand over</button>\n");
	form_close(&f);
}

static void
active_form(struct request *r, const struct person *p, const struct refused_form *fr,
	    struct buf *url)
{
	const char *what = p->deactivated_at ? "reactivate" : "deactivate";
	struct form f = {.r = r, .err = refused(fr, what), .id = what};

	action_url(url, p, what);
	f.action = url->buf;
	if (!p->deactivated_at)
		f.confirm = "Deactivate them? They will be signed out and cannot sign in.";
	form_open(&f);
	buf_adds(&r->out, p->deactivated_at ? "<h2>Reactivate</h2>\n<p>They may sign in again "
					      "with their password and API tokens.</p>\n"
					    : "<h2>Deactivate</h2>\n<p>For someone who left: "
					      "they are signed out, cannot sign in nor be a DRI, "
					      "and their history stays.</p>\n");
	form_top(&f);
	buf_adds(&r->out, p->deactivated_at ? "<button type=\"submit\">Reactivate</button>\n"
					    : "<button type=\"submit\">Deactivate</button>\n");
	form_close(&f);
}

void
page_person_admin(struct request *r, const struct person *p, const struct refused_form *f)
{
	struct buf url = BUF_INIT;

	edit_form(r, p, f, &url);
	handover_form(r, p, f, &url);
	active_form(r, p, f, &url);
	buf_release(&url);
}
