/* handbook.c: build (and parse the list items of) the handbook Markdown of objectives, KRs and
 * retros (R6, R7, R11). */
#include "core/handbook.h"

#include "core/ref.h"
#include "util/xalloc.h"

#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

/*
 * Every section is written as "heading\n" + optionally "\nbody\n", and every
 * section but the first is preceded by "\n": sections end up separated by
 * exactly one blank line and the whole text ends with exactly one newline.
 */
struct md {
	struct buf *out;
	int started;
};

static void
heading(struct md *m, const char *h)
{
	if (m->started)
		buf_addch(m->out, '\n');
	m->started = 1;
	buf_adds(m->out, h);
	buf_addch(m->out, '\n');
}

/* *s moved past its leading blank lines; the length left without trailing white space. */
static size_t
trimmed(const char **s)
{
	size_t len;

	while (**s == '\n' || **s == '\r')
		(*s)++;
	len = strlen(*s);
	while (len && strchr(" \t\r\n", (*s)[len - 1]))
		len--;
	return len;
}

/*
 * Free text as a section body: leading blank lines and trailing white space
 * are dropped so the section spacing stays exact whatever the user typed.
 */
static void
body_text(struct md *m, const char *s)
{
	size_t len;

	if (!s || !(len = trimmed(&s)))
		return;
	buf_addch(m->out, '\n');
	buf_add(m->out, s, len);
	buf_addch(m->out, '\n');
}

/* A free-standing block of Markdown (o->sections) placed as its own section. */
static void
block(struct md *m, const char *s)
{
	size_t len;

	/* Nothing but white space is no block at all. */
	if (!s || !(len = trimmed(&s)))
		return;
	if (m->started)
		buf_addch(m->out, '\n');
	m->started = 1;
	buf_add(m->out, s, len);
	buf_addch(m->out, '\n');
}

void
handbook_number(struct buf *out, double x)
{
	char tmp[48];
	size_t len;

	if (!isfinite(x)) {
		buf_adds(out, isnan(x) ? "nan" : x > 0 ? "inf" : "-inf");
		return;
	}
	/* Beyond 1e15 (validation's limit) six decimals are noise: print the integer. */
	if (fabs(x) >= 1e15) {
		buf_addf(out, "%.0f", x);
		return;
	}
	snprintf(tmp, sizeof(tmp), "%.6f", x);
	len = strlen(tmp);
	while (len && tmp[len - 1] == '0')
		len--;
	if (len && tmp[len - 1] == '.')
		len--;
	tmp[len] = '\0';
	buf_adds(out, strcmp(tmp, "-0") == 0 ? "0" : tmp);
}

static void
retro_list(struct md *m, const char *h, const struct strlist *l)
{
	size_t i;

	heading(m, h);
	if (!l->n)
		return;
	buf_addch(m->out, '\n');
	for (i = 0; i < l->n; i++) {
		buf_adds(m->out, "- ");
		buf_adds(m->out, l->v[i]);
		buf_addch(m->out, '\n');
	}
}

static void
retro_md(struct md *m, const struct retro *r)
{
	heading(m, "### Retro");
	retro_list(m, "#### Good", &r->good);
	retro_list(m, "#### Bad", &r->bad);
	retro_list(m, "#### Try", &r->try);
}

void
handbook_retro(struct buf *out, const struct retro *r)
{
	struct md m = {out, 0};

	retro_md(&m, r);
}

static int
has_text(const char *s)
{
	return s && *s;
}

/* A numbered list item's start: "N. ref", then " — title" if it has one. */
static void
item_head(struct buf *out, size_t i, const char *ref, const char *title)
{
	buf_addf(out, "%zu. %s", i + 1, ref ? ref : "");
	if (has_text(title))
		buf_addf(out, " — %s", title);
}

/* A list item's end: " (closed)" for a closed item, then the newline. */
static void
item_tail(struct buf *out, enum item_state state)
{
	if (state == ITEM_CLOSED)
		buf_adds(out, " (closed)");
	buf_addch(out, '\n');
}

static void
objective_md(struct buf *out, const struct objective *o, int draft_retro)
{
	struct md m = {out, 0};
	size_t i;

	heading(&m, "### Context");
	body_text(&m, o->context);
	heading(&m, "### Linked Epics and Issues");
	if (o->nlinks)
		buf_addch(out, '\n');
	for (i = 0; i < o->nlinks; i++) {
		const struct link *l = &o->links[i];

		item_head(out, i, l->ref, l->title);
		item_tail(out, l->state);
	}
	block(&m, o->sections);
	if (o->has_retro && (draft_retro || o->retro.final_at != 0))
		retro_md(&m, &o->retro);
}

