/* store_people.c: settings, people, teams, memberships and cycles. */
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/calendar.h"
#include "store/store_int.h"
#include "util/xalloc.h"

static const char sql_setting_get[] = "SELECT value FROM settings WHERE name = $1";
static const char sql_setting_set[] =
	"INSERT INTO settings (name, value, set_at) VALUES ($1, $2, $3)"
	" ON CONFLICT (name) DO UPDATE SET value = excluded.value, set_at = excluded.set_at";
static const char sql_setting_set_at[] = "SELECT set_at FROM settings WHERE name = $1";
static const char sql_is_empty[] =
	"SELECT (SELECT count(*) FROM people) + (SELECT count(*) FROM teams)"
	" + (SELECT count(*) FROM cycles) + (SELECT count(*) FROM objectives)";
static const char sql_revision[] = "SELECT max(id) FROM audit";

#define PERSON_COLS "id, handle, name, email, role, joined_on, deactivated_at"
static const char sql_person_add[] =
	"INSERT INTO people (handle, name, email, role, joined_on)"
	" VALUES ($1, $2, $3, $4, $5) RETURNING id";
static const char sql_person_get[] = "SELECT " PERSON_COLS " FROM people WHERE id = $1";
static const char sql_person_by_handle[] = "SELECT " PERSON_COLS " FROM people WHERE handle = $1";
static const char sql_person_first_admin[] =
	"SELECT " PERSON_COLS
	" FROM people WHERE role = 'admin' AND deactivated_at IS NULL ORDER BY id LIMIT 1";
static const char sql_person_list[] = "SELECT " PERSON_COLS " FROM people ORDER BY handle";
static const char sql_person_update[] =
	"UPDATE people SET name = $2, email = $3, role = $4, joined_on = $5,"
	" version = version + 1 WHERE id = $1";
static const char sql_person_deactivate[] =
	"UPDATE people SET deactivated_at = $2, version = version + 1 WHERE id = $1";
static const char sql_other_admins[] =
	"SELECT count(*) FROM people WHERE role = 'admin' AND deactivated_at IS NULL AND id <> $1";

static const char sql_team_add[] = "INSERT INTO teams (slug, name) VALUES ($1, $2) RETURNING id";
static const char sql_team_by_slug[] = "SELECT id, slug, name FROM teams WHERE slug = $1";
static const char sql_team_get[] = "SELECT id, slug, name FROM teams WHERE id = $1";
static const char sql_team_list[] = "SELECT id, slug, name FROM teams ORDER BY slug";
static const char sql_membership_add[] =
	"INSERT INTO memberships (person, team) VALUES ($1, $2) ON CONFLICT DO NOTHING";
static const char sql_membership_delete[] =
	"DELETE FROM memberships WHERE person = $1 AND team = $2";
static const char sql_team_rename[] =
	"UPDATE teams SET name = $2, version = version + 1 WHERE id = $1";
static const char sql_membership_has[] =
	"SELECT count(*) FROM memberships WHERE person = $1 AND team = $2";
static const char sql_team_members[] =
	"SELECT p.handle FROM memberships m JOIN people p ON p.id = m.person"
	" WHERE m.team = $1 ORDER BY p.handle";

static const char sql_memberships[] =
	"SELECT m.team, p.handle FROM memberships m JOIN people p ON p.id = m.person"
	" ORDER BY m.team, p.handle";

#define CYCLE_COLS "id, kind, name, starts_on, ends_on, parent"
static const char sql_cycle_add[] =
	"INSERT INTO cycles (kind, name, starts_on, ends_on, parent)"
	" VALUES ($1, $2, $3, $4, $5) RETURNING id";
static const char sql_cycle_get[] = "SELECT " CYCLE_COLS " FROM cycles WHERE id = $1";
static const char sql_cycle_by_name[] = "SELECT " CYCLE_COLS " FROM cycles WHERE name = $1";
static const char sql_cycle_containing[] =
	"SELECT " CYCLE_COLS
	" FROM cycles WHERE kind = $1 AND starts_on <= $2 AND ends_on >= $2"
	" ORDER BY starts_on DESC, id DESC LIMIT 1";
static const char sql_cycle_list[] =
	"SELECT " CYCLE_COLS " FROM cycles ORDER BY starts_on, kind DESC, name";

