/* report.h: the weekly report — per objective its health, the DRI's lines, progress this week, and
 * what is missing. */
#ifndef OKRA_REPORT_H
#define OKRA_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "app/app.h"
#include "app/tree.h"
#include "util/err.h"
#include "util/jw.h"

/*
 * The week is the one whose update day is on or before `day` (R8). Progress
 * is read from the check-in history: a KR's progress at an instant is that
 * of its latest check-in before it (none yet = 0, as DESIGN.md §1 says), an
 * objective's the weighted mean of its KRs' and aligned children's clamped
 * progress at that instant (R10). "This week" is the end of the update day;
 * "a week before" is seven days earlier. Health and the one line per KR come
 * from the objective's latest status update up to the end of `day`.
 */
struct report_kr {
	int64_t id;
	char *title, *dri;
	enum health health;      /* of the latest check-in up to the end of the update day */
	double progress, before; /* raw progress now and a week before */
	char *line;              /* the DRI's status line, NULL when there is none */
};

struct report_objective {
	int64_t id, parent;
	int depth;                /* 0 for a root of the report, 1 for one aligned under it, … */
	char *title, *dri, *team; /* team NULL = company */
	enum obj_state state;
	enum health health; /* of the latest status, HEALTH_NONE when none */
	int64_t status_at;  /* 0 = no status yet */
	char *status_by;
	double progress, before; /* clamped roll-ups */
	struct report_kr *krs;
	size_t nkrs;
};

struct report {
	char *cycle;
	int32_t day, update_day;
	struct report_objective *v; /* drafts left out; parents before their children */
	size_t n;
	struct due_list missing; /* app_due(day) */
	char *markdown;
};

/* cycle NULL or "" = the quarter containing day. */
int app_report_weekly(struct app *a, const char *cycle, int32_t day, struct report *r,
		      struct okra_err *err);
void report_release(struct report *r);
/* {"cycle","date","update_day","summary":{…},"objectives":[…],"missing":{Due},"markdown"} */
void app_jw_report(struct jw *w, const struct report *r);

#endif
