/* notify.c: one reminder per DRI and channel per week: claim, send, record; and the retries. */
#include "notify/notify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/remind.h"
#include "core/calendar.h"
#include "core/schedule.h"
#include "notify/send.h"
#include "util/xalloc.h"

#define CH_WEBHOOK "webhook"
#define CH_MAIL "mail"

int64_t
notify_retry_base_ms(void)
{
	const char *s = getenv("OKRA_RETRY_BASE_MS");
	char *end;
	long long v;

	if (!s || !*s)
		return 60000;
	v = strtoll(s, &end, 10);
	if (*end || v < 0 || v > 86400000LL)
		return 60000;
	return v;
}

static int64_t
real_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static struct notify_outcome *
outcome(struct notify_run *r, const char *handle, const char *channel, const char *week,
	enum notify_kind kind)
{
	struct notify_outcome *o;

	ALLOC_GROW(r->v, r->n + 1, r->alloc);
	o = &r->v[r->n++];
	memset(o, 0, sizeof(*o));
	o->handle = xstrdup(handle ? handle : "?");
	snprintf(o->channel, sizeof(o->channel), "%s", channel);
	snprintf(o->week, sizeof(o->week), "%s", week);
	o->kind = kind;
	return o;
}

void
notify_run_release(struct notify_run *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].handle);
		free(r->v[i].error);
	}
	free(r->v);
	memset(r, 0, sizeof(*r));
}

void
notify_outcome_format(const struct notify_outcome *o, struct buf *out)
{
	if (o->comment_send)
		buf_addf(out, "%-7s %-10s comment notice %lld: ", o->channel, o->handle,
			 (long long)o->comment_send);
	else
		buf_addf(out, "%-7s %-10s week %s: ", o->channel, o->handle, o->week);
	switch (o->kind) {
	case NOTIFY_SENT:
		if (o->comment_send) {
			buf_adds(out, o->attempt > 1 ? "sent, on a retry" : "sent");
			break;
		}
		buf_addf(out, "sent (%zu update%s owed%s)", o->nitems, o->nitems == 1 ? "" : "s",
			 o->attempt > 1 ? ", on a retry" : "");
		break;
	case NOTIFY_FAILED:
		buf_addf(out, "FAILED (try %d): %s; ", o->attempt, o->error ? o->error : "?");
		if (o->retry_in_ms > 0)
			buf_addf(out, "retry in %lld s",
				 (long long)((o->retry_in_ms + 999) / 1000));
		else
			buf_adds(out, "given up");
		break;
	case NOTIFY_ALREADY:
		buf_adds(out, "already sent or claimed this week");
		break;
	case NOTIFY_NO_EMAIL:
		buf_adds(out, "skipped: no email address");
		break;
	case NOTIFY_DROPPED:
		buf_addf(out, "retry dropped: %s", o->error ? o->error : "nothing owed any more");
		break;
	}
}

/* The domain of the sender, for Message-IDs. */
static const char *
from_domain(const char *from)
{
	const char *at = strrchr(from, '@');

	return at && at[1] ? at + 1 : "okra.invalid";
}

static int
deliver(const struct remind_settings *s, const struct remind_msg *m, const char *channel,
	struct okra_err *err)
{
	int rc;

	if (!strcmp(channel, CH_WEBHOOK)) {
		struct buf text = BUF_INIT;

		notify_chat_escape(m->text, &text);
		rc = notify_webhook_post(s->chat_webhook, text.buf, err);
		buf_release(&text);
		return rc;
	}
	{
		struct buf id = BUF_INIT;
		struct mail mail = {.from = s->smtp_from,
				    .to = m->email,
				    .subject = m->subject,
				    .text = m->text};

		buf_addf(&id, "<okra-remind-%lld-%s@%s>", (long long)m->person, m->week,
			 from_domain(s->smtp_from));
		mail.message_id = id.buf;
		rc = notify_mail_send(s->smtp_url, &mail, err);
		buf_release(&id);
		return rc;
	}
}

/* Send a claimed message and record how it went. */
static void
attempt(struct app *a, const struct remind_settings *s, const struct remind_msg *m,
	const char *channel, int64_t id, int try, int64_t retry_at, struct notify_run *out)
{
	struct okra_err err = {0}, ignore = {0};
	struct notify_outcome *o;

	if (deliver(s, m, channel, &err) == 0) {
		o = outcome(out, m->handle, channel, m->week, NOTIFY_SENT);
		app_remind_sent(a, id, &ignore);
	} else {
		o = outcome(out, m->handle, channel, m->week, NOTIFY_FAILED);
		o->error = xstrdup(err.msg[0] ? err.msg : "the send failed");
		o->retry_in_ms = retry_at > 0 ? retry_at - real_ms() : 0;
		if (o->retry_in_ms < 0)
			o->retry_in_ms = 0;
		app_remind_failed(a, id, o->error, retry_at, &ignore);
	}
	o->attempt = try;
	o->nitems = m->nitems;
}

