/* test_store_tree.c: store_tree_load puts every KR, criterion, initiative, link, retro and last
 * update on its owner. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"
#include "fixture.h"

/* What each test loads lives here; arena_reset between loads. */
static struct arena A = ARENA_INIT;

/*
 * The data, built with store_* calls and plain SQL (this suite links no app
 * layer). Objectives and KRs get explicit ids, inserted out of order, so
 * "sorted by id" and "attached to the right owner" are not accidents of
 * insertion order:
 *
 *   FY2026 (year)          10 company annual
 *     FY2026-Q1            50 company quarterly (parent 10), 20 platform (parent 50)
 *     FY2026-Q2            30 platform
 *   FY2027 (year)
 *     FY2027-Q1            70 platform
 *
 *   KR 200 metric (obj 20, kim), KR 100 criteria (obj 20, pat), KR 150 criteria (obj 50),
 *   KR 300 metric (obj 30), nothing on 10 and 70.
 */
struct fx {
	char dir[FIXTURE_DIR_SIZE];
	char path[FIXTURE_PATH_SIZE];
	struct db *db;
	int64_t pat, kim, platform;
	int64_t fy26, q1, q2, fy27, q1_27;
};

static void sql(struct db *db, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
sql(struct db *db, const char *fmt, ...)
{
	char text[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	okra_err_clear(&E);
	if (db_exec(db, text, &E) != 0)
		fail_msg("%s: %s", text, E.msg);
}

static int64_t
cycle(struct db *db, const char *name, enum cycle_kind kind, const char *start, const char *end,
      int64_t parent)
{
	struct cycle c = {.kind = kind,
			  .name = name,
			  .starts_on = date(start),
			  .ends_on = date(end),
			  .parent = parent};
	int64_t id;

	OK(store_cycle_add(db, &c, &id, &E));
	return id;
}

static int
setup_db(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	if (!f)
		return -1;
	if (fixture_db_open(&f->db, f->dir, f->path, "tree", 1)) {
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

static int
setup(void **state)
{
	struct fx *f;
	struct db *db;
	struct person pat = {
		.handle = "pat", .name = "Pat", .role = ROLE_MEMBER, .joined_on = DATE_NONE};
	struct person kim = {
		.handle = "kim", .name = "Kim", .role = ROLE_MEMBER, .joined_on = DATE_NONE};
	struct team platform = {.slug = (char *)"platform", .name = "Platform"};

	if (setup_db(state))
		return -1;
	f = *state;
	db = f->db;
	OK(store_person_add(db, &pat, &f->pat, &E));
	OK(store_person_add(db, &kim, &f->kim, &E));
	OK(store_team_add(db, &platform, &f->platform, &E));
	f->fy26 = cycle(db, "FY2026", CYCLE_YEAR, "2026-01-01", "2026-12-31", 0);
	f->q1 = cycle(db, "FY2026-Q1", CYCLE_QUARTER, "2026-01-01", "2026-03-31", f->fy26);
	f->q2 = cycle(db, "FY2026-Q2", CYCLE_QUARTER, "2026-04-01", "2026-06-30", f->fy26);
	f->fy27 = cycle(db, "FY2027", CYCLE_YEAR, "2027-01-01", "2027-12-31", 0);
	f->q1_27 = cycle(db, "FY2027-Q1", CYCLE_QUARTER, "2027-01-01", "2027-03-31", f->fy27);

#define OBJ(id, cyc, team, parent, title, state)                                                   \
	sql(db,                                                                                    \
	    "INSERT INTO objectives (id, cycle, team, parent, title, dri, state, weight,"          \
	    " created_at) VALUES (%d, %lld, %s, %s, '%s', %lld, '%s', 1, 0)",                      \
	    id, (long long)(cyc), team, parent, title, (long long)f->pat, state)
	sql(db, "BEGIN");
	OBJ(70, f->q1_27, "1", "NULL", "Next year", "active");
	OBJ(10, f->fy26, "NULL", "NULL", "Annual", "active");
	OBJ(50, f->q1, "NULL", "10", "Company Q1", "closed");
	OBJ(30, f->q2, "1", "NULL", "Platform Q2", "draft");
	OBJ(20, f->q1, "1", "50", "Platform Q1", "active");
#undef OBJ
#define KR(id, obj, dri, kind, start, target, current)                                             \
	sql(db,                                                                                    \
	    "INSERT INTO key_results (id, objective, title, dri, kind, unit, start, target,"       \
	    " current_value, weight, created_at) VALUES (%d, %d, 'KR %d', %lld, '%s', '%s',"       \
	    " %g, %g, %g, 1, 0)",                                                                  \
	    id, obj, id, (long long)(dri), kind, !strcmp(kind, "metric") ? "ms" : "", start,       \
	    target, current)
	KR(300, 30, f->pat, "metric", 0.0, 10.0, 0.0);
	KR(200, 20, f->kim, "metric", 800.0, 200.0, 500.0);
	KR(150, 50, f->pat, "criteria", 0.0, 1.0, 0.0);
	KR(100, 20, f->pat, "criteria", 0.0, 1.0, 0.0);
#undef KR
	sql(db, "COMMIT");

	/* Criteria, initiatives and links through the store, out of owner order. */
	{
		struct criterion c[] = {
			{.key_result = 150, .ref = "g/p#3", .title = "", .contribution = 100},
			{.key_result = 100,
			 .ref = "g/p#1",
			 .title = "API",
			 .contribution = 50,
			 .state = ITEM_CLOSED},
			{.key_result = 100,
			 .ref = "g/p#2",
			 .title = "UI",
			 .contribution = 30,
			 .progress = 0.5},
		};
		struct initiative in[] = {
			{.key_result = 200, .title = "Tune the cache", .ref = "g/p&1"},
			{.key_result = 100,
			 .title = "Write the API",
			 .ref = NULL,
			 .state = ITEM_CLOSED},
		};
		struct link l[] = {
			{.objective = 50, .ref = "g/p#9", .title = "Issue"},
			{.objective = 20, .ref = "g/p&1", .title = "Epic"},
			{.objective = 50, .ref = "https://example.com/plan", .title = ""},
		};
		int64_t id;

		for (size_t i = 0; i < 3; i++)
			OK(store_criterion_add(db, &c[i], &id, &E));
		for (size_t i = 0; i < 2; i++)
			OK(store_initiative_add(db, &in[i], &id, &E));
		for (size_t i = 0; i < 3; i++)
			OK(store_link_add(db, &l[i], &id, &E));
	}
	/* Check-ins: KR 200's latest is by an integration (no author); KR 150's tie on at. */
	{
		struct checkin c[] = {
			{.key_result = 200,
			 .author = f->kim,
			 .at = 1000,
			 .has_value = 1,
			 .value = 700,
			 .progress = 1.0 / 6,
			 .health = HEALTH_ON_TRACK},
			{.key_result = 200,
			 .author = 0,
			 .at = 3000,
			 .has_value = 1,
			 .value = 500,
			 .progress = 0.5,
			 .health = HEALTH_ON_TRACK,
			 .source = SOURCE_INTEGRATION},
			{.key_result = 200,
			 .author = f->kim,
			 .at = 2000,
			 .has_value = 1,
			 .value = 600,
			 .progress = 1.0 / 3,
			 .health = HEALTH_AT_RISK},
			{.key_result = 150,
			 .author = f->kim,
			 .at = 5000,
			 .progress = 0,
			 .health = HEALTH_ON_TRACK},
			{.key_result = 150,
			 .author = f->pat,
			 .at = 5000,
			 .progress = 0,
			 .health = HEALTH_NEEDS_ATTENTION},
		};
		int64_t id;

		for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++)
			OK(store_checkin_add(db, &c[i], &id, &E));
	}
	/* Status updates on 20 (latest at 6000), none on the others. */
	{
		struct status_line line = {.key_result = 200, .line = "on its way"};
		struct status_update s1 = {.objective = 20,
					   .author = f->pat,
					   .at = 6000,
					   .health = HEALTH_ON_TRACK,
					   .lines = &line,
					   .nlines = 1};
		struct status_update s2 = {.objective = 20,
					   .author = f->pat,
					   .at = 4000,
					   .health = HEALTH_AT_RISK,
					   .lines = &line,
					   .nlines = 1};
		int64_t id;

		OK(store_status_add(db, &s1, &id, &E));
		OK(store_status_add(db, &s2, &id, &E));
	}
	/* A final retro on 50, a draft on 20. */
	{
		struct retro r = {.final_at = 7000};
		struct retro d = {0};

		strlist_push(&r.good, "Shipped early");
		strlist_push(&r.good, "Clear ownership");
		strlist_push(&r.bad, "Flaky tests");
		strlist_push(&r.bad, "Late reviews");
		strlist_push(&r.try, "Pair on reviews");
		strlist_push(&r.try, "Fix flakes first");
		strlist_push(&r.try, "Demo weekly");
		strlist_push(&d.good, "A start");
		OK(store_retro_put(db, 50, &r, &E));
		OK(store_retro_put(db, 20, &d, &E));
		retro_release(&r);
		retro_release(&d);
	}
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	fixture_db_close(f->db, f->dir);
	free(f);
	return 0;
}

struct loaded {
	struct objective *v;
	size_t n;
};

static struct loaded
load(struct db *db, int64_t cycle_id)
{
	struct loaded l = {0};

	OK(store_tree_load(db, &A, cycle_id, &l.v, &l.n, &E));
	for (size_t i = 1; i < l.n; i++)
		if (l.v[i - 1].id >= l.v[i].id)
			fail_msg("objectives not sorted by id: %lld before %lld",
				 (long long)l.v[i - 1].id, (long long)l.v[i].id);
	return l;
}

static void
assert_ids(const struct loaded *l, const int64_t *ids, size_t n)
{
	if (l->n != n)
		fail_msg("loaded %zu objectives, expected %zu", l->n, n);
	for (size_t i = 0; i < n; i++)
		if (l->v[i].id != ids[i])
			fail_msg("objective %zu is %lld, expected %lld", i, (long long)l->v[i].id,
				 (long long)ids[i]);
}

static const struct objective *
get(const struct loaded *l, int64_t id)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].id == id)
			return &l->v[i];
	fail_msg("objective %lld not loaded", (long long)id);
	return NULL;
}

