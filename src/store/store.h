/* store.h: okra's typed queries — the only place SQL is written (once, for every engine). */
#ifndef OKRA_STORE_H
#define OKRA_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "core/asof.h"
#include "core/history.h"
#include "core/search.h"
#include "core/types.h"
#include "store/db.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/err.h"

/*
 * Every function returns 0 or a negative okra code and fills err. A lookup
 * that finds nothing returns OKRA_ENOTFOUND with a message naming what was
 * sought. The OKR reads (objectives, key results, the tree) and the
 * histories (check-ins, status updates) allocate everything they return in
 * the caller's arena `ar` (types.h, history.h): nothing to release or
 * free. Other output structs are the caller's to release (types.h); arrays
 * returned through pointers are the caller's to free. None of these begin
 * or commit a transaction: the app layer wraps each use case in one.
 */

/* settings */
int store_setting_get(struct db *db, const char *name, struct buf *out, struct okra_err *err);
int store_setting_set(struct db *db, const char *name, const char *value, struct okra_err *err);
/* Set name to value, stamped as set at `at` (UTC seconds; 0 = unknown, NULL). */
int store_setting_put(struct db *db, const char *name, const char *value, int64_t at,
		      struct okra_err *err);
/* When name was last set (0: never, or unknown). */
int store_setting_when(struct db *db, const char *name, int64_t *at, struct okra_err *err);
/* 1 in *empty when there are no people, teams, cycles or objectives. */
int store_is_empty(struct db *db, int *empty, struct okra_err *err);
/* The store revision: the id of the newest audit row (every write adds one). */
int store_revision(struct db *db, int64_t *rev, struct okra_err *err);

/* people */
int store_person_add(struct db *db, const struct person *p, int64_t *id, struct okra_err *err);
int store_person_get(struct db *db, struct arena *ar, int64_t id, struct person *out,
		     struct okra_err *err);
int store_person_by_handle(struct db *db, struct arena *ar, const char *handle, struct person *out,
			   struct okra_err *err);
/* The active admin with the lowest id; OKRA_ENOTFOUND when there is none. */
int store_person_first_admin(struct db *db, struct arena *ar, struct person *out,
			     struct okra_err *err);
int store_person_list(struct db *db, struct arena *ar, struct person **v, size_t *n,
		      struct okra_err *err);
/* Write p's name, email, role and joined_on (by p->id); bumps the version. */
int store_person_update(struct db *db, const struct person *p, struct okra_err *err);
/* Deactivate person id at `at` (UTC seconds), or reactivate them (at = 0). */
int store_person_deactivate(struct db *db, int64_t id, int64_t at, struct okra_err *err);
/* How many active admins there are besides person id. */
int store_other_admins(struct db *db, int64_t id, int64_t *n, struct okra_err *err);
/*
 * What a person is DRI of and may be handed over (struct owned): the
 * objectives that are not closed and the KRs of those objectives, objectives
 * first, each by id. Titles and the array are in ar.
 */
int store_person_owned(struct db *db, struct arena *ar, int64_t person, struct owned **v, size_t *n,
		       struct okra_err *err);
/* Make dri the DRI of the objective (kind 'o') or key result ('k') id; bumps its version. */
int store_dri_set(struct db *db, char kind, int64_t id, int64_t dri, struct okra_err *err);

/* teams and memberships */
int store_team_add(struct db *db, const struct team *t, int64_t *id, struct okra_err *err);
int store_team_by_slug(struct db *db, struct arena *ar, const char *slug, struct team *out,
		       struct okra_err *err);
int store_team_get(struct db *db, struct arena *ar, int64_t id, struct team *out,
		   struct okra_err *err);
int store_team_list(struct db *db, struct arena *ar, struct team **v, size_t *n,
		    struct okra_err *err);
int store_membership_add(struct db *db, int64_t person, int64_t team, struct okra_err *err);
/* Take person out of team (db_changes says whether they were in it). */
int store_membership_delete(struct db *db, int64_t person, int64_t team, struct okra_err *err);
int store_team_rename(struct db *db, int64_t team, const char *name, struct okra_err *err);
int store_membership_has(struct db *db, int64_t person, int64_t team, int *yes,
			 struct okra_err *err);
/* Every membership in one query: teams[i] has member handles->v[i], by team then handle. */
int store_memberships(struct db *db, int64_t **teams, struct strlist *handles,
		      struct okra_err *err);
