/* import_md.c: okra import — the handbook Markdown, read by core/md_import.c, applied in one
 * transaction. */
#include "app/app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_int.h"
#include "core/handbook.h"
#include "core/md_import.h"
#include "app/objectives.h"
#include "app/updates.h"
#include "app/tree.h"
#include "app/transfer.h"

/*
 * Two passes: md_import_parse reads the file into plain structs, every item
 * remembering its line; then the structs are applied here through the ordinary
 * use cases inside one transaction, so a failure anywhere rolls the whole
 * import back. An item with an id updates what is there (only what differs);
 * one without creates.
 */

struct imp {
	const char *file;
	struct okra_err *err;
};

static int
fail(struct imp *im, int line, const char *msg)
{
	return okra_err_set(im->err, OKRA_EINVAL, "file", "%s:%d: %s", im->file, line, msg);
}

/* An error of a use case prefixed with FILE:LINE. */
static int
at(struct imp *im, int line, int rc)
{
	char msg[sizeof(im->err->msg)];

	memcpy(msg, im->err->msg, sizeof(msg));
	return okra_err_set(im->err, rc, im->err->field, "%s:%d: %.400s", im->file, line, msg);
}

static int
same_text(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

/* Free text as the handbook writes it (leading newlines, trailing white space dropped). */
static int
same_body(const char *a, const char *b)
{
	size_t la, lb;

	a = a ? a + strspn(a, "\r\n") : "";
	b = b ? b + strspn(b, "\r\n") : "";
	la = strlen(a);
	lb = strlen(b);
	while (la && strchr(" \t\r\n", a[la - 1]))
		la--;
	while (lb && strchr(" \t\r\n", b[lb - 1]))
		lb--;
	return la == lb && memcmp(a, b, la) == 0;
}

static int
same_num(double a, double b)
{
	struct buf x = BUF_INIT, y = BUF_INIT;
	int same;

	handbook_number(&x, a);
	handbook_number(&y, b);
	same = strcmp(x.buf, y.buf) == 0;
	buf_release(&x);
	buf_release(&y);
	return same;
}

static int
same_list(const struct strlist *a, const struct strlist *b)
{
	if (a->n != b->n)
		return 0;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->v[i], b->v[i]) != 0)
			return 0;
	return 1;
}

static int
set_state(struct imp *im, struct app *a, int line, const char *ref, int closed, enum item_state now)
{
	int64_t changed;
	int rc;

	if ((closed ? ITEM_CLOSED : ITEM_OPEN) == now)
		return 0;
	rc = app_ref_set_state(a, ref, closed ? ITEM_CLOSED : ITEM_OPEN, SOURCE_MANUAL, &changed,
			       im->err);
	return rc < 0 ? at(im, line, rc) : 0;
}

static const struct key_result *
find_kr(const struct objective *o, int64_t id)
{
	for (size_t i = 0; i < o->nkrs; i++)
		if (o->krs[i].id == id)
			return &o->krs[i];
	return NULL;
}

static int
apply_kr(struct imp *im, struct app *a, const struct import_md_defaults *d,
	 struct md_import_obj *io, int64_t oid, const struct objective *cur_o,
	 struct md_import_kr *ik)
{
	const struct key_result *cur = NULL;
	int64_t kid = ik->id, id;
	int rc = 0, metric = ik->kind && strcmp(ik->kind, "metric") == 0;
	size_t i, j;