int
store_setting_get(struct db *db, const char *name, struct buf *out, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_setting_get, &st, err)) < 0)
		return rc;
	db_bind_text(st, 1, name);
	rc = db_step(st, err);
	if (rc == DB_ROW) {
		buf_adds(out, db_col_text(st, 0));
		rc = 0;
	} else if (rc == DB_DONE) {
		rc = okra_err_set(err, OKRA_ENOTFOUND, name, "no setting %s", name);
	}
	db_finalize(st);
	return rc;
}

int
store_setting_put(struct db *db, const char *name, const char *value, int64_t at,
		  struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_setting_set, &st, err)) < 0)
		return rc;
	db_bind_text(st, 1, name);
	db_bind_text(st, 2, value);
	if (at)
		db_bind_int(st, 3, at);
	else
		db_bind_null(st, 3);
	return sq_done(st, err);
}

int
store_setting_set(struct db *db, const char *name, const char *value, struct okra_err *err)
{
	return store_setting_put(db, name, value, 0, err);
}

int
store_setting_when(struct db *db, const char *name, int64_t *at, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	*at = 0;
	if ((rc = db_prepare(db, sql_setting_set_at, &st, err)) < 0)
		return rc;
	db_bind_text(st, 1, name);
	rc = db_step(st, err);
	if (rc == DB_ROW) {
		*at = db_col_is_null(st, 0) ? 0 : db_col_int(st, 0);
		rc = 0;
	} else if (rc == DB_DONE) {
		rc = 0;
	}
	db_finalize(st);
	return rc;
}

int
store_is_empty(struct db *db, int *empty, struct okra_err *err)
{
	struct db_stmt *st;
	int64_t n;
	int rc;

	if ((rc = db_prepare(db, sql_is_empty, &st, err)) < 0)
		return rc;
	if ((rc = sq_int(st, &n, err)) < 0)
		return rc;
	*empty = n == 0;
	return 0;
}

int
store_revision(struct db *db, int64_t *rev, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_revision, &st, err)) < 0)
		return rc;
	return sq_int(st, rev, err);
}

static void
person_row(struct arena *ar, struct db_stmt *st, struct person *p)
{
	int r;

	p->id = db_col_int(st, 0);
	p->handle = sq_adup0(ar, st, 1);
	p->name = sq_adup0(ar, st, 2);
	p->email = sq_adup(ar, st, 3);
	r = role_parse(db_col_text(st, 4));
	p->role = r < 0 ? ROLE_VIEWER : (enum role)r;
	p->joined_on = sq_date(st, 5);
	p->deactivated_at = db_col_int(st, 6);
}

/* Run a prepared one-row query and map it, or say what was not found. */
static int
one_person(struct arena *ar, struct db_stmt *st, struct person *out, const char *what,
	   struct okra_err *err)
{
	int rc = db_step(st, err);

	if (rc == DB_ROW) {
		person_row(ar, st, out);
		rc = 0;
	} else if (rc == DB_DONE) {
		rc = okra_err_set(err, OKRA_ENOTFOUND, "person", "no person %s", what);
	}
	db_finalize(st);
	return rc;
}

int
store_person_add(struct db *db, const struct person *p, int64_t *id, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_person_add, &st, err)) < 0)
		return rc;
	db_bind_text(st, 1, p->handle);
	db_bind_text(st, 2, p->name);
	db_bind_text(st, 3, p->email && *p->email ? p->email : NULL);
	db_bind_text(st, 4, role_name(p->role));
	sq_bind_date(st, 5, p->joined_on);
	rc = sq_insert(st, id, err);
	if (rc == OKRA_ECONFLICT)
		rc = okra_err_set(err, OKRA_ECONFLICT, "handle",
				  "a person with handle %s already exists", p->handle);
	return rc;
}

int
store_person_get(struct db *db, struct arena *ar, int64_t id, struct person *out,
		 struct okra_err *err)
{
	struct db_stmt *st;
	char what[32];
	int rc;

	if ((rc = db_prepare(db, sql_person_get, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, id);
	snprintf(what, sizeof(what), "with id %lld", (long long)id);
	return one_person(ar, st, out, what, err);
}

int
store_person_by_handle(struct db *db, struct arena *ar, const char *handle, struct person *out,
		       struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_person_by_handle, &st, err)) < 0)
		return rc;
	db_bind_text(st, 1, handle);
	rc = one_person(ar, st, out, handle, err);
	if (rc == OKRA_ENOTFOUND) {
		okra_err_set(err, rc, "handle", "no person with handle %s (see: okra person list)",
			     handle);
		okra_err_plain(err, "no person with handle %s", handle);
	}
	return rc;
}