/* The handles of a team's members, in handle order. */
int store_team_members(struct db *db, int64_t team, struct strlist *handles, struct okra_err *err);

/* cycles */
int store_cycle_add(struct db *db, const struct cycle *c, int64_t *id, struct okra_err *err);
int store_cycle_get(struct db *db, struct arena *ar, int64_t id, struct cycle *out,
		    struct okra_err *err);
int store_cycle_by_name(struct db *db, struct arena *ar, const char *name, struct cycle *out,
			struct okra_err *err);
/* The cycle of `kind` containing `day` (the latest-starting one if several). */
int store_cycle_containing(struct db *db, struct arena *ar, int32_t day, enum cycle_kind kind,
			   struct cycle *out, struct okra_err *err);
int store_cycle_list(struct db *db, struct arena *ar, struct cycle **v, size_t *n,
		     struct okra_err *err);

/* objectives: rows (struct objective_row: no KRs, links or retro) */
int store_objective_add(struct db *db, const struct objective_row *o, int64_t now, int64_t *id,
			struct okra_err *err);
int store_objective_get(struct db *db, struct arena *ar, int64_t id, struct objective_row *out,
			struct okra_err *err);
/* Write back title, context, sections, dri, parent, weight, health, state; bump version. */
int store_objective_update(struct db *db, const struct objective_row *o, int64_t now,
			   struct okra_err *err);
/* 1 in *yes if `ancestor` is `id` or one of its ancestors (for refusing parent cycles). */
int store_objective_is_ancestor(struct db *db, int64_t ancestor, int64_t id, int *yes,
				struct okra_err *err);

/* key results: rows (no criteria) */
int store_kr_add(struct db *db, const struct key_result *kr, int64_t now, int64_t *id,
		 struct okra_err *err);
int store_kr_get(struct db *db, struct arena *ar, int64_t id, struct key_result *out,
		 struct okra_err *err);
/* Write back title, context, dri, unit, start, target, current, health, weight; bump version. */
int store_kr_update(struct db *db, const struct key_result *kr, struct okra_err *err);
/* Write back current and health only (a check-in, a reading); bump version. */
int store_kr_set_reading(struct db *db, const struct key_result *kr, struct okra_err *err);
/* The ids of an objective's KRs in their order (in ar). */
int store_kr_order(struct db *db, struct arena *ar, int64_t objective, int64_t **ids, size_t *n,
		   struct okra_err *err);
/* KR id at `position` of `objective` (which may be another); bump: its version too. */
int store_kr_place(struct db *db, int64_t id, int64_t objective, int64_t position, int bump,
		   struct okra_err *err);
/* The KR with its criteria and initiatives. */
int store_kr_load(struct db *db, struct arena *ar, int64_t id, struct key_result *out,
		  struct okra_err *err);

/* criteria, initiatives, links */
int store_criterion_add(struct db *db, const struct criterion *c, int64_t *id,
			struct okra_err *err);
/* Sum of the KR's criteria contributions, leaving out criterion `except` (0 = none). */
int store_criteria_total(struct db *db, int64_t kr, int64_t except, double *sum,
			 struct okra_err *err);
int store_initiative_add(struct db *db, const struct initiative *i, int64_t *id,
			 struct okra_err *err);
int store_link_add(struct db *db, const struct link *l, int64_t *id, struct okra_err *err);
/*
 * Set the state of every criterion, initiative and link whose ref is `ref`,
 * on objectives that are not closed. *changed counts the rows that changed;
 * the KRs whose criteria changed are appended to *krs (caller frees).
 */
int store_ref_set_state(struct db *db, const char *ref, enum item_state state, int64_t *changed,
			int64_t **krs, size_t *nkrs, struct okra_err *err);
/* How many criteria, initiatives and links (on any objective) carry ref. */
/*
 * The initiatives and links whose state a change of ref to state would move, as
 * (objective, key result) pairs in *pairs (2 * *npairs ids; key result 0 for a
 * link); the caller frees *pairs.
 */
int store_ref_touched(struct db *db, const char *ref, enum item_state state, int64_t **pairs,
		      size_t *npairs, struct okra_err *err);
int store_ref_count(struct db *db, const char *ref, int64_t *count, struct okra_err *err);
/*
 * Idempotency keys (store_idem.c): the answer kept for caller's key, given
 * while younger than since (OKRA_ENOTFOUND when none); put sweeps the keys
 * created before since, then keeps the answer (OKRA_ECONFLICT if the key is
 * there already).
 */