void
handbook_objective(struct buf *out, const struct objective *o)
{
	objective_md(out, o, 0);
}

void
handbook_objective_around_links(struct buf *before, struct buf *after, const struct objective *o)
{
	struct md m = {before, 0};

	heading(&m, "### Context");
	body_text(&m, o->context);
	m = (struct md){after, 0};
	block(&m, o->sections);
	if (o->has_retro && o->retro.final_at != 0)
		retro_md(&m, &o->retro);
}

void
handbook_kr(struct buf *out, const struct key_result *kr)
{
	struct md m = {out, 0};
	size_t i;

	heading(&m, "### Context");
	body_text(&m, kr->context);
	heading(&m, "### Scoring Criteria");
	if (kr->kind == KR_METRIC) {
		/* A metric KR has one criterion, its metric, worth all of it. */
		buf_addf(out, "\n1. %s: from ", kr->title ? kr->title : "");
		handbook_number(out, kr->start);
		buf_adds(out, " to ");
		handbook_number(out, kr->target);
		if (has_text(kr->unit))
			buf_addf(out, " %s", kr->unit);
		buf_adds(out, " — 100%\n");
	} else {
		if (kr->ncriteria)
			buf_addch(out, '\n');
		for (i = 0; i < kr->ncriteria; i++) {
			const struct criterion *c = &kr->criteria[i];

			item_head(out, i, c->ref, c->title);
			buf_adds(out, " — ");
			handbook_number(out, c->contribution);
			buf_addch(out, '%');
			item_tail(out, c->state);
		}
	}
	if (!kr->ninitiatives)
		return;
	heading(&m, "### Initiatives");
	buf_addch(out, '\n');
	for (i = 0; i < kr->ninitiatives; i++) {
		const struct initiative *in = &kr->initiatives[i];
		buf_addf(out, "- %s", in->title ? in->title : "");
		if (has_text(in->ref))
			buf_addf(out, " — %s", in->ref);
		item_tail(out, in->state);
	}
}

/* One "key: value" line of an okra block; nothing for an empty value. */
static void
field(struct buf *out, const char *key, const char *value)
{
	if (value && *value)
		buf_addf(out, "%s: %s\n", key, value);
}

static void
field_num(struct buf *out, const char *key, double x)
{
	buf_addf(out, "%s: ", key);
	handbook_number(out, x);
	buf_addch(out, '\n');
}

static void
field_id(struct buf *out, const char *key, int64_t id)
{
	if (id)
		buf_addf(out, "%s: %lld\n", key, (long long)id);
}

/* The roll-up lines an objective and a KR share: weight, health, progress. */
static void
field_rollup(struct buf *out, double weight, enum health health, double progress)
{
	field_num(out, "weight", weight);
	field(out, "health", health_name(health));
	field_num(out, "progress", progress);
}

void
handbook_export_objective(struct buf *out, const struct objective *o)
{
	size_t i;

	buf_addf(out, "# %s\n\n```okra\n", o->title ? o->title : "");
	field_id(out, "id", o->id);
	field(out, "cycle", o->cycle_name);
	field(out, "team", o->team_slug);
	field_id(out, "parent", o->parent);
	field(out, "dri", o->dri_handle);
	field(out, "state", state_name(o->state));
	field_rollup(out, o->weight, o->health, o->progress);
	if (o->has_retro)
		field(out, "retro", o->retro.final_at ? "final" : "draft");
	buf_adds(out, "```\n\n");
	objective_md(out, o, 1);
	for (i = 0; i < o->nkrs; i++) {
		const struct key_result *kr = &o->krs[i];

		buf_addf(out, "\n## KR: %s\n\n```okra\n", kr->title ? kr->title : "");
		field_id(out, "id", kr->id);
		field(out, "dri", kr->dri_handle);
		field(out, "kind", kr_kind_name(kr->kind));
		if (kr->kind == KR_METRIC) {
			field(out, "unit", kr->unit);
			field_num(out, "start", kr->start);
			field_num(out, "target", kr->target);
			field_num(out, "current", kr->current);
		}
		field_rollup(out, kr->weight, kr->health, kr->progress);
		buf_adds(out, "```\n\n");
		handbook_kr(out, kr);
	}
}

void
handbook_item_release(struct handbook_item *it)
{
	free(it->ref);
	free(it->title);
	memset(it, 0, sizeof(*it));
}

static const char sep[] = " \xe2\x80\x94 "; /* " — " */

/* s[0..*len) without a trailing " (closed)"; sets *closed. */
static void
strip_closed(const char *s, size_t *len, int *closed)
{
	static const char mark[] = " (closed)";
	size_t m = sizeof(mark) - 1;

	*closed = *len >= m && memcmp(s + *len - m, mark, m) == 0;
	if (*closed)
		*len -= m;
}

