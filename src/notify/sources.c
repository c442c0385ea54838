/* sources.c: a KR source that failed, told to the KR's DRI over the reminders' channels (the chat
 * webhook, mail): each distinct error once, taken by one process. */
#include "notify/notify.h"

#include <string.h>

#include "app/remind.h"
#include "app/sources.h"
#include "notify/send.h"
#include "util/arena.h"

/* Send n over every channel set; 0 when one of them took it. */
static int
tell(const struct remind_settings *s, const struct source_notice *n, int64_t now,
     struct okra_err *err)
{
	const char *host = strrchr(s->smtp_from, '@');
	struct buf b = BUF_INIT;
	int sent = 0, rc = 0;

	if (*s->chat_webhook) {
		notify_chat_escape(n->text, &b);
		if ((rc = notify_webhook_post(s->chat_webhook, b.buf, err)) == 0)
			sent = 1;
	}
	if (*s->smtp_url && *n->email) {
		struct mail m = {.from = s->smtp_from,
				 .to = n->email,
				 .subject = n->subject,
				 .text = n->text};

		buf_reset(&b);
		buf_addf(&b, "<okra-source-%lld-%lld@%s>", (long long)n->key_result, (long long)now,
			 host && host[1] ? host + 1 : "okra.invalid");
		m.message_id = b.buf;
		if ((rc = notify_mail_send(s->smtp_url, &m, err)) == 0)
			sent = 1;
	}
	buf_release(&b);
	return sent ? 0 : rc;
}

int
notify_sources(struct app *a, const struct remind_settings *s, int *told, struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	struct source_notice *v;
	size_t n;
	int rc;

	*told = 0;
	if (!*s->chat_webhook && !*s->smtp_url)
		return 0;
	if ((rc = app_source_notices(a, &ar, &v, &n, err)) < 0)
		goto out;
	for (size_t i = 0; i < n; i++) {
		struct okra_err failed = {0};
		int taken = 0;

		/* Taken before it is sent: a failed send is logged, not retried (the next
		 * distinct error is told again). */
		if ((rc = app_source_notice_take(a, &v[i], &taken, err)) < 0)
			goto out;
		if (!taken)
			continue;
		if (tell(s, &v[i], a->now, &failed) < 0) {
			rc = okra_err_set(err, OKRA_EIO, "",
					  "key result %lld's source error not told to %s: %s",
					  (long long)v[i].key_result, v[i].handle, failed.msg);
			goto out;
		}
		(*told)++;
	}
out:
	arena_release(&ar);
	return rc;
}
