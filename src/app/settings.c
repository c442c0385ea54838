/* settings.c: the settings registry (one row per setting), checking a value by its type, the
 * typed getters, and setting a value (admins, audited, secrets redacted). */
#include "app/settings.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app_int.h"
#include "app/json_write.h"
#include "core/calendar.h"
#include "core/schedule.h"
#include "store/store.h"
#include "util/net.h"
#include "util/uri.h"
#include "util/xalloc.h"

static const char *const web_schemes[] = {"http://", "https://", NULL};
static const char *const smtp_schemes[] = {"smtp://", "smtps://", NULL};
static const char *const not_planned_words[] = {"done", "ignore", NULL};
static const char *const short_ref_words[] = {"auto", "gitlab", "github", "either", NULL};
static const char *const on_off_words[] = {"on", "off", NULL};
static const char *const oidc_match_words[] = {"email", "handle", NULL};
static const char *const oidc_verified_words[] = {"required", "trusted", NULL};

const char *const setting_group_titles[SETTING_NGROUPS] = {
	[SETTING_PROCESS] = "The process",
	[SETTING_REMINDERS] = "Reminders",
	[SETTING_INTEGRATIONS] = "Integrations",
	[SETTING_SIGN_IN] = "Single sign-on",
	[SETTING_OTHER] = "Other",
};

