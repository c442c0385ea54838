/* objectives.h: writing objectives and key results (objectives.c, keyresults.c): adding, editing,
 * closing, criteria, initiatives, links, and closing or reopening a ref everywhere. */
#ifndef OKRA_APP_OBJECTIVES_H
#define OKRA_APP_OBJECTIVES_H

#include <stdint.h>

#include "core/types.h"
#include "util/err.h"

struct app;

struct objective_input {
	const char *cycle;    /* name; required */
	const char *team;     /* slug; NULL = company */
	int64_t parent;       /* 0 = none */
	const char *dri;      /* handle; required */
	const char *title;    /* required */
	const char *context;  /* may be NULL */
	const char *sections; /* may be NULL */
	double weight;        /* 0 = default 1, unless has_weight */
	int has_weight;       /* the weight was given: validated as it is, so 0 is refused */
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
	const char *state;  /* "draft" or "active"; closing is app_objective_close */
	int set_progress;   /* refused: R10 */
	int64_t if_version; /* 0 = any; else must match (optimistic concurrency) */
};
int app_objective_edit(struct app *a, int64_t id, const struct objective_edit *e,
		       struct okra_err *err);
/* R11: needs a final retro; the objective becomes read-only. */
int app_objective_close(struct app *a, int64_t id, struct okra_err *err);
/*
 * Closing with a final score (docs/decisions.md, "Pace and final score"): 0..1, or
 * without has_score the objective's progress at close, clamped; reason at
 * most 500 bytes (NULL or "" = none). The same people may do it as may close.
 */
#define APP_FINAL_REASON_MAX 500
struct close_input {
	int has_score;
	double score;
	const char *reason;
};
int app_objective_close_scored(struct app *a, int64_t id, const struct close_input *in,
			       struct okra_err *err);

struct kr_input {
	int64_t objective;
	const char *title, *dri, *context;
	enum kr_kind kind;
	const char *unit;
	double start, target; /* metric */
	double weight;        /* 0 = default 1, unless has_weight */
	int has_weight;       /* the weight was given: validated as it is, so 0 is refused */
};
int app_kr_add(struct app *a, const struct kr_input *in, int64_t *id, struct okra_err *err);

struct kr_edit {
	const char *title, *dri, *context, *unit;
	int set_start, set_target, set_weight;
	double start, target, weight;
	int64_t if_version;
};
int app_kr_edit(struct app *a, int64_t id, const struct kr_edit *e, struct okra_err *err);

/*
 * kr_move.c: put key result id at `position` (1 = first) or one `step` up (-1) or down (+1)
 * among its objective's, or move it to `objective` (same team and cycle, both open and the
 * actor's to edit) at `position` (0 = last) with its check-ins, criteria and initiatives.
 */
struct kr_move {
	int64_t objective, position;
	int step;
};
int app_kr_move(struct app *a, int64_t id, const struct kr_move *m, struct okra_err *err);

int app_criterion_add(struct app *a, int64_t kr, const char *ref, double contribution,
		      const char *title, int64_t *id, struct okra_err *err);
/*
 * Close or reopen ref everywhere it is used (criteria, initiatives, linked
 * items) on objectives not closed; each KR whose criteria moved gets a
 * check-in recording its new progress (R9). *changed = rows changed.
 */
int app_ref_set_state(struct app *a, const char *ref, enum item_state state, enum source source,
		      int64_t *changed, struct okra_err *err);

int app_initiative_add(struct app *a, int64_t kr, const char *title, const char *ref, int64_t *id,
		       struct okra_err *err);
int app_link_add(struct app *a, int64_t objective, const char *ref, const char *title, int64_t *id,
		 struct okra_err *err);

/*
 * planning.c: what a planning form may offer. May the actor create an objective of team
 * (NULL or "" = company, R1)? 0 or OKRA_EFORBIDDEN with who may. The objectives an
 * objective of cycle and team (self: the one edited, 0 = a new one) may align to: open,
 * of its level or higher, in its cycle or its year (R1), another team's only with the
 * right to edit it (R14), never itself or one under it; in ar, sorted by id.
 */
struct arena;
int app_may_create_objective(struct app *a, const char *team, struct okra_err *err);
int app_parent_choices(struct app *a, struct arena *ar, const char *cycle, const char *team,
		       int64_t self, struct objective **v, size_t *n, struct okra_err *err);
/* A draft becomes active: app_objective_edit with state "active", the same refusals. */
int app_objective_publish(struct app *a, int64_t id, struct okra_err *err);
/* May the actor edit o (not closed, R11; its level's rights, R1)? 0 or the refusal. */
int app_may_change_objective(struct app *a, const struct objective_row *o, struct okra_err *err);

/*
 * carry.c: copy objective id into cycle `to` (another cycle of its kind) as a draft of the same
 * team and DRI, with its open links, its open key results (each from where it stands now, with
 * its DRI and its open criteria and initiatives), aligned to the old parent if it may stay or
 * to the parent's own copy in `to`, and a "### Carried over" section naming where it came from.
 * One transaction; the old objective is not changed. app_carried_from reads that line back (0 =
 * not a copy).
 */
int app_objective_copy(struct app *a, int64_t id, const char *to, int64_t *out,
		       struct okra_err *err);
int64_t app_carried_from(const struct objective_row *o);
/*
 * carry.c: a team's whole quarter (or year) `from` carried over into `to`: app_objective_copy of
 * each of its objectives there that is not a draft and was not copied to `to` already, parents
 * first (so the copies align to the copies), in one transaction; the copies' ids in *out (in
 * ar), *n of them. Refused when there is nothing left to copy.
 */
int app_team_copy(struct app *a, struct arena *ar, const char *team, const char *from,
		  const char *to, int64_t **out, size_t *n, struct okra_err *err);

#endif
