/* api_okr.c: /api/v1 objectives, key results, criteria and initiatives over the app use cases. */
#include "http/handler.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/json_write.h"
#include "core/validate.h"
#include "http/body.h"
#include "http/paging.h"
#include "util/xalloc.h"
#include "app/corrections.h"
#include "app/objectives.h"
#include "app/updates.h"
#include "app/tree.h"
#include "app/reads.h"

/*
 * The headers of an item's reply: its ETag, and for a 201 that made the item
 * its Location, base followed by the id.
 */
static void
item_headers(struct request *r, char kind, int64_t id, int64_t version, int status, int located,
	     const char *base)
{
	char loc[64];

	etag_set(r, kind, id, version);
	if (status == 201 && located) {
		snprintf(loc, sizeof(loc), "%s%" PRId64, base, id);
		reply_header(r, "Location", loc);
	}
}

/* An optional number of the body: 1 with *out if it is there, else 0 with *out untouched. */
static int
body_num_if(json_t *b, const char *name, double *out)
{
	if (!body_has(b, name))
		return 0;
	*out = body_num(b, name);
	return 1;
}

/* The body's health into *h: 0, or -1 after the 422. */
static int
body_health(struct request *r, json_t *b, enum health *h)
{
	struct okra_err err = {0};
	int rc;

	if ((rc = validate_health("health", body_str(b, "health"), h, &err)) < 0)
		return reply_error(r, rc, &err, NULL);
	return 0;
}

/*
 * The objective as DESIGN.md §4 shapes it, with its ETag; a 201 for the
 * objective itself names it in Location. (Adding a link or a criterion also
 * answers 201 with the parent, but the new item has no URL of its own, so
 * there is no Location: status 201 with located 0.)
 */
static int
reply_objective_at(struct request *r, int64_t id, int status, int located)
{
	struct okra_err err = {0};
	struct app_tree t = {0};
	size_t idx;
	int rc;

	if ((rc = app_objective_tree(r->app, &r->arena, id, &t, &idx, &err)) < 0)
		return reply_error(r, rc, &err, "objective");
	item_headers(r, 'o', id, t.v[idx].version, status, located, "/api/v1/objectives/");
	app_jw_objective(reply_json_begin(r), &t, idx);
	return reply_json_end(r, status);
}

static int
reply_objective(struct request *r, int64_t id, int status)
{
	return reply_objective_at(r, id, status, 1);
}

static int
reply_kr_at(struct request *r, int64_t id, int status, int located)
{
	struct okra_err err = {0};
	struct key_result kr = {0};
	struct checkin *h = NULL;
	size_t n = 0;
	int rc;

	if ((rc = app_kr(r->app, &r->arena, id, &kr, &h, &n, &err)) < 0)
		return reply_error(r, rc, &err, "key_result");
	item_headers(r, 'k', id, kr.version, status, located, "/api/v1/key-results/");
	app_jw_kr(reply_json_begin(r), &kr);
	reply_json_end(r, status);
	return 0;
}

static int
reply_kr(struct request *r, int64_t id, int status)
{
	return reply_kr_at(r, id, status, 1);
}

struct ids {
	int64_t *v;
	size_t n, alloc;
};

static void
flatten(const struct app_tree *t, size_t idx, const char *team, int64_t cursor, struct ids *out)
{
	const struct objective *o = &t->v[idx];

	if (o->id > cursor && (!team || (o->team_slug && !strcmp(team, o->team_slug)))) {
		ALLOC_GROW(out->v, out->n + 1, out->alloc);
		out->v[out->n++] = o->id;
	}
	for (size_t i = 0; i < o->nchildren; i++)
		flatten(t, o->children[i], team, cursor, out);
}

static int
cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

int
h_objectives_list(struct request *r)
{
	struct okra_err err = {0};
	struct app_tree t = {0};
	const char *cycle = req_query(r, "cycle"), *team = req_query(r, "team");
	struct ids ids = {0};
	struct jw *w;
	int64_t cursor;
	int limit, rc;

	if (page_params(r, &limit, &cursor) < 0)
		goto out;
	if ((rc = app_tree(r->app, &r->arena, cycle, &t, &err)) < 0) {
		reply_error(r, rc, &err, "cycle");
		goto out;
	}
	for (size_t i = 0; i < t.nroots; i++)
		flatten(&t, t.roots[i], team, cursor, &ids);
	/* Pages go by id, so a cursor stays valid while objectives are added. */
	if (ids.n)
		qsort(ids.v, ids.n, sizeof(*ids.v), cmp_id);
	w = reply_json_begin(r);
	jw_array(w);
	for (size_t i = 0; i < ids.n && (int)i < limit; i++)
		app_jw_objective_item(w, &t.v[app_tree_find(&t, ids.v[i])]);
	jw_end(w);
	if (ids.n > (size_t)limit)
		reply_next_link(r, ids.v[limit - 1], limit);
	reply_json_end(r, 200);
out:
	free(ids.v);
	return 0;
}