/* clang-format off */
const struct setting_def setting_defs[] = {
	{.name = "update_weekday", .group = SETTING_PROCESS, .label = "Update day",
	 .type = SETTING_WEEKDAY, .fallback = "Wednesday", .listed = 1,
	 .sentence = "the weekday updates are due (monday … sunday)"},
	{.name = "fiscal_year_first_month", .group = SETTING_PROCESS,
	 .label = "First month of the fiscal year",
	 .type = SETTING_INT, .fallback = "1", .listed = 1,
	 .min = 1, .max = 12,
	 .sentence = "the fiscal year's first month, 1 … 12"},
	{.name = "pace_attention", .group = SETTING_PROCESS,
	 .label = "Behind pace: needs attention",
	 .type = SETTING_FRACTION, .fallback = "0.1", .listed = 1,
	 .not_above = "pace_risk",
	 .sentence = "how far a key result may fall behind its expected progress and still be on "
		     "track, a fraction 0 … 1 with pace_attention <= pace_risk"},
	{.name = "pace_risk", .group = SETTING_PROCESS, .label = "Behind pace: at risk",
	 .type = SETTING_FRACTION, .fallback = "0.25", .listed = 1,
	 .not_below = "pace_attention",
	 .sentence = "how far a key result may fall behind its expected progress before it is at "
		     "risk, a fraction 0 … 1 with pace_attention <= pace_risk"},
	{.name = "remind_at", .group = SETTING_REMINDERS, .label = "Reminder time",
	 .type = SETTING_HHMM, .fallback = "09:00",
	 .sentence = "the weekly reminder's local time HH:MM (00:00 … 23:59)"},
	{.name = "remind_tz", .group = SETTING_REMINDERS, .label = "Reminder time zone",
	 .type = SETTING_ZONE, .fallback = "UTC",
	 .sentence = "the weekly reminder's time zone, a name this system knows such as "
		     "Europe/Zurich or UTC"},
	{.name = "base_url", .group = SETTING_OTHER, .label = "okra's address",
	 .type = SETTING_URL, .fallback = "http://127.0.0.1:8080",
	 .max = 512, .words = web_schemes,
	 .sentence = "the address people open okra at, like https://okra.example.com (http or "
		     "https, no spaces)"},
	{.name = "chat_webhook", .group = SETTING_REMINDERS, .label = "Chat webhook URL",
	 .type = SETTING_URL, .secrecy = SETTING_HOST_ONLY,
	 .fallback = "", .may_be_empty = 1, .max = 2048, .words = web_schemes,
	 .sentence = "an incoming-webhook URL (http or https) reminders and reports are posted "
		     "to, or empty to turn chat reminders off"},
	{.name = "smtp_url", .group = SETTING_REMINDERS, .label = "Mail server (SMTP URL)",
	 .type = SETTING_URL, .secrecy = SETTING_HOST_ONLY,
	 .fallback = "", .may_be_empty = 1, .max = 2048, .words = smtp_schemes,
	 .sentence = "smtp://HOST:PORT or smtps://HOST:PORT (user and password may go before the "
		     "host), the mail server of the reminders, or empty to turn mail off"},
	{.name = "smtp_from", .group = SETTING_REMINDERS, .label = "Sender's address",
	 .type = SETTING_ADDRESS, .fallback = "okra@localhost",
	 .may_be_empty = 1, .max = 254,
	 .sentence = "the sender's address of the reminders, like okra@example.com"},
	{.name = "gitlab_webhook_secret", .group = SETTING_INTEGRATIONS,
	 .label = "GitLab webhook token",
	 .type = SETTING_TOKEN, .secrecy = SETTING_NEVER_SHOWN,
	 .fallback = "", .may_be_empty = 1, .min = 8, .max = 256,
	 .sentence = "the token GitLab sends with each webhook delivery, 8 to 256 printable "
		     "characters without spaces, or empty to turn the webhook off"},
	{.name = "gitlab_webhook_signing_token", .group = SETTING_INTEGRATIONS,
	 .label = "GitLab webhook signing token", .type = SETTING_TOKEN,
	 .secrecy = SETTING_NEVER_SHOWN, .fallback = "", .may_be_empty = 1, .min = 8, .max = 256,
	 .sentence = "the signing token GitLab signs each webhook delivery with "
		     "(webhook-signature, whsec_ and the key in base64), or empty to take only "
		     "the secret token"},
	{.name = "github_webhook_secret", .group = SETTING_INTEGRATIONS,
	 .label = "GitHub webhook secret",
	 .type = SETTING_TOKEN, .secrecy = SETTING_NEVER_SHOWN,
	 .fallback = "", .may_be_empty = 1, .min = 8, .max = 256,
	 .sentence = "the secret GitHub signs each webhook delivery with, 8 to 256 printable "
		     "characters without spaces, or empty to turn the webhook off"},
	{.name = "jira_webhook_secret", .group = SETTING_INTEGRATIONS,
	 .label = "Jira webhook secret",
	 .type = SETTING_TOKEN, .secrecy = SETTING_NEVER_SHOWN,
	 .fallback = "", .may_be_empty = 1, .min = 8, .max = 256,
	 .sentence = "the secret Jira signs each webhook delivery with (X-Hub-Signature), 8 to "
		     "256 printable characters without spaces, or empty to turn the webhook off"},
	{.name = "jira_api_url", .group = SETTING_INTEGRATIONS, .label = "Jira site address",
	 .type = SETTING_URL, .fallback = "", .may_be_empty = 1, .max = 512,
	 .words = web_schemes,
	 .sentence = "the address of the Jira site, like https://your-domain.atlassian.net, whose "
		     "REST API okra sync asks and that Jira keys such as PROJ-123 link to, or "
		     "empty"},
	{.name = "jira_api_email", .group = SETTING_INTEGRATIONS, .label = "Jira account's email",
	 .type = SETTING_ADDRESS, .fallback = "", .may_be_empty = 1, .max = 254,
	 .sentence = "the email address of the Jira account okra sync signs in as, with "
		     "jira_api_token, or empty"},
	{.name = "jira_api_token", .group = SETTING_INTEGRATIONS, .label = "Jira API token",
	 .type = SETTING_TOKEN, .secrecy = SETTING_NEVER_SHOWN,
	 .fallback = "", .may_be_empty = 1, .min = 8, .max = 1024,
	 .sentence = "the API token of the Jira account okra sync signs in as (Basic "
		     "authentication with jira_api_email), 8 to 1024 printable characters without "
		     "spaces, or empty"},
	{.name = "github_not_planned", .group = SETTING_INTEGRATIONS,
	 .label = "GitHub issue closed as not planned",
	 .type = SETTING_CHOICE, .fallback = "ignore",
	 .words = not_planned_words,
	 .sentence = "what a GitHub issue closed as not planned, a GitLab issue closed as moved "
		     "or duplicate, a merge or pull request closed without a merge, or a Jira "
		     "issue resolved as Won't Do, Won't Fix, Duplicate or Cannot Reproduce, does "
		     "to the item it is linked to, done or ignore"},
	{.name = "hook_short_refs", .group = SETTING_INTEGRATIONS,
	 .label = "Forge of short references",
	 .type = SETTING_CHOICE, .fallback = "auto",
	 .words = short_ref_words,
	 .sentence = "which forge's webhook may change an item typed as owner/repo#1 (the same "
		     "text on both forges): gitlab, github, either, or auto (the forge whose "
		     "webhook secret or API token is set when only one is, else gitlab)"},
	{.name = "gitlab_api_token", .group = SETTING_INTEGRATIONS,
	 .label = "GitLab API token (okra sync)",
	 .type = SETTING_TOKEN, .secrecy = SETTING_NEVER_SHOWN,
	 .fallback = "", .may_be_empty = 1, .min = 8, .max = 256,
	 .sentence = "the access token okra sync reads GitLab's issues, epics and merge requests "
		     "with (read_api), or empty to leave GitLab out of okra sync"},
	{.name = "gitlab_api_url", .group = SETTING_INTEGRATIONS, .label = "GitLab API address",
	 .type = SETTING_URL, .fallback = "", .may_be_empty = 1, .max = 512,
	 .words = web_schemes,
	 .sentence = "the address of GitLab's REST API okra sync asks, like "
		     "https://gitlab.example.com/api/v4 for a self-managed GitLab, or empty for "
		     "https://gitlab.com/api/v4"},
	{.name = "github_api_token", .group = SETTING_INTEGRATIONS,
	 .label = "GitHub API token (okra sync)",
	 .type = SETTING_TOKEN, .secrecy = SETTING_NEVER_SHOWN,
	 .fallback = "", .may_be_empty = 1, .min = 8, .max = 256,
	 .sentence = "the access token okra sync reads GitHub's issues and pull requests with, "
		     "or empty to leave GitHub out of okra sync"},
	{.name = "github_api_url", .group = SETTING_INTEGRATIONS, .label = "GitHub API address",
	 .type = SETTING_URL, .fallback = "", .may_be_empty = 1, .max = 512,
	 .words = web_schemes,
	 .sentence = "the address of GitHub's REST API okra sync asks, like "
		     "https://github.example.com/api/v3 for GitHub Enterprise Server, or empty for "
		     "https://api.github.com"},
	{.name = "sync_daily", .group = SETTING_INTEGRATIONS, .label = "Daily sync time (UTC)",
	 .type = SETTING_HHMM, .fallback = "", .may_be_empty = 1,
	 .sentence = "the time of day, HH:MM in UTC, at which okra serve runs okra sync once a "
		     "day, or empty never to run it"},
	{.name = "forge_url", .group = SETTING_INTEGRATIONS, .label = "Forge address",
	 .type = SETTING_URL, .fallback = "", .may_be_empty = 1, .max = 512,
	 .words = web_schemes,
	 .sentence = "the address of the forge that short references such as group/project#12 "
		     "live on, like https://gitlab.example.com, which pages link them to, or empty "
		     "to show them as text"},
	{.name = "trusted_proxies", .group = SETTING_OTHER, .label = "Trusted proxies",
	 .type = SETTING_ADDRESSES, .fallback = "", .may_be_empty = 1,
	 .max = 1024,
	 .sentence = "the addresses or prefixes of the proxies in front of okra whose "
		     "X-Forwarded-For is believed, like 127.0.0.1 or 10.0.0.0/8 (comma-separated), "
		     "or empty when clients connect directly"},
	{.name = "oidc_issuer", .group = SETTING_SIGN_IN, .label = "Provider's issuer",
	 .type = SETTING_ISSUER, .fallback = "", .may_be_empty = 1,
	 .max = 512,
	 .sentence = "the OpenID Connect provider's issuer, like https://gitlab.example.com "
		     "(https, or http on a loopback address for trials), or empty to turn single "
		     "sign-on off"},
	{.name = "oidc_client_id", .group = SETTING_SIGN_IN, .label = "Client ID",
	 .type = SETTING_TOKEN, .fallback = "", .may_be_empty = 1,
	 .min = 1, .max = 512,
	 .sentence = "the client (application) ID okra has at the OpenID Connect provider, "
		     "printable characters without spaces"},
	{.name = "oidc_client_secret", .group = SETTING_SIGN_IN, .label = "Client secret",
	 .type = SETTING_TOKEN, .secrecy = SETTING_NEVER_SHOWN,
	 .fallback = "", .may_be_empty = 1, .min = 1, .max = 1024,
	 .sentence = "the client secret okra has at the OpenID Connect provider, printable "
		     "characters without spaces"},
	{.name = "oidc_scopes", .group = SETTING_SIGN_IN, .label = "Scopes",
	 .type = SETTING_TEXT, .fallback = "openid profile email",
	 .max = 512,
	 .sentence = "the scopes okra asks the OpenID Connect provider for, separated by spaces, "
		     "openid among them"},
	{.name = "oidc_provider_name", .group = SETTING_SIGN_IN, .label = "Provider's name",
	 .type = SETTING_TEXT, .fallback = "single sign-on",
	 .max = 60,
	 .sentence = "the provider's name on the sign-in button (\"Sign in with NAME\"), like "
		     "GitLab, at most 60 characters"},
	{.name = "oidc_match", .group = SETTING_SIGN_IN, .label = "Match a first sign-in by",
	 .type = SETTING_CHOICE, .fallback = "email",
	 .words = oidc_match_words,
	 .sentence = "how a person signing in with the provider for the first time is found: "
		     "email (by their verified e-mail) or handle (the provider's "
		     "preferred_username as their handle)"},
	{.name = "oidc_email_verified", .group = SETTING_SIGN_IN,
	 .label = "E-mail verified",
	 .type = SETTING_CHOICE, .fallback = "required",
	 .words = oidc_verified_words,
	 .sentence = "whether the provider must mark an e-mail verified before okra matches a "
		     "person by it (required) or trusts every e-mail it sends as its own "
		     "directory's (trusted: for Microsoft Entra ID, which does not say)"},
	{.name = "oidc_create_people", .group = SETTING_SIGN_IN, .label = "Add people unknown here",
	 .type = SETTING_CHOICE, .fallback = "off",
	 .words = on_off_words,
	 .sentence = "whether a person the provider signs in whom okra does not know is added "
		     "as a member (on) or refused (off)"},
	{.name = "oidc_groups_claim", .group = SETTING_SIGN_IN, .label = "Groups claim",
	 .type = SETTING_TOKEN, .fallback = "", .may_be_empty = 1,
	 .min = 1, .max = 100,
	 .sentence = "the ID token's claim that lists a person's groups, like groups, or empty "
		     "to leave teams and roles alone at sign-in"},
	{.name = "oidc_group_teams", .group = SETTING_SIGN_IN, .label = "Groups to teams",
	 .type = SETTING_TEXT, .fallback = "", .may_be_empty = 1,
	 .max = 2048,
	 .sentence = "which group puts a person in which team, as GROUP=TEAM pairs separated "
		     "by commas, like platform-eng=platform"},
	{.name = "oidc_leader_groups", .group = SETTING_SIGN_IN, .label = "Leaders' groups",
	 .type = SETTING_TEXT, .fallback = "", .may_be_empty = 1,
	 .max = 1024,
	 .sentence = "the groups whose members are leaders, separated by commas"},
	{.name = "oidc_admin_groups", .group = SETTING_SIGN_IN, .label = "Admins' groups",
	 .type = SETTING_TEXT, .fallback = "", .may_be_empty = 1,
	 .max = 1024,
	 .sentence = "the groups whose members are admins, separated by commas"},
	{.name = "oidc_only", .group = SETTING_SIGN_IN, .label = "Single sign-on only",
	 .type = SETTING_CHOICE, .fallback = "off", .words = on_off_words,
	 .sentence = "whether people sign in only with the OpenID Connect provider (on: "
		     "passwords are refused but oidc_break_glass's) or with a password too (off)"},
	{.name = "oidc_break_glass", .group = SETTING_SIGN_IN, .label = "Break-glass admin",
	 .type = SETTING_TOKEN, .fallback = "", .may_be_empty = 1,
	 .min = 1, .max = 64,
	 .sentence = "the handle of the admin who may still sign in with a password when "
		     "oidc_only is on, or empty for nobody"},
};
/* clang-format on */

