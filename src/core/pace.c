/* pace.c: expected progress by date, the health the gap suggests, disagreement, and the
 * least-squares forecast. */
#include "core/pace.h"

#include <math.h>

#define SECONDS_PER_DAY 86400.0
/* Float noise must not tip a gap that sits on a threshold (0.15 - 0.25 is -0.0999…98). */
#define GAP_EPS 1e-9

int
pace_thresholds_valid(double attention, double risk)
{
	return isfinite(attention) && isfinite(risk) && attention >= 0 && attention <= risk &&
	       risk <= 1;
}

double
pace_expected(int32_t starts_on, int32_t ends_on, int32_t day)
{
	if (day < starts_on)
		return 0;
	if (day >= ends_on)
		return 1;
	return (double)((int64_t)day - starts_on + 1) / (double)((int64_t)ends_on - starts_on + 1);
}

enum health
pace_suggest(double gap, const struct pace_thresholds *th)
{
	double attention = th ? th->attention : PACE_ATTENTION_DEFAULT;
	double risk = th ? th->risk : PACE_RISK_DEFAULT;

	if (!isfinite(gap))
		return HEALTH_AT_RISK;
	if (gap >= -attention - GAP_EPS)
		return HEALTH_ON_TRACK;
	if (gap >= -risk - GAP_EPS)
		return HEALTH_NEEDS_ATTENTION;
	return HEALTH_AT_RISK;
}

int
pace_disagrees(enum health recorded, enum health suggested)
{
	/* The enum counts up from on_track (1) to at_risk (3): a higher number is worse. */
	int d = (int)recorded - (int)suggested;

	if (recorded == HEALTH_NONE || suggested == HEALTH_NONE)
		return 0;
	return d <= -1 || d >= 2;
}

void
pace_compute(double progress, enum health recorded, int32_t starts_on, int32_t ends_on, int32_t day,
	     const struct pace_thresholds *th, struct pace *out)
{
	out->known = 1;
	out->expected = pace_expected(starts_on, ends_on, day);
	out->gap = (isfinite(progress) ? progress : 0) - out->expected;
	out->suggested = pace_suggest(out->gap, th);
	out->disagrees = pace_disagrees(recorded, out->suggested);
}

int
pace_forecast(const struct checkin *v, size_t n, int32_t ends_on, double *out)
{
	double mx = 0, my = 0, sxx = 0, sxy = 0, x, end;
	int64_t origin = 0;
	size_t m = 0, i;
	int distinct = 0;

	/* x in days from the first usable check-in keeps the sums small and exact enough. */
	for (i = 0; i < n; i++) {
		if (!isfinite(v[i].progress))
			continue;
		if (!m)
			origin = v[i].at;
		else if (v[i].at != origin)
			distinct = 1;
		x = (double)(v[i].at - origin) / SECONDS_PER_DAY;
		m++;
		mx += (x - mx) / (double)m;
		my += (v[i].progress - my) / (double)m;
	}
	if (!distinct)
		return 0;
	for (i = 0; i < n; i++) {
		if (!isfinite(v[i].progress))
			continue;
		x = (double)(v[i].at - origin) / SECONDS_PER_DAY - mx;
		sxx += x * x;
		sxy += x * (v[i].progress - my);
	}
	if (!(sxx > 0))
		return 0;
	end = ((double)((int64_t)ends_on + 1) * SECONDS_PER_DAY - (double)origin) / SECONDS_PER_DAY;
	*out = my + sxy / sxx * (end - mx);
	return isfinite(*out);
}
