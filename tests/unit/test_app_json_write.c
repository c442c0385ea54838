/* test_app_json_write.c: the one-pass tree writer gives the bytes of the jansson tree, compact and
 * indented. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "fixture_app.h"

#include "app/json.h"
#include "app/json_write.h"

static int
setup(void **state)
{
	if (fixture_app_open(state, "jsonwrite"))
		return -1;
	return 0;
}

/* Both ways, both forms: the writer must give exactly app_json_dump's text. */
static void
same_bytes(const struct app_tree *t)
{
	for (int pretty = 0; pretty <= 1; pretty++) {
		json_t *j = app_json_tree(t);
		char *want = app_json_dump(j, pretty);
		struct buf got = BUF_INIT;

		app_json_tree_write(&got, t, pretty);
		assert_string_equal(got.buf, want);
		assert_int_equal(got.len, strlen(want));
		free(want);
		json_decref(j);
		buf_release(&got);
	}
}

static void
each_cycle(struct app *a)
{
	struct cycle *v = NULL;
	size_t n = 0, trees = 0;

	OK(app_cycles(a, &v, &n, &E));
	for (size_t i = 0; i < n; i++) {
		struct app_tree t = {0};

		OK(app_tree(a, v[i].name, &t, &E));
		trees += t.n > 0;
		same_bytes(&t);
		app_tree_release(&t);
		if (v[i].starts_on <= a->today) {
			OK(app_tree_as_of(a, v[i].name, v[i].starts_on, &t, &E));
			same_bytes(&t);
			app_tree_release(&t);
		}
		cycle_release(&v[i]);
	}
	free(v);
	assert_true(trees > 0);
}

static void
test_demo_company(void **state)
{
	struct fx *f = *state;

	OK(app_act_as(&f->a, NULL, &E));
	OK(app_demo(&f->a, &E));
	each_cycle(&f->a);
}

/* Text that needs escaping and numbers at the edges of %.15g. */
static void
test_escapes_and_numbers(void **state)
{
	struct fx *f = *state;
	struct app *a = &f->a;
	struct strlist links = {0};
	struct objective_input o = {.cycle = "FY2026-Q3",
				    .dri = "alex",
				    .title = "Quote \" back\\slash é ünï 🚀 </script>",
				    .context = "line\nbreak and\ttab",
				    .weight = 2.5,
				    .links = &links};
	struct kr_input k = {.title = "Tiny \"steps\"",
			     .dri = "pat",
			     .kind = KR_METRIC,
			     .unit = "m/s",
			     .start = 0.1,
			     .target = 123456789012.345};
	struct checkin_input c = {
		.has_value = 1, .value = 0.1000001, .health = HEALTH_AT_RISK, .note = "n"};
	int64_t oid, kid, cid;
	struct app_tree t = {0};

	staff(a);
	OK(app_cycle_year(a, "FY2026", date("2026-01-01"), &cid, &E));
	strlist_push(&links, "group/project#12");
	OK(app_objective_add(a, &o, &oid, &E));
	k.objective = oid;
	OK(app_kr_add(a, &k, &kid, &E));
	OK(app_initiative_add(a, kid, "An \"initiative\"", NULL, &cid, &E));
	act(a, "pat");
	c.key_result = kid;
	OK(app_checkin(a, &c, &cid, &E));
	clock_at(a, "2026-08-26T10:00");
	c.value = 1e-3;
	OK(app_checkin(a, &c, &cid, &E));
	k.title = "Criteria";
	k.kind = KR_CRITERIA;
	k.dri = "kim";
	act(a, "alex");
	OK(app_kr_add(a, &k, &kid, &E));
	OK(app_criterion_add(a, kid, "group/project#13", 33.3, "a third", &cid, &E));
	/* whole numbers (the fast path), negative, and past 1e15 where %.15g turns to exponents */
	k = (struct kr_input){.objective = oid,
			      .title = "Big",
			      .dri = "pat",
			      .kind = KR_METRIC,
			      .unit = "",
			      .start = -5,
			      .target = 1e14,
			      .weight = 3};
	OK(app_kr_add(a, &k, &kid, &E));
	/* amounts stop at 1e15 (R2), but a progress may pass it: 1e7 of a 4e-10 target */
	k.start = 0;
	k.target = 4e-10;
	OK(app_kr_add(a, &k, &kid, &E));
	c.key_result = kid;
	c.value = 1e7;
	OK(app_checkin(a, &c, &cid, &E));
	k.start = 999999999999999;
	k.target = -1e15;
	OK(app_kr_add(a, &k, &kid, &E));
	OK(app_tree(a, "FY2026-Q3", &t, &E));
	assert_int_equal(t.n, 1);
	same_bytes(&t);
	app_tree_release(&t);
	strlist_release(&links);
	each_cycle(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_demo_company, setup, teardown),
		cmocka_unit_test_setup_teardown(test_escapes_and_numbers, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