const size_t setting_count = sizeof(setting_defs) / sizeof(setting_defs[0]);

const struct setting_def *
setting_find(const char *name)
{
	for (size_t i = 0; name && i < setting_count; i++)
		if (!strcmp(setting_defs[i].name, name))
			return &setting_defs[i];
	return NULL;
}

void
setting_names(struct buf *out)
{
	for (size_t i = 0; i < setting_count; i++)
		buf_addf(out, "%s%s", i ? ", " : "", setting_defs[i].name);
}

/* --- checking a value by its type ---------------------------------------------------------- */

/* No control characters, no spaces: what a URL or an address may hold. */
static int
plain(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p <= 0x20 || *p == 0x7f)
			return 0;
	return 1;
}

static int
has_prefix(const char *s, const char *const *prefixes)
{
	for (; *prefixes; prefixes++) {
		size_t n = strlen(*prefixes);

		if (!strncmp(s, *prefixes, n) && s[n])
			return 1;
	}
	return 0;
}

static int
is_word(const char *s, const char *const *words)
{
	for (; *words; words++)
		if (!strcmp(s, *words))
			return 1;
	return 0;
}

static int
zone_exists(const char *name)
{
	const char *dir = getenv("TZDIR");
	struct buf path = BUF_INIT;
	int ok;

	if (!strcmp(name, "UTC"))
		return 1;
	buf_addf(&path, "%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo", name);
	ok = access(path.buf, R_OK) == 0;
	buf_release(&path);
	return ok;
}