static void
test_quarter_loads_its_objectives_sorted_by_id(void **state)
{
	struct fx *f = *state;
	struct loaded l = load(f->db, f->q1);

	assert_ids(&l, (int64_t[]){20, 50}, 2);
	arena_reset(&A);
	l = load(f->db, f->q2);
	assert_ids(&l, (int64_t[]){30}, 1);
	assert_int_equal(l.v[0].state, STATE_DRAFT);
	arena_reset(&A);
}

static void
test_year_includes_objectives_of_its_quarters(void **state)
{
	struct fx *f = *state;
	struct loaded l = load(f->db, f->fy26);

	assert_ids(&l, (int64_t[]){10, 20, 30, 50}, 4);
	/* Each still with its own KRs. */
	assert_int_equal(get(&l, 10)->nkrs, 0);
	assert_int_equal(get(&l, 20)->nkrs, 2);
	assert_int_equal(get(&l, 30)->nkrs, 1);
	assert_int_equal(get(&l, 50)->nkrs, 1);
	arena_reset(&A);
	l = load(f->db, f->fy27);
	assert_ids(&l, (int64_t[]){70}, 1);
	arena_reset(&A);
}

static void
test_cycle_zero_loads_everything(void **state)
{
	struct fx *f = *state;
	struct loaded l = load(f->db, 0);

	assert_ids(&l, (int64_t[]){10, 20, 30, 50, 70}, 5);
	arena_reset(&A);
}