	if (ik->kind && !metric && strcmp(ik->kind, "criteria") != 0)
		return fail(im, ik->head_line, "kind is \"metric\" or \"criteria\"");
	if (kid) {
		if (!cur_o || !(cur = find_kr(cur_o, kid))) {
			char msg[120];

			snprintf(msg, sizeof(msg), "key result %lld is not one of this objective's",
				 (long long)kid);
			return fail(im, ik->head_line, msg);
		}
		if ((cur->kind == KR_METRIC) != metric && ik->kind)
			return fail(im, ik->head_line, "a key result's kind cannot change");
		metric = cur->kind == KR_METRIC;
		struct kr_edit e = {0};
		int any = 0;

		if (!same_text(ik->title, cur->title))
			e.title = ik->title, any = 1;
		if (ik->dri && !same_text(ik->dri, cur->dri_handle))
			e.dri = ik->dri, any = 1;
		if (!same_body(ik->context, cur->context))
			e.context = ik->context ? ik->context : "", any = 1;
		if (metric && ik->unit && !same_text(ik->unit, cur->unit))
			e.unit = ik->unit, any = 1;
		if (metric && ik->has_start && !same_num(ik->start, cur->start))
			e.set_start = 1, e.start = ik->start, any = 1;
		if (metric && ik->has_target && !same_num(ik->target, cur->target))
			e.set_target = 1, e.target = ik->target, any = 1;
		if (ik->has_weight && !same_num(ik->weight, cur->weight))
			e.set_weight = 1, e.weight = ik->weight, any = 1;
		if (any && (rc = app_kr_edit(a, kid, &e, im->err)) < 0)
			return at(im, ik->head_line, rc);
	} else {
		struct kr_input in = {
			.objective = oid,
			.title = ik->title,
			.dri = ik->dri   ? ik->dri
			       : io->dri ? io->dri
					 : d->dri,
			.context = ik->context,
			.kind = metric ? KR_METRIC : KR_CRITERIA,
			.unit = ik->unit,
			.start = ik->start,
			.target = ik->target,
			.weight = ik->weight,
			.has_weight = ik->has_weight,
		};
		if (metric && !(ik->has_start && ik->has_target))
			return fail(im, ik->head_line,
				    "a metric key result needs start and target (R2)");
		if (!in.dri)
			return fail(im, ik->line,
				    "no DRI: give \"dri:\" in the okra block or --dri");
		if ((rc = app_kr_add(a, &in, &kid, im->err)) < 0)
			return at(im, ik->line, rc);
	}
	for (i = 0; i < ik->criteria.n; i++) {
		struct md_import_item *c = &ik->criteria.v[i];
		const struct criterion *have = NULL;

		for (j = 0; cur && j < cur->ncriteria; j++)
			if (strcmp(cur->criteria[j].ref, c->it.ref) == 0)
				have = &cur->criteria[j];
		if (have && !same_num(have->contribution, c->it.pct))
			return fail(im, c->line,
				    "import does not change an existing criterion's contribution");
		if (!have && (rc = app_criterion_add(a, kid, c->it.ref, c->it.pct, c->it.title, &id,
						     im->err)) < 0)
			return at(im, c->line, rc);
		if ((rc = set_state(im, a, c->line, c->it.ref, c->it.closed,
				    have ? have->state : ITEM_OPEN)) < 0)
			return rc;
	}
	for (i = 0; i < ik->initiatives.n; i++) {
		struct md_import_item *c = &ik->initiatives.v[i];
		const struct initiative *have = NULL;

		for (j = 0; cur && j < cur->ninitiatives; j++)
			if (same_text(cur->initiatives[j].title, c->it.title) &&
			    same_text(cur->initiatives[j].ref, c->it.ref))
				have = &cur->initiatives[j];
		if (!have &&
		    (rc = app_initiative_add(a, kid, c->it.title, c->it.ref, &id, im->err)) < 0)
			return at(im, c->line, rc);
		if (c->it.ref && (rc = set_state(im, a, c->line, c->it.ref, c->it.closed,
						 have ? have->state : ITEM_OPEN)) < 0)
			return rc;
	}
	return 0;
}

/* The changes an objective's fields make to the stored one, as one edit (if any). */
static int
edit_obj(struct imp *im, struct app *a, struct md_import_obj *io, int64_t oid,
	 const struct objective *cur)
{
	struct objective_edit e = {0};
	int any = 0, rc;

	if (io->cycle && !same_text(io->cycle, cur->cycle_name))
		return fail(im, io->head_line,
			    "import does not move an objective to another cycle");
	if (io->team && !same_text(io->team, cur->team_slug))
		return fail(im, io->head_line, "import does not move an objective to another team");
	if (!same_text(io->title, cur->title))
		e.title = io->title, any = 1;
	if (!same_body(io->context, cur->context))
		e.context = io->context ? io->context : "", any = 1;
	if (!same_body(io->sections, cur->sections))
		e.sections = io->sections ? io->sections : "", any = 1;
	if (io->dri && !same_text(io->dri, cur->dri_handle))
		e.dri = io->dri, any = 1;
	if (io->has_parent && io->parent != cur->parent)
		e.set_parent = 1, e.parent = io->parent, any = 1;
	if (io->has_weight && !same_num(io->weight, cur->weight))
		e.set_weight = 1, e.weight = io->weight, any = 1;
	if (io->state && strcmp(io->state, "closed") != 0 &&
	    strcmp(io->state, state_name(cur->state)) != 0)
		e.state = io->state, any = 1;
	if (any && (rc = app_objective_edit(a, oid, &e, im->err)) < 0)
		return at(im, io->head_line, rc);
	return 0;
}

/* A new objective, the defaults standing in for what the file does not give. */
static int
add_obj(struct imp *im, struct app *a, const struct import_md_defaults *d, struct md_import_obj *io,
	int64_t *oid)
{
	struct objective_input in = {
		.cycle = io->cycle ? io->cycle : d->cycle,
		.team = io->team ? io->team : d->team,
		.parent = io->parent,
		.dri = io->dri ? io->dri : d->dri,
		.title = io->title,
		.context = io->context,
		.sections = io->sections,
		.weight = io->weight,
		.has_weight = io->has_weight,
		.draft = io->state && strcmp(io->state, "draft") == 0,
	};
	int rc;

	if (!in.cycle)
		return fail(im, io->line, "no cycle: give \"cycle:\" in the okra block or --cycle");
	if (!in.dri)
		return fail(im, io->line, "no DRI: give \"dri:\" in the okra block or --dri");
	if ((rc = app_objective_add(a, &in, oid, im->err)) < 0)
		return at(im, io->line, rc);
	return 0;
}

