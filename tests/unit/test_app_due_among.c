/* test_app_due_among.c: what is due among a loaded tree's objectives is what app_due says of them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "fixture_app.h"

#include "app/tree.h"
#include "app/reads.h"
#include "app/transfer.h"

/* What the tests read lives here; arena_reset(&A) where a read was released. */
static struct arena A = ARENA_INIT;

static int
setup(void **state)
{
	struct fx *f;

	if (fixture_app_open(state, "dueamong"))
		return -1;
	f = *state;
	OK(app_act_as(&f->a, NULL, &E));
	OK(app_demo(&f->a, &E));
	return 0;
}

static int
in_tree(const struct app_tree *t, int64_t objective)
{
	return app_tree_find(t, objective) != (size_t)-1;
}

/* Every cycle's tree, on a day inside it and one outside: the same items, in the same order. */
static void
test_same_items_as_app_due(void **state)
{
	struct fx *f = *state;
	struct arena C = ARENA_INIT; /* the cycles, while A holds one tree at a time */
	struct cycle *v = NULL;
	size_t n = 0, seen = 0;

	OK(app_cycles(&f->a, &C, &v, &n, &E));
	for (size_t i = 0; i < n; i++) {
		int32_t days[] = {f->a.today, v[i].starts_on, v[i].ends_on + 1};
		struct app_tree t = {0};

		OK(app_tree(&f->a, &A, v[i].name, &t, &E));
		for (size_t d = 0; d < sizeof(days) / sizeof(days[0]); d++) {
			struct due_list all = {0}, among = {0};
			size_t k = 0;

			OK(app_due(&f->a, days[d], &all, &E));
			OK(app_due_among(&f->a, days[d], t.v, t.n, &among, &E));
			for (size_t j = 0; j < all.n; j++) {
				if (!in_tree(&t, all.v[j].objective))
					continue;
				assert_true(k < among.n);
				assert_int_equal(among.v[k].objective, all.v[j].objective);
				assert_int_equal(among.v[k].key_result, all.v[j].key_result);
				assert_int_equal(among.v[k].person, all.v[j].person);
				assert_string_equal(among.v[k].title, all.v[j].title);
				k++;
			}
			assert_int_equal(k, among.n);
			seen += among.n;
			due_list_release(&all);
			due_list_release(&among);
		}
		arena_reset(&A);
	}
	arena_release(&C);
	assert_true(seen > 0); /* the demo owes updates: the comparison saw some */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_same_items_as_app_due, setup, teardown),
	};

	int failed = cmocka_run_group_tests(tests, NULL, NULL);

	arena_release(&A);
	return failed;
}
