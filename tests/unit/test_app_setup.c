/* test_app_setup.c: the first run's setup link (app/setup.h) on a real store: made only while
 * nobody can sign in, kept only as a hash, good for an hour and once, and the company it makes in
 * one transaction. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "app/app.h"
#include "fixture_app.h"
#include "app/auth.h"
#include "app/reads.h"
#include "app/settings.h"
#include "app/setup.h"

#define PW "the first admin's password"

static int
setup(void **state)
{
	return fixture_app_open(state, "setup");
}

static struct setup_input
input(const char *handle, const char *month, const char *password)
{
	return (struct setup_input){.fiscal_year_first_month = month,
				    .update_weekday = "Thursday",
				    .handle = handle,
				    .name = "Ada Admin",
				    .email = "ada@example.com",
				    .password = password,
				    .password_len = strlen(password)};
}

/* Nobody can sign in on an empty database: a link is made, and only its hash is kept. */
static void
test_link_only_while_nobody_can_sign_in(void **state)
{
	struct fx *f = *state;
	char token[APP_SECRET_LEN + 1];
	int made = 0, needed = 0;

	OK(app_setup_needed(&f->a, &needed, &E));
	assert_int_equal(needed, 1);
	OK(app_setup_link(&f->a, token, &made, &E));
	assert_int_equal(made, 1);
	assert_int_equal(strlen(token), APP_SECRET_LEN);
	OK(app_setup_check(&f->a, token, &E));
	/* A person without a password cannot sign in: still needed. */
	person(&f->a, "pat", ROLE_ADMIN, NULL);
	OK(app_setup_needed(&f->a, &needed, &E));
	assert_int_equal(needed, 1);
	/* With a password they can: no link made, and the one made no longer works. */
	OK(app_user_passwd(&f->a, "pat", PW, &E));
	OK(app_setup_needed(&f->a, &needed, &E));
	assert_int_equal(needed, 0);
	OK(app_setup_link(&f->a, token, &made, &E));
	assert_int_equal(made, 0);
}

/* A link works for an hour: not a second more. A wrong or malformed one never works. */
static void
test_link_expires_after_an_hour(void **state)
{
	struct fx *f = *state;
	char token[APP_SECRET_LEN + 1], wrong[APP_SECRET_LEN + 1];
	int64_t t0 = f->a.now;
	int made = 0;

	OK(app_setup_link(&f->a, token, &made, &E));
	memcpy(wrong, token, sizeof(wrong));
	wrong[0] = wrong[0] == 'a' ? 'b' : 'a';
	okra_err_clear(&E);
	assert_int_equal(app_setup_check(&f->a, wrong, &E), OKRA_ENOTFOUND);
	assert_int_equal(app_setup_check(&f->a, "not-a-secret", &E), OKRA_ENOTFOUND);
	assert_int_equal(app_setup_check(&f->a, NULL, &E), OKRA_ENOTFOUND);
	app_set_now(&f->a, t0 + APP_SETUP_TTL);
	OK(app_setup_check(&f->a, token, &E));
	app_set_now(&f->a, t0 + APP_SETUP_TTL + 1);
	assert_int_equal(app_setup_check(&f->a, token, &E), OKRA_ENOTFOUND);
	assert_non_null(strstr(E.msg, "expired"));
}

/* A refused setup changes nothing and leaves the link working; a good one uses it up. */
static void
test_company_made_once(void **state)
{
	struct fx *f = *state;
	char token[APP_SECRET_LEN + 1];
	struct setup_input in = input("ada", "2", "short");
	struct app_session s = {0};
	struct person *v = NULL;
	struct cycle *c = NULL;
	struct arena ar = ARENA_INIT;
	size_t n = 0;
	int made = 0;

	OK(app_setup_link(&f->a, token, &made, &E));
	app_act_as_nobody(&f->a);
	assert_int_equal(app_setup_company(&f->a, token, &in, &s, &E), OKRA_EINVAL);
	assert_string_equal(E.field, "password");
	in = input("Ada Admin", "2", PW);
	assert_int_equal(app_setup_company(&f->a, token, &in, &s, &E), OKRA_EINVAL);
	assert_string_equal(E.field, "handle");
	in = input("ada", "13", PW);
	assert_int_equal(app_setup_company(&f->a, token, &in, &s, &E), OKRA_EINVAL);
	assert_string_equal(E.field, "fiscal_year_first_month");
	OK(app_people(&f->a, &ar, &v, &n, &E));
	assert_int_equal(n, 0);
	OK(app_cycles(&f->a, &ar, &c, &n, &E));
	assert_int_equal(n, 0);
	assert_int_equal(app_setting_int(&f->a, "update_weekday"), 3);

	/* 2026-08-19 with the year from February: FY2027 and its quarters; ada signed in. */
	in = input("ada", "2", PW);
	OK(app_setup_company(&f->a, token, &in, &s, &E));
	assert_true(s.person > 0);
	assert_int_equal(strlen(s.token), APP_SECRET_LEN);
	assert_int_equal(f->a.actor.id, -1);
	OK(app_cycles(&f->a, &ar, &c, &n, &E));
	assert_int_equal(n, 5);
	assert_string_equal(c[0].name, "FY2027");
	assert_int_equal(c[0].starts_on, date("2026-02-01"));
	assert_int_equal(app_setting_int(&f->a, "update_weekday"), 4);
	assert_int_equal(app_setting_int(&f->a, "fiscal_year_first_month"), 2);
	OK(app_people(&f->a, &ar, &v, &n, &E));
	assert_int_equal(n, 1);
	assert_int_equal(v[0].role, ROLE_ADMIN);

	/* Used: the same link again is refused, and changes nothing. */
	in = input("eve", "1", PW);
	assert_int_equal(app_setup_company(&f->a, token, &in, &s, &E), OKRA_ENOTFOUND);
	assert_string_equal(E.field, "token");
	OK(app_people(&f->a, &ar, &v, &n, &E));
	assert_int_equal(n, 1);
	arena_release(&ar);
}

/* Two links (two servers started): once one has made the company, the other is refused. */
static void
test_second_link_refused_once_set_up(void **state)
{
	struct fx *f = *state;
	char t1[APP_SECRET_LEN + 1], t2[APP_SECRET_LEN + 1];
	struct setup_input in = input("ada", "1", PW);
	struct app_session s = {0};
	int made = 0;

	OK(app_setup_link(&f->a, t1, &made, &E));
	OK(app_setup_link(&f->a, t2, &made, &E));
	assert_int_equal(made, 1);
	assert_string_not_equal(t1, t2);
	app_act_as_nobody(&f->a);
	OK(app_setup_company(&f->a, t1, &in, &s, &E));
	in = input("eve", "1", PW);
	assert_int_equal(app_setup_company(&f->a, t2, &in, &s, &E), OKRA_ESTATE);
	assert_non_null(strstr(E.msg, "set up already"));
}

int
main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_link_only_while_nobody_can_sign_in),
		T(test_link_expires_after_an_hour),
		T(test_company_made_once),
		T(test_second_link_refused_once_set_up),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
