/* tree.h: the rolled-up tree (tree.c, asof.c, pacing.c): of a cycle, of a past day, with pace;
 * the due list (R8) and lint. */
#ifndef OKRA_APP_TREE_H
#define OKRA_APP_TREE_H

#include <stddef.h>
#include <stdint.h>

#include "core/lint.h"
#include "core/types.h"
#include "util/err.h"

struct app;
struct arena;

/* A rolled-up set of objectives (one cycle, or everything). */
struct app_tree {
	struct cycle cycle; /* id 0 when the tree is of every cycle */
	struct objective *v;
	size_t n;
	size_t *roots;
	size_t nroots;
	int has_as_of; /* set by app_tree_as_of: the tree as it stood at the end of as_of */
	int32_t as_of;
	/*
	 * Set by app_tree_filter (filter.c), NULL = every objective shown:
	 * shown[i] for t->v[i], TREE_HIDDEN, TREE_CONTEXT (it does not match, an
	 * objective under it does) or TREE_MATCH; matches counts the last.
	 */
	unsigned char *shown;
	size_t matches;
};
enum { TREE_HIDDEN, TREE_CONTEXT, TREE_MATCH };
/* Whether t->v[idx] is in the view (always, unfiltered). */
#define TREE_SHOWN(t, idx) (!(t)->shown || (t)->shown[idx] != TREE_HIDDEN)

/*
 * The tree filters (issue 19): an objective matches when it passes every
 * filter given; it is shown when it or an objective aligned under it matches.
 * handles: "mine" and "person", each a handle that must be DRI of the
 * objective or of one of its KRs; team: a team's slug, matching its objectives
 * and what aligns under them in the tree; health: a bit (1 << enum health) per
 * health asked, any of which matches (0 = any); behind: pace suggests worse
 * than on track; owes: someone owes this week's update on it (what `okra due`
 * names; with handles, one of those people).
 */
#define TREE_FILTER_HANDLES 2
struct tree_filter {
	const char *handles[TREE_FILTER_HANDLES];
	size_t nhandles;
	const char *team;
	unsigned health;
	int behind, owes;
};
/* 1 when f filters something out (a filtered view is not kept in a cache). */
int tree_filter_any(const struct tree_filter *f);
/*
 * Apply f to the loaded tree t in memory (nothing reloaded; the due list of
 * owes read once): sets t->shown and t->matches in ar. An unknown handle or
 * team, or owes on a past day's tree, is OKRA_EUSAGE with its field.
 */
int app_tree_filter(struct app *a, struct arena *ar, struct app_tree *t,
		    const struct tree_filter *f, struct okra_err *err);
/*
 * cycle NULL = the quarter containing today. The tree, its objectives and its
 * cycle's name are allocated in ar (util/arena.h): nothing to release.
 */
int app_tree(struct app *a, struct arena *ar, const char *cycle, struct app_tree *t,
	     struct okra_err *err);
/*
 * The tree of cycle (NULL = the quarter containing day) as it stood at the end
 * of day, rebuilt from the history (docs/decisions.md, "History"): objectives
 * and KRs created by then, closings after it undone, values, health and
 * progress from the latest check-in and status at or before it, rolled up
 * (R10). A day after today, or before the cycle starts, is OKRA_EINVAL.
 */
int app_tree_as_of(struct app *a, struct arena *ar, const char *cycle, int32_t day,
		   struct app_tree *t, struct okra_err *err);
/* The tree of the objective's cycle; *idx is the objective's place in t->v. */
int app_objective_tree(struct app *a, struct arena *ar, int64_t id, struct app_tree *t, size_t *idx,
		       struct okra_err *err);
/*
 * Pace (core/pace.h) on `day` for every objective and KR of t, each in its
 * own cycle, and each KR's forecast from its check-ins. app_tree and
 * app_objective_tree call it with today; a tree built another way may too.
 */
int app_tree_pace(struct app *a, struct app_tree *t, int32_t day, struct okra_err *err);
/*
 * The tree of now kept between reads (tree_kept.c), for a server: app_tree's tree of cycle
 * (NULL = the quarter of today), brought to the store's newest revision — after check-ins,
 * status updates and edits that leave its shape alone by patching what they changed and the
 * ancestors' roll-up, after anything else rebuilt — byte for byte what app_tree gives. Only
 * between app_kept_lock and app_kept_unlock (one lock for every kept tree): *t is the
 * keeper's, read-only and valid until the unlock.
 */
void app_kept_lock(void);
void app_kept_unlock(void);
int app_tree_kept(struct app *a, const char *cycle, const struct app_tree **t,
		  struct okra_err *err);
/* Its compact JSON appended to out (app_json_tree_write's bytes), each objective's part
 * written once per change and kept. */
struct buf;
void app_tree_kept_json(const struct app_tree *t, struct buf *out);
/*
 * The same bytes as spans (pieces_end done) of the kept objectives' parts, held by reference
 * and so valid after the unlock: a reply sends them without joining them (a copy of 28 MB on
 * L). out starts empty (PIECES_INIT); pieces_release it.
 */
struct pieces;
void app_tree_kept_pieces(const struct app_tree *t, struct pieces *out);
/*
 * A number that changes whenever objective t->v[idx] of a kept tree (or of a copy of its head,
 * sharing its objectives) may have changed, never the same for two states of any kept
 * objective (0: t is not kept): what a reader keeping something made from the objective
 * compares, under the lock.
 */
uint64_t app_tree_kept_stamp(const struct app_tree *t, size_t idx);
/* How many times a kept tree was patched, and built whole, since the process started. */
void app_kept_counts(uint64_t *patched, uint64_t *built);
/* Let every kept tree go (a test between stores, a server that stops). */
void app_kept_forget(void);

/* The index in t->v of objective id, or (size_t)-1. */
size_t app_tree_find(const struct app_tree *t, int64_t id);

/* R8 due list for `day` */
struct due_item {
	int64_t person;
	char *handle;
	int64_t objective, key_result; /* key_result 0 = an objective status is due */
	int64_t cycle;                 /* the objective's cycle */
	char *title;
	char *team;      /* the objective's team's slug, NULL = company */
	int64_t last_at; /* the last check-in / status, 0 = never */
	int done;        /* app_duties: already updated this week (not owed) */
	uint32_t rank;   /* the person's place among all by handle (the list's order) */
};
struct due_list {
	int32_t day;        /* the date asked about */
	int32_t update_day; /* R15: the update day nearest day, the one updates then count for */
	struct due_item *v;
	size_t n, alloc;
};
int app_due(struct app *a, int32_t day, struct due_list *out, struct okra_err *err);
/*
 * The same, kept to the objectives v already loaded (a tree page's): those of
 * them whose cycle runs on day give exactly the items app_due gives for them.
 */
int app_due_among(struct app *a, int32_t day, const struct objective *v, size_t n,
		  struct due_list *out, struct okra_err *err);
/*
 * Every item of the week of day, those already updated too (done set): the
 * items not done are exactly app_due's. For /week's compliance by team.
 */
int app_due_week(struct app *a, int32_t day, struct due_list *out, struct okra_err *err);
/*
 * Everything person is to update in the cycles running on day — what app_due
 * gives for them, and with done set the items already updated this week.
 */
int app_duties(struct app *a, int32_t day, int64_t person, struct due_list *out,
	       struct okra_err *err);
void due_list_release(struct due_list *d);

/* okra lint over a cycle (NULL = every objective) */
int app_lint(struct app *a, const char *cycle, struct lint_report *r, struct okra_err *err);

#endif
