/* app_int.h: what the use-case files share: transactions, audit, role checks (private to src/app).
 */
#ifndef OKRA_APP_INT_H
#define OKRA_APP_INT_H

#include "app/app.h"
#include "app/auth.h"
#include "app/people.h"
#include "core/history.h"
#include "store/db.h"
#include "util/buf.h"

/* Begin the write transaction of one use case. */
int app_tx_begin(struct app *a, struct okra_err *err);
/* Housekeeping that may be skipped: a write transaction only if no other writer holds the lock. */
int app_tx_try_begin(struct app *a, struct okra_err *err);
/* Commit when rc == 0, else roll back; returns the final code. */
int app_tx_end(struct app *a, int rc, struct okra_err *err);

/*
 * Write the audit row; before and after are JSON texts (app_text_*), either
 * may be NULL, and app_audit frees them.
 */
int app_audit(struct app *a, const char *action, const char *entity, int64_t id, char *before,
	      char *after, struct okra_err *err);

/*
 * Inside the caller's write transaction: a new session for p (out filled,
 * old sessions swept), audited as p's "login" (with via, e.g. "oidc", when
 * not a password). auth.c; app_login and app_oidc_sign_in share it.
 */
struct app_session;
int app_session_start(struct app *a, const struct person *p, const char *via,
		      struct app_session *out, struct okra_err *err);

/* Role checks (R1); each returns 0 or OKRA_EFORBIDDEN with a message (app_may_admin: app.h). */
int app_may_plan(struct app *a, const char *what, struct okra_err *err);
int app_may_edit_objective(struct app *a, const struct objective_row *o, struct okra_err *err);
/*
 * R14: may o align under p (moved), or change its weight there (not moved)? *weight is o's
 * weight in p's roll-up, given says whether it was asked for; without the right to edit p it
 * becomes 1 when not given (rights.c).
 */
int app_may_align(struct app *a, const struct objective_row *o, const struct objective_row *p,
		  int moved, int given, double *weight, struct okra_err *err);
/* The objective is not closed (R11: a closed objective is read-only). */
int app_writable(const struct objective_row *o, struct okra_err *err);

/* pacing.c: kr's pace and forecast today, from h[0..n) (its check-ins, oldest first). */
int app_kr_pace(struct app *a, struct key_result *kr, const struct checkin *h, size_t n,
		struct okra_err *err);

/* pacing.c: kr's pace and forecast on day in cycle c, from its check-ins in the store (the same
 * rows app_tree_pace streams): what a kept tree (tree_kept.c) recomputes after a check-in. */
int app_kr_pace_stored(struct app *a, struct key_result *kr, const struct cycle *c, int32_t day,
		       struct okra_err *err);

/* Look up a person by handle and check they may be a DRI today (R4). */
int app_dri_lookup(struct app *a, struct arena *ar, const char *handle, struct person *out,
		   struct okra_err *err);

/*
 * tree.c: the cycle called name, or when name is NULL or empty the quarter
 * containing day (an error saying how to plan the year when there is none).
 */
int app_cycle_or_quarter(struct app *a, struct arena *ar, const char *name, int32_t day,
			 struct cycle *c, struct okra_err *err);

/* comment_notices.c: tell the people of mentions[0..n) and the author `answered` (0: none) of
 * comment, each once and never the actor. */
int app_comments_tell(struct app *a, struct arena *ar, int64_t comment, const int64_t *mentions,
		      size_t n, int64_t answered, struct okra_err *err);

/*
 * memo.c: what the app keeps per store revision (a->rev, while a->rev_known and no write is
 * open). A setting's stored text ("" when unset): 1 and out filled, or 0 when not kept at this
 * revision; put keeps what the store said at it.
 */
struct setting_def;
int app_memo_setting(struct app *a, const struct setting_def *d, struct buf *out);
void app_memo_setting_put(struct app *a, const struct setting_def *d, const char *value);
/* Who holds a token ('t') or session ('s') by its hash; the strings stay the memo's. */
struct app_memo_auth {
	struct person who;
	int64_t touched;    /* the token's last_used_at, the session's seen_at */
	int64_t created_at; /* a session's */
	char csrf[APP_SECRET_LEN + 1];
};
const struct app_memo_auth *app_memo_auth(struct app *a, char kind, const char *hash);
/* Keep v for hash, read at rev (the revision read before the store was asked). */
void app_memo_auth_put(struct app *a, int64_t rev, char kind, const char *hash,
		       const struct app_memo_auth *v);
/* Forget hash (refused, expired or gone). */
void app_memo_auth_drop(struct app *a, const char *hash);
void app_memo_free(struct app *a);

/* app.c: re-read the settings struct app keeps (update weekday, fiscal year, pace). */
void app_load_settings(struct app *a);

#endif
