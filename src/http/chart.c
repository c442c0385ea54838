/* chart.c: an SVG line chart of progress against the expected pace. */
#include "http/chart.h"

#include <math.h>
#include <stdio.h>

#include "core/calendar.h"
#include "core/present.h"
#include "util/html.h"

#define W 600.0
#define H 180.0
#define LEFT 76.0 /* room for "100%" at a phone's larger label size (okra.css) */
#define RIGHT 10.0
#define TOP 10.0
#define BOTTOM 30.0
#define YMAX 1.2 /* room above 100% for overshoot */

static double
xpos(double t, double t0, double t1)
{
	double f = t1 > t0 ? (t - t0) / (t1 - t0) : 0;

	if (f < 0)
		f = 0;
	if (f > 1)
		f = 1;
	return LEFT + f * (W - LEFT - RIGHT);
}

static double
ypos(double p)
{
	if (!isfinite(p) || p < 0)
		p = 0;
	if (p > YMAX)
		p = YMAX;
	return TOP + (1 - p / YMAX) * (H - TOP - BOTTOM);
}

void
chart_svg(struct buf *b, const char *label, int32_t from, int32_t to, int32_t today,
	  const struct chart_point *v, size_t n)
{
	double t0 = (double)from * 86400, t1 = ((double)to + 1) * 86400;
	double gone;
	char s[11], e[11];

	cal_format_date(from, s);
	cal_format_date(to, e);
	buf_adds(b,
		 "<figure class=\"chart\">\n<svg viewBox=\"0 0 600 180\" role=\"img\" "
		 "aria-label=\"");
	html_attr(b, label);
	buf_adds(b, ": progress over the cycle against the expected pace\">\n");
	/* Grid at 0, 50 and 100%. */
	for (int i = 0; i <= 2; i++) {
		double y = ypos(i * 0.5);

		buf_addf(b,
			 "<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>"
			 "<text class=\"axis\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" "
			 "dominant-baseline=\"central\">%d%%</text>\n",
			 LEFT, y, W - RIGHT, y, LEFT - 6, y, i * 50);
	}
	buf_addf(b,
		 "<text class=\"axis\" x=\"%.1f\" y=\"%.1f\">%s</text>"
		 "<text class=\"axis\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
		 LEFT, H - 4, s, W - RIGHT, H - 4, e);
	/* Expected pace: 0% at the start, 100% at the end. */
	buf_addf(b, "<line class=\"pace\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n",
		 xpos(t0, t0, t1), ypos(0), xpos(t1, t0, t1), ypos(1));
	if (n) {
		buf_addf(b, "<polyline class=\"line\" points=\"%.1f,%.1f", xpos(t0, t0, t1),
			 ypos(0));
		for (size_t i = 0; i < n; i++)
			buf_addf(b, " %.1f,%.1f", xpos((double)v[i].at, t0, t1),
				 ypos(v[i].progress));
		buf_adds(b, "\"/>\n");
		for (size_t i = 0; i < n; i++)
			buf_addf(b, "<circle class=\"dot\" cx=\"%.1f\" cy=\"%.1f\" r=\"3\"/>\n",
				 xpos((double)v[i].at, t0, t1), ypos(v[i].progress));
	}
	buf_adds(b, "</svg>\n<figcaption>");
	if (n) {
		char d[11];

		cal_format_date(cal_day_of_instant(v[n - 1].at), d);
		present_pct(b, v[n - 1].progress);
		buf_addf(b, " on %s", d);
		if (present_cycle_gone(from, to, today, &gone)) {
			buf_adds(b, "; ");
			present_pct(b, gone);
			buf_adds(b, " of the cycle is gone, the pace line's level today");
		}
		buf_adds(b,
			 ". Solid: progress at the last update of each day; dashed: the expected "
			 "pace.");
	} else {
		buf_adds(b, "No updates yet. Dashed: the expected pace.");
	}
	buf_adds(b, "</figcaption>\n</figure>\n");
}
