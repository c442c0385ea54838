/* test_app_checkin_search.c: a check-in writes the KR's reading, not its title and context, so
 * the KR's search document is not written again (on either engine); an edit of the title still
 * rewrites it. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "app/app.h"
#include "app/objectives.h"
#include "app/updates.h"
#include "fixture_app.h"

static int64_t O, K;

/* Objective 1 (pat) with metric KRs K and another, 0..100 (pat); Wednesday 2026-08-19. */
static int
setup(void **state)
{
	struct objective_input oi = {
		.cycle = "FY2026-Q3", .team = "platform", .dri = "pat", .title = "Ship it well"};
	struct kr_input ki = {
		.title = "Faster", .dri = "pat", .kind = KR_METRIC, .unit = "ms", .target = 100};
	struct app *a;
	int64_t id;

	if (fixture_app_open(state, "cisearch"))
		return -1;
	a = &((struct fx *)*state)->a;
	act(a, NULL);
	staff(a);
	team(a, "platform", "pat", "kim");
	OK(app_cycle_year(a, "FY2026", date("2026-01-01"), &id, &E));
	clock_at(a, "2026-08-19T10:00");
	act(a, "pat");
	OK(app_objective_add(a, &oi, &O, &E));
	ki.objective = O;
	OK(app_kr_add(a, &ki, &K, &E));
	/* A later document, so K's written again would have a new id on SQLite too (not the
	 * largest id reused). */
	ki.title = "Cheaper";
	OK(app_kr_add(a, &ki, &id, &E));
	return 0;
}

/* The id of K's search document and its title (into title, of size n); 0 when there is none. */
static int64_t
kr_doc(struct app *a, char *title, size_t n)
{
	struct db_stmt *st;
	int64_t id = 0;

	OK(db_prepare(a->db,
		      "SELECT id, title FROM search_docs WHERE kind = 'key_result' AND source = $1",
		      &st, &E));
	db_bind_int(st, 1, K);
	if (db_step(st, &E) == DB_ROW) {
		id = db_col_int(st, 0);
		snprintf(title, n, "%s", db_col_text(st, 1));
	}
	db_finalize(st);
	return id;
}

/* The KR's stored reading and version. */
static void
kr_row(struct app *a, double *current, const char **health, int64_t *version)
{
	struct db_stmt *st;

	OK(db_prepare(a->db, "SELECT current_value, health, version FROM key_results WHERE id = $1",
		      &st, &E));
	db_bind_int(st, 1, K);
	assert_int_equal(db_step(st, &E), DB_ROW);
	*current = db_col_double(st, 0);
	*health = strcmp(db_col_text(st, 1), "at_risk") ? "other" : "at_risk";
	*version = db_col_int(st, 2);
	db_finalize(st);
}

static void
checkin_leaves_the_kr_document_alone(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	struct checkin_input ci = {
		.key_result = K, .has_value = 1, .value = 40, .health = HEALTH_AT_RISK};
	struct kr_edit e = {.title = "Much faster"};
	char title[64] = "";
	int64_t doc, id, v0, v1;
	const char *health;
	double current;

	doc = kr_doc(a, title, sizeof(title));
	assert_true(doc > 0);
	assert_string_equal(title, "Faster");
	kr_row(a, &current, &health, &v0);

	OK(app_checkin(a, &ci, &id, &E));
	/* The reading is stored and the version moves, as a whole-row write did ... */
	kr_row(a, &current, &health, &v1);
	assert_true(fabs(current - 40) < 1e-9);
	assert_string_equal(health, "at_risk");
	assert_int_equal(v1, v0 + 1);
	/* ... but the KR's search document is the same row: not deleted and written again. */
	assert_int_equal(kr_doc(a, title, sizeof(title)), doc);
	assert_string_equal(title, "Faster");

	/* An edit of the title still writes the document again, with the new title. */
	e.if_version = v1;
	OK(app_kr_edit(a, K, &e, &E));
	assert_true(kr_doc(a, title, sizeof(title)) != doc);
	assert_string_equal(title, "Much faster");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(checkin_leaves_the_kr_document_alone, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