static int
parse_long(const char *s, long *v)
{
	char *end;

	*v = strtol(s, &end, 10);
	return *s && !*end;
}

static int
parse_double(const char *s, double *v)
{
	char *end;

	*v = strtod(s, &end);
	return *s && !*end;
}

/* 1 when value is a value of d's type (the ordering of a FRACTION aside); *i or *f its number. */
static int
valid(const struct setting_def *d, const char *value, long *i, double *f)
{
	size_t len = strlen(value);
	const char *at;

	*i = 0;
	*f = 0;
	if (!*value)
		return d->may_be_empty;
	switch (d->type) {
	case SETTING_WEEKDAY:
		return (*i = cal_parse_weekday(value)) > 0;
	case SETTING_INT:
		return parse_long(value, i) && *i >= d->min && *i <= d->max;
	case SETTING_FRACTION:
		return parse_double(value, f) && isfinite(*f) && *f >= 0 && *f <= 1;
	case SETTING_HHMM: {
		int m;

		if (sched_parse_hhmm(value, &m) < 0)
			return 0;
		*i = m;
		return 1;
	}
	case SETTING_ZONE:
		return sched_tz_name_ok(value) && zone_exists(value);
	case SETTING_URL:
		return (long)len <= d->max && plain(value) && has_prefix(value, d->words);
	case SETTING_ADDRESS:
		at = strchr(value, '@');
		return (long)len <= d->max && plain(value) && at && at != value && at[1] &&
		       !strpbrk(value, "<>,;\"()");
	case SETTING_TOKEN:
		if ((long)len < d->min || (long)len > d->max)
			return 0;
		for (const char *p = value; *p; p++)
			if (*p <= ' ' || *p >= 127)
				return 0;
		return 1;
	case SETTING_CHOICE:
		return is_word(value, d->words);
	case SETTING_ADDRESSES:
		return (long)len <= d->max && net_list_valid(value);
	case SETTING_ISSUER:
		return (long)len <= d->max && plain(value) && uri_https_or_loopback(value);
	case SETTING_TEXT:
		if ((long)len > d->max)
			return 0;
		for (const unsigned char *p = (const unsigned char *)value; *p; p++)
			if (*p < ' ' || *p == 0x7f)
				return 0;
		return 1;
	}
	return 0;
}