static void
test_unknown_or_empty_cycle_loads_nothing(void **state)
{
	struct fx *f = *state;
	struct loaded l = load(f->db, 9999);

	assert_int_equal(l.n, 0);
	arena_reset(&A);
}

static void
test_objective_rows_carry_cycle_team_dri_and_parent(void **state)
{
	struct fx *f = *state;
	struct loaded l = load(f->db, 0);
	const struct objective *o20 = get(&l, 20), *o10 = get(&l, 10), *o50 = get(&l, 50);

	assert_string_equal(o20->cycle_name, "FY2026-Q1");
	assert_int_equal(o20->cycle_kind, CYCLE_QUARTER);
	assert_int_equal(o20->team, f->platform);
	assert_string_equal(o20->team_slug, "platform");
	assert_int_equal(o20->parent, 50);
	assert_string_equal(o20->dri_handle, "pat");
	assert_string_equal(o20->title, "Platform Q1");
	assert_int_equal(o20->version, 1);
	assert_int_equal(o10->team, 0);
	assert_null(o10->team_slug);
	assert_int_equal(o10->cycle_kind, CYCLE_YEAR);
	assert_int_equal(objective_level(&o10->row), LEVEL_COMPANY_ANNUAL);
	assert_int_equal(objective_level(&o50->row), LEVEL_COMPANY_QUARTERLY);
	assert_int_equal(objective_level(&o20->row), LEVEL_WORKSTREAM_QUARTERLY);
	assert_int_equal(o50->state, STATE_CLOSED);
	arena_reset(&A);
}

