/* test_app_settings.c: the settings registry — unknown names, each type's checks, defaults,
 * secrets never shown, and the rows holding together. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "app/app.h"
#include "app/settings.h"
#include "fixture_app.h"
#include "util/buf.h"

static int
setup(void **state)
{
	struct fx *f;

	if (fixture_app_open(state, "settings"))
		return -1;
	f = *state;
	staff(&f->a);
	act(&f->a, "alex");
	return 0;
}

static struct app *
app_of(void **state)
{
	return &((struct fx *)*state)->a;
}

/* Set name to value: the code, with E filled. */
static int
set(struct app *a, const char *name, const char *value)
{
	okra_err_clear(&E);
	return app_setting_set(a, name, value, &E);
}

static void
expect_refused(struct app *a, const char *name, const char *value)
{
	if (set(a, name, value) != OKRA_EINVAL)
		fail_msg("%s = \"%s\" was not refused", name, value);
	assert_string_equal(E.field, name);
	assert_non_null(strstr(E.msg, name));
}

static void
expect_text(struct app *a, const char *name, const char *want)
{
	struct buf b = BUF_INIT;

	OK(app_setting_text(a, name, &b, &E));
	assert_string_equal(b.buf, want);
	buf_release(&b);
}

static void
expect_shown(struct app *a, const char *name, const char *want)
{
	struct buf b = BUF_INIT;

	OK(app_setting_shown(a, setting_find(name), &b, &E));
	assert_string_equal(b.buf, want);
	buf_release(&b);
}

static void
test_unknown_name_is_refused_naming_every_setting(void **state)
{
	struct app *a = app_of(state);
	struct buf b = BUF_INIT;

	assert_null(setting_find("nope"));
	assert_int_equal(set(a, "nope", "1"), OKRA_EINVAL);
	assert_string_equal(E.field, "name");
	assert_non_null(strstr(E.msg, "no setting nope"));
	for (size_t i = 0; i < setting_count; i++)
		assert_non_null(strstr(E.msg, setting_defs[i].name));
	okra_err_clear(&E);
	assert_int_equal(app_setting_text(a, "nope", &b, &E), OKRA_EINVAL);
	assert_string_equal(E.field, "name");
	buf_release(&b);
}

static void
test_every_row_holds_together(void **state)
{
	struct app *a = app_of(state);

	for (size_t i = 0; i < setting_count; i++) {
		const struct setting_def *d = &setting_defs[i];
		struct buf b = BUF_INIT;

		assert_ptr_equal(setting_find(d->name), d);
		assert_non_null(d->sentence);
		if (!d->label || !d->label[0])
			fail_msg("%s has no label for the settings page", d->name);
		assert_true(d->sentence[0] && d->sentence[strlen(d->sentence) - 1] != '.');
		/* A listed setting is never a secret; a default passes its own check. */
		assert_true(!d->listed || d->secrecy == SETTING_SHOWN);
		if (setting_check(a, d, d->fallback, &b, &E) < 0)
			fail_msg("%s: its default \"%s\" is refused: %s", d->name, d->fallback,
				 E.msg);
		buf_release(&b);
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(setting_defs[j].name, d->name);
	}
}

static void
test_defaults_when_unset(void **state)
{
	struct app *a = app_of(state);

	assert_int_equal(app_setting_int(a, "update_weekday"), 3);
	assert_int_equal(a->update_weekday, 3);
	assert_int_equal(app_setting_int(a, "fiscal_year_first_month"), 1);
	assert_true(app_setting_number(a, "pace_attention") == 0.1);
	assert_true(app_setting_number(a, "pace_risk") == 0.25);
	assert_int_equal(app_setting_int(a, "remind_at"), 9 * 60);
	expect_text(a, "remind_tz", "UTC");
	expect_text(a, "base_url", "http://127.0.0.1:8080");
	expect_text(a, "chat_webhook", "");
	expect_text(a, "smtp_from", "okra@localhost");
	expect_text(a, "github_not_planned", "ignore");
	expect_shown(a, "update_weekday", "Wednesday");
	expect_shown(a, "gitlab_webhook_secret", "");
	/* Emptied, a setting with a default reads as its default again. */
	OK(set(a, "smtp_from", "okra@example.com"));
	expect_text(a, "smtp_from", "okra@example.com");
	OK(set(a, "smtp_from", ""));
	expect_text(a, "smtp_from", "okra@localhost");
}

