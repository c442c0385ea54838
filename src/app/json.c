/* json.c: okra's objects as JSON, the same shapes for the CLI and the API. */
#include "app/json.h"

#include <math.h>
#include <stdlib.h>

#include "core/calendar.h"
#include "core/handbook.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include "app/tree.h"

static json_t *
json_date(int32_t day)
{
	char s[11];

	if (day == DATE_NONE)
		return json_null();
	cal_format_date(day, s);
	return json_string(s);
}

static json_t *
json_instant(int64_t t)
{
	char s[21];

	if (!t)
		return json_null();
	cal_format_instant(t, s);
	return json_string(s);
}

static json_t *
json_str_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

static json_t *
json_id_or_null(int64_t id)
{
	return id ? json_integer(id) : json_null();
}

/* Non-finite numbers cannot be JSON; validation keeps them out, this keeps the output valid. */
static json_t *
json_num(double x)
{
	return isfinite(x) ? json_real(x) : json_null();
}

static json_t *
json_list(const struct strlist *l)
{
	json_t *a = json_array();

	for (size_t i = 0; i < l->n; i++)
		json_array_append_new(a, json_string(l->v[i]));
	return a;
}

json_t *
app_json_pace(const struct pace *p)
{
	if (!p->known)
		return json_null();
	return json_pack("{so so ss sb}", "expected", json_num(p->expected), "gap",
			 json_num(p->gap), "suggested_health", health_name(p->suggested),
			 "disagrees", p->disagrees);
}

json_t *
app_json_person(const struct person *p, int32_t today)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(p->id));
	json_object_set_new(o, "handle", json_string(p->handle));
	json_object_set_new(o, "name", json_string(p->name));
	json_object_set_new(o, "email", json_str_or_null(p->email));
	json_object_set_new(o, "role", json_string(role_name(p->role)));
	json_object_set_new(o, "joined_on", json_date(p->joined_on));
	json_object_set_new(o, "onboarding", json_boolean(cal_is_new_joiner(p->joined_on, today)));
	json_object_set_new(o, "onboarding_until",
			    p->joined_on == DATE_NONE
				    ? json_null()
				    : json_date(cal_onboarding_ends(p->joined_on)));
	return o;
}

json_t *
app_json_team(const struct team *t, const struct strlist *members)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(t->id));
	json_object_set_new(o, "slug", json_string(t->slug));
	json_object_set_new(o, "name", json_string(t->name));
	if (members)
		json_object_set_new(o, "members", json_list(members));
	return o;
}

json_t *
app_json_cycle(const struct cycle *c)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(c->id));
	json_object_set_new(o, "name", json_string(c->name));
	json_object_set_new(o, "kind", json_string(cycle_kind_name(c->kind)));
	json_object_set_new(o, "starts_on", json_date(c->starts_on));
	json_object_set_new(o, "ends_on", json_date(c->ends_on));
	json_object_set_new(o, "parent", json_id_or_null(c->parent));
	return o;
}

json_t *
app_json_kr_row(const struct key_result *kr)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(kr->id));
	json_object_set_new(o, "objective", json_integer(kr->objective));
	json_object_set_new(o, "title", json_string(kr->title));
	json_object_set_new(o, "context", json_string(kr->context ? kr->context : ""));
	json_object_set_new(o, "kind", json_string(kr_kind_name(kr->kind)));
	if (kr->kind == KR_METRIC) {
		json_object_set_new(o, "unit", json_string(kr->unit ? kr->unit : ""));
		json_object_set_new(o, "start", json_num(kr->start));
		json_object_set_new(o, "target", json_num(kr->target));
		json_object_set_new(o, "current", json_num(kr->current));
	} else {
		json_object_set_new(o, "unit", json_null());
		json_object_set_new(o, "start", json_null());
		json_object_set_new(o, "target", json_null());
		json_object_set_new(o, "current", json_null());
	}
	json_object_set_new(o, "health", json_string(health_name(kr->health)));
	json_object_set_new(o, "dri", json_string(kr->dri_handle ? kr->dri_handle : ""));
	json_object_set_new(o, "weight", json_num(kr->weight));
	json_object_set_new(o, "version", json_integer(kr->version));
	return o;
}

