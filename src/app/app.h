/* app.h: okra's use cases — each one transaction: check (core), write (store), audit. */
#ifndef OKRA_APP_H
#define OKRA_APP_H

#include <stddef.h>
#include <stdint.h>

#include "core/history.h"
#include "core/lint.h"
#include "core/types.h"
#include "store/db.h"
#include "util/err.h"

/*
 * The CLI and the HTTP server call only this layer. Every write below runs in
 * one write transaction together with its audit row; when it returns an error
 * nothing was written. Role rules (R1) are enforced here, so they hold for
 * every interface alike:
 *   admin  everything;
 *   leader every objective (company ones too), cycles;
 *   member objectives of their teams and those they are DRI of, check-ins on
 *          KRs they are DRI of;
 *   viewer reads only.
 * The actor with id 0 is the system: it exists only while the database has no
 * admin yet (so the first admin can be created) and for integrations.
 */
struct app {
	struct db *db;
	int64_t now;	     /* UTC seconds: the clock, or OKRA_NOW */
	int32_t today;	     /* the date of now */
	struct person actor; /* who acts */
	int update_weekday;  /* R8: 1..7, Wednesday = 3 by default */
	int fy_first_month;  /* first month of the fiscal year, 1..12 */
	int tx_depth;	     /* nested use cases share the outermost transaction */
};

/* Open (creating and migrating) the store at uri, read settings, set the clock. */
int app_open(struct app *a, const char *uri, struct okra_err *err);
void app_close(struct app *a);
/* Set now/today from OKRA_NOW (YYYY-MM-DD[THH:MM]) or the system clock. */
int app_clock_from_env(struct app *a, struct okra_err *err);
void app_set_now(struct app *a, int64_t now);
/* Act as handle; NULL = the first admin, or the system while there is none. */
int app_act_as(struct app *a, const char *handle, struct okra_err *err);

/* settings (admin): fiscal_year_first_month 1..12, update_weekday monday..sunday */
int app_setting_set(struct app *a, const char *name, const char *value, struct okra_err *err);

/* people and teams (admin) */
int app_person_add(struct app *a, const struct person *p, int64_t *id, struct okra_err *err);
int app_team_add(struct app *a, const char *slug, const char *name, const struct strlist *members,
		 int64_t *id, struct okra_err *err);
int app_team_join(struct app *a, const char *slug, const char *handle, struct okra_err *err);

/* cycles (admin, leader) */
int app_cycle_add(struct app *a, const char *name, enum cycle_kind kind, int32_t starts_on,
		  int32_t ends_on, const char *parent, int64_t *id, struct okra_err *err);
/* A year NAME and its quarters NAME-Q1..NAME-Q4. */
int app_cycle_year(struct app *a, const char *name, int32_t starts_on, int64_t *id,
		   struct okra_err *err);

struct objective_input {
	const char *cycle;    /* name; required */
	const char *team;     /* slug; NULL = company */
	int64_t parent;	      /* 0 = none */
	const char *dri;      /* handle; required */
	const char *title;    /* required */
	const char *context;  /* may be NULL */
	const char *sections; /* may be NULL */
	double weight;	      /* 0 = default 1 */
	int draft;
	const struct strlist *links;
};
int app_objective_add(struct app *a, const struct objective_input *in, int64_t *id,
		      struct okra_err *err);

/* Fields left NULL / unset stay as they are. */
struct objective_edit {
	const char *title, *context, *sections, *dri;
	int set_parent;
	int64_t parent; /* with set_parent: 0 = none */
	int set_weight;
	double weight;
	const char *state; /* "draft" or "active"; closing is app_objective_close */
	int set_progress;  /* refused: R10 */
	int64_t if_version; /* 0 = any; else must match (optimistic concurrency) */
};
int app_objective_edit(struct app *a, int64_t id, const struct objective_edit *e,
		       struct okra_err *err);
/* R11: needs a final retro; the objective becomes read-only. */
int app_objective_close(struct app *a, int64_t id, struct okra_err *err);

struct kr_input {
	int64_t objective;
	const char *title, *dri, *context;
	enum kr_kind kind;
	const char *unit;
	double start, target; /* metric */
	double weight;	      /* 0 = default 1 */
};
int app_kr_add(struct app *a, const struct kr_input *in, int64_t *id, struct okra_err *err);

struct kr_edit {
	const char *title, *dri, *context, *unit;
	int set_start, set_target, set_weight;
	double start, target, weight;
	int64_t if_version;
};
int app_kr_edit(struct app *a, int64_t id, const struct kr_edit *e, struct okra_err *err);

