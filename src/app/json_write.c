/* json_write.c: okra's objects as JSON (DESIGN.md §4), the same shapes for every interface,
 * streamed by util/jw without building a tree of values. */
#include "app/json_write.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "core/handbook.h"
#include "app/tree.h"
#include "app/auth.h"
#include "util/xalloc.h"
#include "app/remind.h"

void
app_jw_date(struct jw *w, int32_t day)
{
	char s[11];

	if (day == DATE_NONE) {
		jw_null(w);
		return;
	}
	cal_format_date(day, s);
	jw_str(w, s);
}

void
app_jw_instant(struct jw *w, int64_t t)
{
	char s[21];

	if (!t) {
		jw_null(w);
		return;
	}
	cal_format_instant(t, s);
	jw_str(w, s);
}

static void
k_date(struct jw *w, const char *k, int32_t day)
{
	jw_key(w, k);
	app_jw_date(w, day);
}

static void
k_instant(struct jw *w, const char *k, int64_t t)
{
	jw_key(w, k);
	app_jw_instant(w, t);
}

static void
strings(struct jw *w, const struct strlist *l)
{
	jw_array(w);
	for (size_t i = 0; i < l->n; i++)
		jw_str(w, l->v[i]);
	jw_end(w);
}

void
app_jw_pace(struct jw *w, const struct pace *p)
{
	if (!p->known) {
		jw_null(w);
		return;
	}
	jw_object(w);
	jw_kreal(w, "expected", p->expected);
	jw_kreal(w, "gap", p->gap);
	jw_kstr(w, "suggested_health", health_name(p->suggested));
	jw_kbool(w, "disagrees", p->disagrees);
	jw_end(w);
}

void
app_jw_person(struct jw *w, const struct person *p, int32_t today)
{
	jw_object(w);
	jw_kint(w, "id", p->id);
	jw_kstr(w, "handle", p->handle);
	jw_kstr(w, "name", p->name);
	jw_kstr_or_null(w, "email", p->email);
	jw_kstr(w, "role", role_name(p->role));
	k_date(w, "joined_on", p->joined_on);
	jw_kbool(w, "active", !p->deactivated_at);
	jw_kbool(w, "onboarding", cal_is_new_joiner(p->joined_on, today));
	k_date(w, "onboarding_until",
	       p->joined_on == DATE_NONE ? DATE_NONE : cal_onboarding_ends(p->joined_on));
	jw_end(w);
}

void
app_jw_team(struct jw *w, const struct team *t, const struct strlist *members)
{
	jw_object(w);
	jw_kint(w, "id", t->id);
	jw_kstr(w, "slug", t->slug);
	jw_kstr(w, "name", t->name);
	if (members) {
		jw_key(w, "members");
		strings(w, members);
	}
	jw_end(w);
}

void
app_jw_cycle(struct jw *w, const struct cycle *c)
{
	jw_object(w);
	jw_kint(w, "id", c->id);
	jw_kstr(w, "name", c->name);
	jw_kstr(w, "kind", cycle_kind_name(c->kind));
	k_date(w, "starts_on", c->starts_on);
	k_date(w, "ends_on", c->ends_on);
	jw_kid_or_null(w, "parent", c->parent);
	jw_end(w);
}

static void
kr_row_members(struct jw *w, const struct key_result *k)
{
	jw_kint(w, "id", k->id);
	jw_kint(w, "objective", k->objective);
	jw_kstr(w, "title", k->title);
	jw_kstr(w, "context", k->context ? k->context : "");
	jw_kstr(w, "kind", kr_kind_name(k->kind));
	if (k->kind == KR_METRIC) {
		jw_kstr(w, "unit", k->unit ? k->unit : "");
		jw_kreal(w, "start", k->start);
		jw_kreal(w, "target", k->target);
		jw_kreal(w, "current", k->current);
	} else {
		jw_knull(w, "unit");
		jw_knull(w, "start");
		jw_knull(w, "target");
		jw_knull(w, "current");
	}
	jw_kstr(w, "health", health_name(k->health));
	jw_kstr(w, "dri", k->dri_handle ? k->dri_handle : "");
	jw_kreal(w, "weight", k->weight);
	jw_kint(w, "version", k->version);
}

