/* app.c: opening the store, the clock, who acts, settings, and the helpers every use case shares.
 */
#include "app/app_int.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/json_write.h"
#include "app/settings.h"
#include "core/calendar.h"
#include "core/pace.h"
#include "core/validate.h"
#include "store/db_group.h"
#include "store/migrate.h"
#include "store/store.h"
#include "util/uri.h"
#include "util/xalloc.h"
#include "app/people.h"

#define SECONDS_PER_DAY 86400

/* The settings every use case reads, kept in struct app; a stored pace pair that does not hold
 * together falls back to the defaults. */
void
app_load_settings(struct app *a)
{
	a->update_weekday = app_setting_int(a, "update_weekday");
	a->fy_first_month = app_setting_int(a, "fiscal_year_first_month");
	a->pace_attention = app_setting_number(a, "pace_attention");
	a->pace_risk = app_setting_number(a, "pace_risk");
	if (!pace_thresholds_valid(a->pace_attention, a->pace_risk)) {
		a->pace_attention = PACE_ATTENTION_DEFAULT;
		a->pace_risk = PACE_RISK_DEFAULT;
	}
}

static int
open_store(struct app *a, const char *uri, int create, struct okra_err *err)
{
	char shown[256];
	int rc;

	memset(a, 0, sizeof(*a));
	a->session_idle = 8 * 3600;
	a->session_max = 7 * SECONDS_PER_DAY;
	/* libsodium must be initialised before its random numbers are used; later calls are no-ops.
	 */
	if (sodium_init() < 0)
		return okra_err_set(err, OKRA_EIO, "", "libsodium could not be initialised");
	if ((rc = db_open(&a->db, uri, err)) < 0)
		return rc;
	a->own_db = a->db;
	if (!create && !migrate_is_initialised(a->db)) {
		rc = okra_err_set(err, OKRA_ENOTFOUND, "db",
				  "no database at %s: create one with okra init (or okra demo)",
				  uri_redact(uri, shown, sizeof(shown)));
		goto fail;
	}
	if ((rc = migrate_up(a->db, err)) < 0)
		goto fail;
	app_load_settings(a);
	if ((rc = app_clock_from_env(a, err)) < 0)
		goto fail;
	return 0;
fail:
	db_close(a->db);
	a->db = a->own_db = NULL;
	return rc;
}

int
app_open(struct app *a, const char *uri, struct okra_err *err)
{
	return open_store(a, uri, 1, err);
}

int
app_open_existing(struct app *a, const char *uri, struct okra_err *err)
{
	return open_store(a, uri, 0, err);
}

void
app_close(struct app *a)
{
	arena_release(&a->actor_ar);
	memset(&a->actor, 0, sizeof(a->actor));
	app_memo_free(a);
	db_close(a->own_db);
	a->db = a->own_db = NULL;
}

int
app_group_open(struct db_group **out, const char *uri, struct okra_err *err)
{
	*out = NULL;
	if (uri_is_postgres(uri))
		return 0;
	return db_group_open(out, uri, err);
}

void
app_group_close(struct db_group *g)
{
	db_group_close(g);
}

void
app_group_stats(struct db_group *g, struct app_group_stats *out)
{
	struct db_group_stats st;

	db_group_stats(g, &st);
	out->jobs = st.jobs;
	out->commits = st.commits;
	out->failed = st.failed;
	out->queued = st.queued;
}

void
app_join_group(struct app *a, struct db_group *g)
{
	a->group = g;
}

void
app_set_now(struct app *a, int64_t now)
{
	a->now = now;
	a->today = cal_day_of_instant(now);
}

int
app_clock_from_env(struct app *a, struct okra_err *err)
{
	const char *s = getenv("OKRA_NOW");
	int64_t t;

	if (s && *s) {
		if (cal_parse_instant(s, &t) < 0)
			return okra_err_set(err, OKRA_EINVAL, "OKRA_NOW",
					    "OKRA_NOW=%s is not YYYY-MM-DD or YYYY-MM-DDTHH:MM", s);
		app_set_now(a, t);
		return 0;
	}
	app_set_now(a, (int64_t)time(NULL));
	return 0;
}

int
app_refresh(struct app *a, struct okra_err *err)
{
	struct okra_err ignore = {0};

	db_fault_reads(0);
	a->tx_busy = 0;
	/* The revision first: what the memo keeps was read at it or later (memo.c). Unread, the
	 * request reads everything from the store, as without a memo. */
	a->rev_known = store_revision(a->own_db, &a->rev, &ignore) == 0;
	app_load_settings(a);
	return app_clock_from_env(a, err);
}

void
app_act_as_system(struct app *a)
{
	arena_reset(&a->actor_ar);
	memset(&a->actor, 0, sizeof(a->actor));
	a->actor.role = ROLE_ADMIN;
}

void
app_act_as_nobody(struct app *a)
{
	arena_reset(&a->actor_ar);
	memset(&a->actor, 0, sizeof(a->actor));
	a->actor.role = ROLE_VIEWER;
	a->actor.id = -1;
}

