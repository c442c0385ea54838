/* send.h: delivering one message: a chat incoming webhook or SMTP mail, through libcurl. */
#ifndef OKRA_SEND_H
#define OKRA_SEND_H

#include "app/remind.h"
#include "util/buf.h"
#include "util/err.h"

/*
 * Each call is one blocking transfer with short time limits (5 s to
 * connect, 20 s in all), restricted to http, https, smtp and smtps, that
 * never follows redirects. On failure err says why in words that never hold
 * the URL itself (the webhook URL and the SMTP URL are secrets): the host at
 * most. Call notify_send_init() once before any thread starts.
 */
void notify_send_init(void);

/* POST {"text": text} as JSON to a Slack- or Mattermost-compatible incoming webhook. */
int notify_webhook_post(const char *url, const char *text, struct okra_err *err);

struct mail {
	const char *from, *to;  /* bare addresses */
	const char *subject;    /* one line */
	const char *text;       /* the body, plain UTF-8 text */
	const char *message_id; /* "<…@…>", so a receiver can tell a resend from a new mail */
};
/* Send one mail through the relay at smtp_url (smtp:// or smtps://). */
int notify_mail_send(const char *smtp_url, const struct mail *m, struct okra_err *err);

/* As notify_webhook_post and notify_mail_send, keeping what the receiver answered in *ans. */
int notify_webhook_try(const char *url, const char *text, struct channel_answer *ans,
		       struct okra_err *err);
int notify_mail_try(const char *smtp_url, const struct mail *m, struct channel_answer *ans,
		    struct okra_err *err);

/* Slack's text escaping (&, <, >): a title cannot become a <!channel> mention. */
void notify_chat_escape(const char *s, struct buf *out);

#endif
