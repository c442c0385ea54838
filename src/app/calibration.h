/* calibration.h: health calibration — for each DRI and team, the health they said week by week
 * against where their key results finished ("said on track in 9 of 12 weeks, finished at 40%"). */
#ifndef OKRA_APP_CALIBRATION_H
#define OKRA_APP_CALIBRATION_H

#include <stddef.h>
#include <stdint.h>

#include "core/types.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/jw.h"

struct app;
struct arena;

/*
 * What was said of one KR, or summed over a DRI's or a team's KRs. A week is
 * an update week (R15) of the cycle in which the KR's DRI (or someone on
 * their behalf) checked in by hand with a health; its health is that of the
 * week's last such check-in. Integrations' check-ins say nothing. final is
 * where the KR stands now (its latest progress, clamped to 0..1): how it
 * finished once the cycle is over; a DRI's or team's is the mean over its KRs.
 * A KR of which no week was said is listed alone, left out of its DRI's and
 * team's rows: there is nothing to calibrate.
 */
struct calib {
	int64_t id, objective; /* a KR's; 0 in a DRI's or a team's row */
	const char *title;     /* a KR's, else NULL */
	const char *dri;       /* a KR's or a DRI's row's handle, NULL in a team's row */
	const char *team;      /* a KR's (its objective's team) or a team's row; NULL = company */
	int nkrs;
	int weeks;
	int said[4]; /* weeks by health said: [HEALTH_ON_TRACK], [HEALTH_NEEDS_ATTENTION], … */
	double final;
};

struct calibration {
	struct cycle cycle;
	int finished; /* the cycle's last day is before today */
	struct calib *krs, *dris,
		*teams; /* KRs by objective then id; DRIs by handle; company first */
	size_t nkrs, ndris, nteams;
};

/* Of cycle (NULL = the quarter containing today), its objectives' KRs (drafts left out); in ar. */
int app_calibration(struct app *a, struct arena *ar, const char *cycle, struct calibration *out,
		    struct okra_err *err);
/* "said on track in 9 of 12 weeks, finished at 40%" (with "is at" while the cycle runs). */
void calib_sentence(struct buf *b, const struct calib *x, int finished);
/* {"cycle","starts_on","ends_on","finished","dris":[…],"teams":[…],"key_results":[…]} */
void app_jw_calibration(struct jw *w, const struct calibration *c);

#endif
