/* store_notify.c: the reminders' ledger: claim, mark sent or failed, find and take due retries. */
#include "store/store_notify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"
#include "util/xalloc.h"

static const char sql_claim[] =
	"INSERT INTO notifications (person, week, channel, at, attempts, retry_at)"
	" VALUES ($1, $2, $3, $4, 1, $5)"
	" ON CONFLICT (person, week, channel) DO NOTHING RETURNING id";
static const char sql_sent[] =
	"UPDATE notifications SET sent_at = $2, retry_at = NULL, error = NULL WHERE id = $1";
static const char sql_failed[] = "UPDATE notifications SET error = $2, retry_at = $3 WHERE id = $1";
static const char sql_due[] =
	"SELECT id, person, week, channel, attempts, retry_at FROM notifications"
	" WHERE sent_at IS NULL AND retry_at IS NOT NULL AND retry_at <= $1"
	" ORDER BY retry_at, id LIMIT 100";
static const char sql_take[] =
	"UPDATE notifications SET attempts = attempts + 1, retry_at = $3"
	" WHERE id = $1 AND attempts = $2 AND sent_at IS NULL AND retry_at IS NOT NULL";

/* A retry time, or NULL (no retry) when there is none. */
static void
bind_retry_at(struct db_stmt *st, int i, int64_t retry_at)
{
	if (retry_at > 0)
		db_bind_int(st, i, retry_at);
	else
		db_bind_null(st, i);
}

int
store_notification_claim(struct db *db, int64_t person, const char *week, const char *channel,
			 int64_t at, int64_t retry_at, int64_t *id, int *claimed,
			 struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	*claimed = 0;
	*id = 0;
	if ((rc = db_prepare(db, sql_claim, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, person);
	db_bind_text(st, 2, week);
	db_bind_text(st, 3, channel);
	db_bind_int(st, 4, at);
	db_bind_int(st, 5, retry_at);
	rc = db_step(st, err);
	if (rc == DB_ROW) {
		*id = db_col_int(st, 0);
		*claimed = 1;
		return sq_done(st, err);
	}
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

int
store_notification_sent(struct db *db, int64_t id, int64_t at, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_sent, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, at);
	return sq_done(st, err);
}

int
store_notification_failed(struct db *db, int64_t id, const char *error, int64_t retry_at,
			  struct okra_err *err)
{
	struct db_stmt *st;
	char msg[301];
	int rc;

	snprintf(msg, sizeof(msg), "%s", error ? error : "");
	if ((rc = db_prepare(db, sql_failed, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, id);
	db_bind_text(st, 2, msg);
	bind_retry_at(st, 3, retry_at);
	return sq_done(st, err);
}

int
store_notifications_due(struct db *db, int64_t now_ms, struct store_notification **v, size_t *n,
			struct okra_err *err)
{
	struct db_stmt *st;
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if ((rc = db_prepare(db, sql_due, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, now_ms);
	while ((rc = db_step(st, err)) == DB_ROW) {
		struct store_notification *x;

		ALLOC_GROW(*v, *n + 1, alloc);
		x = &(*v)[(*n)++];
		memset(x, 0, sizeof(*x));
		x->id = db_col_int(st, 0);
		x->person = db_col_int(st, 1);
		snprintf(x->week, sizeof(x->week), "%s", db_col_text(st, 2));
		snprintf(x->channel, sizeof(x->channel), "%s", db_col_text(st, 3));
		x->attempts = db_col_int(st, 4);
		x->retry_at = db_col_int(st, 5);
	}
	db_finalize(st);
	if (rc < 0) {
		free(*v);
		*v = NULL;
		*n = 0;
		return rc;
	}
	return 0;
}

int
store_notification_take(struct db *db, int64_t id, int64_t seen, int64_t retry_at, int *taken,
			struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	*taken = 0;
	if ((rc = db_prepare(db, sql_take, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, seen);
	bind_retry_at(st, 3, retry_at);
	if ((rc = sq_done(st, err)) < 0)
		return rc;
	*taken = db_changes(db) == 1;
	return 0;
}
