/* page_pace.c: pace, the disagreement flag, the KR forecast and the final score as page parts
 * (text, never colour alone). */
#include "http/page.h"

#include "core/calendar.h"
#include "core/present.h"
#include "util/html.h"

void
page_pace(struct buf *b, const struct pace *p, enum health recorded, double progress, int full,
	  const char *sep)
{
	if (!sep)
		sep = " ";
	if (!p->known)
		return;
	if (full) {
		buf_adds(b, sep);
		buf_adds(b, "<span class=\"pace\">Expected ");
		present_pct(b, p->expected);
		buf_adds(b, " by today · actual ");
		present_pct(b, progress);
		buf_adds(b, "</span>");
	}
	if (p->suggested != recorded) {
		buf_adds(b, sep);
		buf_addf(b, "<span class=\"pace\">Pace suggests %s</span>",
			 present_health_words(p->suggested));
	}
	if (p->disagrees) {
		buf_adds(b, sep);
		buf_adds(b, "<span class=\"tag flag\">⚑ Health disagrees with pace</span>");
	}
}

void
page_forecast(struct buf *b, const struct key_result *kr, const char *sep)
{
	char d[11];

	if (!kr->has_forecast)
		return;
	cal_format_date(kr->forecast_on, d);
	buf_adds(b, sep ? sep : " ");
	buf_adds(b, "<span class=\"forecast\">Forecast ");
	present_pct(b, kr->forecast);
	buf_adds(b, " by ");
	html_txt(b, d);
	buf_adds(b, "</span>");
}

void
page_final(struct buf *b, const struct objective *o)
{
	if (!o->has_final)
		return;
	buf_adds(b, " <span class=\"final\">Final score <strong>");
	present_pct(b, o->final_score);
	buf_adds(b, "</strong>");
	if (o->final_reason && *o->final_reason) {
		buf_adds(b, ": ");
		html_txt(b, o->final_reason);
	}
	buf_adds(b, "</span>");
}

void
page_kr_summary(struct buf *b, const struct key_result *kr)
{
	char at[21];

	buf_adds(b, "Now ");
	present_pct(b, kr->progress);
	if (kr->kind == KR_METRIC) {
		const char *sp = *kr->unit == '%' || *kr->unit == '/' || !*kr->unit ? "" : " ";

		buf_addf(b, " (at %g%s%s of %g%s%s)", kr->current, sp, kr->unit, kr->target, sp,
			 kr->unit);
	} else
		buf_adds(b, " of the scoring criteria closed");
	buf_addf(b, ", %s", present_health_words(kr->health));
	if (kr->pace.known) {
		buf_adds(b, "; expected ");
		present_pct(b, kr->pace.expected);
		buf_adds(b, " by today");
		if (kr->pace.suggested != kr->health)
			buf_addf(b, ", pace suggests %s", present_health_words(kr->pace.suggested));
	}
	if (kr->last_checkin_at) {
		cal_format_instant(kr->last_checkin_at, at);
		buf_addf(b, "; updated %.10s by %s", at,
			 kr->last_checkin_author ? kr->last_checkin_author : "an integration");
	} else
		buf_adds(b, "; not updated yet");
	buf_adds(b, ".");
}