static void
test_weekday_and_whole_number(void **state)
{
	struct app *a = app_of(state);

	expect_refused(a, "update_weekday", "someday");
	assert_non_null(strstr(E.msg, "someday"));
	expect_refused(a, "update_weekday", "");
	OK(set(a, "update_weekday", "mon"));
	expect_text(a, "update_weekday", "Monday"); /* stored by its name */
	assert_int_equal(a->update_weekday, 1);     /* and re-read at once */
	expect_refused(a, "fiscal_year_first_month", "0");
	expect_refused(a, "fiscal_year_first_month", "13");
	expect_refused(a, "fiscal_year_first_month", "4x");
	OK(set(a, "fiscal_year_first_month", "04"));
	expect_text(a, "fiscal_year_first_month", "4");
	assert_int_equal(a->fy_first_month, 4);
}

static void
test_fractions_in_range_and_in_order(void **state)
{
	struct app *a = app_of(state);

	expect_refused(a, "pace_risk", "1.5");
	expect_refused(a, "pace_risk", "lots");
	expect_refused(a, "pace_risk", "nan");
	expect_refused(a, "pace_attention", "0.3"); /* above pace_risk 0.25 */
	assert_non_null(strstr(E.msg, "(now 0.1 and 0.25), not 0.3"));
	expect_refused(a, "pace_risk", "0.05"); /* below pace_attention 0.1 */
	OK(set(a, "pace_risk", "0.5"));
	OK(set(a, "pace_attention", "0.3"));
	assert_true(a->pace_attention == 0.3 && a->pace_risk == 0.5);
	expect_shown(a, "pace_attention", "0.3");
}

static void
test_time_zone_and_time(void **state)
{
	struct app *a = app_of(state);

	expect_refused(a, "remind_at", "9am");
	expect_refused(a, "remind_at", "24:00");
	OK(set(a, "remind_at", "07:30"));
	assert_int_equal(app_setting_int(a, "remind_at"), 7 * 60 + 30);
	expect_refused(a, "remind_tz", "Mars/Olympus_Mons");
	expect_refused(a, "remind_tz", "../../etc/passwd");
	OK(set(a, "remind_tz", "UTC"));
}

static void
test_urls_addresses_tokens_and_choices(void **state)
{
	struct app *a = app_of(state);
	char long_url[600];

	expect_refused(a, "base_url", "");
	expect_refused(a, "base_url", "ftp://example.com");
	expect_refused(a, "base_url", "https://example.com/a b");
	memset(long_url, 'x', sizeof(long_url) - 1);
	memcpy(long_url, "https://", 8);
	long_url[sizeof(long_url) - 1] = '\0';
	expect_refused(a, "base_url", long_url);
	OK(set(a, "base_url", "https://okra.example.com/"));
	expect_refused(a, "chat_webhook", "ftp://example.com/x");
	OK(set(a, "chat_webhook", "")); /* off */
	expect_refused(a, "smtp_url", "http://127.0.0.1:1");
	OK(set(a, "smtp_url", "smtps://mail.example.com:465"));
	expect_refused(a, "smtp_from", "nobody");
	expect_refused(a, "smtp_from", "@example.com");
	expect_refused(a, "smtp_from", "a <b@example.com>");
	expect_refused(a, "gitlab_webhook_secret", "short");
	expect_refused(a, "gitlab_webhook_secret", "has a space in it");
	OK(set(a, "gitlab_webhook_secret", ""));
	expect_refused(a, "github_not_planned", "sometimes");
	OK(set(a, "github_not_planned", "done"));
	expect_text(a, "github_not_planned", "done");
}

