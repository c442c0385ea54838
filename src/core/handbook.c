/* handbook.c: build the handbook Markdown of objectives, key results and retros (R6, R7, R11). */
#include "core/handbook.h"

#include <math.h>
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

/*
 * Free text as a section body: leading blank lines and trailing white space
 * are dropped so the section spacing stays exact whatever the user typed.
 */
static void
body_text(struct md *m, const char *s)
{
	size_t len;

	if (!s)
		return;
	while (*s == '\n' || *s == '\r')
		s++;
	len = strlen(s);
	while (len && strchr(" \t\r\n", s[len - 1]))
		len--;
	if (!len)
		return;
	buf_addch(m->out, '\n');
	buf_add(m->out, s, len);
	buf_addch(m->out, '\n');
}

/* A free-standing block of Markdown (o->sections) placed as its own section. */
static void
block(struct md *m, const char *s)
{
	const char *p = s;
	size_t len;

	if (!s)
		return;
	while (*p == '\n' || *p == '\r' || *p == ' ' || *p == '\t')
		p++;
	if (!*p)
		return;
	while (*s == '\n' || *s == '\r')
		s++;
	len = strlen(s);
	while (len && strchr(" \t\r\n", s[len - 1]))
		len--;
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

void
handbook_objective(struct buf *out, const struct objective *o)
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
		buf_addf(out, "%zu. %s", i + 1, l->ref ? l->ref : "");
		if (has_text(l->title))
			buf_addf(out, " — %s", l->title);
		if (l->state == ITEM_CLOSED)
			buf_adds(out, " (closed)");
		buf_addch(out, '\n');
	}
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
			buf_addf(out, "%zu. %s", i + 1, c->ref ? c->ref : "");
			if (has_text(c->title))
				buf_addf(out, " — %s", c->title);
			buf_adds(out, " — ");
			handbook_number(out, c->contribution);
			buf_addch(out, '%');
			if (c->state == ITEM_CLOSED)
				buf_adds(out, " (closed)");
			buf_addch(out, '\n');
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
		if (in->state == ITEM_CLOSED)
			buf_adds(out, " (closed)");
		buf_addch(out, '\n');
	}
}