json_t *
app_json_kr(const struct key_result *kr)
{
	json_t *o = app_json_kr_row(kr), *cr = json_array(), *in = json_array(), *src;
	struct buf d = BUF_INIT;

	json_object_set_new(o, "progress", json_num(kr->progress));
	json_object_set_new(o, "pace", app_json_pace(&kr->pace));
	json_object_set_new(o, "forecast", kr->has_forecast ? json_num(kr->forecast) : json_null());
	for (size_t i = 0; i < kr->ncriteria; i++) {
		const struct criterion *c = &kr->criteria[i];

		json_array_append_new(
			cr, json_pack("{sI ss ss so ss so}", "id", (json_int_t)c->id, "ref", c->ref,
				      "title", c->title ? c->title : "", "contribution",
				      json_num(c->contribution), "state", item_state_name(c->state),
				      "progress", json_num(c->progress)));
	}
	json_object_set_new(o, "criteria", cr);
	for (size_t i = 0; i < kr->ninitiatives; i++) {
		const struct initiative *x = &kr->initiatives[i];

		json_array_append_new(in,
				      json_pack("{sI ss so ss}", "id", (json_int_t)x->id, "title",
						x->title, "ref", json_str_or_null(x->ref), "state",
						item_state_name(x->state)));
	}
	json_object_set_new(o, "initiatives", in);
	/* Where the current value came from (the latest check-in). */
	if (kr->last_checkin_at)
		src = json_pack("{ss so so}", "kind", source_name(kr->last_source), "author",
				json_str_or_null(kr->last_checkin_author), "at",
				json_instant(kr->last_checkin_at));
	else
		src = json_null();
	json_object_set_new(o, "source", src);
	handbook_kr(&d, kr);
	json_object_set_new(o, "description", json_string(d.buf));
	buf_release(&d);
	return o;
}

json_t *
app_json_retro(const struct retro *r)
{
	return json_pack("{so so so sb so}", "good", json_list(&r->good), "bad", json_list(&r->bad),
			 "try", json_list(&r->try), "final", r->final_at != 0, "final_at",
			 json_instant(r->final_at));
}

json_t *
app_json_objective_row(const struct objective_row *o)
{
	json_t *j = json_object();

	json_object_set_new(j, "id", json_integer(o->id));
	json_object_set_new(j, "title", json_string(o->title));
	json_object_set_new(j, "cycle", json_string(o->cycle_name ? o->cycle_name : ""));
	json_object_set_new(j, "team", json_str_or_null(o->team_slug));
	json_object_set_new(j, "parent", json_id_or_null(o->parent));
	json_object_set_new(j, "dri", json_string(o->dri_handle ? o->dri_handle : ""));
	json_object_set_new(j, "health", json_string(health_name(o->health)));
	json_object_set_new(j, "state", json_string(state_name(o->state)));
	json_object_set_new(j, "level", json_string(level_name(objective_level(o))));
	json_object_set_new(j, "weight", json_num(o->weight));
	json_object_set_new(j, "context", json_string(o->context ? o->context : ""));
	json_object_set_new(j, "version", json_integer(o->version));
	json_object_set_new(j, "final_score",
			    o->has_final ? json_num(o->final_score) : json_null());
	json_object_set_new(j, "final_reason", json_str_or_null(o->final_reason));
	return j;
}