int
h_objectives_post(struct request *r)
{
	struct objective_input in = {0};
	struct strlist links = {0};
	struct okra_err err = {0};
	json_t *b = req_body(r);
	int64_t id;
	int rc;

	if (!b)
		goto out;
	in.cycle = body_str(b, "cycle");
	in.team = body_str(b, "team");
	in.parent = body_int(b, "parent");
	in.dri = body_str(b, "dri");
	in.title = body_str(b, "title");
	in.context = body_str(b, "context");
	in.sections = body_str(b, "sections");
	in.has_weight = body_num_if(b, "weight", &in.weight);
	in.draft = json_is_true(json_object_get(b, "draft"));
	body_strings(b, "links", &links);
	in.links = &links;
	if ((rc = app_objective_add(r->app, &in, &id, &err)) < 0)
		reply_error(r, rc, &err, NULL);
	else
		reply_objective(r, id, 201);
out:
	strlist_release(&links);
	json_decref(b);
	return 0;
}

int
h_objective_get(struct request *r)
{
	int64_t id;

	if (req_id(r, 0, &id) < 0)
		return 0;
	return reply_objective(r, id, 200);
}

int
h_objective_patch(struct request *r)
{
	struct objective_edit e = {0};
	struct okra_err err = {0};
	json_t *b = NULL;
	int64_t id;
	int rc;

	if (req_id(r, 0, &id) < 0 || !(b = req_body(r)))
		goto out;
	if (json_object_get(b, "progress")) {
		e.set_progress = 1; /* refused by the app with the reason (R10) */
	} else if ((e.if_version = etag_required(r, 'o', id)) < 0) {
		goto out;
	}
	e.title = body_str(b, "title");
	e.context = body_str(b, "context");
	e.sections = body_str(b, "sections");
	e.dri = body_str(b, "dri");
	if (json_object_get(b, "parent")) {
		e.set_parent = 1;
		e.parent = body_int(b, "parent");
	}
	e.set_weight = body_num_if(b, "weight", &e.weight);
	e.state = body_str(b, "state");
	if ((rc = app_objective_edit(r->app, id, &e, &err)) < 0)
		reply_error(r, rc, &err, "objective");
	else
		reply_objective(r, id, 200);
out:
	json_decref(b);
	return 0;
}

int
h_objective_status_get(struct request *r)
{
	struct okra_err err = {0};
	struct status_update *v = NULL;
	struct app_tree t = {0};
	size_t n = 0, idx;
	struct jw *w;
	int64_t id;
	int rc;

	if (req_id(r, 0, &id) < 0)
		return 0;
	/* 404 for an objective that does not exist, not an empty list. */
	if ((rc = app_objective_tree(r->app, &r->arena, id, &t, &idx, &err)) < 0 ||
	    (rc = app_status_history(r->app, &r->arena, id, &v, &n, &err)) < 0)
		return reply_error(r, rc, &err, "objective");
	w = reply_json_begin(r);
	jw_array(w);
	for (size_t i = 0; i < n; i++)
		app_jw_status(w, &v[i]);
	jw_end(w);
	return reply_json_end(r, 200);
}

int
h_objective_status_post(struct request *r)
{
	struct status_input in = {0};
	struct status_update *v = NULL;
	struct okra_err err = {0};
	json_t *b = NULL;
	size_t n = 0, i;
	int64_t id, sid;
	int rc;

	if (req_id(r, 0, &id) < 0 || !(b = req_body(r)))
		goto out;
	if (body_health(r, b, &in.health) < 0)
		goto out;
	in.objective = id;
	if (req_body_status_lines(r, b, &in.lines, &in.nlines) < 0)
		goto out;
	if ((rc = app_status(r->app, &in, &sid, &err)) < 0) {
		reply_error(r, rc, &err, "objective");
		goto out;
	}
	if ((rc = app_status_history(r->app, &r->arena, id, &v, &n, &err)) < 0) {
		reply_error(r, rc, &err, "objective");
		goto out;
	}
	for (i = 0; i < n; i++)
		if (v[i].id == sid) {
			app_jw_status(reply_json_begin(r), &v[i]);
			reply_json_end(r, 201);
		}
out:
	json_decref(b);
	return 0;
}

