/* remind.c: the weekly reminder: settings, one message per DRI from the due list, the claims
 * ledger. */
#include "app/remind.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app_int.h"
#include "core/calendar.h"
#include "core/schedule.h"
#include "store/store.h"
#include "store/store_notify.h"
#include "util/xalloc.h"

#define DEFAULT_BASE_URL "http://127.0.0.1:8080"
#define DEFAULT_FROM "okra@localhost"

static char *
setting(struct app *a, const char *name, const char *fallback)
{
	struct buf b = BUF_INIT;
	struct okra_err ignore = {0};
	char *s;

	if (store_setting_get(a->db, name, &b, &ignore) < 0 || !b.len) {
		buf_release(&b);
		return xstrdup(fallback);
	}
	s = buf_detach(&b, NULL);
	return s;
}

int
app_remind_settings(struct app *a, struct remind_settings *s, struct okra_err *err)
{
	char *at;
	size_t n;

	(void)err;
	memset(s, 0, sizeof(*s));
	at = setting(a, "remind_at", "09:00");
	if (sched_parse_hhmm(at, &s->minute) < 0)
		s->minute = 9 * 60;
	free(at);
	s->tz = setting(a, "remind_tz", "UTC");
	s->base_url = setting(a, "base_url", DEFAULT_BASE_URL);
	n = strlen(s->base_url);
	while (n && s->base_url[n - 1] == '/')
		s->base_url[--n] = '\0';
	s->chat_webhook = setting(a, "chat_webhook", "");
	s->smtp_url = setting(a, "smtp_url", "");
	s->smtp_from = setting(a, "smtp_from", DEFAULT_FROM);
	return 0;
}

void
remind_settings_release(struct remind_settings *s)
{
	free(s->tz);
	free(s->base_url);
	free(s->chat_webhook);
	free(s->smtp_url);
	free(s->smtp_from);
	memset(s, 0, sizeof(*s));
}

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
has_scheme(const char *s, const char *const *schemes)
{
	for (; *schemes; schemes++) {
		size_t n = strlen(*schemes);

		if (!strncmp(s, *schemes, n) && s[n])
			return 1;
	}
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

int
app_remind_setting_check(const char *name, const char *value, struct buf *out, int *secret,
			 struct okra_err *err)
{
	static const char *const web[] = {"http://", "https://", NULL};
	static const char *const smtp[] = {"smtp://", "smtps://", NULL};
	int m;

	*secret = 0;
	if (!strcmp(name, "remind_at")) {
		if (sched_parse_hhmm(value, &m) < 0)
			return okra_err_set(
				err, OKRA_EINVAL, name,
				"remind_at is a local time HH:MM (00:00 … 23:59), not %s", value);
	} else if (!strcmp(name, "remind_tz")) {
		if (!sched_tz_name_ok(value) || !zone_exists(value))
			return okra_err_set(
				err, OKRA_EINVAL, name,
				"remind_tz is a time zone name such as Europe/Zurich or "
				"UTC; %s is not one this system knows",
				value);
	} else if (!strcmp(name, "base_url")) {
		if (strlen(value) > 512 || !plain(value) || !has_scheme(value, web))
			return okra_err_set(err, OKRA_EINVAL, name,
					    "base_url is the address people open okra at, like "
					    "https://okra.example.com (http or https, no spaces)");
	} else if (!strcmp(name, "chat_webhook")) {
		*secret = 1;
		if (*value && (strlen(value) > 2048 || !plain(value) || !has_scheme(value, web)))
			return okra_err_set(
				err, OKRA_EINVAL, name,
				"chat_webhook is an incoming-webhook URL (http or https), "
				"or empty to turn chat reminders off");
	} else if (!strcmp(name, "smtp_url")) {
		*secret = 1;
		if (*value && (strlen(value) > 2048 || !plain(value) || !has_scheme(value, smtp)))
			return okra_err_set(
				err, OKRA_EINVAL, name,
				"smtp_url is smtp://HOST:PORT or smtps://HOST:PORT (user "
				"and password may go before the host), or empty to turn "
				"mail off");
	} else if (!strcmp(name, "smtp_from")) {
		const char *at = strchr(value, '@');

		if (*value && (strlen(value) > 254 || !plain(value) || !at || at == value ||
			       !at[1] || strpbrk(value, "<>,;\"()")))
			return okra_err_set(
				err, OKRA_EINVAL, name,
				"smtp_from is the sender's address, like okra@example.com");
	} else {
		return 0;
	}
	buf_adds(out, value);
	return 1;
}

void
app_redact_url(const char *url, struct buf *out)
{
	const char *scheme = strstr(url, "://"), *host, *end, *at;

	if (!scheme) {
		buf_adds(out, "(a URL)");
		return;
	}
	host = scheme + 3;
	end = host + strcspn(host, "/?#");
	/* user:password@ goes; the rest of the authority stays. */
	at = memchr(host, '@', (size_t)(end - host));
	if (at)
		host = at + 1;
	buf_add(out, url, (size_t)(scheme + 3 - url));
	buf_add(out, host, (size_t)(end - host));
	if (*end)
		buf_adds(out, "/…");
}

/* --- messages ------------------------------------------------------------------------------ */

static void
msg_text(struct remind_msg *m, const struct person *p, const struct due_list *d, size_t from,
	 size_t to, const char *base_url)
{
	struct buf t = BUF_INIT, s = BUF_INIT;
	char week[11];
	const char *wd = cal_weekday_name(cal_weekday(d->update_day));

	cal_format_date(d->update_day, week);
	buf_addf(&s, "OKR updates due for the week of %s %s (%zu)", wd, week, to - from);
	buf_addf(&t, "Hi %s (@%s), your OKR updates for the week of %s %s:\n", p->name, p->handle,
		 wd, week);
	for (size_t i = from; i < to; i++) {
		const struct due_item *x = &d->v[i];

		if (x->key_result)
			buf_addf(&t, "- Check-in on KR #%lld \"%s\": %s/objectives/%lld#kr-%lld\n",
				 (long long)x->key_result, x->title, base_url,
				 (long long)x->objective, (long long)x->key_result);
		else
			buf_addf(&t, "- Status of objective #%lld \"%s\": %s/objectives/%lld\n",
				 (long long)x->objective, x->title, base_url,
				 (long long)x->objective);
	}
	buf_addf(&t, "Everything in one form: %s/checkin\n", base_url);
	m->subject = buf_detach(&s, NULL);
	m->text = buf_detach(&t, NULL);
	m->nitems = to - from;
	memcpy(m->week, week, sizeof(week));
}

static const struct person *
find_person(const struct person *v, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].id == id)
			return &v[i];
	return NULL;
}