void
app_jw_kr_row(struct jw *w, const struct key_result *kr)
{
	jw_object(w);
	kr_row_members(w, kr);
	jw_end(w);
}

/* The KR, left open; d is scratch for its description (reused along a tree). */
static void
kr_open(struct jw *w, const struct key_result *k, struct buf *d)
{
	jw_object(w);
	kr_row_members(w, k);
	jw_kreal(w, "progress", k->progress);
	jw_key(w, "pace");
	app_jw_pace(w, &k->pace);
	jw_key(w, "forecast");
	if (k->has_forecast)
		jw_real(w, k->forecast);
	else
		jw_null(w);
	jw_key(w, "criteria");
	jw_array(w);
	for (size_t i = 0; i < k->ncriteria; i++) {
		const struct criterion *c = &k->criteria[i];

		jw_object(w);
		jw_kint(w, "id", c->id);
		jw_kstr(w, "ref", c->ref);
		jw_kstr(w, "title", c->title ? c->title : "");
		jw_kreal(w, "contribution", c->contribution);
		jw_kstr(w, "state", item_state_name(c->state));
		jw_kreal(w, "progress", c->progress);
		jw_end(w);
	}
	jw_end(w);
	jw_key(w, "initiatives");
	jw_array(w);
	for (size_t i = 0; i < k->ninitiatives; i++) {
		const struct initiative *x = &k->initiatives[i];

		jw_object(w);
		jw_kint(w, "id", x->id);
		jw_kstr(w, "title", x->title);
		jw_kstr_or_null(w, "ref", x->ref);
		jw_kstr(w, "state", item_state_name(x->state));
		jw_end(w);
	}
	jw_end(w);
	/* Where the current value came from (the latest check-in). */
	jw_key(w, "source");
	if (k->last_checkin_at) {
		jw_object(w);
		jw_kstr(w, "kind", source_name(k->last_source));
		jw_kstr_or_null(w, "author", k->last_checkin_author);
		k_instant(w, "at", k->last_checkin_at);
		jw_end(w);
	} else {
		jw_null(w);
	}
	buf_reset(d);
	handbook_kr(d, k);
	jw_kstr(w, "description", d->buf);
}

void
app_jw_kr_open(struct jw *w, const struct key_result *kr)
{
	struct buf d = BUF_INIT;

	kr_open(w, kr, &d);
	buf_release(&d);
}

void
app_jw_kr(struct jw *w, const struct key_result *kr)
{
	app_jw_kr_open(w, kr);
	jw_end(w);
}

void
app_jw_retro(struct jw *w, const struct retro *r)
{
	jw_object(w);
	jw_key(w, "good");
	strings(w, &r->good);
	jw_key(w, "bad");
	strings(w, &r->bad);
	jw_key(w, "try");
	strings(w, &r->try);
	jw_kbool(w, "final", r->final_at != 0);
	k_instant(w, "final_at", r->final_at);
	jw_end(w);
}

void
app_jw_objective_row_open(struct jw *w, const struct objective_row *o)
{
	jw_object(w);
	jw_kint(w, "id", o->id);
	jw_kstr(w, "title", o->title);
	jw_kstr(w, "cycle", o->cycle_name ? o->cycle_name : "");
	jw_kstr_or_null(w, "team", o->team_slug);
	jw_kid_or_null(w, "parent", o->parent);
	jw_kstr(w, "dri", o->dri_handle ? o->dri_handle : "");
	jw_kstr(w, "health", health_name(o->health));
	jw_kstr(w, "state", state_name(o->state));
	jw_kstr(w, "level", level_name(objective_level(o)));
	jw_kreal(w, "weight", o->weight);
	jw_kstr(w, "context", o->context ? o->context : "");
	jw_kint(w, "version", o->version);
	jw_key(w, "final_score");
	if (o->has_final)
		jw_real(w, o->final_score);
	else
		jw_null(w);
	jw_kstr_or_null(w, "final_reason", o->final_reason);
}

void
app_jw_objective_row(struct jw *w, const struct objective_row *o)
{
	app_jw_objective_row_open(w, o);
	jw_end(w);
}

void
app_jw_objective_item(struct jw *w, const struct objective *o)
{
	app_jw_objective_row_open(w, &o->row);
	jw_kreal(w, "progress", o->progress);
	jw_kbool(w, "achieved", o->achieved);
	jw_key(w, "pace");
	app_jw_pace(w, &o->pace);
	jw_end(w);
}