struct store_idem {
	const char *fingerprint;
	int status;
	const char *content_type, *location, *etag, *body;
};
int store_idem_get(struct db *db, struct arena *ar, const char *caller, const char *key,
		   int64_t since, struct store_idem *out, struct okra_err *err);
int store_idem_put(struct db *db, const char *caller, const char *key, const struct store_idem *in,
		   int64_t now, int64_t since, struct okra_err *err);
/* Webhook deliveries (store_hooks.c): record id once; *fresh = 0 when it was already there. */
int store_delivery_add(struct db *db, const char *id, const char *source, int64_t at, int *fresh,
		       struct okra_err *err);
/*
 * What okra knows of a forge's item (forge_items): its forge ("gitlab",
 * "github") and host, NULL when unknown, and the forge's time of the last
 * event applied to it (has_event 0: none yet). A ref never seen is all zero.
 */
struct forge_item {
	const char *forge, *host;
	const char *project; /* the forge's id of its project ("gitlab:ID"), or NULL */
	int has_event;
	int64_t event_at;
};
int store_forge_item_get(struct db *db, struct arena *ar, const char *ref, struct forge_item *out,
			 struct okra_err *err);
/*
 * The item ref belongs to forge (host may be NULL), unless a forge was recorded
 * for it before and it is not alone (another criterion, initiative or link carries ref).
 */
int store_forge_item_claim(struct db *db, const char *ref, const char *forge, const char *host,
			   int alone, struct okra_err *err);
/*
 * The refs okra tracks that are open: of the open criteria, initiatives and
 * links on objectives that are not closed, each once, by ref, with forge_items'
 * forge and host (NULL when unknown); *out in ar.
 */
struct open_ref {
	const char *ref, *forge, *host;
};
int store_open_refs(struct db *db, struct arena *ar, struct open_ref **out, size_t *n,
		    struct okra_err *err);
/* The forge's time of the last event applied to ref. */
int store_forge_item_event(struct db *db, const char *ref, int64_t at, struct okra_err *err);
/* Remember the forge's id of ref's project ("gitlab:ID"). */
int store_forge_item_project(struct db *db, const char *ref, const char *project,
			     struct okra_err *err);
/* *ref (in ar): an item of project okra knows, the first by ref; NULL when none. */
int store_forge_project_ref(struct db *db, struct arena *ar, const char *project, const char **ref,
			    struct okra_err *err);
/*
 * The item from is called to now (its project was renamed or moved): every
 * criterion, initiative and link, and its forge_items row; *n: how many items.
 */
int store_ref_rename(struct db *db, const char *from, const char *to, int64_t *n,
		     struct okra_err *err);

/* history */
int store_checkin_add(struct db *db, const struct checkin *c, int64_t *id, struct okra_err *err);
/* A KR's check-ins, oldest first. */
int store_checkins_of_kr(struct db *db, struct arena *ar, int64_t kr, struct checkin **v, size_t *n,
			 struct okra_err *err);
/* Every check-in of every KR of an objective, oldest first (one query, for its charts). */
int store_checkins_of_objective(struct db *db, struct arena *ar, int64_t objective,
				struct checkin **v, size_t *n, struct okra_err *err);
/* Its charts' points: the last check-in of each KR on each day (UTC), oldest first. */
int store_checkins_daily(struct db *db, struct arena *ar, int64_t objective, struct checkin **v,
			 size_t *n, struct okra_err *err);
/* Its latest limit check-ins (limit >= 1), oldest first. */
int store_checkins_latest(struct db *db, struct arena *ar, int64_t objective, int limit,
			  struct checkin **v, size_t *n, struct okra_err *err);
/*
 * store_pace.c: the check-ins of every KR of store_tree_load(cycle)'s
 * objectives, by KR then time, with key_result, at and progress only (for
 * the forecast, core/pace.h), handed to fn one row at a time: half a
 * million of them need not sit in memory at once.
 */
typedef void (*checkin_row_fn)(void *ctx, const struct checkin *c);
int store_checkins_of_cycle(struct db *db, int64_t cycle, checkin_row_fn fn, void *ctx,
			    struct okra_err *err);
/* The same rows as store_checkins_of_cycle, of one key result only. */
int store_checkins_of_one_kr(struct db *db, int64_t kr, checkin_row_fn fn, void *ctx,
			     struct okra_err *err);
/* Record the final score (0..1) and reason (NULL or "" = none) of an objective. */
int store_objective_final_set(struct db *db, int64_t id, double score, const char *reason,
			      struct okra_err *err);
