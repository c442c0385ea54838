/* mentions.c: the conversation's notices sent: each due send of the outbox taken by one process,
 * delivered over the reminders' channels (chat webhook, mail), and recorded. */
#include "notify/notify.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app/comments.h"
#include "app/remind.h"
#include "core/schedule.h"
#include "notify/send.h"
#include "util/xalloc.h"

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int
deliver(const struct remind_settings *s, const struct comment_send *m, struct okra_err *err)
{
	const char *at = strrchr(s->smtp_from, '@');
	struct buf b = BUF_INIT;
	int rc;

	if (!strcmp(m->channel, "webhook")) {
		if (!*s->chat_webhook)
			return okra_err_set(err, OKRA_ESTATE, "", "the chat webhook is not set");
		notify_chat_escape(m->text, &b);
		rc = notify_webhook_post(s->chat_webhook, b.buf, err);
	} else {
		struct mail mail = {.from = s->smtp_from,
				    .to = m->email,
				    .subject = m->subject,
				    .text = m->text};

		if (!*s->smtp_url)
			return okra_err_set(err, OKRA_ESTATE, "", "smtp_url is not set");
		buf_addf(&b, "<okra-comment-send-%lld@%s>", (long long)m->id,
			 at && at[1] ? at + 1 : "okra.invalid");
		mail.message_id = b.buf;
		rc = notify_mail_send(s->smtp_url, &mail, err);
	}
	buf_release(&b);
	return rc;
}

static struct notify_outcome *
outcome(struct notify_run *r, const struct comment_send *m, enum notify_kind kind, int try)
{
	struct notify_outcome *o;

	ALLOC_GROW(r->v, r->n + 1, r->alloc);
	o = &r->v[r->n++];
	memset(o, 0, sizeof(*o));
	o->handle = xstrdup(m->handle);
	snprintf(o->channel, sizeof(o->channel), "%s", m->channel);
	o->kind = kind;
	o->attempt = try;
	o->comment_send = m->id;
	return o;
}

/* Send one taken send and record how it went. */
static void
send_one(struct app *a, const struct remind_settings *s, const struct comment_send *m, int try,
	 int64_t retry_at, struct notify_run *out)
{
	struct okra_err e = {0}, ignore = {0};
	struct notify_outcome *o;

	if (m->drop) {
		o = outcome(out, m, NOTIFY_DROPPED, try);
		o->error = xstrdup("the comment was removed, the person left or has no address");
		app_comment_send_done(a, m->id, o->error, 0, &ignore);
	} else if (deliver(s, m, &e) == 0) {
		outcome(out, m, NOTIFY_SENT, try);
		app_comment_send_done(a, m->id, NULL, 0, &ignore);
	} else {
		o = outcome(out, m, NOTIFY_FAILED, try);
		o->error = xstrdup(e.msg[0] ? e.msg : "the send failed");
		o->retry_in_ms = retry_at > 0 ? retry_at - now_ms() : 0;
		if (o->retry_in_ms < 0)
			o->retry_in_ms = 0;
		app_comment_send_done(a, m->id, o->error, retry_at, &ignore);
	}
}

int
notify_comments(struct app *a, struct notify_run *out, struct okra_err *err)
{
	struct remind_settings s = {0};
	struct comment_send *due = NULL;
	int64_t base = notify_retry_base_ms();
	size_t ndue = 0;
	int rc;

	if ((rc = app_remind_settings(a, &s, err)) < 0 ||
	    (rc = app_comment_sends_due(a, now_ms(), s.base_url, &due, &ndue, err)) < 0)
		goto out;
	for (size_t i = 0; i < ndue; i++) {
		int try = (int)due[i].attempts + 1, taken = 0;
		int64_t next = sched_backoff_ms(try, base);
		int64_t retry_at = next < 0 ? 0 : now_ms() + next;
		struct okra_err e = {0};

		if (app_comment_send_take(a, &due[i], retry_at, &taken, &e) < 0 || !taken)
			continue;
		send_one(a, &s, &due[i], try, retry_at, out);
	}
out:
	app_comment_sends_free(due, ndue);
	remind_settings_release(&s);
	return rc;
}
