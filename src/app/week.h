/* week.h: the week at a glance (/week): who updated, by team and person, the health of every
 * objective against a week before, green that pace says is not, the KRs that moved most, and
 * what the integrations changed. */
#ifndef OKRA_APP_WEEK_H
#define OKRA_APP_WEEK_H

#include <stddef.h>
#include <stdint.h>

#include "app/tree.h"
#include "core/history.h"
#include "core/types.h"
#include "util/err.h"

struct app;
struct arena;

/*
 * A person's place in a team's week: every item of theirs updated (done);
 * something still owed while the update day is today or ahead (owed) or
 * already gone (late); a member of the team still onboarding (R4), who owes
 * nothing. Owed and late together are exactly the people app_due names.
 */
enum week_state { WEEK_DONE, WEEK_LATE, WEEK_OWED, WEEK_ONBOARDING, WEEK_NSTATES };

struct week_person {
	const struct person *p;
	enum week_state state;
	size_t first, n; /* their items of this team: app_week.items.v[first .. first + n) */
};

struct week_team {
	const char *slug, *name; /* slug NULL = the company's own objectives */
	struct week_person *people;
	size_t npeople;
	size_t count[WEEK_NSTATES];
};

/* An objective of the week with its health and progress a week before. */
struct week_objective {
	const struct objective *o;
	enum health before;     /* HEALTH_NONE when no status was given by then */
	double progress_before; /* clamped roll-up a week before (0 before the cycle) */
};

/* A KR that moved: its progress a week before (clamped) and now. */
struct week_move {
	const struct objective *o;
	const struct key_result *kr;
	double before, now;
};

/* Said on track by its DRI, and pace suggests otherwise: the green that will turn red. */
struct week_behind {
	const struct objective *o;
	const struct key_result *kr; /* NULL: the objective itself */
};

/* A check-in an integration (a forge's webhook) made this week. */
struct week_sync {
	const struct objective *o;
	const struct key_result *kr;
	const struct checkin *c;
};

#define WEEK_MOVES_MAX 5

struct app_week {
	int32_t day, update_day, before_day;
	int all_teams;         /* 0: a member's view, kept to their own teams */
	struct app_tree tree;  /* the cycle on day, with pace */
	struct app_tree year;  /* its year's (the parent cycle running on day), or empty */
	struct due_list items; /* every item of the week (done ones too), by team then person */
	struct week_team *teams;
	size_t nteams;
	struct week_objective *objs; /* the year's then the cycle's objectives in view, no drafts */
	size_t nobjs;
	struct week_behind *behind; /* objectives, then their KRs, in the order of objs */
	size_t nbehind;
	struct week_move *moves; /* the KRs that moved most, most first (at most WEEK_MOVES_MAX) */
	size_t nmoves;
	struct week_sync *syncs; /* by objective, then time */
	size_t nsyncs;
};

/*
 * The week of day (today or a past day) in cycle (NULL = the quarter
 * containing day). Leaders and admins see every team; members and viewers
 * their own teams'. Everything is in ar except items: app_week_release.
 */
int app_week(struct app *a, struct arena *ar, const char *cycle, int32_t day, struct app_week *w,
	     struct okra_err *err);
void app_week_release(struct app_week *w);
/* "Done", "Late", "Owes", "Onboarding". */
const char *week_state_label(enum week_state s);

#endif