static void
test_krs_criteria_and_initiatives_attach_to_their_owners(void **state)
{
	struct fx *f = *state;
	struct loaded l = load(f->db, f->q1);
	const struct objective *o20 = get(&l, 20), *o50 = get(&l, 50);
	const struct key_result *k100, *k200, *k150;

	assert_int_equal(o20->nkrs, 2);
	k100 = &o20->krs[0];
	k200 = &o20->krs[1];
	assert_int_equal(k100->id, 100);
	assert_int_equal(k200->id, 200);
	assert_int_equal(k100->objective, 20);
	assert_int_equal(k200->objective, 20);
	assert_int_equal(k100->kind, KR_CRITERIA);
	assert_int_equal(k200->kind, KR_METRIC);
	assert_string_equal(k200->unit, "ms");
	assert_true(k200->start == 800 && k200->target == 200 && k200->current == 500);
	assert_string_equal(k200->dri_handle, "kim");
	assert_string_equal(k100->dri_handle, "pat");

	assert_int_equal(k100->ncriteria, 2);
	assert_string_equal(k100->criteria[0].ref, "g/p#1");
	assert_string_equal(k100->criteria[0].title, "API");
	assert_true(k100->criteria[0].contribution == 50);
	assert_int_equal(k100->criteria[0].state, ITEM_CLOSED);
	assert_string_equal(k100->criteria[1].ref, "g/p#2");
	assert_true(k100->criteria[1].contribution == 30);
	assert_int_equal(k100->criteria[1].state, ITEM_OPEN);
	assert_true(k100->criteria[1].progress == 0.5);
	for (size_t i = 0; i < k100->ncriteria; i++)
		assert_int_equal(k100->criteria[i].key_result, 100);
	assert_int_equal(k200->ncriteria, 0);

	assert_int_equal(k100->ninitiatives, 1);
	assert_string_equal(k100->initiatives[0].title, "Write the API");
	assert_null(k100->initiatives[0].ref);
	assert_int_equal(k100->initiatives[0].state, ITEM_CLOSED);
	assert_int_equal(k200->ninitiatives, 1);
	assert_string_equal(k200->initiatives[0].ref, "g/p&1");
	assert_int_equal(k200->initiatives[0].key_result, 200);

	assert_int_equal(o50->nkrs, 1);
	k150 = &o50->krs[0];
	assert_int_equal(k150->id, 150);
	assert_int_equal(k150->ncriteria, 1);
	assert_string_equal(k150->criteria[0].ref, "g/p#3");
	assert_int_equal(k150->ninitiatives, 0);
	arena_reset(&A);
}

