/* test_util_arena.c: the bump allocator — alignment, large allocations, growth, reset and reuse. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"

static int
aligned(const void *p)
{
	return (uintptr_t)p % ARENA_ALIGN == 0;
}

static void
test_empty_arena_holds_nothing(void **state)
{
	struct arena a = ARENA_INIT;

	(void)state;
	assert_int_equal(a.total, 0);
	arena_reset(&a); /* resetting or releasing an unused arena is harmless */
	arena_release(&a);
	arena_release(&a);
	assert_null(a.head);
}

static void
test_every_allocation_is_aligned(void **state)
{
	struct arena a = ARENA_INIT;
	char *s;

	(void)state;
	for (size_t n = 0; n < 200; n++) {
		/* strings are packed: they leave the offset unaligned for the next alloc */
		s = arena_strndup(&a, "abcdefghijklmnopqrstuvwxyz", n % 7);
		assert_int_equal(strlen(s), n % 7);
		unsigned char *p = arena_alloc(&a, n);

		assert_non_null(p);
		assert_true(aligned(p));
		memset(p, 0xab, n);
		double *d = arena_zalloc(&a, 3 * sizeof(double));

		assert_true(aligned(d));
		assert_true(d[0] == 0 && d[1] == 0 && d[2] == 0);
	}
	arena_release(&a);
}

static void
test_allocations_do_not_overlap(void **state)
{
	struct arena a = ARENA_INIT;
	int *v[1000];

	(void)state;
	for (int i = 0; i < 1000; i++) {
		v[i] = arena_alloc(&a, (size_t)(i % 50 + 1) * sizeof(int));
		for (int j = 0; j < i % 50 + 1; j++)
			v[i][j] = i;
	}
	for (int i = 0; i < 1000; i++)
		for (int j = 0; j < i % 50 + 1; j++)
			if (v[i][j] != i)
				fail_msg("allocation %d was overwritten", i);
	arena_release(&a);
}

static void
test_large_allocation_gets_own_block(void **state)
{
	struct arena a = ARENA_INIT;
	char *small, *big, *after;
	size_t n = ARENA_BLOCK_MAX; /* larger than any ordinary block */

	(void)state;
	small = arena_strdup(&a, "small");
	big = arena_alloc(&a, n);
	assert_true(aligned(big));
	memset(big, 'x', n);
	/* the current block keeps serving small allocations */
	after = arena_strdup(&a, "after");
	assert_true(after > small && after < small + ARENA_BLOCK);
	assert_true(a.total >= n + ARENA_BLOCK);
	assert_string_equal(small, "small");
	assert_int_equal(big[n - 1], 'x');
	/* a large allocation on an empty arena, then small ones */
	arena_release(&a);
	big = arena_alloc(&a, n);
	memset(big, 'y', n);
	small = arena_strdup(&a, "next");
	assert_string_equal(small, "next");
	assert_int_equal(big[0], 'y');
	arena_release(&a);
}

static void
test_many_blocks_grow_geometrically(void **state)
{
	struct arena a = ARENA_INIT;
	size_t total = 0;
	char **v = NULL;
	size_t n = 0, alloc = 0;

	(void)state;
	for (int i = 0; i < 100000; i++) {
		ARENA_GROW(&a, v, n + 1, alloc);
		v[n++] = arena_sprintf(&a, "row %d", i);
		total += strlen(v[n - 1]) + 1;
	}
	for (int i = 0; i < 100000; i++) {
		char want[32];

		snprintf(want, sizeof(want), "row %d", i);
		assert_string_equal(v[i], want);
	}
	/* doubling blocks: the arena holds a few times what was asked, not more */
	assert_true(a.total >= total + n * sizeof(*v));
	assert_true(a.total < 8 * (total + n * sizeof(*v)));
	arena_release(&a);
	assert_int_equal(a.total, 0);
}

static void
test_grow_in_place_and_by_copy(void **state)
{
	struct arena a = ARENA_INIT;
	int *v, *w, *x;

	(void)state;
	v = arena_grow_array(&a, NULL, 0, 4, sizeof(int));
	for (int i = 0; i < 4; i++)
		v[i] = i;
	w = arena_grow_array(&a, v, 4, 8, sizeof(int));
	assert_ptr_equal(v, w); /* the latest allocation, room left: in place */
	for (int i = 4; i < 8; i++)
		w[i] = i;
	(void)arena_strdup(&a, "in between");
	x = arena_grow_array(&a, w, 8, 16, sizeof(int));
	assert_ptr_not_equal(x, w); /* no longer the latest: copied */
	assert_true(aligned(x));
	for (int i = 0; i < 8; i++)
		assert_int_equal(x[i], i);
	/* growing past the block copies too */
	x = arena_grow_array(&a, x, 16, ARENA_BLOCK, sizeof(int));
	for (int i = 0; i < 8; i++)
		assert_int_equal(x[i], i);
	arena_release(&a);
}

static void
test_reset_reuses_the_largest_block(void **state)
{
	struct arena a = ARENA_INIT;
	void *first, *again;
	size_t kept;

	(void)state;
	for (int i = 0; i < 10000; i++)
		(void)arena_alloc(&a, 100);
	(void)arena_alloc(&a, ARENA_BLOCK_MAX); /* its own block: never kept */
	arena_reset(&a);
	kept = a.total;
	assert_true(kept > 0 && kept <= ARENA_BLOCK_MAX);
	first = arena_alloc(&a, 100);
	for (int round = 0; round < 50; round++) {
		arena_reset(&a);
		again = arena_alloc(&a, 100);
		assert_ptr_equal(first, again); /* same memory, no new block */
		for (int i = 0; i < 100; i++)
			(void)arena_strdup(&a, "reused");
		assert_int_equal(a.total, kept);
	}
	arena_release(&a);
}

static void
test_strings(void **state)
{
	struct arena a = ARENA_INIT;
	char big[5000];

	(void)state;
	assert_string_equal(arena_strdup(&a, ""), "");
	assert_string_equal(arena_strndup(&a, "abcdef", 3), "abc");
	assert_string_equal(arena_strndup(&a, "ab", 10), "ab");
	assert_string_equal(arena_sprintf(&a, "%s-%d-%.2f", "x", 42, 1.5), "x-42-1.50");
	assert_string_equal(arena_sprintf(&a, "%s", ""), "");
	memset(big, 'q', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_string_equal(arena_sprintf(&a, "<%s>", big) + 1 + 4998, "q>");
	assert_int_equal(strlen(arena_strdup(&a, big)), sizeof(big) - 1);
	arena_release(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_arena_holds_nothing),
		cmocka_unit_test(test_every_allocation_is_aligned),
		cmocka_unit_test(test_allocations_do_not_overlap),
		cmocka_unit_test(test_large_allocation_gets_own_block),
		cmocka_unit_test(test_many_blocks_grow_geometrically),
		cmocka_unit_test(test_grow_in_place_and_by_copy),
		cmocka_unit_test(test_reset_reuses_the_largest_block),
		cmocka_unit_test(test_strings),
	};

	return cmocka_run_group_tests_name("util_arena", tests, NULL, NULL);
}