void
app_act_as_person(struct app *a, const struct person *who)
{
	arena_reset(&a->actor_ar);
	a->actor = *who;
	a->actor.handle = arena_strdup(&a->actor_ar, who->handle);
	a->actor.name = arena_strdup(&a->actor_ar, who->name);
	a->actor.email = who->email ? arena_strdup(&a->actor_ar, who->email) : NULL;
}

int
app_act_as(struct app *a, const char *handle, struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	struct person p = {0};
	int rc;

	if (handle && *handle)
		rc = store_person_by_handle(a->db, &ar, handle, &p, err);
	else if ((rc = store_person_first_admin(a->db, &ar, &p, err)) == OKRA_ENOTFOUND) {
		/* No admin yet: the system acts, so the first admin can be made. */
		okra_err_clear(err);
		app_act_as_system(a);
		rc = 0;
		goto out;
	}
	if (rc == 0)
		app_act_as_person(a, &p);
out:
	arena_release(&ar);
	return rc;
}

struct db_group_ticket *
app_ticket_new(void)
{
	return xcalloc(1, sizeof(struct db_group_ticket));
}

void
app_ticket_free(struct db_group_ticket *t)
{
	free(t);
}

void
app_defer_commits(struct app *a, struct db_group_ticket *t, int64_t since_ms)
{
	a->ticket = a->group ? t : NULL;
	a->write_by_ms = t ? since_ms + DB_WRITE_WAIT_MS : 0;
}

void
app_group_flush(struct app *a)
{
	if (a->group)
		db_group_flush(a->group);
}

int
app_ticket_result(const struct db_group_ticket *t, struct okra_err *err)
{
	return db_group_ticket_result(t, err);
}

static int64_t
monotonic_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The wait a write may have: wait_ms, or less when the request's deadline comes first. */
static int
wait_within_deadline(const struct app *a, int wait_ms)
{
	int64_t left;

	if (!a->write_by_ms || wait_ms == 0)
		return wait_ms;
	left = a->write_by_ms - monotonic_ms();
	if (left <= 0)
		return -1;
	return left < wait_ms ? (int)left : wait_ms;
}

static int
tx_begin_within(struct app *a, int wait_ms, struct okra_err *err)
{
	int rc = 0;

	/* A write makes a new revision: the rest of the request reads the store (memo.c). */
	a->rev_known = 0;
	if (a->tx_depth++) {
		if (a->tx_savepoints && (rc = db_savepoint_begin(a->db, err)) < 0)
			a->tx_depth--;
		return a->tx_savepoints ? rc : 0;
	}
	a->tx_housekeeping = wait_ms == 0;
	if ((wait_ms = wait_within_deadline(a, wait_ms)) < 0)
		a->tx_busy = 1;
	if (a->tx_busy) {
		a->tx_depth = 0;
		return okra_err_set(
			err, OKRA_EBUSY, "",
			"the store's write lock is held by another writer: this request "
			"waited its deadline for it already");
	}
	if (a->group) {
		/* The use case's reads and writes go to the shared connection until tx_end. */
		struct db *shared;

		if ((rc = db_group_begin_within(a->group, wait_ms, &shared, err)) < 0) {
			a->tx_depth = 0;
			return rc;
		}
		a->db = shared;
		return 0;
	}
	if ((rc = db_begin_write(a->db, wait_ms, err)) < 0)
		a->tx_depth = 0;
	return rc;
}

int
app_tx_begin(struct app *a, struct okra_err *err)
{
	return tx_begin_within(a, DB_WRITE_WAIT_MS, err);
}

int
app_tx_try_begin(struct app *a, struct okra_err *err)
{
	return tx_begin_within(a, 0, err);
}

int64_t
app_store_memory(void)
{
	return db_sqlite_memory();
}

int
app_store_writable(struct app *a, struct okra_err *err)
{
	int64_t since = db_writes_blocked_since();
	int rc;

	if (!since || a->tx_depth)
		return 0;
	/* Writes have been failing: try the lock, without waiting, to see if it is free again. */
	if ((rc = db_begin_write(a->own_db, 0, err)) < 0)
		return okra_err_set(err, rc, "",
				    "the store cannot take writes: its lock has been held by "
				    "another writer for %lld s",
				    (long long)(time(NULL) - since));
	db_rollback(a->own_db);
	return 0;
}

/*
 * A use case called inside another (the demo loads a company as one
 * transaction) leaves committing or rolling back to the outermost one, which
 * sees the inner error returned.
 */
/*
 * A test's fault (OKRA_FAULT_READ_AFTER_COMMIT=1): once a transaction has
 * committed (bookkeeping aside), every statement this thread prepares fails
 * until the next request (app_refresh), as a PostgreSQL read does when its connection is lost
 * right after a commit.
 */
static void
fault_after_commit(void)
{
	const char *s = getenv("OKRA_FAULT_READ_AFTER_COMMIT");

	if (s && !strcmp(s, "1"))
		db_fault_reads(1);
}

