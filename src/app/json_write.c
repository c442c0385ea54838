/* json_write.c: the tree's JSON written straight into a buffer, byte for byte what json.c would
 * dump. */
#include "app/json_write.h"

#include "app/json.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "core/handbook.h"
#include "util/xalloc.h"

/*
 * Building the tree as jansson values and dumping them holds every value of a
 * 10,000-objective company at once and formats each twice; this writer emits
 * the same text in one pass with no tree of values. Same shapes as json.c,
 * same formatting as app_json_dump (compact, or the two-space indent), which
 * test_app_json_write checks on real data.
 */
struct jw {
	struct buf *b;
	int pretty;
	int depth;
	/* one bit per open level: has it had a member yet */
	unsigned char *any;
	size_t alloc;
};

static void
newline(struct jw *w)
{
	static const char spaces[] =
		"                                                                ";
	size_t n = (size_t)w->depth * 2;

	if (!w->pretty)
		return;
	buf_addch(w->b, '\n');
	while (n) {
		size_t k = n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1;

		buf_add(w->b, spaces, k);
		n -= k;
	}
}

/* Before a member or an element: the comma, and in pretty form the line break. */
static void
next(struct jw *w)
{
	if (w->any[w->depth])
		buf_addch(w->b, ',');
	w->any[w->depth] = 1;
	newline(w);
}

static void
open_(struct jw *w, char c)
{
	buf_addch(w->b, c);
	w->depth++;
	ALLOC_GROW(w->any, (size_t)w->depth + 1, w->alloc);
	w->any[w->depth] = 0;
}

static void
close_(struct jw *w, char c)
{
	int had = w->any[w->depth];

	w->depth--;
	if (had)
		newline(w);
	buf_addch(w->b, c);
}

/* jansson's escaping without JSON_ENSURE_ASCII: quotes, backslash and control characters. */
static void
str(struct jw *w, const char *s)
{
	struct buf *b = w->b;
	const char *run = s;

	buf_addch(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p >= 0x20 && *p != '"' && *p != '\\')
			continue;
		buf_add(b, run, (size_t)((const char *)p - run));
		run = (const char *)p + 1;
		switch (*p) {
		case '"':
			buf_adds(b, "\\\"");
			break;
		case '\\':
			buf_adds(b, "\\\\");
			break;
		case '\b':
			buf_adds(b, "\\b");
			break;
		case '\f':
			buf_adds(b, "\\f");
			break;
		case '\n':
			buf_adds(b, "\\n");
			break;
		case '\r':
			buf_adds(b, "\\r");
			break;
		case '\t':
			buf_adds(b, "\\t");
			break;
		default:
			buf_addf(b, "\\u%04X", *p);
		}
	}
	buf_adds(b, run);
	buf_addch(b, '"');
}

static void
key(struct jw *w, const char *k)
{
	char s[40];
	size_t n = strlen(k);

	next(w);
	/* keys are okra's own short names: nothing to escape */
	if (n + 4 > sizeof(s)) {
		buf_addch(w->b, '"');
		buf_adds(w->b, k);
		buf_adds(w->b, w->pretty ? "\": " : "\":");
		return;
	}
	s[0] = '"';
	memcpy(s + 1, k, n);
	s[n + 1] = '"';
	s[n + 2] = ':';
	s[n + 3] = ' ';
	buf_add(w->b, s, n + 3 + (w->pretty ? 1 : 0));
}

static void
null(struct jw *w)
{
	buf_adds(w->b, "null");
}

static void
integer(struct jw *w, int64_t v)
{
	char s[24];
	int n = snprintf(s, sizeof(s), "%" PRId64, v);

	buf_add(w->b, s, (size_t)n);
}

/* app_json_dump's reals: %.15g, ".0" when it would read as an integer, a bare exponent. */
static void
real(struct jw *w, double x)
{
	char s[40], *e;
	int n;

	if (!isfinite(x)) {
		null(w);
		return;
	}
	/* Whole numbers below 1e15 print as %.15g prints them: their digits (then ".0"). */
	if (fabs(x) < 1e15 && x == (double)(int64_t)x && !(x == 0 && signbit(x))) {
		n = snprintf(s, sizeof(s), "%" PRId64 ".0", (int64_t)x);
		buf_add(w->b, s, (size_t)n);
		return;
	}
	n = snprintf(s, sizeof(s), "%.15g", x);
	if (!strchr(s, '.') && !strchr(s, 'e')) {
		s[n++] = '.';
		s[n++] = '0';
		s[n] = 0;
	}
	if ((e = strchr(s, 'e'))) {
		char *start = e + 1, *end = e + 2;

		if (*start == '-')
			start++;
		while (*end == '0')
			end++;
		if (end != start) {
			memmove(start, end, strlen(end) + 1);
			n = (int)strlen(s);
		}
	}
	buf_add(w->b, s, (size_t)n);
}

