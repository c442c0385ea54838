/* present.c: health words and percentages as people read them, in one place. */
#include "core/present.h"

#include <math.h>
#include <stdio.h>

#include "core/pace.h"

static const char *const words[] = {"no update yet", "on track", "needs attention", "at risk"};
static const char *const labels[] = {"No update yet", "On track", "Needs attention", "At risk"};

static size_t
health_index(enum health h)
{
	switch (h) {
	case HEALTH_ON_TRACK:
	case HEALTH_NEEDS_ATTENTION:
	case HEALTH_AT_RISK:
		return (size_t)h;
	default:
		return 0;
	}
}

const char *
present_health_words(enum health h)
{
	return words[health_index(h)];
}

const char *
present_health_label(enum health h)
{
	return labels[health_index(h)];
}

/* The percentage to print with "%.0f": finite, and no "-0" from a tiny negative. */
static double
whole_pct(double fraction)
{
	double v = isfinite(fraction) ? fraction * 100 : 0;

	/* Past about 1e306 the product overflows: still show a number, not "inf". */
	if (!isfinite(v) || (v > -0.5 && v < 0.5))
		return 0;
	return v;
}

void
present_pct(struct buf *b, double fraction)
{
	buf_addf(b, "%.0f%%", whole_pct(fraction));
}

char *
present_pct_str(char *out, size_t n, double fraction)
{
	if (n)
		snprintf(out, n, "%.0f%%", whole_pct(fraction));
	return out;
}

double
present_points(double fraction)
{
	double v = round(fraction * 100);

	if (!isfinite(v) || v == 0)
		return 0;
	return v;
}

int
present_cycle_gone(int32_t starts_on, int32_t ends_on, int32_t day, double *gone)
{
	if (day < starts_on || day > ends_on)
		return 0;
	*gone = pace_expected(starts_on, ends_on, day);
	return 1;
}
