/* lint.c: warnings about OKR practice that okra does not refuse (R2 KR count, R7 totals). */
#include "core/lint.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/handbook.h"
#include "util/buf.h"
#include "util/xalloc.h"

/* Float sums such as 33.3 + 33.3 + 33.4 are "exactly 100" for R7. */
#define PCT_EPSILON 1e-6
/* Room for the rest of the message in a 256-byte finding. */
#define TITLE_SHOWN 120

/*
 * The title as shown in a finding: cut at a character boundary with "…" when
 * long, so a 200-byte title cannot crowd the rule out of the message.
 */
static void
short_title(char *out, size_t size, const char *t)
{
	size_t len;

	if (!t)
		t = "";
	len = strlen(t);
	if (len < size && len <= TITLE_SHOWN) {
		memcpy(out, t, len + 1);
		return;
	}
	len = TITLE_SHOWN < size - 4 ? TITLE_SHOWN : size - 4;
	while (len && ((unsigned char)t[len] & 0xc0) == 0x80)
		len--;
	memcpy(out, t, len);
	memcpy(out + len, "…", 4); /* 3 bytes of UTF-8 and the NUL */
}

static void add(struct lint_report *r, int64_t obj, int64_t kr, const char *rule, const char *fmt,
		...) __attribute__((format(printf, 5, 6)));

static void
add(struct lint_report *r, int64_t obj, int64_t kr, const char *rule, const char *fmt, ...)
{
	struct lint_finding *f;
	va_list ap;

	ALLOC_GROW(r->v, r->n + 1, r->alloc);
	f = &r->v[r->n++];
	memset(f, 0, sizeof(*f));
	f->objective = obj;
	f->key_result = kr;
	snprintf(f->rule, sizeof(f->rule), "%s", rule);
	va_start(ap, fmt);
	vsnprintf(f->msg, sizeof(f->msg), fmt, ap);
	va_end(ap);
}

void
lint_objective(const struct objective *o, struct lint_report *r)
{
	char title[TITLE_SHOWN + 4];
	size_t i, k;

	short_title(title, sizeof(title), o->title);
	if (o->nkrs < 2 || o->nkrs > 5)
		add(r, o->id, 0, "R2",
		    "objective %lld \"%s\" has %zu key result%s; R2 expects 2–5 (typically 3)",
		    (long long)o->id, title, o->nkrs, o->nkrs == 1 ? "" : "s");
	for (i = 0; i < o->nkrs; i++) {
		const struct key_result *kr = &o->krs[i];
		struct buf total = BUF_INIT;
		double sum = 0;

		if (kr->kind != KR_CRITERIA)
			continue;
		short_title(title, sizeof(title), kr->title);
		if (kr->ncriteria == 0) {
			add(r, o->id, kr->id, "R7",
			    "key result %lld \"%s\" has no scoring criteria; R7 expects "
			    "criteria that total 100%%",
			    (long long)kr->id, title);
			continue;
		}
		for (k = 0; k < kr->ncriteria; k++)
			sum += kr->criteria[k].contribution;
		if (fabs(sum - 100) <= PCT_EPSILON)
			continue;
		handbook_number(&total, sum);
		add(r, o->id, kr->id, "R7",
		    "key result %lld \"%s\": scoring criteria total %s%%, R7 expects exactly 100%%",
		    (long long)kr->id, title, total.buf);
		buf_release(&total);
	}
}

void
lint_plan(const struct objective *o, struct lint_report *r)
{
	char title[TITLE_SHOWN + 4];
	enum level lv = objective_level(&o->row);

	short_title(title, sizeof(title), o->title);
	if (lv != LEVEL_COMPANY_ANNUAL && !o->parent)
		add(r, o->id, 0, "R1",
		    "objective %lld \"%s\" is not aligned to a company objective", (long long)o->id,
		    title);
	if (lv == LEVEL_COMPANY_QUARTERLY && !o->nchildren)
		add(r, o->id, 0, "R1",
		    "company objective %lld \"%s\" has no workstream objectives aligned to it yet",
		    (long long)o->id, title);
	if (lv == LEVEL_COMPANY_ANNUAL && !o->nchildren)
		add(r, o->id, 0, "R1",
		    "annual objective %lld \"%s\" has no quarterly objectives aligned to it yet",
		    (long long)o->id, title);
}

void
lint_report_release(struct lint_report *r)
{
	free(r->v);
	r->v = NULL;
	r->n = r->alloc = 0;
}
