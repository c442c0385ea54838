/* app.h: okra's use cases — each one transaction: check (core), write (store), audit. */
#ifndef OKRA_APP_H
#define OKRA_APP_H

#include <stddef.h>
#include <stdint.h>

#include "core/history.h"
#include "core/lint.h"
#include "core/types.h"
#include "store/db.h"
#include "store/db_group.h"
#include "util/buf.h"
#include "util/err.h"

#include "app/settings.h"

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
	struct db *db;          /* the connection in use: own, or the group's during a write */
	struct db *own_db;      /* this app's own connection */
	struct db_group *group; /* group commit (okra serve on SQLite), or NULL */
	int64_t now;            /* UTC seconds: the clock, or OKRA_NOW */
	int32_t today;          /* the date of now */
	struct person actor;    /* who acts */
	int update_weekday;     /* R8: 1..7, Wednesday = 3 by default */
	int fy_first_month;     /* first month of the fiscal year, 1..12 */
	int tx_depth;           /* nested use cases share the outermost transaction */
	int64_t session_idle;   /* seconds a session lives unused (default 8 h) */
	int64_t session_max;    /* seconds a session lives at most (default 7 days) */
	double pace_attention,
		pace_risk; /* core/pace.h thresholds (settings pace_attention, pace_risk) */
};

/* Open (creating and migrating) the store at uri, read settings, set the clock. */
int app_open(struct app *a, const char *uri, struct okra_err *err);
/*
 * The same, for a store okra init made already: one with no okra schema is
 * refused with OKRA_ENOTFOUND and left as it was.
 */
int app_open_existing(struct app *a, const char *uri, struct okra_err *err);
void app_close(struct app *a);
/*
 * Group commit, for a server whose threads each have their app: the write
 * transactions of every app that joined the group run on one shared
 * connection, each in its own savepoint, and commit together (one fsync per
 * batch); a use case returns once its batch has committed. For a SQLite
 * store only: *out is NULL for PostgreSQL, which keeps one transaction per
 * write. Open after the store is migrated; close after every app left.
 */
int app_group_open(struct db_group **out, const char *uri, struct okra_err *err);
void app_group_close(struct db_group *g);
/* Its counters so far: writes, commits, lost batches. */
void app_group_stats(struct db_group *g, struct db_group_stats *out);
/* From now on a's write transactions go through g (NULL: its own connection). */
void app_join_group(struct app *a, struct db_group *g);
/* Set now/today from OKRA_NOW (YYYY-MM-DD[THH:MM]) or the system clock. */
int app_clock_from_env(struct app *a, struct okra_err *err);
void app_set_now(struct app *a, int64_t now);
/* Before each request of a long-lived app: settings re-read (another connection may have
 * changed them) and the clock set. */
int app_refresh(struct app *a, struct okra_err *err);
/* Act as handle; NULL = the first admin, or the system while there is none. */
int app_act_as(struct app *a, const char *handle, struct okra_err *err);

/* settings: app/settings.h (the registry, app_setting_set and the typed getters) */

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

int app_criterion_add(struct app *a, int64_t kr, const char *ref, double contribution,
		      const char *title, int64_t *id, struct okra_err *err);
/*
 * Close or reopen ref everywhere it is used (criteria, initiatives, linked
 * items) on objectives not closed; each KR whose criteria moved gets a
 * check-in recording its new progress (R9). *changed = rows changed.
 */
int app_ref_set_state(struct app *a, const char *ref, enum item_state state, enum source source,
		      int64_t *changed, struct okra_err *err);

/*
 * Webhooks from the forges (hooks.c). The HTTP layer checks the credential
 * with app_hook_verify (the secret is the setting gitlab_webhook_secret or
 * github_webhook_secret; unset = webhooks refused), parses the payload and
 * hands app_hook_apply what it says. app_hook_apply acts as the system
 * (actor 0) and, in one transaction, records the delivery id (a replay changes
 * nothing) and closes or reopens each ref with SOURCE_INTEGRATION (R9).
 */
enum hook_forge { HOOK_GITLAB, HOOK_GITHUB };
enum hook_action { HOOK_NONE, HOOK_CLOSE, HOOK_CLOSE_NOT_PLANNED, HOOK_REOPEN };
enum hook_outcome { HOOK_APPLIED, HOOK_REPLAY, HOOK_IGNORED, HOOK_UNKNOWN_REF };
struct hook_event {
	enum hook_forge forge;
	const char *delivery;    /* the delivery id; required */
	enum hook_action action; /* HOOK_NONE: only recorded */
	const char *refs[2];     /* names of the one item (short form, URL); NULL = none */
};
/* 0 when credential matches (GitLab: the token; GitHub: "sha256=" HMAC of body), else
 * OKRA_EFORBIDDEN. Constant time in the secret's content. */