int
h_objective_retro_post(struct request *r)
{
	struct strlist g = {0}, bd = {0}, t = {0};
	struct okra_err err = {0};
	json_t *b = NULL;
	int64_t id;
	int rc;

	if (req_id(r, 0, &id) < 0 || !(b = req_body(r)))
		goto out;
	body_strings(b, "good", &g);
	body_strings(b, "bad", &bd);
	body_strings(b, "try", &t);
	rc = app_retro(r->app, id, body_has(b, "good") ? &g : NULL, body_has(b, "bad") ? &bd : NULL,
		       body_has(b, "try") ? &t : NULL, json_is_true(json_object_get(b, "final")),
		       &err);
	if (rc < 0)
		reply_error(r, rc, &err, "objective");
	else
		reply_objective(r, id, 200);
out:
	strlist_release(&g);
	strlist_release(&bd);
	strlist_release(&t);
	json_decref(b);
	return 0;
}

/* The body is optional: none at all (with or without a Content-Type) closes with the default score.
 */
int
h_objective_close(struct request *r)
{
	struct close_input in = {0};
	struct okra_err err = {0};
	json_t *b = NULL;
	int64_t id;
	int rc;

	if (req_id(r, 0, &id) < 0)
		return 0;
	if (r->body.len) {
		if (!(b = req_body(r)))
			goto out;
		in.has_score = body_num_if(b, "score", &in.score);
		in.reason = body_str(b, "reason");
	}
	if ((rc = app_objective_close_scored(r->app, id, &in, &err)) < 0)
		reply_error(r, rc, &err, "objective");
	else
		reply_objective(r, id, 200);
out:
	json_decref(b);
	return 0;
}

/* A leader or admin reopens a closed objective with a reason: the objective as it is now. */
int
h_objective_reopen(struct request *r)
{
	struct okra_err err = {0};
	json_t *b = NULL;
	int64_t id;
	int rc;

	if (req_id(r, 0, &id) < 0 || !(b = req_body(r)))
		goto out;
	if ((rc = app_objective_reopen(r->app, id, body_str(b, "reason"), &err)) < 0)
		reply_error(r, rc, &err, "objective");
	else
		reply_objective(r, id, 200);
out:
	json_decref(b);
	return 0;
}

int
h_objective_links_post(struct request *r)
{
	struct okra_err err = {0};
	json_t *b = NULL;
	int64_t id, lid;
	int rc;

	if (req_id(r, 0, &id) < 0 || !(b = req_body(r)))
		goto out;
	if ((rc = app_link_add(r->app, id, body_str(b, "ref"), body_str(b, "title"), &lid, &err)) <
	    0)
		reply_error(r, rc, &err, "objective");
	else
		reply_objective_at(r, id, 201, 0);
out:
	json_decref(b);
	return 0;
}

int
h_krs_post(struct request *r)
{
	struct kr_input in = {0};
	struct okra_err err = {0};
	const char *kind;
	json_t *b = req_body(r);
	int64_t id;
	int rc;

	if (!b)
		goto out;
	kind = body_str(b, "kind");
	if (kind && strcmp(kind, "metric") && strcmp(kind, "criteria")) {
		reply_problem(r, 422, "kind is metric or criteria", "kind");
		goto out;
	}
	in.kind = kind && !strcmp(kind, "criteria") ? KR_CRITERIA : KR_METRIC;
	if (in.kind == KR_METRIC && (!body_has(b, "start") || !body_has(b, "target"))) {
		reply_problem(r, 422, "a metric key result needs start and target (R2)",
			      body_has(b, "start") ? "target" : "start");
		goto out;
	}
	if (in.kind == KR_CRITERIA &&
	    (body_has(b, "start") || body_has(b, "target") || body_has(b, "unit"))) {
		reply_problem(r, 422, "a criteria key result has no unit, start or target (R9)",
			      "kind");
		goto out;
	}
	in.objective = body_int(b, "objective");
	in.title = body_str(b, "title");
	in.dri = body_str(b, "dri");
	in.unit = body_str(b, "unit");
	in.start = body_num(b, "start");
	in.target = body_num(b, "target");
	in.context = body_str(b, "context");
	in.has_weight = body_num_if(b, "weight", &in.weight);
	if ((rc = app_kr_add(r->app, &in, &id, &err)) < 0)
		reply_error(r, rc, &err, NULL);
	else
		reply_kr(r, id, 201);
out:
	json_decref(b);
	return 0;
}