int
app_remind_messages(struct app *a, int32_t day, int64_t person, const char *base_url,
		    struct remind_msg **v, size_t *n, struct okra_err *err)
{
	struct due_list d = {0};
	struct person *people = NULL;
	size_t npeople = 0, alloc = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if ((rc = app_due(a, day, &d, err)) < 0 ||
	    (rc = store_person_list(a->db, &people, &npeople, err)) < 0)
		goto out;
	/* app_due sorts by handle: each person's items are one run. */
	for (size_t i = 0; i < d.n;) {
		size_t j = i;
		const struct person *p = find_person(people, npeople, d.v[i].person);
		struct remind_msg *m;

		while (j < d.n && d.v[j].person == d.v[i].person)
			j++;
		if (p && (!person || p->id == person)) {
			ALLOC_GROW(*v, *n + 1, alloc);
			m = &(*v)[(*n)++];
			memset(m, 0, sizeof(*m));
			m->person = p->id;
			m->handle = xstrdup(p->handle);
			m->name = xstrdup(p->name && *p->name ? p->name : p->handle);
			m->email = p->email && *p->email ? xstrdup(p->email) : NULL;
			msg_text(m, p, &d, i, j, base_url);
		}
		i = j;
	}
out:
	for (size_t i = 0; i < npeople; i++)
		person_release(&people[i]);
	free(people);
	due_list_release(&d);
	if (rc < 0) {
		remind_msgs_free(*v, *n);
		*v = NULL;
		*n = 0;
	}
	return rc;
}

void
remind_msgs_free(struct remind_msg *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].handle);
		free(v[i].name);
		free(v[i].email);
		free(v[i].subject);
		free(v[i].text);
	}
	free(v);
}

/* --- the ledger ------------------------------------------------------------------------------ */

/*
 * The ledger is bookkeeping, not a change to the OKRs: no audit row (the
 * audit id is the store's revision, and a reminder must not invalidate the
 * caches of every page).
 */
int
app_remind_claim(struct app *a, struct remind_claim *v, size_t n, struct okra_err *err)
{
	int rc;

	if ((rc = app_tx_begin(a, err)) < 0)
		return rc;
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = store_notification_claim(a->db, v[i].person, v[i].week, v[i].channel, a->now,
					      v[i].retry_at, &v[i].id, &v[i].claimed, err);
	rc = app_tx_end(a, rc, err);
	if (rc < 0)
		for (size_t i = 0; i < n; i++)
			v[i].claimed = 0;
	return rc;
}

int
app_remind_sent(struct app *a, int64_t id, struct okra_err *err)
{
	int rc;

	if ((rc = app_tx_begin(a, err)) < 0)
		return rc;
	rc = store_notification_sent(a->db, id, a->now, err);
	return app_tx_end(a, rc, err);
}

int
app_remind_failed(struct app *a, int64_t id, const char *error, int64_t retry_at,
		  struct okra_err *err)
{
	int rc;

	if ((rc = app_tx_begin(a, err)) < 0)
		return rc;
	rc = store_notification_failed(a->db, id, error, retry_at, err);
	return app_tx_end(a, rc, err);
}

int
app_remind_retries_due(struct app *a, int64_t now_ms, struct remind_retry **v, size_t *n,
		       struct okra_err *err)
{
	struct store_notification *rows = NULL;
	size_t nrows = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if ((rc = store_notifications_due(a->db, now_ms, &rows, &nrows, err)) < 0)
		return rc;
	if (nrows) {
		*v = xcalloc(nrows, sizeof(**v));
		for (size_t i = 0; i < nrows; i++) {
			(*v)[i].id = rows[i].id;
			(*v)[i].person = rows[i].person;
			memcpy((*v)[i].week, rows[i].week, sizeof(rows[i].week));
			memcpy((*v)[i].channel, rows[i].channel, sizeof(rows[i].channel));
			(*v)[i].attempts = rows[i].attempts;
		}
		*n = nrows;
	}
	free(rows);
	return 0;
}

int
app_remind_take(struct app *a, const struct remind_retry *r, int64_t retry_at, int *taken,
		struct okra_err *err)
{
	int rc;

	*taken = 0;
	if ((rc = app_tx_begin(a, err)) < 0)
		return rc;
	rc = store_notification_take(a->db, r->id, r->attempts, retry_at, taken, err);
	rc = app_tx_end(a, rc, err);
	if (rc < 0)
		*taken = 0;
	return rc;
}