int store_status_add(struct db *db, const struct status_update *s, int64_t *id,
		     struct okra_err *err);
/* An objective's status updates with their lines, oldest first. */
int store_status_of_objective(struct db *db, struct arena *ar, int64_t objective,
			      struct status_update **v, size_t *n, struct okra_err *err);
/* *exists = 0 and an empty retro when none was written. */
int store_retro_get(struct db *db, int64_t objective, struct retro *out, int *exists,
		    struct okra_err *err);
int store_retro_put(struct db *db, int64_t objective, const struct retro *r, struct okra_err *err);

/* R8: the KRs with a manual check-in, and the objectives with a status, at in [since, until). */
int store_krs_checked_in(struct db *db, int64_t since, int64_t until, int64_t **ids, size_t *n,
			 struct okra_err *err);
int store_objectives_with_status(struct db *db, int64_t since, int64_t until, int64_t **ids,
				 size_t *n, struct okra_err *err);

/*
 * store_correct.c: corrections. A check-in or status read by id, amended in
 * place (a check-in's value, progress, health and note; a status's health and
 * the lines given, each for a KR the status already has a line for), and
 * removals: store_remove deletes the row with what hangs from it (a KR's
 * check-ins, lines, criteria and initiatives; an objective's KRs, links,
 * statuses and retro). The app layer decides who may and keeps the audit row.
 */
enum store_removal {
	REMOVE_CHECKIN,
	REMOVE_STATUS,
	REMOVE_CRITERION,
	REMOVE_INITIATIVE,
	REMOVE_LINK,
	REMOVE_KR,
	REMOVE_OBJECTIVE,
};
int store_remove(struct db *db, enum store_removal what, int64_t id, struct okra_err *err);
int store_checkin_get(struct db *db, struct arena *ar, int64_t id, struct checkin *out,
		      struct okra_err *err);
int store_checkin_amend(struct db *db, const struct checkin *c, struct okra_err *err);
int store_status_get(struct db *db, struct arena *ar, int64_t id, struct status_update *out,
		     struct okra_err *err);
int store_status_amend(struct db *db, const struct status_update *s, struct okra_err *err);
/* A criterion, initiative or link by id (what says which; the matching member is filled). */
struct store_item {
	enum store_removal what;
	struct criterion criterion;
	struct initiative initiative;
	struct link link;
};
int store_item_get(struct db *db, struct arena *ar, enum store_removal what, int64_t id,
		   struct store_item *out, struct okra_err *err);
/* How many objectives have id as their parent. */
int store_objective_children(struct db *db, int64_t id, int64_t *n, struct okra_err *err);
/* Forget the final score and reason (an objective reopened). */
int store_objective_final_clear(struct db *db, int64_t id, struct okra_err *err);

/* audit: before/after are JSON texts or NULL; actor 0 = the system. */
int store_audit_add(struct db *db, int64_t at, int64_t actor, const char *action,
		    const char *entity, int64_t entity_id, const char *before, const char *after,
		    struct okra_err *err);

/*
 * auth (store_auth.c): passwords, sessions and API tokens. Secrets never
 * reach this layer: a session id or API token arrives as the hex SHA-256 of
 * the secret (STORE_HASH_HEX characters), a password as its argon2id string.
 */
#define STORE_HASH_HEX 64
/* Replace the person's password hash ("" clears it); bumps the person's version. */
int store_person_password_set(struct db *db, int64_t person, const char *hash,
			      struct okra_err *err);
/* The person with handle and their password hash (empty when none is set). */
int store_person_password_get(struct db *db, struct arena *ar, const char *handle,
			      struct person *out, struct buf *hash, struct okra_err *err);

struct store_session {
	int64_t person;
	char csrf[STORE_HASH_HEX + 1]; /* the CSRF token, hex, as given to store_session_add */
	int64_t created_at, seen_at;
};
/* A new session row keyed by id_hash; created_at = seen_at = now. */
int store_session_add(struct db *db, const char *id_hash, int64_t person, const char *csrf,
		      int64_t now, struct okra_err *err);
int store_session_get(struct db *db, const char *id_hash, struct store_session *out,
		      struct okra_err *err);