int
h_kr_get(struct request *r)
{
	int64_t id;

	if (req_id(r, 0, &id) < 0)
		return 0;
	return reply_kr(r, id, 200);
}

int
h_kr_patch(struct request *r)
{
	struct kr_edit e = {0};
	struct okra_err err = {0};
	json_t *b = NULL;
	int64_t id;
	int rc;

	if (req_id(r, 0, &id) < 0 || !(b = req_body(r)) ||
	    (e.if_version = etag_required(r, 'k', id)) < 0)
		goto out;
	e.title = body_str(b, "title");
	e.dri = body_str(b, "dri");
	e.context = body_str(b, "context");
	e.unit = body_str(b, "unit");
	e.set_start = body_num_if(b, "start", &e.start);
	e.set_target = body_num_if(b, "target", &e.target);
	e.set_weight = body_num_if(b, "weight", &e.weight);
	if ((rc = app_kr_edit(r->app, id, &e, &err)) < 0)
		reply_error(r, rc, &err, "key_result");
	else
		reply_kr(r, id, 200);
out:
	json_decref(b);
	return 0;
}

int
h_kr_checkins_get(struct request *r)
{
	struct okra_err err = {0};
	struct key_result kr = {0};
	struct checkin *h = NULL;
	size_t n = 0, shown = 0;
	struct jw *w;
	int64_t id, cursor, last = 0;
	int limit, rc;

	if (req_id(r, 0, &id) < 0 || page_params(r, &limit, &cursor) < 0)
		return 0;
	if ((rc = app_kr(r->app, &r->arena, id, &kr, &h, &n, &err)) < 0)
		return reply_error(r, rc, &err, "key_result");
	w = reply_json_begin(r);
	jw_array(w);
	for (size_t i = 0; i < n; i++) {
		if (h[i].id <= cursor)
			continue;
		if ((int)shown == limit) {
			reply_next_link(r, last, limit);
			break;
		}
		app_jw_checkin(w, &h[i]);
		last = h[i].id;
		shown++;
	}
	jw_end(w);
	return reply_json_end(r, 200);
}

int
h_kr_checkins_post(struct request *r)
{
	struct checkin_input in = {0};
	struct okra_err err = {0};
	struct checkin made;
	json_t *b = NULL;
	int64_t id;
	int rc;

	if (req_id(r, 0, &id) < 0 || !(b = req_body(r)))
		goto out;
	if (body_health(r, b, &in.health) < 0)
		goto out;
	in.key_result = id;
	in.has_value = body_num_if(b, "value", &in.value);
	in.has_progress = body_num_if(b, "progress", &in.progress);
	in.note = body_str(b, "note");
	/* The reply is the check-in as written: no read of the KR's history (issue 16, 18). */
	if ((rc = app_checkin_made(r->app, &r->arena, &in, &made, &err)) < 0)
		reply_error(r, rc, &err, "key_result");
	else {
		app_jw_checkin(reply_json_begin(r), &made);
		reply_json_end(r, 201);
	}
out:
	json_decref(b);
	return 0;
}

int
h_criteria_post(struct request *r)
{
	struct okra_err err = {0};
	json_t *b = req_body(r);
	int64_t id, kr;
	int rc;

	if (!b)
		goto out;
	kr = body_int(b, "key_result");
	if ((rc = app_criterion_add(r->app, kr, body_str(b, "ref"), body_num(b, "contribution"),
				    body_str(b, "title"), &id, &err)) < 0)
		reply_error(r, rc, &err, NULL);
	else
		reply_kr_at(r, kr, 201, 0);
out:
	json_decref(b);
	return 0;
}

