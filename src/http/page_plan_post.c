/* page_plan_post.c: the planning forms' POSTs — create or edit an objective, publish a draft —
 * each through the use case the CLI and the API call.
 */
#include "http/page.h"

#include <inttypes.h>
#include <string.h>

#include "core/validate.h"
#include "http/handler.h"
#include "app/objectives.h"
#include "app/reads.h"
#include "app/tree.h"

/* The fields both forms share, read into bufs the caller releases. */
struct plan_fields {
	struct buf title, parent, dri, weight, context;
	struct strlist links;
};

void
page_form_text(struct request *r, const char *name, struct buf *out)
{
	size_t k = out->len;

	page_form(r, name, out);
	for (size_t i = k; i < out->len; i++)
		if (!(out->buf[i] == '\r' && out->buf[i + 1] == '\n'))
			out->buf[k++] = out->buf[i];
	out->len = k;
	if (out->alloc)
		out->buf[k] = '\0';
}

static void
read_fields(struct request *r, struct plan_fields *p)
{
	page_form(r, "title", &p->title);
	page_form(r, "parent", &p->parent);
	page_form(r, "dri", &p->dri);
	page_form(r, "weight", &p->weight);
	page_form_text(r, "context", &p->context);
	page_form_lines(r, "links", &p->links);
}

static void
release_fields(struct plan_fields *p)
{
	buf_release(&p->title);
	buf_release(&p->parent);
	buf_release(&p->dri);
	buf_release(&p->weight);
	buf_release(&p->context);
	strlist_release(&p->links);
}

/* Text into the parent's id (0 = none) and the weight (has = given). */
static int
parse_numbers(struct plan_fields *p, int64_t *parent, double *weight, int *has,
	      struct okra_err *err)
{
	int rc;

	*parent = 0;
	*has = 0;
	if (p->parent.len && (rc = validate_id("parent", p->parent.buf, parent, err)) < 0)
		return rc;
	if (p->weight.len) {
		*has = 1;
		return validate_number("weight", p->weight.buf, weight, err);
	}
	return 0;
}

static int
after(struct request *r, int64_t id, int64_t saved, int rc, const struct okra_err *err)
{
	struct buf url = BUF_INIT;

	if (rc < 0)
		return plan_objective_page(r, id, err, form_status(rc));
	page_url_objective(&url, saved);
	page_redirect(r, url.buf);
	buf_release(&url);
	return 0;
}

int
h_page_objective_new_post(struct request *r)
{
	struct okra_err err = {0};
	struct plan_fields p = {BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT, {0}};
	struct buf cycle = BUF_INIT, team = BUF_INIT, draft = BUF_INIT;
	struct objective_input in = {0};
	int64_t id = 0;
	int rc;

	if (page_form_check(r) < 0)
		return 0;
	read_fields(r, &p);
	page_form(r, "cycle", &cycle);
	page_form(r, "team", &team);
	page_form(r, "draft", &draft);
	in.cycle = cycle.buf;
	in.team = team.buf;
	in.dri = p.dri.buf;
	in.title = p.title.buf;
	in.context = p.context.buf;
	in.draft = draft.len > 0;
	in.links = &p.links;
	if ((rc = parse_numbers(&p, &in.parent, &in.weight, &in.has_weight, &err)) == 0)
		rc = app_objective_add(r->app, &in, &id, &err);
	after(r, 0, id, rc, &err);
	release_fields(&p);
	buf_release(&cycle);
	buf_release(&team);
	buf_release(&draft);
	return 0;
}

/* Links typed on the edit form are added, each in its own use case, once the edit is saved. */
static int
add_links(struct request *r, int64_t id, const struct strlist *links, struct okra_err *err)
{
	int64_t lid;
	int rc;

	for (size_t i = 0; i < links->n; i++)
		if ((rc = app_link_add(r->app, id, links->v[i], NULL, &lid, err)) < 0)
			return rc;
	return 0;
}

/* Only what changed is sent, so an unchanged parent or weight asks no right of its own. */
static int
edit(struct request *r, const struct objective *o, struct plan_fields *p, struct objective_edit *e,
     struct okra_err *err)
{
	struct buf version = BUF_INIT;
	double weight = 1;
	int64_t parent, id = o->id;
	int has, rc;

	if ((rc = parse_numbers(p, &parent, &weight, &has, err)) < 0)
		return rc;
	page_form(r, "version", &version);
	if (version.len && (rc = validate_id("version", version.buf, &e->if_version, err)) < 0)
		goto out;
	e->title = strcmp(p->title.buf, o->title) ? p->title.buf : NULL;
	e->context = strcmp(p->context.buf, o->context) ? p->context.buf : NULL;
	e->dri = strcmp(p->dri.buf, o->dri_handle ? o->dri_handle : "") ? p->dri.buf : NULL;
	e->set_parent = parent != o->parent;
	e->parent = parent;
	e->set_weight = has && weight != o->weight;
	e->weight = weight;
	if ((rc = app_objective_edit(r->app, id, e, err)) == 0)
		rc = add_links(r, id, &p->links, err);
out:
	buf_release(&version);
	return rc;
}

int
h_page_objective_edit_post(struct request *r)
{
	struct okra_err err = {0};
	struct plan_fields p = {BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT, {0}};
	struct objective_edit e = {0};
	struct app_tree t = {0};
	size_t idx;
	int64_t id;
	int rc;

	if (page_post_objective(r, &id, &t, &idx) < 0)
		return 0;
	read_fields(r, &p);
	rc = edit(r, &t.v[idx], &p, &e, &err);
	after(r, id, id, rc, &err);
	release_fields(&p);
	return 0;
}

int
h_page_objective_publish(struct request *r)
{
	struct okra_err err = {0};
	struct objective_edit e = {.state = "active"};
	struct refused_form f = {"publish", &err};
	struct buf url = BUF_INIT;
	int64_t id;
	int rc;

	if (page_post_objective_id(r, &id) < 0)
		return 0;
	if ((rc = app_objective_edit(r->app, id, &e, &err)) < 0)
		return objective_page(r, id, &f, form_status(rc));
	page_url_objective(&url, id);
	page_redirect(r, url.buf);
	buf_release(&url);
	return 0;
}