static void
boolean(struct jw *w, int v)
{
	buf_adds(w->b, v ? "true" : "false");
}

static void
k_str(struct jw *w, const char *k, const char *v)
{
	key(w, k);
	str(w, v);
}

static void
k_str_or_null(struct jw *w, const char *k, const char *v)
{
	key(w, k);
	if (v && *v)
		str(w, v);
	else
		null(w);
}

static void
k_int(struct jw *w, const char *k, int64_t v)
{
	key(w, k);
	integer(w, v);
}

static void
k_id_or_null(struct jw *w, const char *k, int64_t v)
{
	key(w, k);
	if (v)
		integer(w, v);
	else
		null(w);
}

static void
k_real(struct jw *w, const char *k, double v)
{
	key(w, k);
	real(w, v);
}

static void
k_date(struct jw *w, const char *k, int32_t day)
{
	char s[11];

	key(w, k);
	if (day == DATE_NONE) {
		null(w);
		return;
	}
	cal_format_date(day, s);
	str(w, s);
}

static void
k_instant(struct jw *w, const char *k, int64_t t)
{
	char s[21];

	key(w, k);
	if (!t) {
		null(w);
		return;
	}
	cal_format_instant(t, s);
	str(w, s);
}

static void
pace(struct jw *w, const struct pace *p)
{
	if (!p->known) {
		null(w);
		return;
	}
	open_(w, '{');
	k_real(w, "expected", p->expected);
	k_real(w, "gap", p->gap);
	k_str(w, "suggested_health", health_name(p->suggested));
	key(w, "disagrees");
	boolean(w, p->disagrees);
	close_(w, '}');
}

static void
strings(struct jw *w, const struct strlist *l)
{
	open_(w, '[');
	for (size_t i = 0; i < l->n; i++) {
		next(w);
		str(w, l->v[i]);
	}
	close_(w, ']');
}

static void
kr(struct jw *w, const struct key_result *k, struct buf *d)
{
	open_(w, '{');
	k_int(w, "id", k->id);
	k_int(w, "objective", k->objective);
	k_str(w, "title", k->title);
	k_str(w, "context", k->context ? k->context : "");
	k_str(w, "kind", kr_kind_name(k->kind));
	if (k->kind == KR_METRIC) {
		k_str(w, "unit", k->unit ? k->unit : "");
		k_real(w, "start", k->start);
		k_real(w, "target", k->target);
		k_real(w, "current", k->current);
	} else {
		key(w, "unit");
		null(w);
		key(w, "start");
		null(w);
		key(w, "target");
		null(w);
		key(w, "current");
		null(w);
	}
	k_str(w, "health", health_name(k->health));
	k_str(w, "dri", k->dri_handle ? k->dri_handle : "");
	k_real(w, "weight", k->weight);
	k_int(w, "version", k->version);
	k_real(w, "progress", k->progress);
	key(w, "pace");
	pace(w, &k->pace);
	key(w, "forecast");
	if (k->has_forecast)
		real(w, k->forecast);
	else
		null(w);
	key(w, "criteria");
	open_(w, '[');
	for (size_t i = 0; i < k->ncriteria; i++) {
		const struct criterion *c = &k->criteria[i];

		next(w);
		open_(w, '{');
		k_int(w, "id", c->id);
		k_str(w, "ref", c->ref);
		k_str(w, "title", c->title ? c->title : "");
		k_real(w, "contribution", c->contribution);
		k_str(w, "state", item_state_name(c->state));
		k_real(w, "progress", c->progress);
		close_(w, '}');
	}
	close_(w, ']');
	key(w, "initiatives");
	open_(w, '[');
	for (size_t i = 0; i < k->ninitiatives; i++) {
		const struct initiative *x = &k->initiatives[i];

		next(w);
		open_(w, '{');
		k_int(w, "id", x->id);
		k_str(w, "title", x->title);
		k_str_or_null(w, "ref", x->ref);
		k_str(w, "state", item_state_name(x->state));
		close_(w, '}');
	}
	close_(w, ']');
	key(w, "source");
	if (k->last_checkin_at) {
		open_(w, '{');
		k_str(w, "kind", source_name(k->last_source));
		k_str_or_null(w, "author", k->last_checkin_author);
		k_instant(w, "at", k->last_checkin_at);
		close_(w, '}');
	} else {
		null(w);
	}
	buf_reset(d);
	handbook_kr(d, k);
	k_str(w, "description", d->buf);
	close_(w, '}');
}