int
store_person_first_admin(struct db *db, struct arena *ar, struct person *out, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_person_first_admin, &st, err)) < 0)
		return rc;
	return one_person(ar, st, out, "with the admin role", err);
}

int
store_person_list(struct db *db, struct arena *ar, struct person **v, size_t *n,
		  struct okra_err *err)
{
	struct db_stmt *st;
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if ((rc = db_prepare(db, sql_person_list, &st, err)) < 0)
		return rc;
	while ((rc = db_step(st, err)) == DB_ROW) {
		ARENA_GROW(ar, *v, *n + 1, alloc);
		person_row(ar, st, &(*v)[(*n)++]);
	}
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

int
store_person_update(struct db *db, const struct person *p, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_person_update, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, p->id);
	db_bind_text(st, 2, p->name);
	db_bind_text(st, 3, p->email && *p->email ? p->email : NULL);
	db_bind_text(st, 4, role_name(p->role));
	sq_bind_date(st, 5, p->joined_on);
	return sq_done(st, err);
}

int
store_person_deactivate(struct db *db, int64_t id, int64_t at, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_person_deactivate, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, id);
	sq_bind_ref(st, 2, at);
	return sq_done(st, err);
}

int
store_other_admins(struct db *db, int64_t id, int64_t *n, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_other_admins, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, id);
	return sq_int(st, n, err);
}

static void
team_row(struct arena *ar, struct db_stmt *st, struct team *t)
{
	t->id = db_col_int(st, 0);
	t->slug = sq_adup0(ar, st, 1);
	t->name = sq_adup0(ar, st, 2);
}

static int
one_team(struct arena *ar, struct db_stmt *st, struct team *out, const char *what,
	 struct okra_err *err)
{
	int rc = db_step(st, err);

	if (rc == DB_ROW) {
		team_row(ar, st, out);
		rc = 0;
	} else if (rc == DB_DONE) {
		rc = okra_err_set(err, OKRA_ENOTFOUND, "team", "no team %s (see: okra team list)",
				  what);
		okra_err_plain(err, "no team %s", what);
	}
	db_finalize(st);
	return rc;
}

int
store_team_add(struct db *db, const struct team *t, int64_t *id, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_team_add, &st, err)) < 0)
		return rc;
	db_bind_text(st, 1, t->slug);
	db_bind_text(st, 2, t->name);
	rc = sq_insert(st, id, err);
	if (rc == OKRA_ECONFLICT)
		rc = okra_err_set(err, rc, "slug", "a team %s already exists", t->slug);
	return rc;
}

int
store_team_by_slug(struct db *db, struct arena *ar, const char *slug, struct team *out,
		   struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_team_by_slug, &st, err)) < 0)
		return rc;
	db_bind_text(st, 1, slug);
	return one_team(ar, st, out, slug, err);
}

int
store_team_get(struct db *db, struct arena *ar, int64_t id, struct team *out, struct okra_err *err)
{
	struct db_stmt *st;
	char what[32];
	int rc;

	if ((rc = db_prepare(db, sql_team_get, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, id);
	snprintf(what, sizeof(what), "with id %lld", (long long)id);
	return one_team(ar, st, out, what, err);
}

int
store_team_list(struct db *db, struct arena *ar, struct team **v, size_t *n, struct okra_err *err)
{
	struct db_stmt *st;
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if ((rc = db_prepare(db, sql_team_list, &st, err)) < 0)
		return rc;
	while ((rc = db_step(st, err)) == DB_ROW) {
		ARENA_GROW(ar, *v, *n + 1, alloc);
		team_row(ar, st, &(*v)[(*n)++]);
	}
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

int
store_membership_add(struct db *db, int64_t person, int64_t team, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_membership_add, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, person);
	db_bind_int(st, 2, team);
	return sq_done(st, err);
}

int
store_membership_delete(struct db *db, int64_t person, int64_t team, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_membership_delete, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, person);
	db_bind_int(st, 2, team);
	return sq_done(st, err);
}

int
store_team_rename(struct db *db, int64_t team, const char *name, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_team_rename, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, team);
	db_bind_text(st, 2, name);
	return sq_done(st, err);
}