int
app_tx_end(struct app *a, int rc, struct okra_err *err)
{
	if (--a->tx_depth > 0)
		return a->tx_savepoints ? db_savepoint_end(a->db, rc, err) : rc;
	a->tx_depth = 0;
	a->tx_savepoints = 0;
	if (a->group) {
		/* Returns once the batch holding this write has committed (or failed). */
		a->db = a->own_db;
		rc = a->ticket ? db_group_end_deferred(a->group, rc, a->ticket, err)
			       : db_group_end(a->group, rc, err);
	} else {
		if (rc == 0)
			rc = db_commit(a->db, err);
		if (rc < 0)
			db_rollback(a->db);
	}
	if (rc == 0 && !a->tx_housekeeping)
		fault_after_commit();
	return rc;
}

int
app_request_begin(struct app *a, struct okra_err *err)
{
	int rc;

	if (a->tx_depth)
		return okra_err_set(err, OKRA_EDB, "", "a request's transaction inside another");
	if ((rc = tx_begin_within(a, DB_WRITE_WAIT_MS, err)) == 0)
		a->tx_savepoints = 1;
	else if (rc == OKRA_EBUSY)
		a->tx_busy = 1;
	return rc;
}

int
app_request_end(struct app *a, int rc, struct okra_err *err)
{
	return app_tx_end(a, rc, err);
}

int
app_audit(struct app *a, const char *action, const char *entity, int64_t id, char *before,
	  char *after, struct okra_err *err)
{
	int rc;

	rc = store_audit_add(a->db, a->now, a->actor.id > 0 ? a->actor.id : 0, action, entity, id,
			     before, after, err);
	free(before);
	free(after);
	return rc;
}

static const char *
actor_name(const struct app *a)
{
	return a->actor.id ? a->actor.handle : "the system";
}

int
app_may_admin(struct app *a, const char *what, struct okra_err *err)
{
	if (a->actor.id == 0 || a->actor.role == ROLE_ADMIN)
		return 0;
	return okra_err_set(err, OKRA_EFORBIDDEN, "", "%s is a %s: only admins %s", actor_name(a),
			    role_name(a->actor.role), what);
}

int
app_may_plan(struct app *a, const char *what, struct okra_err *err)
{
	if (a->actor.id == 0 || a->actor.role >= ROLE_LEADER)
		return 0;
	return okra_err_set(err, OKRA_EFORBIDDEN, "", "%s is a %s: only leaders and admins %s",
			    actor_name(a), role_name(a->actor.role), what);
}

int
app_may_edit_objective(struct app *a, const struct objective_row *o, struct okra_err *err)
{
	int member = 0, rc;

	if (a->actor.id == 0 || a->actor.role >= ROLE_LEADER)
		return 0;
	if (a->actor.role == ROLE_VIEWER)
		return okra_err_set(err, OKRA_EFORBIDDEN, "", "%s is a viewer: viewers only read",
				    actor_name(a));
	if (!o->team)
		return okra_err_set(
			err, OKRA_EFORBIDDEN, "",
			"%s is a member: only leaders and admins create or edit company "
			"OKRs (R1)",
			actor_name(a));
	if (o->dri == a->actor.id)
		return 0;
	if ((rc = store_membership_has(a->db, a->actor.id, o->team, &member, err)) < 0)
		return rc;
	if (member)
		return 0;
	return okra_err_set(err, OKRA_EFORBIDDEN, "",
			    "%s is not in team %s: members edit the OKRs of their own teams",
			    actor_name(a), o->team_slug ? o->team_slug : "?");
}

int
app_writable(const struct objective_row *o, struct okra_err *err)
{
	if (o->state != STATE_CLOSED)
		return 0;
	return okra_err_set(err, OKRA_ESTATE, "objective",
			    "objective %lld is closed and read-only (R11)", (long long)o->id);
}

int
app_dri_lookup(struct app *a, struct arena *ar, const char *handle, struct person *out,
	       struct okra_err *err)
{
	int rc;

	if (!handle || !*handle) {
		okra_err_set(err, OKRA_EINVAL, "dri", "a DRI is required (--dri HANDLE)");
		okra_err_plain(err, "a DRI is required: name one by handle");
		return OKRA_EINVAL;
	}
	if ((rc = store_person_by_handle(a->db, ar, handle, out, err)) < 0) {
		if (rc == OKRA_ENOTFOUND) {
			okra_err_set(err, OKRA_EINVAL, "dri",
				     "no person with handle %s to be DRI (see: okra person list)",
				     handle);
			okra_err_plain(err, "no person with handle %s to be DRI", handle);
		}
		return rc == OKRA_ENOTFOUND ? OKRA_EINVAL : rc;
	}
	if (out->deactivated_at) {
		rc = okra_err_set(err, OKRA_EINVAL, "dri",
				  "%s has been deactivated: a DRI must be someone active",
				  out->handle);
		return rc;
	}
	if (out->role == ROLE_VIEWER) {
		rc = okra_err_set(err, OKRA_EINVAL, "dri",
				  "%s is a viewer: a DRI must be a member, leader or admin",
				  out->handle);
		return rc;
	}
	return validate_dri(out, a->today, err);
}

int
app_is_new_joiner(const struct person *p, int32_t day)
{
	return cal_is_new_joiner(p->joined_on, day);
}
