/* page_pace.c: pace, the disagreement flag, the KR forecast and the final score as page parts
 * (text, never colour alone). */
#include "http/page.h"

#include "core/calendar.h"
#include "util/html.h"

static const char *
health_words(enum health h)
{
	switch (h) {
	case HEALTH_ON_TRACK:
		return "on track";
	case HEALTH_NEEDS_ATTENTION:
		return "needs attention";
	case HEALTH_AT_RISK:
		return "at risk";
	default:
		return "no update yet";
	}
}

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
		page_pct(b, p->expected);
		buf_adds(b, " by today · actual ");
		page_pct(b, progress);
		buf_adds(b, "</span>");
	}
	if (p->suggested != recorded)
		buf_addf(b, "%s<span class=\"pace\">Pace suggests %s</span>", sep,
			 health_words(p->suggested));
	if (p->disagrees)
		buf_addf(b, "%s<span class=\"tag flag\">⚑ Health disagrees with pace</span>", sep);
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
	page_pct(b, kr->forecast);
	buf_addf(b, " by %s</span>", d);
}

void
page_final(struct buf *b, const struct objective *o)
{
	if (!o->has_final)
		return;
	buf_adds(b, " <span class=\"final\">Final score <strong>");
	page_pct(b, o->final_score);
	buf_adds(b, "</strong>");
	if (o->final_reason && *o->final_reason) {
		buf_adds(b, ": ");
		html_txt(b, o->final_reason);
	}
	buf_adds(b, "</span>");
}