/* A URL, an address or a token may be a secret or long: a refusal does not repeat it. */
static int
echoes_value(const struct setting_def *d)
{
	return d->secrecy == SETTING_SHOWN && d->type != SETTING_URL &&
	       d->type != SETTING_ADDRESS && d->type != SETTING_TOKEN &&
	       d->type != SETTING_ISSUER && d->type != SETTING_TEXT;
}

static int
refuse(const struct setting_def *d, const char *value, const char *now, struct okra_err *err)
{
	if (!echoes_value(d))
		return okra_err_set(err, OKRA_EINVAL, d->name, "%s is %s", d->name, d->sentence);
	return okra_err_set(err, OKRA_EINVAL, d->name, "%s is %s%s, not %s", d->name, d->sentence,
			    now, value);
}

int
setting_check(struct app *a, const struct setting_def *d, const char *value, struct buf *out,
	      struct okra_err *err)
{
	char now[64] = "";
	long i;
	double f;
	int ok = valid(d, value, &i, &f);

	if (d->type == SETTING_FRACTION && (d->not_above || d->not_below)) {
		/* The pair as it stands, lower first, and whether value keeps it in order. */
		const char *other = d->not_above ? d->not_above : d->not_below;
		double mine = app_setting_number(a, d->name), theirs = app_setting_number(a, other);
		double lo = d->not_above ? mine : theirs, hi = d->not_above ? theirs : mine;

		snprintf(now, sizeof(now), " (now %g and %g)", lo, hi);
		if (ok && *value)
			ok = d->not_above ? f <= theirs : f >= theirs;
	}
	if (!ok)
		return refuse(d, value, now, err);
	if (!*value)
		return 0;
	switch (d->type) {
	case SETTING_WEEKDAY:
		buf_adds(out, cal_weekday_name((int)i));
		break;
	case SETTING_INT:
		buf_addf(out, "%ld", i);
		break;
	case SETTING_FRACTION:
		buf_addf(out, "%.15g", f);
		break;
	default:
		buf_adds(out, value);
		break;
	}
	return 0;
}