int
store_membership_has(struct db *db, int64_t person, int64_t team, int *yes, struct okra_err *err)
{
	struct db_stmt *st;
	int64_t n;
	int rc;

	if ((rc = db_prepare(db, sql_membership_has, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, person);
	db_bind_int(st, 2, team);
	if ((rc = sq_int(st, &n, err)) < 0)
		return rc;
	*yes = n > 0;
	return 0;
}

int
store_team_members(struct db *db, int64_t team, struct strlist *handles, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_team_members, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, team);
	while ((rc = db_step(st, err)) == DB_ROW)
		strlist_push(handles, db_col_text(st, 0));
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

int
store_memberships(struct db *db, int64_t **teams, struct strlist *handles, struct okra_err *err)
{
	struct db_stmt *st;
	size_t alloc = 0;
	int rc;

	*teams = NULL;
	if ((rc = db_prepare(db, sql_memberships, &st, err)) < 0)
		return rc;
	while ((rc = db_step(st, err)) == DB_ROW) {
		ALLOC_GROW(*teams, handles->n + 1, alloc);
		(*teams)[handles->n] = db_col_int(st, 0);
		strlist_push(handles, db_col_text(st, 1));
	}
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

static void
cycle_row(struct arena *ar, struct db_stmt *st, struct cycle *c)
{
	int k;

	c->id = db_col_int(st, 0);
	k = cycle_kind_parse(db_col_text(st, 1));
	c->kind = k < 0 ? CYCLE_QUARTER : (enum cycle_kind)k;
	c->name = sq_adup0(ar, st, 2);
	c->starts_on = sq_date(st, 3);
	c->ends_on = sq_date(st, 4);
	c->parent = db_col_is_null(st, 5) ? 0 : db_col_int(st, 5);
}

static int
one_cycle(struct arena *ar, struct db_stmt *st, struct cycle *out, const char *what,
	  struct okra_err *err)
{
	int rc = db_step(st, err);

	if (rc == DB_ROW) {
		cycle_row(ar, st, out);
		rc = 0;
	} else if (rc == DB_DONE) {
		rc = okra_err_set(err, OKRA_ENOTFOUND, "cycle",
				  "no cycle %s (see: okra cycle list)", what);
		okra_err_plain(err, "no cycle %s", what);
	}
	db_finalize(st);
	return rc;
}

int
store_cycle_add(struct db *db, const struct cycle *c, int64_t *id, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_cycle_add, &st, err)) < 0)
		return rc;
	db_bind_text(st, 1, cycle_kind_name(c->kind));
	db_bind_text(st, 2, c->name);
	sq_bind_date(st, 3, c->starts_on);
	sq_bind_date(st, 4, c->ends_on);
	sq_bind_ref(st, 5, c->parent);
	rc = sq_insert(st, id, err);
	if (rc == OKRA_ECONFLICT)
		rc = okra_err_set(err, rc, "name", "a cycle named %s already exists", c->name);
	return rc;
}

int
store_cycle_get(struct db *db, struct arena *ar, int64_t id, struct cycle *out,
		struct okra_err *err)
{
	struct db_stmt *st;
	char what[32];
	int rc;

	if ((rc = db_prepare(db, sql_cycle_get, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, id);
	snprintf(what, sizeof(what), "with id %lld", (long long)id);
	return one_cycle(ar, st, out, what, err);
}

int
store_cycle_by_name(struct db *db, struct arena *ar, const char *name, struct cycle *out,
		    struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_cycle_by_name, &st, err)) < 0)
		return rc;
	db_bind_text(st, 1, name);
	return one_cycle(ar, st, out, name, err);
}

int
store_cycle_containing(struct db *db, struct arena *ar, int32_t day, enum cycle_kind kind,
		       struct cycle *out, struct okra_err *err)
{
	struct db_stmt *st;
	char what[64], d[11];
	int rc;

	if ((rc = db_prepare(db, sql_cycle_containing, &st, err)) < 0)
		return rc;
	db_bind_text(st, 1, cycle_kind_name(kind));
	sq_bind_date(st, 2, day);
	cal_format_date(day, d);
	snprintf(what, sizeof(what), "of kind %s contains %s", cycle_kind_name(kind), d);
	return one_cycle(ar, st, out, what, err);
}

int
store_cycle_list(struct db *db, struct arena *ar, struct cycle **v, size_t *n, struct okra_err *err)
{
	struct db_stmt *st;
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if ((rc = db_prepare(db, sql_cycle_list, &st, err)) < 0)
		return rc;
	while ((rc = db_step(st, err)) == DB_ROW) {
		ARENA_GROW(ar, *v, *n + 1, alloc);
		cycle_row(ar, st, &(*v)[(*n)++]);
	}
	db_finalize(st);
	return rc < 0 ? rc : 0;
}
