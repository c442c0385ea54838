/* test_app_atomic.c: each use case is one transaction — a refusal changes nothing, a write audits,
 * versions bump. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "app/app.h"
#include "store/store.h"
#include "fixture_app.h"
#include "util/buf.h"
#include "app/people.h"
#include "app/objectives.h"
#include "app/updates.h"
#include "app/tree.h"
#include "app/transfer.h"
#include "app/settings.h"

/* What the tests read lives here; arena_reset(&A) where a read was released. */
static struct arena A = ARENA_INIT;

#define REFUSED(code, call)                                                                        \
	do {                                                                                       \
		int rc_;                                                                           \
		okra_err_clear(&E);                                                                \
		rc_ = (call);                                                                      \
		if (rc_ != (code))                                                                 \
			fail_msg("%s:%d: %s returned %d (%s), expected %s", __FILE__, __LINE__,    \
				 #call, rc_, E.msg, #code);                                        \
	} while (0)

/*
 * The fixture: a fresh database in its own temp directory; with setup (not
 * setup_empty) also alex (admin), sam (leader), pat and kim (team platform),
 * rio (team saas), vic (viewer), noor (platform, joined 2026-08-01: a new
 * joiner), the year FY2026 and its quarters; the clock at Wednesday
 * 2026-08-19 10:00; acting as alex.
 */
static int
setup_empty(void **state)
{
	struct fx *f;

	if (fixture_app_open(state, "atomic"))
		return -1;
	f = *state;
	OK(app_act_as(&f->a, NULL, &E));
	return 0;
}

static int
setup(void **state)
{
	struct fx *f;
	struct app *a;
	int64_t id;

	if (setup_empty(state))
		return -1;
	f = *state;
	a = &f->a;
	staff(a);
	person(a, "noor", ROLE_MEMBER, "2026-08-01");
	team(a, "platform", "pat", "kim");
	team(a, "saas", "rio", NULL);
	OK(app_cycle_year(a, "FY2026", date("2026-01-01"), &id, &E));
	return 0;
}

static int64_t
obj(struct app *a, const char *cycle, const char *team_slug, int64_t parent, const char *dri,
    const char *title)
{
	struct objective_input in = {
		.cycle = cycle, .team = team_slug, .parent = parent, .dri = dri, .title = title};
	int64_t id;

	OK(app_objective_add(a, &in, &id, &E));
	return id;
}

static int64_t
metric(struct app *a, int64_t objective, const char *dri, double start, double target)
{
	struct kr_input in = {.objective = objective,
			      .title = "A measured result",
			      .dri = dri,
			      .kind = KR_METRIC,
			      .unit = "%",
			      .start = start,
			      .target = target};
	int64_t id;

	OK(app_kr_add(a, &in, &id, &E));
	return id;
}

static int
checkin(struct app *a, int64_t kr, double value, enum health h, int64_t *id)
{
	struct checkin_input in = {.key_result = kr, .has_value = 1, .value = value, .health = h};
	int64_t ignore;

	okra_err_clear(&E);
	return app_checkin(a, &in, id ? id : &ignore, &E);
}

static int
status(struct app *a, int64_t objective, enum health h, const int64_t *krs, size_t n, int64_t *id)
{
	struct status_line lines[8];
	struct status_input in = {.objective = objective, .health = h, .lines = lines, .nlines = n};
	int64_t ignore;

	for (size_t i = 0; i < n; i++) {
		lines[i].key_result = krs[i];
		lines[i].line = (char *)"moving along";
	}
	okra_err_clear(&E);
	return app_status(a, &in, id ? id : &ignore, &E);
}

/* ---- the digest: every row of every table, as text ---------------------------------------- */

static void
dump_table(struct db *db, const char *table, struct buf *out)
{
	struct db_stmt *st = NULL;
	struct buf sql = BUF_INIT, expr = BUF_INIT;
	int rc, i, ncols = 0;

	/*
	 * c1, c2 … over the table's columns, each printed as its text or NULL;
	 * rows ordered by every column, so the digest does not depend on where
	 * the engine keeps them.
	 */
	OK(db_prepare(db, FIXTURE_SQL_COLUMNS, &st, &E));
	db_bind_text(st, 1, table);
	while ((rc = db_step(st, &E)) == DB_ROW) {
		buf_adds(&expr, expr.len ? ", " : "");
		buf_adds(&expr, db_col_text(st, 0));
		ncols++;
	}
	assert_int_equal(rc, DB_DONE);
	db_finalize(st);
	buf_addf(&sql, "SELECT %s FROM %s ORDER BY ", expr.buf, table);
	for (i = 1; i <= ncols; i++)
		buf_addf(&sql, "%s%d", i > 1 ? ", " : "", i);
	OK(db_prepare(db, sql.buf, &st, &E));
	buf_addf(out, "== %s\n", table);
	while ((rc = db_step(st, &E)) == DB_ROW) {
		for (i = 0; i < ncols; i++)
			buf_addf(out, "%s%s", i ? "|" : "",
				 db_col_is_null(st, i) ? "NULL" : db_col_text(st, i));
		buf_addch(out, '\n');
	}
	assert_int_equal(rc, DB_DONE);
	db_finalize(st);
	buf_release(&sql);
	buf_release(&expr);
}

/* Every table's rows, in one string (caller frees). */
static char *
dump(struct app *a)
{
	struct db_stmt *st = NULL;
	struct strlist tables = {0};
	struct buf out = BUF_INIT;
	int rc;

	OK(db_prepare(a->db, FIXTURE_SQL_TABLES, &st, &E));
	while ((rc = db_step(st, &E)) == DB_ROW)
		strlist_push(&tables, db_col_text(st, 0));
	assert_int_equal(rc, DB_DONE);
	db_finalize(st);
	assert_true(tables.n >= 17);
	for (size_t i = 0; i < tables.n; i++)
		dump_table(a->db, tables.v[i], &out);
	strlist_release(&tables);
	return buf_detach(&out, NULL);
}

static void
assert_same(const char *before, const char *after, const char *what)
{
	if (strcmp(before, after)) {
		const char *b = before, *f = after;

		while (*b && *b == *f)
			b++, f++;
		fail_msg(
			"%s changed the database; first difference:\nbefore: %.160s\nafter:  "
			"%.160s",
			what, b, f);
	}
}

/* Run a call that must be refused with code, and check the database did not move. */
#define UNCHANGED(code, call)                                                                      \
	do {                                                                                       \
		char *before_ = dump(a), *after_;                                                  \
		REFUSED(code, call);                                                               \
		after_ = dump(a);                                                                  \
		assert_same(before_, after_, #call);                                               \
		free(before_);                                                                     \
		free(after_);                                                                      \
	} while (0)

static int64_t
query_int(struct db *db, const char *sql, int64_t param)
{
	struct db_stmt *st = NULL;
	int64_t v;

	OK(db_prepare(db, sql, &st, &E));
	db_bind_int(st, 1, param);
	assert_int_equal(db_step(st, &E), DB_ROW);
	v = db_col_int(st, 0);
	db_finalize(st);
	return v;
}

/* ---- refusals change nothing -------------------------------------------------------------- */

static void
test_refused_objective_add_after_partial_writes_changes_nothing(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	struct strlist links = {0};
	struct objective_input in = {.cycle = "FY2026-Q3",
				     .team = "platform",
				     .dri = "pat",
				     .title = "Two links, one twice",
				     .links = &links};
	int64_t id;

	/* The objective, its audit row and the first link are written before the clash. */
	strlist_push(&links, "g/p#1");
	strlist_push(&links, "g/p#1");
	UNCHANGED(OKRA_ECONFLICT, app_objective_add(a, &in, &id, &E));
	strlist_release(&links);
	assert_int_equal(query_int(a->db, "SELECT count(*) FROM objectives WHERE $1 = $1", 0), 0);
}

static void
test_refused_team_add_with_unknown_member_changes_nothing(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	struct strlist m = {0};
	int64_t id;

	strlist_push(&m, "pat");
	strlist_push(&m, "ghost");
	UNCHANGED(OKRA_ENOTFOUND, app_team_add(a, "infra", "Infrastructure", &m, &id, &E));
	strlist_release(&m);
}

static void
test_refused_cycle_year_with_clashing_quarter_changes_nothing(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	int64_t id;

	OK(app_cycle_add(a, "FY2028-Q3", CYCLE_QUARTER, date("2028-07-01"), date("2028-09-30"),
			 NULL, &id, &E));
	/* FY2028, Q1 and Q2 go in before Q3 clashes. */
	UNCHANGED(OKRA_ECONFLICT, app_cycle_year(a, "FY2028", date("2028-01-01"), &id, &E));
}

static void
test_refused_ref_close_reaching_a_forbidden_kr_changes_nothing(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	int64_t op = obj(a, "FY2026-Q3", "platform", 0, "pat", "Platform goal");
	int64_t os = obj(a, "FY2026-Q3", "saas", 0, "rio", "SaaS goal");
	int64_t kp = criteria_kr(a, op, "pat");
	int64_t ks = criteria_kr(a, os, "rio");
	int64_t id, changed;

	OK(app_criterion_add(a, kp, "g/shared#1", 50, NULL, &id, &E));
	OK(app_criterion_add(a, ks, "g/shared#1", 50, NULL, &id, &E));
	act(a, "pat");
	/* Every criterion flips and pat's KR gets its check-in before rio's KR refuses. */
	UNCHANGED(OKRA_EFORBIDDEN,
		  app_ref_set_state(a, "g/shared#1", ITEM_CLOSED, SOURCE_MANUAL, &changed, &E));
	/* An integration may. */
	OK(app_ref_set_state(a, "g/shared#1", ITEM_CLOSED, SOURCE_INTEGRATION, &changed, &E));
	assert_int_equal(changed, 2);
}

static void
test_refused_writes_of_every_kind_change_nothing(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	int64_t o = obj(a, "FY2026-Q3", "platform", 0, "pat", "Platform goal");
	int64_t k1 = metric(a, o, "pat", 0, 10);
	int64_t k2 = criteria_kr(a, o, "kim");
	int64_t closed = obj(a, "FY2026-Q3", "platform", 0, "pat", "Closed goal");
	int64_t kc = metric(a, closed, "pat", 0, 10);
	int64_t id;
	struct objective_edit bad_dri = {.title = "Renamed", .dri = "noor"};
	struct objective_edit by_hand = {.title = "Renamed", .set_progress = 1};
	struct kr_edit same = {.title = "Renamed", .set_target = 1, .target = 0};
	struct person dup = {.handle = (char *)"pat",
			     .name = (char *)"Pat again",
			     .role = ROLE_MEMBER,
			     .joined_on = DATE_NONE};

	OK(app_criterion_add(a, k2, "g/p#1", 80, NULL, &id, &E));
	OK(retro(a, closed, 2, 2, 2, 1));
	OK(app_objective_close(a, closed, &E));

	UNCHANGED(OKRA_EINVAL, app_objective_edit(a, o, &bad_dri, &E));
	UNCHANGED(OKRA_EINVAL, app_objective_edit(a, o, &by_hand, &E));
	UNCHANGED(OKRA_EINVAL, app_kr_edit(a, k1, &same, &E));
	UNCHANGED(OKRA_EINVAL, app_criterion_add(a, k2, "g/p#2", 21, NULL, &id, &E));
	UNCHANGED(OKRA_EINVAL, status(a, o, HEALTH_ON_TRACK, &k1, 1, NULL));
	UNCHANGED(OKRA_EINVAL, checkin(a, k1, 5, HEALTH_NONE, NULL));
	UNCHANGED(OKRA_ESTATE, checkin(a, kc, 5, HEALTH_ON_TRACK, NULL));
	UNCHANGED(OKRA_ESTATE, app_objective_close(a, o, &E));
	UNCHANGED(OKRA_EINVAL, retro(a, o, 1, 2, 2, 1));
	UNCHANGED(OKRA_ECONFLICT, app_person_add(a, &dup, &id, &E));
	UNCHANGED(OKRA_EINVAL, app_setting_set(a, "update_weekday", "someday", &E));
	act(a, "vic");
	UNCHANGED(OKRA_EFORBIDDEN, checkin(a, k1, 5, HEALTH_ON_TRACK, NULL));
	act(a, "rio");
	UNCHANGED(OKRA_EFORBIDDEN,
		  app_objective_edit(a, o, &(struct objective_edit){.title = "x"}, &E));
}

static void
test_stale_if_version_refused_and_nothing_changed(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	int64_t o = obj(a, "FY2026-Q3", "platform", 0, "pat", "Platform goal");
	int64_t k = metric(a, o, "pat", 0, 10);
	struct objective_edit e1 = {.title = "First edit", .if_version = 1};
	struct objective_edit e2 = {.title = "Second edit", .if_version = 2};
	struct kr_edit ke = {.title = "KR edit", .if_version = 1};
	struct objective_row r = {0};
	char *before, *after;

	before = dump(a);
	OK(app_objective_edit(a, o, &e1, &E));
	after = dump(a);
	if (!strcmp(before, after))
		fail_msg("a successful edit left the digest as it was: the digest sees nothing");
	free(before);
	free(after);
	/* Someone else's edit won: version 1 is stale now. */
	UNCHANGED(OKRA_ESTALE, app_objective_edit(a, o, &e1, &E));
	OK(store_objective_get(a->db, &A, o, &r, &E));
	assert_string_equal(r.title, "First edit");
	assert_int_equal(r.version, 2);
	arena_reset(&A);
	OK(app_objective_edit(a, o, &e2, &E));

	OK(checkin(a, k, 5, HEALTH_ON_TRACK, NULL)); /* bumps the KR to version 2 */
	UNCHANGED(OKRA_ESTALE, app_kr_edit(a, k, &ke, &E));
	ke.if_version = 2;
	OK(app_kr_edit(a, k, &ke, &E));
}

/* ---- versions ----------------------------------------------------------------------------- */

static int64_t
obj_version(struct app *a, int64_t id)
{
	return query_int(a->db, "SELECT version FROM objectives WHERE id = $1", id);
}

static int64_t
kr_version(struct app *a, int64_t id)
{
	return query_int(a->db, "SELECT version FROM key_results WHERE id = $1", id);
}

static void
test_versions_bump_on_each_edit(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	int64_t o = obj(a, "FY2026-Q3", "platform", 0, "pat", "Platform goal");
	int64_t k = metric(a, o, "pat", 0, 10);
	struct objective_edit e = {.title = "Edited"};
	struct kr_edit ke = {.title = "Edited KR"};

	assert_int_equal(obj_version(a, o), 1);
	assert_int_equal(kr_version(a, k), 1);
	OK(app_objective_edit(a, o, &e, &E));
	assert_int_equal(obj_version(a, o), 2);
	e.title = "Edited again";
	OK(app_objective_edit(a, o, &e, &E));
	assert_int_equal(obj_version(a, o), 3);
	OK(app_kr_edit(a, k, &ke, &E));
	assert_int_equal(kr_version(a, k), 2);
	OK(checkin(a, k, 4, HEALTH_ON_TRACK, NULL));
	assert_int_equal(kr_version(a, k), 3);
	OK(status(a, o, HEALTH_ON_TRACK, &k, 1, NULL));
	assert_int_equal(obj_version(a, o), 4);
	OK(retro(a, o, 2, 2, 2, 1));
	OK(app_objective_close(a, o, &E));
	assert_int_equal(obj_version(a, o), 5);
	/* Refusals do not bump. */
	REFUSED(OKRA_ESTATE, app_objective_edit(a, o, &e, &E));
	assert_int_equal(obj_version(a, o), 5);
}

/* ---- audit -------------------------------------------------------------------------------- */

struct want {
	const char *action, *entity;
	int64_t entity_id;
	int before; /* 1: before_json present, 0: NULL */
};

static int64_t
audit_mark(struct app *a)
{
	return query_int(a->db, "SELECT coalesce(max(id), 0) FROM audit WHERE $1 = $1", 0);
}

/* The audit rows after *mark are exactly want[0..n), each with after_json; moves *mark. */
static void
expect_audit(struct app *a, int64_t *mark, const struct want *want, size_t n, const char *what)
{
	struct db_stmt *st = NULL;
	size_t i = 0;
	int rc;

	OK(db_prepare(a->db,
		      "SELECT id, action, entity, entity_id, before_json IS NOT NULL,"
		      " after_json IS NOT NULL, coalesce(actor, 0), at, after_json"
		      " FROM audit WHERE id > $1 ORDER BY id",
		      &st, &E));
	db_bind_int(st, 1, *mark);
	while ((rc = db_step(st, &E)) == DB_ROW) {
		json_error_t je;
		json_t *j;

		if (i >= n)
			fail_msg("%s: an extra audit row %s %s %lld", what, db_col_text(st, 1),
				 db_col_text(st, 2), (long long)db_col_int(st, 3));
		if (strcmp(db_col_text(st, 1), want[i].action) ||
		    strcmp(db_col_text(st, 2), want[i].entity) ||
		    db_col_int(st, 3) != want[i].entity_id)
			fail_msg("%s: audit row %zu is %s %s %lld, expected %s %s %lld", what, i,
				 db_col_text(st, 1), db_col_text(st, 2),
				 (long long)db_col_int(st, 3), want[i].action, want[i].entity,
				 (long long)want[i].entity_id);
		if (db_col_int(st, 4) != want[i].before)
			fail_msg("%s: audit row %zu (%s %s) %s a before", what, i, want[i].action,
				 want[i].entity, want[i].before ? "lacks" : "has");
		if (!db_col_int(st, 5))
			fail_msg("%s: audit row %zu (%s %s) has no after", what, i, want[i].action,
				 want[i].entity);
		assert_int_equal(db_col_int(st, 6), a->actor.id);
		assert_int_equal(db_col_int(st, 7), a->now);
		j = json_loads(db_col_text(st, 8), 0, &je);
		if (!j)
			fail_msg("%s: audit row %zu's after is not JSON: %s", what, i, je.text);
		json_decref(j);
		*mark = db_col_int(st, 0);
		i++;
	}
	assert_int_equal(rc, DB_DONE);
	db_finalize(st);
	if (i != n)
		fail_msg("%s: %zu audit rows, expected %zu (missing %s %s)", what, i, n,
			 want[i].action, want[i].entity);
}

/* A JSON field of the newest audit row's before or after. */
static json_int_t
audit_json_int(struct app *a, const char *column, const char *key)
{
	struct db_stmt *st = NULL;
	struct buf sql = BUF_INIT;
	json_error_t je;
	json_t *j;
	json_int_t v;

	buf_addf(&sql, "SELECT %s FROM audit WHERE $1 = $1 ORDER BY id DESC LIMIT 1", column);
	OK(db_prepare(a->db, sql.buf, &st, &E));
	db_bind_int(st, 1, 0);
	assert_int_equal(db_step(st, &E), DB_ROW);
	j = json_loads(db_col_text(st, 0), 0, &je);
	assert_non_null(j);
	v = json_integer_value(json_object_get(j, key));
	json_decref(j);
	db_finalize(st);
	buf_release(&sql);
	return v;
}

static void
test_each_write_adds_one_audit_row_per_entity(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	int64_t mark = audit_mark(a), id, o, k, c, ck, cr, ci, cid, y;
	struct strlist links = {0}, members = {0};
	struct objective_edit e = {.title = "Edited"};
	struct kr_edit ke = {.title = "Edited KR"};

	id = person(a, "lee", ROLE_MEMBER, NULL);
	expect_audit(a, &mark, (struct want[]){{"create", "person", id, 0}}, 1, "person add");
	strlist_push(&members, "lee");
	OK(app_team_add(a, "infra", "Infra", &members, &id, &E));
	strlist_release(&members);
	expect_audit(a, &mark, (struct want[]){{"create", "team", id, 0}}, 1, "team add");
	OK(app_team_join(a, "infra", "pat", &E));
	expect_audit(a, &mark, (struct want[]){{"join", "team", id, 0}}, 1, "team join");
	OK(app_cycle_year(a, "FY2027", date("2027-01-01"), &y, &E));
	expect_audit(a, &mark,
		     (struct want[]){{"create", "cycle", y, 0},
				     {"create", "cycle", y + 1, 0},
				     {"create", "cycle", y + 2, 0},
				     {"create", "cycle", y + 3, 0},
				     {"create", "cycle", y + 4, 0}},
		     5, "cycle year");
	OK(app_setting_set(a, "update_weekday", "thursday", &E));
	expect_audit(a, &mark, (struct want[]){{"set", "setting", 0, 0}}, 1, "setting");

	{
		struct objective_input in = {.cycle = "FY2026-Q3",
					     .team = "platform",
					     .dri = "pat",
					     .title = "Linked goal",
					     .links = &links};

		strlist_push(&links, "g/p&1");
		strlist_push(&links, "g/p#2");
		OK(app_objective_add(a, &in, &o, &E));
		strlist_release(&links);
	}
	{
		int64_t l1 = query_int(a->db, "SELECT min(id) FROM links WHERE objective = $1", o);

		expect_audit(a, &mark,
			     (struct want[]){{"create", "objective", o, 0},
					     {"create", "link", l1, 0},
					     {"create", "link", l1 + 1, 0}},
			     3, "objective add with links");
	}
	OK(app_objective_edit(a, o, &e, &E));
	expect_audit(a, &mark, (struct want[]){{"update", "objective", o, 1}}, 1, "objective edit");
	assert_int_equal(audit_json_int(a, "before_json", "version"), 1);
	assert_int_equal(audit_json_int(a, "after_json", "version"), 2);

	k = metric(a, o, "pat", 0, 10);
	expect_audit(a, &mark, (struct want[]){{"create", "key_result", k, 0}}, 1, "kr add");
	OK(app_kr_edit(a, k, &ke, &E));
	expect_audit(a, &mark, (struct want[]){{"update", "key_result", k, 1}}, 1, "kr edit");
	assert_int_equal(audit_json_int(a, "after_json", "version"), 2);
	OK(checkin(a, k, 5, HEALTH_ON_TRACK, &cid));
	expect_audit(a, &mark,
		     (struct want[]){{"update", "key_result", k, 1}, {"create", "checkin", cid, 0}},
		     2, "checkin");
	assert_int_equal(audit_json_int(a, "after_json", "key_result"), k);

	ck = criteria_kr(a, o, "kim");
	expect_audit(a, &mark, (struct want[]){{"create", "key_result", ck, 0}}, 1, "criteria kr");
	OK(app_criterion_add(a, ck, "g/p#7", 60, "API", &cr, &E));
	expect_audit(a, &mark, (struct want[]){{"create", "criterion", cr, 0}}, 1, "criterion");
	OK(app_initiative_add(a, ck, "Epic work", "g/p&1", &ci, &E));
	expect_audit(a, &mark, (struct want[]){{"create", "initiative", ci, 0}}, 1, "initiative");
	OK(app_link_add(a, o, "https://example.com/plan", "Plan", &id, &E));
	expect_audit(a, &mark, (struct want[]){{"create", "link", id, 0}}, 1, "link add");

	{
		int64_t changed;

		OK(app_ref_set_state(a, "g/p#7", ITEM_CLOSED, SOURCE_MANUAL, &changed, &E));
		c = query_int(a->db, "SELECT max(id) FROM checkins WHERE key_result = $1", ck);
		expect_audit(a, &mark,
			     (struct want[]){{"create", "checkin", c, 0}, {"close", "ref", 0, 0}},
			     2, "ref close");
		/* g/p&1 is a link and an initiative, no criterion: no check-in. */
		OK(app_ref_set_state(a, "g/p&1", ITEM_CLOSED, SOURCE_MANUAL, &changed, &E));
		assert_int_equal(changed, 2);
		expect_audit(a, &mark, (struct want[]){{"close", "ref", 0, 0}}, 1, "ref close 2");
	}

	OK(retro(a, o, 1, 0, 0, 0));
	expect_audit(a, &mark, (struct want[]){{"create", "retro", o, 0}}, 1, "retro draft");
	OK(retro(a, o, 2, 2, 2, 1));
	expect_audit(a, &mark, (struct want[]){{"update", "retro", o, 1}}, 1, "retro final");
	OK(app_objective_close(a, o, &E));
	expect_audit(a, &mark, (struct want[]){{"close", "objective", o, 1}}, 1, "close");

	/* A refusal adds none. */
	REFUSED(OKRA_ESTATE, app_objective_close(a, o, &E));
	expect_audit(a, &mark, NULL, 0, "refused close");
}

/* R8 status writes the objective (its health, its version) as well as the status. */
static void
test_status_audits_the_objective_it_updates(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	int64_t o = obj(a, "FY2026-Q3", "platform", 0, "pat", "Platform goal");
	int64_t k = metric(a, o, "pat", 0, 10);
	int64_t mark, sid;

	mark = audit_mark(a);
	OK(status(a, o, HEALTH_AT_RISK, &k, 1, &sid));
	assert_int_equal(obj_version(a, o), 2);
	/* In either order: one row for the status, one for the objective it changed. */
	assert_int_equal(query_int(a->db,
				   "SELECT count(*) FROM audit WHERE id > $1 AND action = 'create'"
				   " AND entity = 'status' AND after_json IS NOT NULL",
				   mark),
			 1);
	if (query_int(a->db,
		      "SELECT count(*) FROM audit WHERE id > $1 AND action = 'update'"
		      " AND entity = 'objective' AND before_json IS NOT NULL"
		      " AND after_json IS NOT NULL",
		      mark) != 1)
		fail_msg(
			"app_status bumped objective %lld to version 2 (health at_risk) but wrote "
			"no audit row for it",
			(long long)o);
	assert_int_equal(query_int(a->db, "SELECT count(*) FROM audit WHERE id > $1", mark), 2);
	(void)sid;
}

static void
test_audit_records_the_actor_system_as_null(void **state)
{
	struct app *a = &((struct fx *)*state)->a;

	/* Setup's first person was made by the system: actor NULL. */
	assert_int_equal(
		query_int(a->db, "SELECT count(*) FROM audit WHERE actor IS NULL AND $1 = $1", 0),
		1);
	assert_int_equal(query_int(a->db,
				   "SELECT actor FROM audit WHERE entity = 'person' AND id > $1"
				   " ORDER BY id LIMIT 1",
				   1),
			 a->actor.id);
}

/* ---- the demo ----------------------------------------------------------------------------- */

static void
test_demo_into_empty_succeeds_into_non_empty_refused_unchanged(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	int64_t now = a->now;
	int empty = 0;

	OK(store_is_empty(a->db, &empty, &E));
	assert_true(empty);
	OK(app_demo(a, &E));
	assert_int_equal(a->now, now);
	assert_int_equal(a->tx_depth, 0);
	assert_non_null(a->actor.handle);
	assert_string_equal(a->actor.handle, "alex");
	UNCHANGED(OKRA_ECONFLICT, app_demo(a, &E));
}

static void
test_demo_refused_when_only_a_person_exists(void **state)
{
	struct app *a = &((struct fx *)*state)->a;

	person(a, "solo", ROLE_ADMIN, NULL);
	UNCHANGED(OKRA_ECONFLICT, app_demo(a, &E));
}

static const struct objective *
find_title(const struct app_tree *t, const char *title)
{
	for (size_t i = 0; i < t->n; i++)
		if (!strcmp(t->v[i].title, title))
			return &t->v[i];
	fail_msg("no objective titled \"%s\" in the demo", title);
	return NULL;
}

static void
test_demo_loads_the_seed_company(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	struct app_tree t;
	const struct objective *annual, *platform, *parent;
	struct person *people = NULL;
	size_t npeople = 0, i, nclosed = 0, ncriteria = 0, nnew = 0;
	struct due_list d;

	OK(app_demo(a, &E));

	/* A year and its four quarters. */
	{
		struct cycle y = {0};

		OK(store_cycle_by_name(a->db, &A, "FY2026", &y, &E));
		assert_int_equal(y.kind, CYCLE_YEAR);
		assert_int_equal(y.starts_on, date("2026-01-01"));
		assert_int_equal(y.ends_on, date("2026-12-31"));
		for (int q = 1; q <= 4; q++) {
			struct cycle c = {0};
			char name[32];

			snprintf(name, sizeof(name), "FY2026-Q%d", q);
			OK(store_cycle_by_name(a->db, &A, name, &c, &E));
			assert_int_equal(c.kind, CYCLE_QUARTER);
			assert_int_equal(c.parent, y.id);
		}
	}

	OK(app_tree(a, &A, "FY2026", &t, &E));
	annual = find_title(&t, "Improve customer satisfaction ratings and feedback scores by 15%");
	assert_int_equal(annual->team, 0);
	assert_string_equal(annual->cycle_name, "FY2026");
	assert_int_equal(annual->state, STATE_ACTIVE);

	platform = find_title(&t,
			      "Enhance the reliability and performance of our web hosting "
			      "platform");
	assert_non_null(platform->team_slug);
	assert_string_equal(platform->team_slug, "platform");
	assert_string_equal(platform->cycle_name, "FY2026-Q3");
	assert_int_equal(platform->nkrs, 3);
	for (i = 0; i < 3; i++)
		assert_int_equal(platform->krs[i].kind, KR_METRIC);
	assert_true(platform->parent != 0);
	i = app_tree_find(&t, platform->parent);
	assert_true(i != (size_t)-1);
	parent = &t.v[i];
	assert_int_equal(parent->team, 0);
	assert_int_equal(parent->cycle_kind, CYCLE_QUARTER);
	assert_string_equal(parent->cycle_name, "FY2026-Q3");
	assert_int_equal(parent->parent, annual->id);

	for (i = 0; i < t.n; i++) {
		const struct objective *o = &t.v[i];

		if (o->state == STATE_CLOSED) {
			nclosed++;
			assert_true(o->has_retro);
			assert_true(o->retro.final_at != 0);
			assert_in_range(o->retro.good.n, 2, 3);
			assert_in_range(o->retro.bad.n, 2, 3);
			assert_in_range(o->retro.try.n, 2, 3);
		}
		for (size_t k = 0; k < o->nkrs; k++) {
			const struct key_result *kr = &o->krs[k];

			if (kr->kind == KR_CRITERIA && kr->ncriteria == 3 &&
			    kr->criteria[0].contribution == 50 &&
			    kr->criteria[1].contribution == 30 &&
			    kr->criteria[2].contribution == 20)
				ncriteria++;
		}
	}
	assert_true(nclosed >= 1);
	assert_true(ncriteria >= 1);
	arena_reset(&A);

	OK(store_person_list(a->db, &A, &people, &npeople, &E));
	for (i = 0; i < npeople; i++)
		nnew += app_is_new_joiner(&people[i], a->today);
	arena_reset(&A);
	assert_true(nnew >= 1);

	/* Someone still owes this week's update. */
	OK(app_due(a, a->today, &d, &E));
	assert_true(d.n >= 1);
	due_list_release(&d);
}

/* In a year's first quarter the closed objective lives in last year's Q4, so that year is made too.
 */
static void
test_demo_in_a_first_quarter_adds_last_year(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	struct app_tree t;
	struct cycle c = {0};
	size_t nclosed = 0;

	clock_at(a, "2026-02-11T10:00");
	OK(app_demo(a, &E));
	OK(store_cycle_by_name(a->db, &A, "FY2025-Q4", &c, &E));
	OK(app_tree(a, &A, "FY2025-Q4", &t, &E));
	for (size_t i = 0; i < t.n; i++)
		if (t.v[i].state == STATE_CLOSED && t.v[i].has_retro && t.v[i].retro.final_at)
			nclosed++;
	assert_int_equal(nclosed, 1);
	arena_reset(&A);
	OK(app_tree(a, &A, NULL, &t, &E)); /* today's quarter */
	assert_string_equal(t.cycle.name, "FY2026-Q1");
	assert_true(t.n >= 3); /* company quarterly, platform, saas */
	arena_reset(&A);
}

int
main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
#define T0(name) cmocka_unit_test_setup_teardown(name, setup_empty, teardown)
	const struct CMUnitTest tests[] = {
		T(test_refused_objective_add_after_partial_writes_changes_nothing),
		T(test_refused_team_add_with_unknown_member_changes_nothing),
		T(test_refused_cycle_year_with_clashing_quarter_changes_nothing),
		T(test_refused_ref_close_reaching_a_forbidden_kr_changes_nothing),
		T(test_refused_writes_of_every_kind_change_nothing),
		T(test_stale_if_version_refused_and_nothing_changed),
		T(test_versions_bump_on_each_edit),
		T(test_each_write_adds_one_audit_row_per_entity),
		T(test_status_audits_the_objective_it_updates),
		T(test_audit_records_the_actor_system_as_null),
		T0(test_demo_into_empty_succeeds_into_non_empty_refused_unchanged),
		T0(test_demo_refused_when_only_a_person_exists),
		T0(test_demo_loads_the_seed_company),
		T0(test_demo_in_a_first_quarter_adds_last_year),
	};
#undef T
#undef T0
	int failed = cmocka_run_group_tests(tests, NULL, NULL);

	arena_release(&A);
	return failed;
}
