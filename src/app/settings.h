/* settings.h: the settings registry — one row per admin setting (type, default, secrecy and the
 * sentence that explains it) — and the typed getters every reader uses. */
#ifndef OKRA_APP_SETTINGS_H
#define OKRA_APP_SETTINGS_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"
#include "util/err.h"

struct app;

/*
 * Adding a setting is one row in setting_defs (settings.c) plus its use: the
 * CLI (okra setting set/get/list and its help), the API (GET and PUT
 * /api/v1/settings), the audit trail and the refusals all follow the row.
 * A value is stored as text; readers never parse it themselves but ask a
 * typed getter below, which falls back to the row's default when the
 * setting is unset, empty or (for a number) not one.
 */
enum setting_type {
	SETTING_WEEKDAY,   /* monday … sunday (or mon … sun), stored as "Monday" … */
	SETTING_INT,       /* a whole number min … max */
	SETTING_FRACTION,  /* a number 0 … 1, optionally ordered against another setting */
	SETTING_HHMM,      /* a local time HH:MM; the getter gives minutes after midnight */
	SETTING_ZONE,      /* a time zone name the system knows (TZDIR) */
	SETTING_URL,       /* a URL with one of words' schemes, at most max bytes, no spaces */
	SETTING_ADDRESS,   /* a mail address, at most max bytes */
	SETTING_TOKEN,     /* printable ASCII without spaces, min … max bytes */
	SETTING_CHOICE,    /* one of words */
	SETTING_ADDRESSES, /* IP addresses and CIDR prefixes, comma- or space-separated (net.h) */
	SETTING_ISSUER,    /* an OpenID issuer: https, or http on a loopback address; max bytes */
	SETTING_TEXT,      /* one line of text without control characters, at most max bytes */
};

/* What of a value may be shown: in the API, okra setting get/list and the audit trail. */
enum setting_secrecy {
	SETTING_SHOWN,       /* all of it */
	SETTING_HOST_ONLY,   /* a URL that may hold credentials: only scheme://host (uri_origin)
			      */
	SETTING_NEVER_SHOWN, /* only whether it is set: "(secret set)" */
};

/* Where the settings page shows a setting (its title: setting_group_titles). */
enum setting_group {
	SETTING_PROCESS,      /* the update day, the fiscal year, pace */
	SETTING_REMINDERS,    /* when and where reminders go: chat webhook, SMTP */
	SETTING_INTEGRATIONS, /* the forges' webhooks */
	SETTING_SIGN_IN,      /* single sign-on (OpenID Connect) */
	SETTING_OTHER,
	SETTING_NGROUPS,
};
extern const char *const setting_group_titles[SETTING_NGROUPS];

struct setting_def {
	const char *name;
	enum setting_group group;
	const char *label; /* a few words for a form's label: "Update day" */
	enum setting_type type;
	enum setting_secrecy secrecy;
	const char *fallback; /* the value when unset, as text ("" = off) */
	int may_be_empty;     /* "" is accepted: it turns the feature off or means the default */
	int listed;           /* in GET /api/v1/settings (then SETTING_SHOWN) */
	long min, max;        /* INT: the range; URL, ADDRESS, TOKEN: the length bounds */
	const char *const *words; /* CHOICE: the words; URL: the schemes ("https://") */
	const char *not_above;    /* FRACTION: the setting this one may not exceed */
	const char *not_below;    /* FRACTION: the setting this one may not fall below */
	/* What it is and what it takes, read after "NAME is " (in refusals too): no final stop. */
	const char *sentence;
};

/* The registry, in the order okra setting list shows it. */
extern const struct setting_def setting_defs[];
extern const size_t setting_count;

/* The row named name, or NULL. */
const struct setting_def *setting_find(const char *name);
/* "update_weekday, fiscal_year_first_month, …": every name, for messages. */
void setting_names(struct buf *out);

/*
 * Check value for d (the ordering of a FRACTION against a's current value of
 * the other); 0 and its stored form into out (a weekday by its name, a
 * number normalised), or OKRA_EINVAL saying "NAME is SENTENCE[, not VALUE]"
 * (the value is echoed only when it cannot be a secret or a long text).
 */
int setting_check(struct app *a, const struct setting_def *d, const char *value, struct buf *out,
		  struct okra_err *err);

/*
 * Admins only, one transaction with its audit row (which shows the value as
 * secrecy allows). An unknown name is OKRA_EINVAL with err->field "name",
 * listing the known names.
 */
int app_setting_set(struct app *a, const char *name, const char *value, struct okra_err *err);

/*
 * Set several at once (a form of the settings page): admins only, one
 * transaction, an audit row each; the first value refused (in the order
 * given, but a FRACTION is checked against the other of its pair as saved
 * in the same change) refuses them all.
 */
struct setting_change {
	const char *name, *value;
};
int app_settings_save(struct app *a, const struct setting_change *v, size_t n,
		      struct okra_err *err);
/* 0 when the actor may change settings (admins), else OKRA_EFORBIDDEN saying so. */
int app_may_change_settings(struct app *a, struct okra_err *err);
/* When name was last set, UTC seconds (0: not set, or before this was recorded). */
int app_setting_when(struct app *a, const char *name, int64_t *at, struct okra_err *err);

/*
 * The typed getters, reading the store now. name must be in the registry
 * (else OKRA_EINVAL). text: the stored value, or the default when unset or
 * empty, into out (which is reset); a store error is returned (out then
 * holds the default). int: a WEEKDAY as 1..7 (Monday = 1), an INT, an HHMM
 * as minutes after midnight; number: a FRACTION. Both give the default
 * when the stored text is not a valid value, and on any error.
 */
int app_setting_text(struct app *a, const char *name, struct buf *out, struct okra_err *err);
int app_setting_int(struct app *a, const char *name);
double app_setting_number(struct app *a, const char *name);
/* What may be shown of d's value (see enum setting_secrecy) into out (reset first). */
int app_setting_shown(struct app *a, const struct setting_def *d, struct buf *out,
		      struct okra_err *err);

#endif