static void
test_links_and_retro_attach_to_their_objectives(void **state)
{
	struct fx *f = *state;
	struct loaded l = load(f->db, 0);
	const struct objective *o20 = get(&l, 20), *o50 = get(&l, 50), *o10 = get(&l, 10);

	assert_int_equal(o20->nlinks, 1);
	assert_string_equal(o20->links[0].ref, "g/p&1");
	assert_string_equal(o20->links[0].title, "Epic");
	assert_int_equal(o20->links[0].objective, 20);
	assert_int_equal(o50->nlinks, 2);
	assert_string_equal(o50->links[0].ref, "g/p#9");
	assert_string_equal(o50->links[1].ref, "https://example.com/plan");
	assert_int_equal(o10->nlinks, 0);

	assert_true(o50->has_retro);
	assert_int_equal(o50->retro.final_at, 7000);
	assert_int_equal(o50->retro.good.n, 2);
	assert_string_equal(o50->retro.good.v[1], "Clear ownership");
	assert_int_equal(o50->retro.bad.n, 2);
	assert_int_equal(o50->retro.try.n, 3);
	assert_string_equal(o50->retro.try.v[2], "Demo weekly");
	assert_true(o20->has_retro);
	assert_int_equal(o20->retro.final_at, 0);
	assert_int_equal(o20->retro.good.n, 1);
	assert_int_equal(o20->retro.bad.n, 0);
	assert_false(o10->has_retro);
	assert_int_equal(o10->retro.good.n, 0);
	arena_reset(&A);
}

static void
test_last_checkin_and_last_status_attach(void **state)
{
	struct fx *f = *state;
	struct loaded l = load(f->db, f->fy26);
	const struct objective *o20 = get(&l, 20), *o50 = get(&l, 50), *o30 = get(&l, 30);
	const struct key_result *k200 = &o20->krs[1], *k100 = &o20->krs[0];

	/* The newest check-in by time (not by insertion), here by an integration. */
	assert_int_equal(k200->id, 200);
	assert_int_equal(k200->last_checkin_at, 3000);
	assert_int_equal(k200->last_source, SOURCE_INTEGRATION);
	assert_null(k200->last_checkin_author);
	/* Two at the same instant: the later one (by id) wins. */
	assert_int_equal(o50->krs[0].last_checkin_at, 5000);
	assert_string_equal(o50->krs[0].last_checkin_author, "pat");
	assert_int_equal(o50->krs[0].last_source, SOURCE_MANUAL);
	/* None yet. */
	assert_int_equal(k100->last_checkin_at, 0);
	assert_int_equal(o30->krs[0].last_checkin_at, 0);

	assert_int_equal(o20->last_status_at, 6000);
	assert_int_equal(o50->last_status_at, 0);
	arena_reset(&A);
}

/* The windows the due list (R8) is computed from: [since, until), manual check-ins only. */
static void
test_checked_in_and_reported_windows_for_the_due_list(void **state)
{
	struct fx *f = *state;
	int64_t *ids = NULL;
	size_t n = 0;

	OK(store_krs_checked_in(f->db, 1000, 5000, &ids, &n, &E));
	/* KR 200 at 1000 and 2000 (manual; 3000 is an integration), once; 150 is at 5000. */
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], 200);
	free(ids);
	OK(store_krs_checked_in(f->db, 2001, 5001, &ids, &n, &E));
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], 150);
	free(ids);
	OK(store_krs_checked_in(f->db, 0, 10000, &ids, &n, &E));
	assert_int_equal(n, 2);
	assert_int_equal(ids[0], 150); /* sorted */
	assert_int_equal(ids[1], 200);
	free(ids);
	OK(store_krs_checked_in(f->db, 2001, 4999, &ids, &n, &E));
	assert_int_equal(n, 0);
	free(ids);

	OK(store_objectives_with_status(f->db, 4000, 6000, &ids, &n, &E));
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], 20);
	free(ids);
	OK(store_objectives_with_status(f->db, 4001, 6000, &ids, &n, &E));
	assert_int_equal(n, 0);
	free(ids);
}

/* ---- a fixed number of queries ------------------------------------------------------------ */

/* n objectives in one quarter, each with 2 KRs of 2 criteria, an initiative, 2 check-ins, a link,
 * a status and a retro. */