static void objective(struct jw *w, const struct app_tree *t, size_t idx, struct buf *d);

/* The objective up to its children's array, opened; d is scratch for the descriptions. */
static void
objective_head(struct jw *w, const struct app_tree *t, size_t idx, struct buf *d)
{
	const struct objective *o = &t->v[idx];

	app_jw_objective_row_open(w, &o->row);
	jw_kreal(w, "progress", o->progress);
	jw_kbool(w, "achieved", o->achieved);
	jw_key(w, "pace");
	app_jw_pace(w, &o->pace);
	buf_reset(d);
	handbook_objective(d, o);
	jw_kstr(w, "description", d->buf);
	k_instant(w, "last_status_at", o->last_status_at);
	jw_key(w, "key_results");
	jw_array(w);
	for (size_t i = 0; i < o->nkrs; i++) {
		kr_open(w, &o->krs[i], d);
		jw_end(w);
	}
	jw_end(w);
	jw_key(w, "links");
	jw_array(w);
	for (size_t i = 0; i < o->nlinks; i++) {
		const struct link *l = &o->links[i];

		jw_object(w);
		jw_kint(w, "id", l->id);
		jw_kstr(w, "ref", l->ref);
		jw_kstr(w, "title", l->title ? l->title : "");
		jw_kstr(w, "state", item_state_name(l->state));
		jw_end(w);
	}
	jw_end(w);
	jw_key(w, "retro");
	if (o->has_retro)
		app_jw_retro(w, &o->retro);
	else
		jw_null(w);
	if (t->shown) /* a filtered tree: whether it matches or is there for what is under it */
		jw_kbool(w, "matched", t->shown[idx] == TREE_MATCH);
	jw_key(w, "children");
	jw_array(w);
}

/* The objective with its KRs and children, left open; d is scratch for the descriptions. */
static void
objective_open(struct jw *w, const struct app_tree *t, size_t idx, struct buf *d)
{
	const struct objective *o = &t->v[idx];

	objective_head(w, t, idx, d);
	for (size_t i = 0; i < o->nchildren; i++)
		if (TREE_SHOWN(t, o->children[i]))
			objective(w, t, o->children[i], d);
	jw_end(w);
}

static void
objective(struct jw *w, const struct app_tree *t, size_t idx, struct buf *d)
{
	objective_open(w, t, idx, d);
	jw_end(w);
}

void
app_jw_objective_open(struct jw *w, const struct app_tree *t, size_t idx)
{
	struct buf d = BUF_INIT;

	objective_open(w, t, idx, &d);
	buf_release(&d);
}

void
app_jw_objective(struct jw *w, const struct app_tree *t, size_t idx)
{
	app_jw_objective_open(w, t, idx);
	jw_end(w);
}

static void
tree_head(struct jw *w, const struct app_tree *t)
{
	jw_object(w);
	jw_key(w, "cycle");
	if (t->cycle.id)
		app_jw_cycle(w, &t->cycle);
	else
		jw_null(w);
	k_date(w, "as_of", t->has_as_of ? t->as_of : DATE_NONE);
	if (t->shown)
		jw_kint(w, "matches", (int64_t)t->matches);
	jw_key(w, "objectives");
	jw_array(w);
}

void
app_json_tree_head(struct buf *b, const struct app_tree *t)
{
	struct jw w;

	jw_init(&w, b, 0);
	tree_head(&w, t);
	jw_release(&w);
}

void
app_json_objective_head(struct buf *b, const struct app_tree *t, size_t idx, struct buf *scratch)
{
	struct jw w;

	jw_init(&w, b, 0);
	objective_head(&w, t, idx, scratch);
	jw_release(&w);
}

void
app_jw_tree(struct jw *w, const struct app_tree *t)
{
	struct buf d = BUF_INIT;

	tree_head(w, t);
	for (size_t i = 0; i < t->nroots; i++)
		if (TREE_SHOWN(t, t->roots[i]))
			objective(w, t, t->roots[i], &d);
	jw_end(w);
	jw_end(w);
	buf_release(&d);
}