static int
ref_state(struct request *r, enum item_state state)
{
	struct okra_err err = {0};
	json_t *b = req_body(r);
	int64_t changed;
	int rc;

	if (!b)
		goto out;
	if ((rc = app_ref_set_state(r->app, body_str(b, "ref"), state, SOURCE_MANUAL, &changed,
				    &err)) < 0)
		reply_error(r, rc, &err, "ref");
	else {
		struct jw *w = reply_json_begin(r);

		jw_object(w);
		jw_kstr(w, "ref", body_str(b, "ref"));
		jw_kint(w, "changed", changed);
		jw_kstr(w, "state", item_state_name(state));
		jw_end(w);
		reply_json_end(r, 200);
	}
out:
	json_decref(b);
	return 0;
}

int
h_criteria_close(struct request *r)
{
	return ref_state(r, ITEM_CLOSED);
}

int
h_criteria_reopen(struct request *r)
{
	return ref_state(r, ITEM_OPEN);
}

int
h_initiatives_post(struct request *r)
{
	struct okra_err err = {0};
	json_t *b = req_body(r);
	int64_t id, kr;
	int rc;

	if (!b)
		goto out;
	kr = body_int(b, "key_result");
	if ((rc = app_initiative_add(r->app, kr, body_str(b, "title"), body_str(b, "ref"), &id,
				     &err)) < 0)
		reply_error(r, rc, &err, NULL);
	else
		reply_kr_at(r, kr, 201, 0);
out:
	json_decref(b);
	return 0;
}

/* Publish a draft: it becomes active (the same edit as PATCH {"state":"active"}). */
int
h_objective_publish(struct request *r)
{
	struct okra_err err = {0};
	int64_t id;
	int rc;

	if (req_id(r, 0, &id) < 0)
		return 0;
	if ((rc = app_objective_publish(r->app, id, &err)) < 0)
		return reply_error(r, rc, &err, "objective");
	return reply_objective(r, id, 200);
}

/* Carry an objective over into another cycle: 201 with the new draft (app_objective_copy). */
int
h_objective_copy(struct request *r)
{
	struct okra_err err = {0};
	json_t *b;
	int64_t id, copy = 0;
	int rc;

	if (req_id(r, 0, &id) < 0 || !(b = req_body(r)))
		return 0;
	if ((rc = app_objective_copy(r->app, id, body_str(b, "cycle"), &copy, &err)) < 0)
		reply_error(r, rc, &err, "objective");
	else
		reply_objective(r, copy, 201);
	json_decref(b);
	return 0;
}

/* Reorder a KR, or move it to another objective of its team and cycle: 200 with the objective
 * that holds it now, its key results in their order (app_kr_move). */
int
h_kr_move(struct request *r)
{
	struct okra_err err = {0};
	struct kr_move m = {0};
	struct key_result kr = {0};
	const char *dir;
	json_t *b;
	int64_t id;
	int rc;

	if (req_id(r, 0, &id) < 0 || !(b = req_body(r)))
		return 0;
	m.objective = body_int(b, "objective");
	m.position = body_int(b, "position");
	dir = body_str(b, "direction");
	if (dir && strcmp(dir, "up") && strcmp(dir, "down")) {
		json_decref(b);
		return reply_problem(r, 422, "direction is up or down", "direction");
	}
	m.step = !dir ? 0 : !strcmp(dir, "up") ? -1 : 1;
	json_decref(b);
	if ((rc = app_kr_move(r->app, id, &m, &err)) < 0 ||
	    (rc = app_kr_row(r->app, &r->arena, id, &kr, &err)) < 0)
		return reply_error(r, rc, &err, "key_result");
	return reply_objective_at(r, kr.objective, 200, 0);
}

/* A team's quarter carried over: 201 with the new drafts, parents first (app_team_copy). */
int
h_team_copy(struct request *r)
{
	struct okra_err err = {0};
	struct app_tree t = {0};
	struct jw *w;
	json_t *b;
	int64_t *ids = NULL;
	size_t n = 0;
	int rc;

	if (!(b = req_body(r)))
		return 0;
	rc = app_team_copy(r->app, &r->arena, r->params[0], body_str(b, "from"),
			   body_str(b, "cycle"), &ids, &n, &err);
	if (rc == 0)
		rc = app_tree(r->app, &r->arena, body_str(b, "cycle"), &t, &err);
	json_decref(b);
	if (rc < 0)
		return reply_error(r, rc, &err, "team");
	w = reply_json_begin(r);
	jw_array(w);
	for (size_t i = 0; i < n; i++)
		app_jw_objective(w, &t, app_tree_find(&t, ids[i]));
	jw_end(w);
	return reply_json_end(r, 201);
}