json_t *
app_json_objective(const struct app_tree *t, size_t idx)
{
	const struct objective *o = &t->v[idx];
	json_t *j = app_json_objective_row(&o->row), *krs = json_array(), *links = json_array(),
	       *kids = json_array();
	struct buf d = BUF_INIT;

	json_object_set_new(j, "progress", json_num(o->progress));
	json_object_set_new(j, "achieved", json_boolean(o->achieved));
	json_object_set_new(j, "pace", app_json_pace(&o->pace));
	handbook_objective(&d, o);
	json_object_set_new(j, "description", json_string(d.buf));
	buf_release(&d);
	json_object_set_new(j, "last_status_at", json_instant(o->last_status_at));
	for (size_t i = 0; i < o->nkrs; i++)
		json_array_append_new(krs, app_json_kr(&o->krs[i]));
	json_object_set_new(j, "key_results", krs);
	for (size_t i = 0; i < o->nlinks; i++) {
		const struct link *l = &o->links[i];

		json_array_append_new(links,
				      json_pack("{sI ss ss ss}", "id", (json_int_t)l->id, "ref",
						l->ref, "title", l->title ? l->title : "", "state",
						item_state_name(l->state)));
	}
	json_object_set_new(j, "links", links);
	json_object_set_new(j, "retro", o->has_retro ? app_json_retro(&o->retro) : json_null());
	for (size_t i = 0; i < o->nchildren; i++)
		json_array_append_new(kids, app_json_objective(t, o->children[i]));
	json_object_set_new(j, "children", kids);
	return j;
}

json_t *
app_json_tree(const struct app_tree *t)
{
	json_t *roots = json_array();

	for (size_t i = 0; i < t->nroots; i++)
		json_array_append_new(roots, app_json_objective(t, t->roots[i]));
	return json_pack("{so so so}", "cycle",
			 t->cycle.id ? app_json_cycle(&t->cycle) : json_null(), "as_of",
			 t->has_as_of ? json_date(t->as_of) : json_null(), "objectives", roots);
}

json_t *
app_json_checkin(const struct checkin *c)
{
	return json_pack("{sI sI so so so so ss ss ss}", "id", (json_int_t)c->id, "key_result",
			 (json_int_t)c->key_result, "author", json_str_or_null(c->author_handle),
			 "at", json_instant(c->at), "value",
			 c->has_value ? json_num(c->value) : json_null(), "progress",
			 json_num(c->progress), "health", health_name(c->health), "note",
			 c->note ? c->note : "", "source", source_name(c->source));
}

json_t *
app_json_token(const struct token_row *t)
{
	return json_pack("{sI ss ss so so so}", "id", (json_int_t)t->id, "handle", t->handle,
			 "name", t->name ? t->name : "", "created_at", json_instant(t->created_at),
			 "last_used_at", json_instant(t->last_used_at), "revoked_at",
			 json_instant(t->revoked_at));
}

json_t *
app_json_status(const struct status_update *s)
{
	json_t *lines = json_array();

	for (size_t i = 0; i < s->nlines; i++)
		json_array_append_new(lines, json_pack("{sI ss}", "key_result",
						       (json_int_t)s->lines[i].key_result, "line",
						       s->lines[i].line));
	return json_pack("{sI sI so so ss so}", "id", (json_int_t)s->id, "objective",
			 (json_int_t)s->objective, "author", json_str_or_null(s->author_handle),
			 "at", json_instant(s->at), "health", health_name(s->health), "lines",
			 lines);
}

json_t *
app_json_due(const struct due_list *d)
{
	json_t *items = json_array();

	for (size_t i = 0; i < d->n; i++) {
		const struct due_item *x = &d->v[i];

		json_array_append_new(items,
				      json_pack("{ss ss sI so ss so}", "dri", x->handle, "kind",
						x->key_result ? "checkin" : "status", "objective",
						(json_int_t)x->objective, "key_result",
						json_id_or_null(x->key_result), "title", x->title,
						"last_at", json_instant(x->last_at)));
	}
	return json_pack("{so so so}", "date", json_date(d->day), "update_day",
			 json_date(d->update_day), "due", items);
}

json_t *
app_json_lint(const struct lint_report *r)
{
	json_t *a = json_array();

	for (size_t i = 0; i < r->n; i++) {
		const struct lint_finding *f = &r->v[i];

		json_array_append_new(a, json_pack("{sI so ss ss}", "objective",
						   (json_int_t)f->objective, "key_result",
						   json_id_or_null(f->key_result), "rule", f->rule,
						   "message", f->msg));
	}
	return a;
}

char *
app_json_dump(const json_t *j, int pretty)
{
	size_t flags = JSON_REAL_PRECISION(15) | (pretty ? JSON_INDENT(2) : JSON_COMPACT);
	char *s = json_dumps(j, flags);

	if (!s)
		s = xstrdup("null");
	return s;
}