void
app_json_tree_write(struct buf *b, const struct app_tree *t, int pretty)
{
	struct jw w;

	jw_init(&w, b, pretty ? 2 : 0);
	app_jw_tree(&w, t);
	jw_release(&w);
}

void
app_jw_checkin(struct jw *w, const struct checkin *c)
{
	jw_object(w);
	jw_kint(w, "id", c->id);
	jw_kint(w, "key_result", c->key_result);
	jw_kstr_or_null(w, "author", c->author_handle);
	k_instant(w, "at", c->at);
	jw_key(w, "value");
	if (c->has_value)
		jw_real(w, c->value);
	else
		jw_null(w);
	jw_kreal(w, "progress", c->progress);
	jw_kstr(w, "health", health_name(c->health));
	jw_kstr(w, "note", c->note ? c->note : "");
	jw_kstr(w, "source", source_name(c->source));
	if (c->on_behalf_handle) /* R14: "by sam for pat" */
		jw_kstr(w, "on_behalf_of", c->on_behalf_handle);
	jw_end(w);
}

void
app_jw_token(struct jw *w, const struct token_row *t)
{
	jw_object(w);
	jw_kint(w, "id", t->id);
	jw_kstr(w, "handle", t->handle);
	jw_kstr(w, "name", t->name ? t->name : "");
	k_instant(w, "created_at", t->created_at);
	k_instant(w, "last_used_at", t->last_used_at);
	k_instant(w, "revoked_at", t->revoked_at);
	jw_end(w);
}

void
app_jw_session(struct jw *w, const struct app_session_info *s)
{
	jw_object(w);
	k_instant(w, "created_at", s->created_at);
	k_instant(w, "seen_at", s->seen_at);
	jw_kbool(w, "current", s->current);
	jw_end(w);
}

void
app_jw_status(struct jw *w, const struct status_update *s)
{
	jw_object(w);
	jw_kint(w, "id", s->id);
	jw_kint(w, "objective", s->objective);
	jw_kstr_or_null(w, "author", s->author_handle);
	k_instant(w, "at", s->at);
	jw_kstr(w, "health", health_name(s->health));
	if (s->on_behalf_handle) /* R14: "by sam for pat" */
		jw_kstr(w, "on_behalf_of", s->on_behalf_handle);
	jw_key(w, "lines");
	jw_array(w);
	for (size_t i = 0; i < s->nlines; i++) {
		jw_object(w);
		jw_kint(w, "key_result", s->lines[i].key_result);
		jw_kstr(w, "line", s->lines[i].line);
		jw_end(w);
	}
	jw_end(w);
	jw_end(w);
}

void
app_jw_due(struct jw *w, const struct due_list *d)
{
	jw_object(w);
	k_date(w, "date", d->day);
	k_date(w, "update_day", d->update_day);
	jw_key(w, "due");
	jw_array(w);
	for (size_t i = 0; i < d->n; i++) {
		const struct due_item *x = &d->v[i];

		jw_object(w);
		jw_kstr(w, "dri", x->handle);
		jw_kstr(w, "kind", x->key_result ? "checkin" : "status");
		jw_kint(w, "objective", x->objective);
		jw_kid_or_null(w, "key_result", x->key_result);
		jw_kstr(w, "title", x->title);
		k_instant(w, "last_at", x->last_at);
		jw_end(w);
	}
	jw_end(w);
	jw_end(w);
}

void
app_jw_lint(struct jw *w, const struct lint_report *r)
{
	jw_array(w);
	for (size_t i = 0; i < r->n; i++) {
		const struct lint_finding *f = &r->v[i];

		jw_object(w);
		jw_kint(w, "objective", f->objective);
		jw_kid_or_null(w, "key_result", f->key_result);
		jw_kstr(w, "rule", f->rule);
		jw_kstr(w, "message", f->msg);
		jw_end(w);
	}
	jw_end(w);
}

struct jw *
app_text_begin(struct app_text *t)
{
	buf_init(&t->b, 0);
	jw_init(&t->w, &t->b, 0);
	return &t->w;
}

char *
app_text_end(struct app_text *t)
{
	jw_release(&t->w);
	return buf_detach(&t->b, NULL);
}