/* Links not there yet added; each one's state made what the file says. */
static int
apply_links(struct imp *im, struct app *a, struct md_import_obj *io, int64_t oid,
	    const struct objective *cur)
{
	int64_t id;
	int rc;

	for (size_t i = 0; i < io->links.n; i++) {
		struct md_import_item *l = &io->links.v[i];
		const struct link *have = NULL;

		for (size_t j = 0; cur && j < cur->nlinks; j++)
			if (strcmp(cur->links[j].ref, l->it.ref) == 0)
				have = &cur->links[j];
		if (!have && (rc = app_link_add(a, oid, l->it.ref, l->it.title, &id, im->err)) < 0)
			return at(im, l->line, rc);
		if ((rc = set_state(im, a, l->line, l->it.ref, l->it.closed,
				    have ? have->state : ITEM_OPEN)) < 0)
			return rc;
	}
	return 0;
}

/* The retro written again only when it differs; then closing, if the file says closed. */
static int
apply_retro_close(struct imp *im, struct app *a, struct md_import_obj *io, int64_t oid,
		  const struct objective *cur, int final)
{
	int rc;

	if (io->has_retro &&
	    (!cur || !cur->has_retro || !same_list(&io->good, &cur->retro.good) ||
	     !same_list(&io->bad, &cur->retro.bad) || !same_list(&io->try, &cur->retro.try) ||
	     final != (cur->retro.final_at != 0)) &&
	    (rc = app_retro(a, oid, &io->good, &io->bad, &io->try, final, im->err)) < 0)
		return at(im, io->retro_line, rc);
	if (io->state && strcmp(io->state, "closed") == 0 && (!cur || cur->state != STATE_CLOSED) &&
	    (rc = app_objective_close(a, oid, im->err)) < 0)
		return at(im, io->head_line, rc);
	return 0;
}

static int
apply_obj(struct imp *im, struct app *a, const struct import_md_defaults *d,
	  struct md_import_obj *io, int64_t *created, int64_t *updated)
{
	struct arena ar = ARENA_INIT;
	struct app_tree t = {0};
	const struct objective *cur = NULL;
	int64_t oid = io->id;
	size_t idx, i;
	int rc = 0, final = io->retro_kind && strcmp(io->retro_kind, "final") == 0;

	if (io->state && state_parse(io->state) < 0) {
		rc = fail(im, io->head_line, "state is draft, active or closed");
		goto out;
	}
	if (io->retro_kind && !final && strcmp(io->retro_kind, "draft") != 0) {
		rc = fail(im, io->head_line, "retro is draft or final");
		goto out;
	}
	if (oid) {
		if ((rc = app_objective_tree(a, &ar, oid, &t, &idx, im->err)) < 0) {
			rc = at(im, io->head_line, rc);
			goto out;
		}
		cur = &t.v[idx];
		if ((rc = edit_obj(im, a, io, oid, cur)) < 0)
			goto out;
		(*updated)++;
	} else {
		if ((rc = add_obj(im, a, d, io, &oid)) < 0)
			goto out;
		(*created)++;
	}
	if ((rc = apply_links(im, a, io, oid, cur)) < 0)
		goto out;
	for (i = 0; i < io->nkrs; i++)
		if ((rc = apply_kr(im, a, d, io, oid, cur, &io->krs[i])) < 0)
			goto out;
	rc = apply_retro_close(im, a, io, oid, cur, final);
out:
	arena_release(&ar);
	return rc;
}

int
app_import_md(struct app *a, const char *file, const char *text, size_t len,
	      const struct import_md_defaults *d, int64_t *created, int64_t *updated,
	      struct okra_err *err)
{
	static const struct import_md_defaults none = {0};
	struct imp im = {.file = file, .err = err};
	struct md_import doc = {0};
	size_t i;
	int rc;

	/* The header allows NULL defaults; the appliers read d's fields unchecked. */
	if (!d)
		d = &none;
	*created = *updated = 0;
	if (len > IMPORT_MD_MAX) {
		rc = okra_err_set(err, OKRA_EINVAL, "file", "%s:1: larger than %d MiB", file,
				  IMPORT_MD_MAX >> 20);
		goto out;
	}
	if ((rc = md_import_parse(&doc, file, text, len, err)) < 0)
		goto out;
	if ((rc = app_tx_begin(a, err)) < 0)
		goto out;
	for (i = 0; i < doc.nobjs && rc == 0; i++)
		rc = apply_obj(&im, a, d, &doc.objs[i], created, updated);
	rc = app_tx_end(a, rc, err);
	if (rc < 0)
		*created = *updated = 0;
out:
	md_import_release(&doc);
	return rc;
}