/* --- the typed getters --------------------------------------------------------------------- */

static int
unknown(const char *name, struct okra_err *err)
{
	struct buf names = BUF_INIT;
	int rc;

	setting_names(&names);
	rc = okra_err_set(err, OKRA_EINVAL, "name", "no setting %s (known: %s)", name, names.buf);
	buf_release(&names);
	return rc;
}

/* The stored text into out (reset), or "" when unset; *d its row. */
static int
stored(struct app *a, const char *name, const struct setting_def **d, struct buf *out,
       struct okra_err *err)
{
	int rc;

	buf_reset(out);
	if (!(*d = setting_find(name)))
		return unknown(name, err);
	if (app_memo_setting(a, *d, out))
		return 0;
	rc = store_setting_get(a->db, name, out, err);
	if (rc == OKRA_ENOTFOUND) {
		okra_err_clear(err);
		rc = 0;
	}
	if (rc < 0)
		buf_reset(out);
	else
		app_memo_setting_put(a, *d, out->len ? out->buf : "");
	return rc;
}

int
app_setting_text(struct app *a, const char *name, struct buf *out, struct okra_err *err)
{
	const struct setting_def *d;
	int rc = stored(a, name, &d, out, err);

	if (d && !out->len)
		buf_adds(out, d->fallback);
	return rc;
}

/* The setting's number: stored and valid, else the default's. */
static void
number(struct app *a, const char *name, long *i, double *f)
{
	struct buf b = BUF_INIT;
	struct okra_err ignore = {0};
	const struct setting_def *d;

	*i = 0;
	*f = 0;
	stored(a, name, &d, &b, &ignore);
	if (d && (!b.len || !valid(d, b.buf, i, f)))
		valid(d, d->fallback, i, f);
	buf_release(&b);
}

int
app_setting_int(struct app *a, const char *name)
{
	long i;
	double f;

	number(a, name, &i, &f);
	return (int)i;
}

double
app_setting_number(struct app *a, const char *name)
{
	long i;
	double f;

	number(a, name, &i, &f);
	return f;
}

static void
shown(const struct setting_def *d, const char *value, struct buf *out)
{
	if (!*value || d->secrecy == SETTING_SHOWN)
		buf_adds(out, value);
	else if (d->secrecy == SETTING_HOST_ONLY)
		uri_origin(value, out);
	else
		buf_adds(out, "(secret set)");
}