int store_session_touch(struct db *db, const char *id_hash, int64_t seen_at, struct okra_err *err);
/* Deleting a session that is not there is not an error. */
int store_session_delete(struct db *db, const char *id_hash, struct okra_err *err);
/* Every session of person (a password change signs them out everywhere). */
int store_sessions_delete_person(struct db *db, int64_t person, struct okra_err *err);
/* A person's sessions, last seen first, in ar. */
struct store_session_row {
	char id_hash[STORE_HASH_HEX + 1];
	int64_t created_at, seen_at;
};
int store_sessions_of(struct db *db, struct arena *ar, int64_t person, struct store_session_row **v,
		      size_t *n, struct okra_err *err);
/* Every session of person but the one keep_hash names ("" keeps none); db_changes counts them. */
int store_sessions_delete_others(struct db *db, int64_t person, const char *keep_hash,
				 struct okra_err *err);
/* Housekeeping: sessions last seen before seen_before or created before created_before. */
int store_sessions_expire(struct db *db, int64_t seen_before, int64_t created_before,
			  struct okra_err *err);

/*
 * store_setup.c, the first run. *yes = 1 when someone can sign in: an active person with a
 * password or a single sign-on link, or an active admin with a live API token.
 * A setup link is kept as the hash of its secret with the instant it expires; adding one
 * sweeps the expired ones. live: *live = 1 when hash names a link not expired at now; with take,
 * the link is deleted too (a link is used once).
 */
int store_signin_possible(struct db *db, int *yes, struct okra_err *err);
int store_setup_link_add(struct db *db, const char *hash, int64_t expires_at, int64_t now,
			 struct okra_err *err);
int store_setup_link_live(struct db *db, const char *hash, int64_t now, int take, int *live,
			  struct okra_err *err);

/*
 * Failed sign-ins per key (the hex SHA-256 of what is counted), shared by every
 * server on the store. expire drops the windows that opened at or before
 * before; get fills first and fails (0 and 0 when there is no row); add
 * counts one failure, opening the window at now when there is none; forgive
 * takes one failure back, or all of them.
 */
int store_login_failures_expire(struct db *db, int64_t before, struct okra_err *err);
int store_login_failures_get(struct db *db, const char *key, int64_t *first, int64_t *fails,
			     struct okra_err *err);
int store_login_failure_add(struct db *db, const char *key, int64_t now, struct okra_err *err);
int store_login_failures_forgive(struct db *db, const char *key, int all, struct okra_err *err);

struct store_token {
	int64_t id, person;
	int64_t last_used_at; /* 0 = never */
	int revoked;          /* store_token_owner only: 1 once revoked */
};
/* A new API token row; name may be "" (never NULL). */
int store_token_add(struct db *db, int64_t person, const char *name, const char *token_hash,
		    int64_t now, int64_t *id, struct okra_err *err);
/* The token with token_hash that is not revoked; OKRA_ENOTFOUND otherwise. */
int store_token_get(struct db *db, const char *token_hash, struct store_token *out,
		    struct okra_err *err);
/* The token with id whether revoked or not (for revoking: who owns it). */
int store_token_owner(struct db *db, int64_t id, struct store_token *out, struct okra_err *err);
int store_token_touch(struct db *db, int64_t id, int64_t at, struct okra_err *err);
/* Mark revoked at `at`; OKRA_ENOTFOUND when there is no such token not yet revoked. */
int store_token_revoke(struct db *db, int64_t id, int64_t at, struct okra_err *err);
/*
 * The tokens of person (0 = everyone's), live and revoked, newest first, in
 * one query; struct token_row (core/history.h) holds no secret nor hash.
 * The caller releases each row and frees *v.
 */
int store_token_list(struct db *db, int64_t person, struct token_row **v, size_t *n,
		     struct okra_err *err);

/* Audit rows, newest first, as q says (core/history.h); each row's objective and name filled. */
int store_audit_list(struct db *db, const struct audit_query *q, struct audit_row **v, size_t *n,
		     struct okra_err *err);
/*
 * The writes after revision since (an audit id), oldest first: at most limit of them, in ar.
 * What a kept tree (app/tree_kept.c) patches itself from, whichever process wrote.
 */
struct store_change {
	int64_t id;
	const char *action, *entity;
	int64_t entity_id;
};
int store_changes_since(struct db *db, struct arena *ar, int64_t since, int limit,
			struct store_change **v, size_t *n, struct okra_err *err);
/* Counts for /metrics: objectives by state (draft, active, closed) and key results. */
int store_counts(struct db *db, int64_t objectives[3], int64_t *key_results, struct okra_err *err);