/* The last " — " in s[0..len), or NULL. */
static const char *
last_sep(const char *s, size_t len)
{
	size_t k = sizeof(sep) - 1;

	for (size_t i = len; i >= k; i--)
		if (memcmp(s + i - k, sep, k) == 0)
			return s + i - k;
	return NULL;
}

static int
canon_ref(const char *s, size_t len, char **out, struct okra_err *err)
{
	struct buf b = BUF_INIT;
	char *tmp = xstrndup(s, len);
	int rc;

	rc = ref_parse(tmp, "ref", &b, NULL, err);
	free(tmp);
	if (rc == 0)
		*out = buf_detach(&b, NULL);
	buf_release(&b);
	return rc;
}

/* REF[ — TITLE] from s[0..len): the ref is everything before the first " — ". */
static int
ref_title(const char *s, size_t len, struct handbook_item *out, struct okra_err *err)
{
	const char *p = NULL;
	size_t k = sizeof(sep) - 1;

	for (size_t i = 0; i + k <= len; i++)
		if (memcmp(s + i, sep, k) == 0) {
			p = s + i;
			break;
		}
	if (canon_ref(s, p ? (size_t)(p - s) : len, &out->ref, err) < 0)
		return err ? err->code : OKRA_EINVAL;
	if (p && s + len > p + k)
		out->title = xstrndup(p + k, (size_t)(s + len - p - k));
	return 0;
}

int
handbook_parse_link(const char *s, struct handbook_item *out, struct okra_err *err)
{
	size_t len = strlen(s);

	memset(out, 0, sizeof(*out));
	strip_closed(s, &len, &out->closed);
	if (ref_title(s, len, out, err) < 0) {
		handbook_item_release(out);
		return OKRA_EINVAL;
	}
	return 0;
}

int
handbook_parse_criterion(const char *s, struct handbook_item *out, struct okra_err *err)
{
	size_t len = strlen(s);
	const char *p;
	char num[64];
	size_t n;
	char *end;
	int rc = OKRA_EINVAL;

	memset(out, 0, sizeof(*out));
	strip_closed(s, &len, &out->closed);
	p = last_sep(s, len);
	if (!p || len == 0 || s[len - 1] != '%') {
		okra_err_set(err, OKRA_EINVAL, "criterion",
			     "a scoring criterion reads \"REF — PERCENT%%\" (R7), e.g. "
			     "\"group/project#1 — 50%%\"");
		goto out;
	}
	n = (size_t)(s + len - 1 - (p + sizeof(sep) - 1));
	if (n == 0 || n >= sizeof(num)) {
		okra_err_set(err, OKRA_EINVAL, "criterion",
			     "the contribution before %% is missing or too long");
		goto out;
	}
	memcpy(num, p + sizeof(sep) - 1, n);
	num[n] = '\0';
	out->pct = strtod(num, &end);
	if (*end || end == num || !isfinite(out->pct) || strspn(num, "0123456789.") != n) {
		okra_err_set(err, OKRA_EINVAL, "criterion", "\"%s%%\" is not a percentage", num);
		goto out;
	}
	rc = ref_title(s, (size_t)(p - s), out, err);
out:
	if (rc < 0)
		handbook_item_release(out);
	return rc;
}

int
handbook_parse_initiative(const char *s, struct handbook_item *out, struct okra_err *err)
{
	size_t len = strlen(s);
	const char *p;
	struct okra_err scratch = {0};

	(void)err;
	memset(out, 0, sizeof(*out));
	strip_closed(s, &len, &out->closed);
	p = last_sep(s, len);
	if (p && canon_ref(p + sizeof(sep) - 1, (size_t)(s + len - p - (sizeof(sep) - 1)),
			   &out->ref, &scratch) == 0)
		len = (size_t)(p - s);
	out->title = xstrndup(s, len);
	return 0;
}

int
handbook_parse_field(const char *line, char **key, char **value, struct okra_err *err)
{
	size_t k = strspn(line, "abcdefghijklmnopqrstuvwxyz_");
	const char *v;
	size_t len;

	*key = *value = NULL;
	if (k == 0 || line[k] != ':')
		return okra_err_set(err, OKRA_EINVAL, "okra",
				    "expected \"key: value\", got \"%.60s\"", line);
	v = line + k + 1;
	while (*v == ' ' || *v == '\t')
		v++;
	len = strlen(v);
	while (len && (v[len - 1] == ' ' || v[len - 1] == '\t'))
		len--;
	*key = xstrndup(line, k);
	*value = xstrndup(v, len);
	return 0;
}