static void
objective(struct jw *w, const struct app_tree *t, size_t idx, struct buf *d)
{
	const struct objective *o = &t->v[idx];

	open_(w, '{');
	k_int(w, "id", o->id);
	k_str(w, "title", o->title);
	k_str(w, "cycle", o->cycle_name ? o->cycle_name : "");
	k_str_or_null(w, "team", o->team_slug);
	k_id_or_null(w, "parent", o->parent);
	k_str(w, "dri", o->dri_handle ? o->dri_handle : "");
	k_str(w, "health", health_name(o->health));
	k_str(w, "state", state_name(o->state));
	k_str(w, "level", level_name(objective_level(o)));
	k_real(w, "weight", o->weight);
	k_str(w, "context", o->context ? o->context : "");
	k_int(w, "version", o->version);
	key(w, "final_score");
	if (o->has_final)
		real(w, o->final_score);
	else
		null(w);
	k_str_or_null(w, "final_reason", o->final_reason);
	k_real(w, "progress", o->progress);
	key(w, "achieved");
	boolean(w, o->achieved);
	key(w, "pace");
	pace(w, &o->pace);
	buf_reset(d);
	handbook_objective(d, o);
	k_str(w, "description", d->buf);
	k_instant(w, "last_status_at", o->last_status_at);
	key(w, "key_results");
	open_(w, '[');
	for (size_t i = 0; i < o->nkrs; i++) {
		next(w);
		kr(w, &o->krs[i], d);
	}
	close_(w, ']');
	key(w, "links");
	open_(w, '[');
	for (size_t i = 0; i < o->nlinks; i++) {
		const struct link *l = &o->links[i];

		next(w);
		open_(w, '{');
		k_int(w, "id", l->id);
		k_str(w, "ref", l->ref);
		k_str(w, "title", l->title ? l->title : "");
		k_str(w, "state", item_state_name(l->state));
		close_(w, '}');
	}
	close_(w, ']');
	key(w, "retro");
	if (o->has_retro) {
		open_(w, '{');
		key(w, "good");
		strings(w, &o->retro.good);
		key(w, "bad");
		strings(w, &o->retro.bad);
		key(w, "try");
		strings(w, &o->retro.try);
		key(w, "final");
		boolean(w, o->retro.final_at != 0);
		k_instant(w, "final_at", o->retro.final_at);
		close_(w, '}');
	} else {
		null(w);
	}
	key(w, "children");
	open_(w, '[');
	for (size_t i = 0; i < o->nchildren; i++) {
		next(w);
		objective(w, t, o->children[i], d);
	}
	close_(w, ']');
	close_(w, '}');
}

void
app_json_tree_write(struct buf *b, const struct app_tree *t, int pretty)
{
	struct jw w = {b, pretty, 0, NULL, 0};
	struct buf d = BUF_INIT;
	const struct cycle *c = &t->cycle;

	ALLOC_GROW(w.any, 8, w.alloc);
	w.any[0] = 0;
	open_(&w, '{');
	key(&w, "cycle");
	if (c->id) {
		open_(&w, '{');
		k_int(&w, "id", c->id);
		k_str(&w, "name", c->name);
		k_str(&w, "kind", cycle_kind_name(c->kind));
		k_date(&w, "starts_on", c->starts_on);
		k_date(&w, "ends_on", c->ends_on);
		k_id_or_null(&w, "parent", c->parent);
		close_(&w, '}');
	} else {
		null(&w);
	}
	if (t->has_as_of) {
		k_date(&w, "as_of", t->as_of);
	} else {
		key(&w, "as_of");
		null(&w);
	}
	key(&w, "objectives");
	open_(&w, '[');
	for (size_t i = 0; i < t->nroots; i++) {
		next(&w);
		objective(&w, t, t->roots[i], &d);
	}
	close_(&w, ']');
	close_(&w, '}');
	buf_release(&d);
	free(w.any);
}
