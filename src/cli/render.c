/* render.c: the tree and an objective as text for a terminal. */
#include "cli/cli.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "core/handbook.h"
#include "core/present.h"
#include "core/progress.h"
#include "util/buf.h"
#include "app/tree.h"

#define BAR_WIDTH 10

/* A bar of clamped progress: "███████░░░". */
static void
bar(FILE *f, double progress)
{
	int full = (int)lround(progress_clamp(progress) * BAR_WIDTH);

	for (int i = 0; i < BAR_WIDTH; i++)
		fputs(i < full ? "█" : "░", f);
}

/* " · expected 70%, 20 points behind · pace says needs attention · ⚑ health disagrees with pace" */
void
render_pace(FILE *f, const struct pace *p, enum health recorded)
{
	char pct[16];
	double pts;

	if (!p->known)
		return;
	present_pct_str(pct, sizeof(pct), p->expected);
	pts = present_points(p->gap);
	fprintf(f, " · expected %s", pct);
	if (pts)
		fprintf(f, ", %.0f point%s %s", fabs(pts), fabs(pts) == 1 ? "" : "s",
			pts < 0 ? "behind" : "ahead");
	else
		fputs(", on pace", f);
	if (p->suggested != recorded)
		fprintf(f, " · pace says %s", present_health_words(p->suggested));
	if (p->disagrees)
		fputs(" · ⚑ health disagrees with pace", f);
}

/* " · forecast 87% by 2026-12-31" when the KR's check-ins give one. */
void
render_forecast(FILE *f, const struct key_result *kr)
{
	char pct[16], d[11];

	if (!kr->has_forecast)
		return;
	present_pct_str(pct, sizeof(pct), kr->forecast);
	cal_format_date(kr->forecast_on, d);
	fprintf(f, " · forecast %s by %s", pct, d);
}

/* " · final score 80% (reason)" for a closed objective. */
static void
final_text(FILE *f, const struct objective *o)
{
	char pct[16];

	if (!o->has_final)
		return;
	present_pct_str(pct, sizeof(pct), o->final_score);
	fprintf(f, " · final score %s", pct);
	if (o->final_reason && *o->final_reason)
		fprintf(f, " (%s)", o->final_reason);
}

static void
kr_line(FILE *f, const struct key_result *kr, int indent)
{
	char pct[16];

	present_pct_str(pct, sizeof(pct), kr->progress);
	fprintf(f, "%*s  %5s  KR #%-4lld %s", indent, "", pct, (long long)kr->id, kr->title);
	if (kr->kind == KR_METRIC)
		fprintf(f, "  [%g → %g%s%s]", kr->current, kr->target, *kr->unit ? " " : "",
			kr->unit);
	else
		fprintf(f, "  [%zu criteria]", kr->ncriteria);
	fprintf(f, " · %s · %s", present_health_words(kr->health), kr->dri_handle);
	render_pace(f, &kr->pace, kr->health);
	render_forecast(f, kr);
	fputc('\n', f);
}

static void
objective_lines(FILE *f, const struct app_tree *t, size_t idx, int depth)
{
	const struct objective *o = &t->v[idx];
	int indent = depth * 4;
	char pct[16];

	present_pct_str(pct, sizeof(pct), o->progress);
	fprintf(f, "%*s", indent, "");
	bar(f, o->progress);
	fprintf(f, " %4s  #%lld %s\n", pct, (long long)o->id, o->title);
	fprintf(f, "%*s%*s%s · %s · %s", indent, "", BAR_WIDTH + 7, "",
		present_health_words(o->health), o->dri_handle,
		o->team_slug ? o->team_slug : level_name(objective_level(&o->row)));
	if (depth == 0 && o->parent)
		fprintf(f, " · aligned to #%lld", (long long)o->parent);
	if (o->achieved)
		fputs(" · achieved", f);
	if (o->state == STATE_CLOSED)
		fputs(" · closed", f);
	else if (o->state == STATE_DRAFT)
		fputs(" · draft", f);
	final_text(f, o);
	render_pace(f, &o->pace, o->health);
	fputc('\n', f);
	for (size_t k = 0; k < o->nkrs; k++)
		kr_line(f, &o->krs[k], indent + BAR_WIDTH + 1);
	for (size_t i = 0; i < o->nchildren; i++)
		objective_lines(f, t, o->children[i], depth + 1);
}

void
render_tree(FILE *f, const struct app_tree *t, int32_t today)
{
	if (t->cycle.id) {
		char s[11], e[11], pct[16];
		double gone;

		cal_format_date(t->cycle.starts_on, s);
		cal_format_date(t->cycle.ends_on, e);
		fprintf(f, "%s  %s → %s", t->cycle.name, s, e);
		if (present_cycle_gone(t->cycle.starts_on, t->cycle.ends_on, today, &gone)) {
			present_pct_str(pct, sizeof(pct), gone);
			fprintf(f, "  · %s of the cycle gone", pct);
		}
		fputs("\n\n", f);
	}
	if (!t->nroots)
		fputs("No objectives yet: add one with okra objective add.\n", f);
	for (size_t i = 0; i < t->nroots; i++) {
		objective_lines(f, t, t->roots[i], 0);
		fputc('\n', f);
	}
}

void
render_objective(FILE *f, const struct app_tree *t, size_t idx)
{
	const struct objective *o = &t->v[idx];
	struct buf d = BUF_INIT;
	char pct[16];

	present_pct_str(pct, sizeof(pct), o->progress);
	fprintf(f, "#%lld %s\n", (long long)o->id, o->title);
	fprintf(f, "%s · %s · %s · DRI %s", o->cycle_name, level_name(objective_level(&o->row)),
		o->team_slug ? o->team_slug : "company", o->dri_handle);
	if (o->parent)
		fprintf(f, " · aligned to #%lld", (long long)o->parent);
	fprintf(f, "\n%s · %s · %s%s", pct, present_health_words(o->health), state_name(o->state),
		o->achieved ? " · achieved" : "");
	final_text(f, o);
	render_pace(f, &o->pace, o->health);
	fputs("\n\n", f);
	if (o->nkrs)
		fputs("Key results\n", f);
	for (size_t k = 0; k < o->nkrs; k++)
		kr_line(f, &o->krs[k], 0);
	if (o->nchildren)
		fputs("\nAligned objectives\n", f);
	for (size_t i = 0; i < o->nchildren; i++) {
		const struct objective *c = &t->v[o->children[i]];

		present_pct_str(pct, sizeof(pct), c->progress);
		fprintf(f, "  %5s  #%lld %s · %s\n", pct, (long long)c->id, c->title,
			c->team_slug ? c->team_slug : "company");
	}
	handbook_objective(&d, o);
	fprintf(f, "\n%s", d.buf);
	buf_release(&d);
}
