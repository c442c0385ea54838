/* setup.c: the first run — the one-time setup link and the company it creates. */
#include "app/app_int.h"

#include <sodium.h>
#include <string.h>

#include "core/calendar.h"
#include "store/store.h"
#include "app/people.h"
#include "app/settings.h"
#include "app/setup.h"

/* The hex SHA-256 of a link's secret, or -1 when token has not the shape of one we made. */
static int
link_hash(const char *token, char out[STORE_HASH_HEX + 1])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	size_t n = token ? strlen(token) : 0;

	if (n != APP_SECRET_LEN || strspn(token, "0123456789abcdef") != n)
		return -1;
	crypto_hash_sha256(h, (const unsigned char *)token, n);
	sodium_bin2hex(out, STORE_HASH_HEX + 1, h, sizeof(h));
	return 0;
}

int
app_setup_needed(struct app *a, int *needed, struct okra_err *err)
{
	int yes = 1, rc;

	rc = store_signin_possible(a->db, &yes, err);
	*needed = rc == 0 && !yes;
	return rc;
}

int
app_setup_link(struct app *a, char token[APP_SECRET_LEN + 1], int *made, struct okra_err *err)
{
	unsigned char raw[APP_SECRET_LEN / 2];
	char hash[STORE_HASH_HEX + 1];
	int needed = 0, rc;

	*made = 0;
	if ((rc = app_tx_begin(a, err)) < 0)
		return rc;
	if ((rc = app_setup_needed(a, &needed, err)) < 0 || !needed)
		goto out;
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(token, APP_SECRET_LEN + 1, raw, sizeof(raw));
	sodium_memzero(raw, sizeof(raw));
	link_hash(token, hash);
	rc = store_setup_link_add(a->db, hash, a->now + APP_SETUP_TTL, a->now, err);
	*made = rc == 0;
out:
	return app_tx_end(a, rc, err);
}

/* The link works (taken when take), and nobody can sign in yet. */
static int
link_works(struct app *a, const char *token, int take, struct okra_err *err)
{
	char hash[STORE_HASH_HEX + 1];
	int live = 0, needed = 0, rc;

	if (link_hash(token, hash) == 0 &&
	    (rc = store_setup_link_live(a->db, hash, a->now, take, &live, err)) < 0)
		return rc;
	if (!live)
		return okra_err_set(err, OKRA_ENOTFOUND, "token",
				    "this setup link is wrong, used already or expired (a link "
				    "works once, for an hour)");
	if ((rc = app_setup_needed(a, &needed, err)) < 0)
		return rc;
	if (!needed)
		return okra_err_set(err, OKRA_ESTATE, "token",
				    "the company is set up already: sign in instead");
	return 0;
}

int
app_setup_check(struct app *a, const char *token, struct okra_err *err)
{
	return link_works(a, token, 0, err);
}

/* The fiscal year holding today and its quarters, unless a year holds today already. */
static int
plan_this_year(struct app *a, struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	struct cycle y = {0};
	int64_t id;
	int rc, first = (int)app_setting_int(a, "fiscal_year_first_month");

	rc = store_cycle_containing(a->db, &ar, a->today, CYCLE_YEAR, &y, err);
	arena_release(&ar);
	if (rc != OKRA_ENOTFOUND)
		return rc;
	okra_err_clear(err);
	return app_cycle_plan_year(
		a, cal_fiscal_year_number(cal_fiscal_year_start(a->today, first)), &id, err);
}

/* The first admin: checked, added, their password set; *p filled (strings borrowed from in). */
static int
add_admin(struct app *a, const struct setup_input *in, struct person *p, struct okra_err *err)
{
	int rc;

	*p = (struct person){.handle = in->handle,
			     .name = in->name,
			     .email = in->email,
			     .role = ROLE_ADMIN,
			     .joined_on = DATE_NONE};
	if (!in->email || !*in->email)
		return okra_err_set(err, OKRA_EINVAL, "email",
				    "the first admin needs an e-mail address");
	if ((rc = app_password_check(in->password, in->password_len, err)) < 0 ||
	    (rc = app_person_add(a, p, &p->id, err)) < 0)
		return rc;
	return app_user_passwd(a, in->handle, in->password, err);
}

int
app_setup_company(struct app *a, const char *token, const struct setup_input *in,
		  struct app_session *out, struct okra_err *err)
{
	struct person p;
	int rc;

	if ((rc = app_tx_begin(a, err)) < 0)
		return rc;
	/* Nobody is signed in: once the link is good the system acts, and then nobody again. */
	if ((rc = link_works(a, token, 1, err)) == 0)
		app_act_as_system(a);
	if (rc < 0 ||
	    (rc = app_setting_set(a, "fiscal_year_first_month", in->fiscal_year_first_month, err)) <
		    0 ||
	    (rc = app_setting_set(a, "update_weekday", in->update_weekday, err)) < 0 ||
	    (rc = plan_this_year(a, err)) < 0 || (rc = add_admin(a, in, &p, err)) < 0)
		goto out;
	rc = app_session_start(a, &p, NULL, out, err);
out:
	app_act_as_nobody(a);
	rc = app_tx_end(a, rc, err);
	if (rc < 0)
		app_load_settings(a); /* the settings rolled back with the rest */
	return rc;
}