int
app_setting_shown(struct app *a, const struct setting_def *d, struct buf *out, struct okra_err *err)
{
	struct buf v = BUF_INIT;
	int rc = app_setting_text(a, d->name, &v, err);

	buf_reset(out);
	if (rc == 0 && d->type == SETTING_WEEKDAY)
		buf_adds(out, cal_weekday_name(app_setting_int(a, d->name)));
	else if (rc == 0 && d->type == SETTING_INT)
		buf_addf(out, "%d", app_setting_int(a, d->name));
	else if (rc == 0 && d->type == SETTING_FRACTION)
		buf_addf(out, "%g", app_setting_number(a, d->name));
	else if (rc == 0)
		shown(d, v.buf, out);
	memset(v.buf, 0, v.len);
	buf_release(&v);
	return rc;
}

/* --- setting a value ----------------------------------------------------------------------- */

/* Check and store one change, with its audit row (inside the caller's transaction). */
static int
save_one(struct app *a, const struct setting_def *d, const char *value, struct okra_err *err)
{
	struct buf b = BUF_INIT, show = BUF_INIT;
	int rc;

	if ((rc = setting_check(a, d, value, &b, err)) == 0 &&
	    (rc = store_setting_put(a->db, d->name, b.len ? b.buf : "", a->now, err)) == 0) {
		shown(d, b.len ? b.buf : "", &show);
		rc = app_audit(
			a, "set", "setting", 0, NULL,
			app_text_strings("name", d->name, "value", show.buf ? show.buf : "", NULL),
			err);
	}
	buf_release(&b);
	buf_release(&show);
	return rc;
}

/*
 * Save what v asks, in passes: a change refused only because the other of its
 * pair (pace_attention <= pace_risk) is saved later in v goes through on the
 * next pass; a pass that saves nothing ends it with the first refusal left.
 */
static int
save_all(struct app *a, const struct setting_def **d, const struct setting_change *v, size_t n,
	 struct okra_err *err)
{
	char *done = xcalloc(n ? n : 1, 1);
	size_t left = n;
	int rc = 0, progress = 1;

	while (left && progress && rc == 0) {
		progress = 0;
		for (size_t i = 0; i < n && rc == 0; i++) {
			struct okra_err e = {0};
			int r;

			if (done[i])
				continue;
			r = save_one(a, d[i], v[i].value, &e);
			if (r == 0) {
				done[i] = 1, left--, progress = 1;
			} else if (r != OKRA_EINVAL) {
				*err = e;
				rc = r;
			}
		}
	}
	for (size_t i = 0; i < n && rc == 0 && left; i++)
		if (!done[i])
			rc = save_one(a, d[i], v[i].value, err);
	free(done);
	return rc;
}

int
app_settings_save(struct app *a, const struct setting_change *v, size_t n, struct okra_err *err)
{
	const struct setting_def **d = xcalloc(n ? n : 1, sizeof(*d));
	int rc = 0;

	for (size_t i = 0; i < n && rc == 0; i++)
		if (!(d[i] = setting_find(v[i].name)))
			rc = unknown(v[i].name, err);
	if (rc == 0 && (rc = app_may_admin(a, "change settings", err)) == 0 &&
	    (rc = app_tx_begin(a, err)) == 0) {
		rc = app_tx_end(a, save_all(a, d, v, n, err), err);
		if (rc == 0)
			app_load_settings(a);
	}
	free(d);
	return rc;
}

int
app_setting_set(struct app *a, const char *name, const char *value, struct okra_err *err)
{
	const struct setting_def *d = setting_find(name);
	struct setting_change c = {name, value};
	struct buf b = BUF_INIT;
	int rc;

	if (!d)
		return unknown(name, err);
	/* What was typed is judged before who typed it, as before this could save several. */
	rc = setting_check(a, d, value, &b, err);
	buf_release(&b);
	return rc < 0 ? rc : app_settings_save(a, &c, 1, err);
}

int
app_may_change_settings(struct app *a, struct okra_err *err)
{
	return app_may_admin(a, "change settings", err);
}

int
app_setting_when(struct app *a, const char *name, int64_t *at, struct okra_err *err)
{
	*at = 0;
	if (!setting_find(name))
		return unknown(name, err);
	return store_setting_when(a->db, name, at, err);
}