int app_criterion_add(struct app *a, int64_t kr, const char *ref, double contribution,
		      const char *title, int64_t *id, struct okra_err *err);
/*
 * Close or reopen ref everywhere it is used (criteria, initiatives, linked
 * items) on objectives not closed; each KR whose criteria moved gets a
 * check-in recording its new progress (R9). *changed = rows changed.
 */
int app_ref_set_state(struct app *a, const char *ref, enum item_state state, enum source source,
		      int64_t *changed, struct okra_err *err);
int app_initiative_add(struct app *a, int64_t kr, const char *title, const char *ref,
		       int64_t *id, struct okra_err *err);
int app_link_add(struct app *a, int64_t objective, const char *ref, const char *title,
		 int64_t *id, struct okra_err *err);

struct checkin_input {
	int64_t key_result;
	int has_value, has_progress;
	double value, progress;
	enum health health;
	const char *note;
};
/* R8: the KR's DRI records progress and health. */
int app_checkin(struct app *a, const struct checkin_input *in, int64_t *id, struct okra_err *err);

struct status_input {
	int64_t objective;
	enum health health;
	const struct status_line *lines; /* one per KR of the objective */
	size_t nlines;
};
/* R8: the objective's DRI records health and one line per KR. */
int app_status(struct app *a, const struct status_input *in, int64_t *id, struct okra_err *err);

/* R11: sections given (non-NULL) replace the draft's; final checks 2–3 bullets each. */
int app_retro(struct app *a, int64_t objective, const struct strlist *good,
	      const struct strlist *bad, const struct strlist *try, int final,
	      struct okra_err *err);

/* A rolled-up set of objectives (one cycle, or everything). */
struct app_tree {
	struct cycle cycle; /* id 0 when the tree is of every cycle */
	struct objective *v;
	size_t n;
	size_t *roots;
	size_t nroots;
};
/* cycle NULL = the quarter containing today. */
int app_tree(struct app *a, const char *cycle, struct app_tree *t, struct okra_err *err);
/* The tree of the objective's cycle; *idx is the objective's place in t->v. */
int app_objective_tree(struct app *a, int64_t id, struct app_tree *t, size_t *idx,
		       struct okra_err *err);
void app_tree_release(struct app_tree *t);
/* The index in t->v of objective id, or (size_t)-1. */
size_t app_tree_find(const struct app_tree *t, int64_t id);

/* R8 due list for `day` */
struct due_item {
	int64_t person;
	char *handle;
	int64_t objective, key_result; /* key_result 0 = an objective status is due */
	char *title;
	int64_t last_at; /* the last check-in / status, 0 = never */
};
struct due_list {
	int32_t day;	    /* the date asked about */
	int32_t update_day; /* the update day of that week (on or before day) */
	struct due_item *v;
	size_t n, alloc;
};
int app_due(struct app *a, int32_t day, struct due_list *out, struct okra_err *err);
void due_list_release(struct due_list *d);

/* okra lint over a cycle (NULL = every objective) */
int app_lint(struct app *a, const char *cycle, struct lint_report *r, struct okra_err *err);

/*
 * Reads besides the tree, open to every role. Output structs and arrays are
 * the caller's (release each element as types.h / history.h say, then free).
 */
int app_is_empty(struct app *a, int *empty, struct okra_err *err);
int app_people(struct app *a, struct person **v, size_t *n, struct okra_err *err);
int app_person(struct app *a, const char *handle, struct person *out, struct okra_err *err);
int app_teams(struct app *a, struct team **v, size_t *n, struct okra_err *err);
int app_team(struct app *a, const char *slug, struct team *out, struct okra_err *err);
int app_team_members(struct app *a, int64_t team, struct strlist *handles, struct okra_err *err);
int app_cycles(struct app *a, struct cycle **v, size_t *n, struct okra_err *err);
/* A KR with criteria, initiatives and progress, and its check-ins oldest first. */
int app_kr(struct app *a, int64_t id, struct key_result *out, struct checkin **history,
	   size_t *n, struct okra_err *err);
/* An objective's weekly status updates, oldest first (R8). */
int app_status_history(struct app *a, int64_t objective, struct status_update **v, size_t *n,
		       struct okra_err *err);

/* R4 for a person on a date: 1 while onboarding. */
int app_is_new_joiner(const struct person *p, int32_t day);

/* The demo company of the seeds, into an empty database. */
int app_demo(struct app *a, struct okra_err *err);

#endif