int app_hook_verify(struct app *a, enum hook_forge forge, const char *credential, const void *body,
		    size_t len, struct okra_err *err);
int app_hook_apply(struct app *a, const struct hook_event *ev, enum hook_outcome *out,
		   int64_t *changed, struct okra_err *err);
/* Act as the system (actor 0, audited as "the system"): for integrations. */
void app_act_as_system(struct app *a);
int app_initiative_add(struct app *a, int64_t kr, const char *title, const char *ref, int64_t *id,
		       struct okra_err *err);
int app_link_add(struct app *a, int64_t objective, const char *ref, const char *title, int64_t *id,
		 struct okra_err *err);

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
	int has_as_of; /* set by app_tree_as_of: the tree as it stood at the end of as_of */
	int32_t as_of;
};
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
/* The index in t->v of objective id, or (size_t)-1. */
size_t app_tree_find(const struct app_tree *t, int64_t id);

/* R8 due list for `day` */
struct due_item {
	int64_t person;
	char *handle;
	int64_t objective, key_result; /* key_result 0 = an objective status is due */
	int64_t cycle;                 /* the objective's cycle */
	char *title;
	int64_t last_at; /* the last check-in / status, 0 = never */
};
struct due_list {
	int32_t day;        /* the date asked about */
	int32_t update_day; /* the update day of that week (on or before day) */
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
/* Every membership at once: teams[i] has member handles->v[i] (caller frees teams). */
int app_memberships(struct app *a, int64_t **teams, struct strlist *handles, struct okra_err *err);
int app_cycles(struct app *a, struct cycle **v, size_t *n, struct okra_err *err);
/* A KR with criteria, initiatives and progress (in ar), and its check-ins oldest first. */
int app_kr(struct app *a, struct arena *ar, int64_t id, struct key_result *out,
	   struct checkin **history, size_t *n, struct okra_err *err);
/* Every check-in on an objective's KRs, oldest first: its progress over time. */
int app_objective_checkins(struct app *a, int64_t objective, struct checkin **v, size_t *n,
			   struct okra_err *err);
/* An objective's weekly status updates, oldest first (R8). */
int app_status_history(struct app *a, int64_t objective, struct status_update **v, size_t *n,
		       struct okra_err *err);

/*
 * Authentication (auth.c). Secrets are random (libsodium), shown once, and
 * stored only as their SHA-256; passwords as argon2id (interactive limits).
 */
#define APP_SECRET_LEN 64 /* hex characters of a session id, CSRF token or API token */
struct app_session {
	char token[APP_SECRET_LEN + 1]; /* the cookie value: give it to the client, keep no copy */
	char csrf[APP_SECRET_LEN +
		  1]; /* must accompany every unsafe cookie-authenticated request */
	int64_t person;
	int64_t created_at, seen_at;
};
/*
 * Set a password: the person themself or an admin; 10..1024 bytes. It signs
 * the person out of every session they had (an old one may be a thief's).
 * The caller keeps and wipes its copy of the password.
 */
int app_user_passwd(struct app *a, const char *handle, const char *password, struct okra_err *err);
/*
 * The password rules alone (10..1024 bytes, no NUL), for a caller that holds
 * a length (stdin, a JSON string) and so can see an embedded NUL that a C
 * string would silently cut short. The message never repeats the password.
 */
int app_password_check(const char *password, size_t len, struct okra_err *err);
/*
 * Check handle and password and start a new session (a fresh id every login:
 * rotation). A wrong handle or password is OKRA_EFORBIDDEN with one message
 * for both, so a guess learns nothing.
 */
int app_login(struct app *a, const char *handle, const char *password, struct app_session *out,
	      struct okra_err *err);
/*
 * The login rate limit, kept in the store so that it holds across every
 * server on it: five failed sign-ins per client address within five minutes
 * make that address wait the window out; five per handle hold the handle back
 * for every address that has failed in the window too, but not for one that
 * has not (the owner at their own machine is slowed by nobody's guesses).
 * app_login_throttle counts the attempt as a failure before the password is
 * checked (parallel guesses cannot slip past the count) and sets *wait to 0,
 * or to the seconds left when it is held back (then nothing is counted);
 * after a right password, app_login_forgive clears the handle's count and
 * takes back the address's one.
 */
int app_login_throttle(struct app *a, const char *handle, const char *addr, int *wait,
		       struct okra_err *err);
int app_login_forgive(struct app *a, const char *handle, const char *addr, struct okra_err *err);
/* 0 if password is handle's, else OKRA_EFORBIDDEN (a self-service password change asks for it). */
int app_password_matches(struct app *a, const char *handle, const char *password,
			 struct okra_err *err);
/*
 * Resolve a session token: fills who and the session (csrf included), and
 * refreshes seen_at. Expired (idle > a->session_idle or older than
 * a->session_max seconds) or unknown: OKRA_ENOTFOUND.
 */
int app_session_get(struct app *a, const char *token, struct person *who, struct app_session *out,
		    struct okra_err *err);
/* End the session; a token that is unknown or expired already is not an error. */
int app_logout(struct app *a, const char *token, struct okra_err *err);
/*
 * A new API token for handle (self, or an admin for anyone); the token is
 * returned once. name is a label (may be NULL or "", at most 100 bytes).
 */
int app_token_add(struct app *a, const char *handle, const char *name, int64_t *id,
		  char token[APP_SECRET_LEN + 1], struct okra_err *err);
/* Resolve a bearer token (not revoked) to its person; unknown: OKRA_ENOTFOUND. */
int app_token_get(struct app *a, const char *token, struct person *who, struct okra_err *err);
/* Revoke: the token's owner or an admin; OKRA_ESTATE if revoked already. */
int app_token_revoke(struct app *a, int64_t id, struct okra_err *err);
/*
 * API tokens, live and revoked, newest first, without their secrets: those of
 * handle (NULL = the actor's own), for that person themself or an admin; or,
 * with everyone set (and handle NULL), every person's, for admins only.
 * OKRA_EUSAGE for a handle of "" or "*", for a handle together with everyone,
 * and for the system asking for its own (it has none). The caller releases
 * each row (token_row_release) and frees *v.
 */
int app_token_list(struct app *a, const char *handle, int everyone, struct token_row **v, size_t *n,
		   struct okra_err *err);

/* The audit trail (admins and leaders): newest first, paged by id. */
int app_audit_list(struct app *a, const char *entity, int64_t entity_id, int64_t before, int limit,
		   struct audit_row **v, size_t *n, struct okra_err *err);
/* For /metrics: objectives by state (draft, active, closed) and key results. */
int app_counts(struct app *a, int64_t objectives[3], int64_t *key_results, struct okra_err *err);
/* The store revision (grows with every write): what caches are keyed on. */
int app_revision(struct app *a, int64_t *rev, struct okra_err *err);

/* R4 for a person on a date: 1 while onboarding. */
int app_is_new_joiner(const struct person *p, int32_t day);

/*
 * Export, import and backup (export_json.c, export_csv.c, backup.c; docs/decisions.md,
 * "Export, import and backup"). The JSON export is every table a restore needs
 * (password and API-token hashes included, sessions not) as
 * {"okra_export": 1, "schema_version": N, "tables": {...}}, rows in key order,
 * doubles exact; admins only. The import takes such a document into an empty
 * database (else OKRA_ESTATE) in one transaction, ids preserved, no audit row:
 * export, import, export gives the same bytes. The CSV export (RFC 4180, CRLF,
 * formula cells neutralised: util/csv.h) is of "objectives", "key_results" or
 * "checkins", open to every role. The backup copies the live database into the
 * file path, refusing an existing one unless overwrite (admins only).
 */
int app_export_json(struct app *a, struct buf *out, struct okra_err *err);
int app_export_csv(struct app *a, const char *what, struct buf *out, struct okra_err *err);
int app_import_json(struct app *a, const char *text, size_t len, struct okra_err *err);
int app_backup(struct app *a, const char *path, int overwrite, struct okra_err *err);

/*
 * Copy every table of the store into the empty database at uri (another
 * engine, typically SQLite into PostgreSQL), ids and hashes included, in one
 * transaction on the target; then read the target back and compare each
 * table's row count and SHA-256 over its rows (out[i] for store table i:
 * APP_MIGRATE_TABLES entries). A target holding okra data is refused
 * (OKRA_ESTATE) and left as it was; any mismatch keeps nothing. Admins only.
 */
struct app_migrated {
	const char *table;
	int64_t rows;
	char sha256[65];
};
int app_migrate_tables(void);
int app_migrate_to(struct app *a, const char *uri, struct app_migrated *out, struct okra_err *err);

/* The demo company of the seeds, into an empty database. */
int app_demo(struct app *a, struct okra_err *err);

/*
 * Markdown export and import (export_md.c, import_md.c; docs/markdown-format.md).
 * app_export_md: every objective of cycle (NULL = of every cycle) in the
 * handbook format with its okra blocks. app_import_md: parse text (cmark-gfm)
 * and create or update its objectives and KRs (matched by id) in ONE
 * transaction; an error's message starts "FILE:LINE: " and nothing is written.
 * Defaults (may be NULL) stand in for fields the file does not give.
 */
int app_export_md(struct app *a, const char *cycle, struct buf *out, struct okra_err *err);
#define IMPORT_MD_MAX (16 << 20)
struct import_md_defaults {
	const char *cycle, *dri, *team;
};
int app_import_md(struct app *a, const char *file, const char *text, size_t len,
		  const struct import_md_defaults *d, int64_t *created, int64_t *updated,
		  struct okra_err *err);

#endif