/* Single sign-on: an issuer is https, or http only on a loopback address; text is one line. */
static void
test_oidc_issuer_and_text(void **state)
{
	struct app *a = app_of(state);

	expect_refused(a, "oidc_issuer", "http://gitlab.example.com");
	expect_refused(a, "oidc_issuer", "http://127.0.0.1.example.com");
	expect_refused(a, "oidc_issuer", "http://localhostile:80");
	expect_refused(a, "oidc_issuer", "https://");
	expect_refused(a, "oidc_issuer", "ftp://gitlab.example.com");
	OK(set(a, "oidc_issuer", "https://gitlab.example.com"));
	OK(set(a, "oidc_issuer", "http://127.0.0.1:9000"));
	OK(set(a, "oidc_issuer", "http://localhost/realms/okra"));
	OK(set(a, "oidc_issuer", "http://[::1]:8443"));
	OK(set(a, "oidc_issuer", "")); /* off */
	expect_text(a, "oidc_scopes", "openid profile email");
	expect_refused(a, "oidc_scopes", "openid\nprofile");
	expect_refused(a, "oidc_scopes", "");
	OK(set(a, "oidc_scopes", "openid email groups"));
	expect_text(a, "oidc_scopes", "openid email groups");
	OK(set(a, "oidc_client_secret", "very-secret-value"));
	expect_shown(a, "oidc_client_secret", "(secret set)");
	expect_refused(a, "oidc_only", "maybe");
}

static void
test_secrets_are_never_shown(void **state)
{
	struct app *a = app_of(state);

	OK(set(a, "chat_webhook", "https://user:pw@hooks.example.com/services/T0/B0/s3cr3t"));
	expect_shown(a, "chat_webhook", "https://hooks.example.com/…");
	OK(set(a, "github_webhook_secret", "0123456789abcdef"));
	expect_shown(a, "github_webhook_secret", "(secret set)");
	expect_text(a, "github_webhook_secret", "0123456789abcdef"); /* for the code that checks */
	/* A refused secret is not repeated back. */
	expect_refused(a, "github_webhook_secret", "s3cr3t x");
	assert_null(strstr(E.msg, "s3cr3t"));
	expect_refused(a, "smtp_url", "http://user:s3cr3t@mail.example.com");
	assert_null(strstr(E.msg, "s3cr3t"));
}

static void
test_only_admins_set(void **state)
{
	struct app *a = app_of(state);

	act(a, "pat");
	assert_int_equal(set(a, "update_weekday", "monday"), OKRA_EFORBIDDEN);
	expect_text(a, "update_weekday", "Wednesday");
}

/* Several at once: one transaction (a refusal saves none), the pace pair judged as saved
 * together, and when each was set. */
static void
test_several_at_once(void **state)
{
	struct app *a = app_of(state);
	const struct setting_change bad[] = {{"update_weekday", "friday"},
					     {"fiscal_year_first_month", "13"}};
	const struct setting_change up[] = {{"pace_attention", "0.3"}, {"pace_risk", "0.5"}};
	const struct setting_change down[] = {{"pace_risk", "0.2"}, {"pace_attention", "0.05"}};
	int64_t at;

	assert_int_equal(app_settings_save(a, bad, 2, &E), OKRA_EINVAL);
	assert_string_equal(E.field, "fiscal_year_first_month");
	expect_text(a, "update_weekday", "Wednesday");
	OK(app_setting_when(a, "update_weekday", &at, &E));
	assert_int_equal(at, 0);
	OK(app_settings_save(a, up, 2, &E));
	assert_true(a->pace_attention == 0.3 && a->pace_risk == 0.5);
	OK(app_settings_save(a, down, 2, &E));
	assert_true(a->pace_attention == 0.05 && a->pace_risk == 0.2);
	OK(app_setting_when(a, "pace_risk", &at, &E));
	assert_int_equal(at, a->now);
	act(a, "pat");
	assert_int_equal(app_settings_save(a, up, 2, &E), OKRA_EFORBIDDEN);
	assert_int_equal(app_may_change_settings(a, &E), OKRA_EFORBIDDEN);
}

int
main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_unknown_name_is_refused_naming_every_setting),
		T(test_every_row_holds_together),
		T(test_oidc_issuer_and_text),
		T(test_defaults_when_unset),
		T(test_weekday_and_whole_number),
		T(test_fractions_in_range_and_in_order),
		T(test_time_zone_and_time),
		T(test_urls_addresses_tokens_and_choices),
		T(test_secrets_are_never_shown),
		T(test_only_admins_set),
		T(test_several_at_once),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