static uint64_t
queries_to_load(int n, size_t *loaded, size_t *krs, size_t *criteria)
{
	struct fx *f;
	void *state = NULL;
	struct loaded l;
	uint64_t before, used;
	int64_t pid, cid;

	assert_int_equal(setup_db(&state), 0);
	f = state;
	sql(f->db, "INSERT INTO people (handle, name, role) VALUES ('pat', 'Pat', 'member')");
	pid = 1;
	cid = cycle(f->db, "Q", CYCLE_QUARTER, "2026-01-01", "2026-03-31", 0);
	sql(f->db, "BEGIN");
	sql(f->db,
	    "INSERT INTO objectives (cycle, title, dri, created_at)"
	    " WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < %d)"
	    " SELECT %lld, 'O' || i, %lld, 0 FROM s",
	    n, (long long)cid, (long long)pid);
	for (int k = 0; k < 2; k++)
		sql(f->db,
		    "INSERT INTO key_results (objective, title, dri, kind, created_at)"
		    " SELECT id, 'K', %lld, 'criteria', 0 FROM objectives",
		    (long long)pid);
	for (int c = 1; c <= 2; c++)
		sql(f->db,
		    "INSERT INTO criteria (key_result, ref, contribution)"
		    " SELECT id, 'g/p#%d', 50 FROM key_results",
		    c);
	sql(f->db, "INSERT INTO initiatives (key_result, title) SELECT id, 'I' FROM key_results");
	for (int c = 1; c <= 2; c++)
		sql(f->db,
		    "INSERT INTO checkins (key_result, author, at, progress, health)"
		    " SELECT id, %lld, %d, 0.5, 'on_track' FROM key_results",
		    (long long)pid, c * 100);
	sql(f->db, "INSERT INTO links (objective, ref) SELECT id, 'g/p#9' FROM objectives");
	sql(f->db,
	    "INSERT INTO status_updates (objective, author, at, health)"
	    " SELECT id, %lld, 300, 'on_track' FROM objectives",
	    (long long)pid);
	sql(f->db, "INSERT INTO retros (objective, good) SELECT id, 'g' FROM objectives");
	sql(f->db, "COMMIT");

	before = f->db->nqueries;
	l = load(f->db, cid);
	used = f->db->nqueries - before;
	*loaded = l.n;
	*krs = *criteria = 0;
	for (size_t i = 0; i < l.n; i++) {
		*krs += l.v[i].nkrs;
		for (size_t k = 0; k < l.v[i].nkrs; k++) {
			*criteria += l.v[i].krs[k].ncriteria;
			assert_int_equal(l.v[i].krs[k].ninitiatives, 1);
			assert_int_equal(l.v[i].krs[k].last_checkin_at, 200);
		}
		assert_int_equal(l.v[i].nlinks, 1);
		assert_true(l.v[i].has_retro);
		assert_int_equal(l.v[i].last_status_at, 300);
	}
	arena_reset(&A);
	teardown(&state);
	return used;
}

static void
test_tree_load_takes_the_same_queries_for_10_and_1000_objectives(void **state)
{
	size_t n10, k10, c10, n1000, k1000, c1000;
	uint64_t q10 = queries_to_load(10, &n10, &k10, &c10);
	uint64_t q1000 = queries_to_load(1000, &n1000, &k1000, &c1000);

	(void)state;
	assert_int_equal(n10, 10);
	assert_int_equal(k10, 20);
	assert_int_equal(c10, 40);
	assert_int_equal(n1000, 1000);
	assert_int_equal(k1000, 2000);
	assert_int_equal(c1000, 4000);
	assert_true(q10 > 0);
	assert_true(q10 <= 8);
	if (q1000 != q10)
		fail_msg("loading 1000 objectives took %llu queries, 10 took %llu",
			 (unsigned long long)q1000, (unsigned long long)q10);
}

int
main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_quarter_loads_its_objectives_sorted_by_id),
		T(test_year_includes_objectives_of_its_quarters),
		T(test_cycle_zero_loads_everything),
		T(test_unknown_or_empty_cycle_loads_nothing),
		T(test_objective_rows_carry_cycle_team_dri_and_parent),
		T(test_krs_criteria_and_initiatives_attach_to_their_owners),
		T(test_links_and_retro_attach_to_their_objectives),
		T(test_last_checkin_and_last_status_attach),
		T(test_checked_in_and_reported_windows_for_the_due_list),
		cmocka_unit_test(test_tree_load_takes_the_same_queries_for_10_and_1000_objectives),
	};
#undef T
	int failed = cmocka_run_group_tests(tests, NULL, NULL);

	arena_release(&A);
	return failed;
}
