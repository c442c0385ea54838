/*
 * test_http_routes.c: the route table's rows keep the door's rules — a GET has no guard, a
 * state change is guarded by its access, public bodies are small, JSON fields are well formed —
 * and the matcher finds the row, its {placeholders} and the 405 case.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/body.h"
#include "http/route.h"

static int
unsafe(const char *method)
{
	return strcmp(method, "GET") != 0;
}

static void
test_every_row_is_one_known_method_and_path(void **state)
{
	(void)state;
	assert_true(nroutes >= 40);
	for (int i = 0; i < nroutes; i++) {
		const struct route *a = &routes[i];
		int np = 0;

		assert_true(!strcmp(a->method, "GET") || !strcmp(a->method, "POST") ||
			    !strcmp(a->method, "PUT") || !strcmp(a->method, "PATCH") ||
			    !strcmp(a->method, "DELETE"));
		assert_int_equal(a->pattern[0], '/');
		assert_non_null(a->fn);
		for (const char *p = a->pattern; (p = strchr(p, '{')); p++)
			np++;
		assert_true(np <= MAX_PARAMS);
		for (int j = 0; j < i; j++)
			if (!strcmp(a->method, routes[j].method) &&
			    !strcmp(a->pattern, routes[j].pattern))
				fail_msg("%s %s is two rows", a->method, a->pattern);
	}
}

/* What dispatch relies on: a GET (and so a HEAD) never needs a guard; a state change has
 * the guards of its access. */
static void
test_guards_follow_the_method_and_the_access(void **state)
{
	(void)state;
	for (int i = 0; i < nroutes; i++) {
		const struct route *a = &routes[i];
		int want = !unsafe(a->method)    ? NO_GUARD
			   : a->access == HOOK   ? NO_GUARD
			   : a->access == PUBLIC ? ORIGIN
						 : ORIGIN_CSRF;

		if (a->guard != want)
			fail_msg("%s %s: guard %d, expected %d", a->method, a->pattern, a->guard,
				 want);
	}
}

static void
test_public_bodies_are_small(void **state)
{
	(void)state;
	for (int i = 0; i < nroutes; i++) {
		const struct route *a = &routes[i];

		/* Webhooks take what the forges send (25 MB, GitHub's cap). */
		size_t want = a->access == PUBLIC ? PUBLIC_BODY_MAX
			      : a->access != HOOK ? BODY_MAX
						  : HOOK_BODY_MAX;

		assert_int_equal(a->cap, want);
	}
}

static void
check_fields(const struct route *a, const struct field *fields)
{
	for (const struct field *f = fields; f->name; f++) {
		if (!*f->name)
			fail_msg("%s %s: a field without a name", a->method, a->pattern);
		if ((f->items != NULL) && f->type != F_OBJECTS)
			fail_msg("%s %s: %s has items but is no array of objects", a->method,
				 a->pattern, f->name);
		for (const struct field *g = fields; g != f; g++)
			if (!strcmp(g->name, f->name))
				fail_msg("%s %s: %s twice", a->method, a->pattern, f->name);
		if (f->items)
			check_fields(a, f->items);
	}
}

/* JSON fields only where a JSON body comes: a state change of the API, not a page's form or
 * a forge's payload. */
static void
test_json_fields_are_well_formed(void **state)
{
	(void)state;
	for (int i = 0; i < nroutes; i++) {
		const struct route *a = &routes[i];

		if (!a->fields)
			continue;
		if (!unsafe(a->method) || a->access == PAGE || a->access == HOOK)
			fail_msg("%s %s: fields on a route that takes no JSON body", a->method,
				 a->pattern);
		check_fields(a, a->fields);
	}
}

static int
row(const char *method, const char *pattern)
{
	for (int i = 0; i < nroutes; i++)
		if (!strcmp(routes[i].method, method) && !strcmp(routes[i].pattern, pattern))
			return i;
	return -3;
}

static void
test_the_matcher_finds_the_row_and_its_placeholders(void **state)
{
	struct request r = {0};
	struct buf allow = BUF_INIT;

	(void)state;
	assert_int_equal(router_match(&r, "POST", "/api/v1/objectives/12/status"),
			 row("POST", "/api/v1/objectives/{id}/status"));
	assert_string_equal(r.params[0], "12");
	assert_int_equal(router_match(&r, "HEAD", "/api/v1/tree"), row("GET", "/api/v1/tree"));
	assert_int_equal(router_match(&r, "DELETE", "/api/v1/tree"), -2);
	assert_int_equal(router_match(&r, "GET", "/api/v1/nothing"), -1);
	assert_int_equal(router_match(&r, "GET", "/api/v1/objectives//status"), -1);
	router_allowed("/api/v1/objectives/7", &allow);
	assert_string_equal(allow.buf, "GET, HEAD, PATCH, DELETE");
	buf_release(&allow);
	arena_release(&r.arena);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_row_is_one_known_method_and_path),
		cmocka_unit_test(test_guards_follow_the_method_and_the_access),
		cmocka_unit_test(test_public_bodies_are_small),
		cmocka_unit_test(test_json_fields_are_well_formed),
		cmocka_unit_test(test_the_matcher_finds_the_row_and_its_placeholders),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
