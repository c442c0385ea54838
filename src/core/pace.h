/* pace.h: where progress should stand on a date, the health that suggests, and a KR's end-of-cycle
 * forecast. */
#ifndef OKRA_PACE_H
#define OKRA_PACE_H

#include <stddef.h>
#include <stdint.h>

#include "core/history.h"
#include "core/types.h"

/*
 * The thresholds of the suggested health, as fractions of progress below the
 * expected pace: a gap of at least -attention is on track, of at least -risk
 * needs attention, anything lower is at risk. Settings pace_attention and
 * pace_risk; 0 <= attention <= risk <= 1.
 */
#define PACE_ATTENTION_DEFAULT 0.10
#define PACE_RISK_DEFAULT 0.25
struct pace_thresholds {
	double attention, risk;
};

/* 1 when 0 <= attention <= risk <= 1 (and both are numbers). */
int pace_thresholds_valid(double attention, double risk);

/*
 * The expected progress on `day` for a cycle [starts_on, ends_on]: the share
 * of its days gone, counting `day` itself, (day - start + 1) / (end - start + 1);
 * 0 before the start, 1 from the last day on. A cycle that ends before it
 * starts is all or nothing.
 */
double pace_expected(int32_t starts_on, int32_t ends_on, int32_t day);

/* The health the gap (progress - expected) suggests under th (defaults when th is NULL). */
enum health pace_suggest(double gap, const struct pace_thresholds *th);

/*
 * 1 when the health a person recorded and the suggested one disagree: the
 * recorded one is better by one level or more (they say on track, pace says
 * needs attention), or worse by two (they say at risk, pace says on track).
 * Worse by one is a DRI who knows something pace cannot, and is no flag.
 * Nothing recorded (HEALTH_NONE) never disagrees.
 */
int pace_disagrees(enum health recorded, enum health suggested);

/* All of the above for progress on `day`: fills out (out->known = 1). */
void pace_compute(double progress, enum health recorded, int32_t starts_on, int32_t ends_on,
		  int32_t day, const struct pace_thresholds *th, struct pace *out);

/*
 * The end-of-cycle forecast of one KR: the least-squares line through its
 * check-ins (x = the instant, y = the raw progress recorded), read at the
 * end of the cycle's last day (the first second after ends_on). v[0..n) are
 * that KR's check-ins in any order; non-finite progress is left out.
 * Returns 1 and sets *out, or 0 (no forecast) when fewer than two check-ins
 * fall at distinct instants. The result is raw: it may be < 0 or > 1.
 */
int pace_forecast(const struct checkin *v, size_t n, int32_t ends_on, double *out);

#endif