/*
 * The whole tree of a cycle in a fixed number of queries: the objectives of
 * cycle `cycle` and of the cycles under it (cycle 0 = every objective), each
 * with its KRs (criteria, initiatives, last check-in), links, retro and the
 * time of its last status. Sorted by id. Not rolled up: see progress_rollup().
 */
int store_tree_load(struct db *db, struct arena *ar, int64_t cycle, struct objective **v, size_t *n,
		    struct okra_err *err);
/*
 * For the tree as it stood before `until` (exclusive): the creation and closing
 * times of the same objectives and KRs as store_tree_load(cycle), each KR's
 * latest check-in and each objective's latest status before until, in two
 * queries. Release out with asof_history_release().
 */
int store_tree_history(struct db *db, int64_t cycle, int64_t until, struct asof_history *out,
		       struct okra_err *err);

/*
 * store_copy.c: export, import and backup. store_copy_tables[] is the fixed
 * whitelist of every table a restore needs (sessions left out), in insert
 * order, columns in schema order; table and column names come only from here.
 * The sql fields are private to src/store. A value's s is valid only during
 * the row callback.
 */
enum store_col_type { STORE_COL_INT, STORE_COL_REAL, STORE_COL_TEXT, STORE_COL_INSTANT };
struct store_col {
	const char *name;
	enum store_col_type type; /* INSTANT: an INT of UTC seconds */
};
struct store_table {
	const char *name;
	const struct store_col *cols;
	size_t ncols;
	int selfref; /* column referencing the table's own id (set after all rows), or -1 */
	const char *select_sql, *insert_sql, *count_sql, *fixup_sql;
};
struct store_value {
	int null;
	int64_t i;     /* INT, INSTANT */
	double d;      /* REAL */
	const char *s; /* TEXT */
};
extern const struct store_table store_copy_tables[];
extern const size_t store_copy_ntables;
/* A table of the whitelist by name, or NULL. */
const struct store_table *store_copy_table(const char *name);
/* A read-only view for the CSV export: "objectives", "key_results", "checkins"; or NULL. */
const struct store_table *store_copy_view(const char *name);
typedef int (*store_row_fn)(void *ctx, const struct store_value *v, struct okra_err *err);
/* Every row of t (a table or a view) in key order; stops at fn's first error. */
int store_copy_read(struct db *db, const struct store_table *t, store_row_fn fn, void *ctx,
		    struct okra_err *err);
int store_copy_count(struct db *db, const struct store_table *t, int64_t *n, struct okra_err *err);
/* Insert rows with their ids as given: open, put each row, close (rc = the result so far). */
struct store_copy;
int store_copy_open(struct db *db, const struct store_table *t, struct store_copy **out,
		    struct okra_err *err);
int store_copy_put(struct store_copy *c, const struct store_value *v, struct okra_err *err);
int store_copy_close(struct store_copy *c, int rc, struct okra_err *err);
/* A consistent copy of the live database into the file path (db.h's backup). */
int store_backup(struct db *db, const char *path, int overwrite, struct okra_err *err);

/*
 * Single sign-on (store_oidc.c). A sign-in begun is kept under the hash of
 * its state with its nonce and PKCE verifier (rows older than before are
 * swept when one is added); taking it reads and deletes it in the caller's
 * transaction, OKRA_ENOTFOUND when there is none (unknown, used or swept).
 * A link ties the provider's subject to a person; OKRA_ENOTFOUND when the
 * subject has none. store_person_by_email ignores case; OKRA_ENOTFOUND for
 * nobody, OKRA_ECONFLICT when two people share the address.
 */
struct store_oidc_login {
	const char *nonce, *verifier; /* in the caller's arena */
	int64_t created_at;
};
int store_oidc_login_add(struct db *db, const char *state_hash, const char *nonce,
			 const char *verifier, int64_t now, int64_t before, struct okra_err *err);
int store_oidc_login_take(struct db *db, struct arena *ar, const char *state_hash,
			  struct store_oidc_login *out, struct okra_err *err);
int store_oidc_link_get(struct db *db, const char *sub, int64_t *person, struct okra_err *err);
int store_oidc_link_add(struct db *db, const char *sub, int64_t person, int64_t now,
			struct okra_err *err);
int store_person_by_email(struct db *db, const char *email, int64_t *person, struct okra_err *err);

/*
 * search (store_search.c): the hits for q's words, title hits first, at most
 * limit, into ar; none for a query of no word.
 */
int store_search(struct db *db, struct arena *ar, const struct search_query *q, int limit,
		 struct search_hit **v, size_t *n, struct okra_err *err);

#endif
