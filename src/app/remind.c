/* remind.c: the weekly reminder: settings, one message per DRI from the due list, the claims
 * ledger. */
#include "app/remind.h"

#include <stdlib.h>
#include <string.h>

#include "app/app_int.h"
#include "app/settings.h"
#include "core/calendar.h"
#include "core/validate.h"
#include "store/store.h"
#include "store/store_notify.h"
#include "util/xalloc.h"
#include "app/tree.h"

/* The setting's text (its default when unset), malloc'd; a store error reads as the default. */
static char *
setting(struct app *a, const char *name)
{
	struct buf b = BUF_INIT;
	struct okra_err ignore = {0};

	app_setting_text(a, name, &b, &ignore);
	return buf_detach(&b, NULL);
}

int
app_remind_settings(struct app *a, struct remind_settings *s, struct okra_err *err)
{
	size_t n;

	(void)err;
	memset(s, 0, sizeof(*s));
	s->minute = app_setting_int(a, "remind_at");
	s->tz = setting(a, "remind_tz");
	s->base_url = setting(a, "base_url");
	n = strlen(s->base_url);
	while (n && s->base_url[n - 1] == '/')
		s->base_url[--n] = '\0';
	s->chat_webhook = setting(a, "chat_webhook");
	s->smtp_url = setting(a, "smtp_url");
	s->smtp_from = setting(a, "smtp_from");
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
	buf_addf(&t, "Where the company stands: %s/report/weekly?date=%s\n", base_url, week);
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
	struct arena ar = ARENA_INIT;
	struct person *people = NULL;
	size_t npeople = 0, alloc = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if ((rc = app_due(a, day, &d, err)) < 0 ||
	    (rc = store_person_list(a->db, &ar, &people, &npeople, err)) < 0)
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
	arena_release(&ar);
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

/* --- a test message ------------------------------------------------------------------------ */

void
test_message_release(struct test_message *m)
{
	free(m->url);
	free(m->from);
	free(m->to);
	free(m->subject);
	free(m->text);
	free(m->message_id);
	memset(m, 0, sizeof(*m));
}

/* The address the test mail goes to: to, or the actor's own. */
static int
test_recipient(struct app *a, const char *to, struct test_message *m, struct okra_err *err)
{
	int rc;

	if (!to || !*to)
		to = a->actor.email;
	if (!to || !*to)
		return okra_err_set(err, OKRA_EINVAL, "to",
				    "to is the address the test mail goes to (%s has none of "
				    "their own)",
				    a->actor.id ? a->actor.handle : "the system");
	if ((rc = validate_email("to", to, err)) < 0)
		return rc;
	m->to = xstrdup(to);
	return 0;
}

int
app_test_message(struct app *a, const char *channel, const char *to, struct test_message *m,
		 struct okra_err *err)
{
	struct buf t = BUF_INIT, id = BUF_INIT;
	char *base;
	int rc;

	memset(m, 0, sizeof(*m));
	if (!channel || (strcmp(channel, "chat") && strcmp(channel, "email")))
		return okra_err_set(err, OKRA_EINVAL, "channel", "channel is chat or email");
	if ((rc = app_may_change_settings(a, err)) < 0)
		return rc;
	m->email = !strcmp(channel, "email");
	m->url = setting(a, m->email ? "smtp_url" : "chat_webhook");
	if (!*m->url) {
		rc = okra_err_set(err, OKRA_ESTATE, "channel",
				  "%s is not set: set it before sending a test message",
				  m->email ? "smtp_url" : "chat_webhook");
		goto fail;
	}
	if (m->email && (rc = test_recipient(a, to, m, err)) < 0)
		goto fail;
	base = setting(a, "base_url");
	m->from = setting(a, "smtp_from");
	m->subject = xstrdup("okra: a test message");
	buf_addf(&t, "A test message from okra at %s, sent by %s: this channel works.", base,
		 a->actor.id ? a->actor.handle : "the system");
	m->text = buf_detach(&t, NULL);
	buf_addf(&id, "<okra-test-%lld@okra>", (long long)a->now);
	m->message_id = buf_detach(&id, NULL);
	free(base);
	return 0;
fail:
	test_message_release(m);
	return rc;
}

static app_channel_sender channel_sender;

void
app_set_channel_sender(app_channel_sender send)
{
	channel_sender = send;
}

int
app_try_channel(struct app *a, const char *channel, const char *to, struct channel_answer *ans,
		struct okra_err *err)
{
	struct test_message m;
	int rc;

	memset(ans, 0, sizeof(*ans));
	if ((rc = app_test_message(a, channel, to, &m, err)) < 0)
		return rc;
	if (channel_sender)
		channel_sender(&m, ans);
	else
		rc = okra_err_set(err, OKRA_ESTATE, "channel", "this program sends no messages");
	test_message_release(&m);
	return rc;
}

void
app_channel_answer_words(int email, const struct channel_answer *ans, struct buf *out)
{
	buf_adds(out, email ? "The mail server" : "The chat webhook");
	if (!ans->code)
		buf_addf(out, " did not answer: %s", ans->line);
	else if (email && ans->line[0])
		buf_addf(out, " answered %s", ans->line);
	else
		buf_addf(out, " answered %s%ld%s%s", email ? "code " : "HTTP ", ans->code,
			 ans->line[0] ? ": " : "", ans->line);
	buf_adds(out, ans->delivered ? " (delivered)." : " (not delivered).");
}