char *
app_text_strings(const char *name, ...)
{
	struct app_text t;
	struct jw *w = app_text_begin(&t);
	va_list ap;

	va_start(ap, name);
	jw_object(w);
	for (const char *k = name; k; k = va_arg(ap, const char *))
		jw_kstr(w, k, va_arg(ap, const char *));
	jw_end(w);
	va_end(ap);
	return app_text_end(&t);
}

char *
app_text_person(const struct person *p, int32_t today)
{
	struct app_text t;

	app_jw_person(app_text_begin(&t), p, today);
	return app_text_end(&t);
}

char *
app_text_team(const struct team *tm, const struct strlist *members)
{
	struct app_text t;

	app_jw_team(app_text_begin(&t), tm, members);
	return app_text_end(&t);
}

char *
app_text_cycle(const struct cycle *c)
{
	struct app_text t;

	app_jw_cycle(app_text_begin(&t), c);
	return app_text_end(&t);
}

char *
app_text_kr_row(const struct key_result *kr)
{
	struct app_text t;

	app_jw_kr_row(app_text_begin(&t), kr);
	return app_text_end(&t);
}

char *
app_text_objective_row(const struct objective_row *o)
{
	struct app_text t;

	app_jw_objective_row(app_text_begin(&t), o);
	return app_text_end(&t);
}

char *
app_text_checkin(const struct checkin *c)
{
	struct app_text t;

	app_jw_checkin(app_text_begin(&t), c);
	return app_text_end(&t);
}

char *
app_text_status(const struct status_update *s)
{
	struct app_text t;

	app_jw_status(app_text_begin(&t), s);
	return app_text_end(&t);
}

char *
app_text_retro(const struct retro *r)
{
	struct app_text t;

	app_jw_retro(app_text_begin(&t), r);
	return app_text_end(&t);
}

/* The distinct marked texts of a hit's title and snippet, as an array. */
static void
search_terms(struct jw *w, const struct search_hit *h)
{
	const char *texts[2] = {h->title, h->snippet}, *seen[16], *m;
	size_t lens[16], nseen = 0, len;

	jw_array(w);
	for (int t = 0; t < 2; t++)
		for (const char *p = texts[t]; (m = search_next_mark(p, &len)); p = m + len) {
			size_t i = 0;

			while (i < nseen && !(lens[i] == len && memcmp(seen[i], m, len) == 0))
				i++;
			if (i < nseen || nseen == 16 || !len)
				continue;
			seen[nseen] = m;
			lens[nseen++] = len;
			{
				char *term = xstrndup(m, len);

				jw_str(w, term);
				free(term);
			}
		}
	jw_end(w);
}

void
app_jw_search(struct jw *w, const char *q, const struct search_hit *v, size_t n)
{
	struct buf plain = BUF_INIT;
	char path[64];

	jw_object(w);
	jw_kstr(w, "query", q);
	jw_key(w, "results");
	jw_array(w);
	for (size_t i = 0; i < n; i++) {
		jw_object(w);
		jw_kstr(w, "kind", search_kind_name(v[i].kind));
		jw_kint(w, "id", v[i].id);
		jw_kint(w, "objective", v[i].objective);
		jw_kid_or_null(w, "key_result", v[i].kind == SEARCH_KR ? v[i].id : v[i].sub);
		jw_kstr(w, "objective_title", v[i].objective_title);
		jw_kstr(w, "cycle", v[i].cycle);
		jw_kbool(w, "in_title", v[i].in_title);
		buf_reset(&plain);
		search_plain(&plain, v[i].title);
		jw_kstr(w, "title", plain.len ? plain.buf : "");
		buf_reset(&plain);
		search_plain(&plain, v[i].snippet);
		jw_kstr(w, "snippet", plain.len ? plain.buf : "");
		jw_key(w, "terms");
		search_terms(w, &v[i]);
		search_hit_path(&v[i], path);
		jw_kstr(w, "path", path);
		jw_end(w);
	}
	jw_end(w);
	jw_end(w);
	buf_release(&plain);
}

void
app_jw_channel_answer(struct jw *w, const char *channel, const struct channel_answer *a,
		      const char *summary)
{
	jw_object(w);
	jw_kstr(w, "channel", channel);
	jw_kbool(w, "delivered", a->delivered);
	jw_kint(w, "code", a->code);
	jw_kstr(w, "answer", a->line);
	jw_kstr(w, "summary", summary);
	jw_end(w);
}