int
notify_retry(struct app *a, struct notify_run *out, struct okra_err *err)
{
	struct remind_settings s = {0};
	struct remind_retry *due = NULL;
	int64_t now = real_ms(), base = notify_retry_base_ms();
	size_t ndue = 0;
	int rc;

	if ((rc = notify_comments(a, out, err)) < 0 ||
	    (rc = app_remind_retries_due(a, now, &due, &ndue, err)) < 0 || !ndue)
		goto out;
	if ((rc = app_remind_settings(a, &s, err)) < 0)
		goto out;
	for (size_t i = 0; i < ndue; i++) {
		const struct remind_retry *r = &due[i];
		int try = (int)r->attempts + 1;
		int64_t next = sched_backoff_ms(try, base);
		int64_t retry_at = next < 0 ? 0 : real_ms() + next;
		struct remind_msg *m = NULL;
		struct notify_outcome *o;
		struct okra_err e = {0};
		size_t nm = 0;
		int32_t week, day = a->today;
		int taken = 0;

		if (app_remind_take(a, r, retry_at, &taken, &e) < 0 || !taken)
			continue;
		if (cal_parse_date(r->week, &week) < 0 || day >= week + 7 || day < week) {
			o = outcome(out, NULL, r->channel, r->week, NOTIFY_DROPPED);
			o->error = xstrdup("that week is over");
			app_remind_failed(a, r->id, o->error, 0, &e);
			continue;
		}
		if (app_remind_messages(a, day, r->person, s.base_url, &m, &nm, &e) < 0)
			continue; /* taken: the next retry (if any) tries again */
		if (!nm || (!strcmp(r->channel, CH_MAIL) && (!m[0].email || !*s.smtp_url)) ||
		    (!strcmp(r->channel, CH_WEBHOOK) && !*s.chat_webhook)) {
			o = outcome(out, nm ? m[0].handle : NULL, r->channel, r->week,
				    NOTIFY_DROPPED);
			o->error = xstrdup(nm ? "the channel is no longer set up"
					      : "nothing owed any more");
			o->attempt = try;
			app_remind_failed(a, r->id, o->error, 0, &e);
		} else {
			attempt(a, &s, &m[0], r->channel, r->id, try, retry_at, out);
		}
		remind_msgs_free(m, nm);
	}
out:
	free(due);
	remind_settings_release(&s);
	return rc;
}

int
notify_remind(struct app *a, int32_t day, struct notify_run *out, struct okra_err *err)
{
	struct remind_settings s = {0};
	struct remind_msg *m = NULL;
	struct remind_claim *claims = NULL;
	const struct remind_msg **claim_msg = NULL;
	size_t nm = 0, nclaims = 0;
	int64_t base = notify_retry_base_ms(), retry_at;
	int rc;

	if ((rc = app_remind_settings(a, &s, err)) < 0)
		goto out;
	if (!*s.chat_webhook && !*s.smtp_url) {
		rc = okra_err_set(
			err, OKRA_ESTATE, "channel",
			"no reminder channel is set up: okra setting set chat_webhook URL, "
			"or smtp_url smtp://HOST:PORT (and smtp_from)");
		goto out;
	}
	if ((rc = app_remind_messages(a, day, 0, s.base_url, &m, &nm, err)) < 0)
		goto out;
	claims = xcalloc(nm * 2 + 1, sizeof(*claims));
	claim_msg = xcalloc(nm * 2 + 1, sizeof(*claim_msg));
	retry_at = real_ms() + sched_backoff_ms(1, base);
	for (size_t i = 0; i < nm; i++) {
		if (*s.chat_webhook) {
			claims[nclaims] = (struct remind_claim){.person = m[i].person,
								.week = m[i].week,
								.channel = CH_WEBHOOK,
								.retry_at = retry_at};
			claim_msg[nclaims++] = &m[i];
		}
		if (*s.smtp_url && m[i].email) {
			claims[nclaims] = (struct remind_claim){.person = m[i].person,
								.week = m[i].week,
								.channel = CH_MAIL,
								.retry_at = retry_at};
			claim_msg[nclaims++] = &m[i];
		} else if (*s.smtp_url) {
			outcome(out, m[i].handle, CH_MAIL, m[i].week, NOTIFY_NO_EMAIL)->nitems =
				m[i].nitems;
		}
	}
	if (nclaims && (rc = app_remind_claim(a, claims, nclaims, err)) < 0)
		goto out;
	for (size_t i = 0; i < nclaims; i++) {
		if (claims[i].claimed)
			attempt(a, &s, claim_msg[i], claims[i].channel, claims[i].id, 1,
				claims[i].retry_at, out);
		else
			outcome(out, claim_msg[i]->handle, claims[i].channel, claim_msg[i]->week,
				NOTIFY_ALREADY)
				->nitems = claim_msg[i]->nitems;
	}
	rc = notify_retry(a, out, err);
out:
	free(claims);
	free(claim_msg);
	remind_msgs_free(m, nm);
	remind_settings_release(&s);
	return rc;
}
