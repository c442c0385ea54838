/* setup.h: the first run (setup.c): while nobody can sign in, `okra serve` prints a one-time
 * link whose page creates the company (its calendar, the current year) and its first admin. */
#ifndef OKRA_APP_SETUP_H
#define OKRA_APP_SETUP_H

#include <stddef.h>

#include "app/auth.h"
#include "util/err.h"

struct app;

/* A setup link works for an hour after it is made, once. */
#define APP_SETUP_TTL 3600

/* *needed = 1 while nobody can sign in (store_signin_possible). */
int app_setup_needed(struct app *a, int *needed, struct okra_err *err);
/*
 * While nobody can sign in: a new link's secret into token (hex; only its hash is kept),
 * working APP_SETUP_TTL seconds from now, and *made = 1. Else *made = 0 and nothing changes.
 */
int app_setup_link(struct app *a, char token[APP_SECRET_LEN + 1], int *made, struct okra_err *err);
/*
 * 0 when token is a link that still works and nobody can sign in yet; else OKRA_ENOTFOUND (a
 * wrong, used or expired link) or OKRA_ESTATE (the company is set up), with a message.
 */
int app_setup_check(struct app *a, const char *token, struct okra_err *err);

/* What the setup page asks. The setting texts are checked as `okra setting set` checks them. */
struct setup_input {
	const char *fiscal_year_first_month, *update_weekday;
	const char *handle, *name, *email;
	const char *password;
	size_t password_len;
};
/*
 * In one transaction: the link taken (it works once), the two settings set, the fiscal year
 * holding today and its quarters planned (unless a year holds today already), the first admin
 * added with the password, and a session started for them (out). A refusal changes nothing and
 * leaves the link working: OKRA_EINVAL naming the field, or app_setup_check's codes (field
 * "token"). For a page nobody is signed in to: the system acts inside, nobody after.
 */
int app_setup_company(struct app *a, const char *token, const struct setup_input *in,
		      struct app_session *out, struct okra_err *err);

#endif
