/* remind.h: the weekly reminder's use cases: its settings, one message per DRI, the claims ledger.
 */
#ifndef OKRA_REMIND_H
#define OKRA_REMIND_H

#include <stddef.h>
#include <stdint.h>

#include "app/app.h"
#include "util/buf.h"
#include "util/err.h"

/*
 * Sending is not done here (src/notify does it, through libcurl): this layer
 * says who owes what (app_due), words the message, and keeps the ledger in
 * the notifications table so that each (person, week, channel) is sent at
 * most once, whoever runs the reminder and however often.
 */

/* The reminder's settings, read fresh from the store (defaults filled in). */
struct remind_settings {
	int minute;         /* remind_at as minutes after local midnight; default 9:00 */
	char *tz;           /* remind_tz, an IANA name; default "UTC" */
	char *base_url;     /* base_url without a trailing '/'; default http://127.0.0.1:8080 */
	char *chat_webhook; /* "" = no chat channel */
	char *smtp_url;     /* "" = no mail channel */
	char *smtp_from;    /* "" = okra@localhost */
};
int app_remind_settings(struct app *a, struct remind_settings *s, struct okra_err *err);
void remind_settings_release(struct remind_settings *s);

/* One DRI's reminder for a week: everything they owe, in one message. */
struct remind_msg {
	int64_t person;
	char *handle, *name;
	char *email;   /* NULL or "" = no mail */
	char week[11]; /* the week's update day, YYYY-MM-DD */
	char *subject; /* for mail */
	char *text;    /* plain text with links; the chat post and the mail body */
	size_t nitems; /* how many updates are owed */
};
/*
 * The messages for the week of `day` (app_due: closed objectives, cycles
 * not running, new joiners (R4) and those who updated are left out), one
 * per person who owes anything, sorted by handle. person != 0 keeps only
 * that person's. The caller frees with remind_msgs_free.
 */
int app_remind_messages(struct app *a, int32_t day, int64_t person, const char *base_url,
			struct remind_msg **v, size_t *n, struct okra_err *err);
void remind_msgs_free(struct remind_msg *v, size_t n);

/* One claim to make: filled in by app_remind_claim. */
struct remind_claim {
	int64_t person;
	const char *week, *channel;
	int64_t retry_at; /* real-clock epoch ms when a retry is due if this send fails */
	int64_t id;       /* out: the ledger row */
	int claimed;      /* out: 1 = ours to send, 0 = someone claimed it before */
};
/* Claim every (person, week, channel) in v in one transaction (INSERT … ON CONFLICT DO NOTHING). */
int app_remind_claim(struct app *a, struct remind_claim *v, size_t n, struct okra_err *err);
int app_remind_sent(struct app *a, int64_t id, struct okra_err *err);
/* retry_at 0 = no more tries. */
int app_remind_failed(struct app *a, int64_t id, const char *error, int64_t retry_at,
		      struct okra_err *err);

/* A claim whose send failed and whose retry is due. */
struct remind_retry {
	int64_t id, person;
	char week[11];
	char channel[16];
	int64_t attempts;
};
int app_remind_retries_due(struct app *a, int64_t now_ms, struct remind_retry **v, size_t *n,
			   struct okra_err *err);
/* Take a due retry (compare-and-set on attempts): *taken = 1 when it is this caller's to send. */
int app_remind_take(struct app *a, const struct remind_retry *r, int64_t retry_at, int *taken,
		    struct okra_err *err);

/*
 * A test message, for an admin trying the channels (the settings page, okra
 * setting test, POST /api/v1/test-messages): channel "chat" (to the
 * chat_webhook) or "email" (through smtp_url, from smtp_from, to `to` or,
 * when to is NULL or empty, to the actor's own address). Admins only; a
 * channel not set, or no address to send to, is refused before anything is
 * sent. The caller sends it (src/notify) and frees it with
 * test_message_release.
 */
struct test_message {
	int email;       /* 0: the chat webhook; 1: mail */
	char *url;       /* chat_webhook or smtp_url */
	char *from, *to; /* mail */
	char *subject, *text, *message_id;
};
int app_test_message(struct app *a, const char *channel, const char *to, struct test_message *m,
		     struct okra_err *err);
void test_message_release(struct test_message *m);

/*
 * What a channel answered: for a webhook its HTTP status and the first line
 * of its body, for SMTP the server's last reply code and line ("250 queued").
 * code 0: no answer (line says why: the host could not be reached …).
 */
struct channel_answer {
	int delivered; /* accepted: a 2xx status, or the mail taken */
	long code;
	char line[256]; /* control characters made '?', at most 255 bytes, never the URL */
};
/*
 * The sending is src/notify's, which sits beside the interfaces: the program
 * hands its sender in once, before any thread starts (cli.c), and the
 * interfaces ask app_try_channel. Without a sender nothing is sent
 * (OKRA_ESTATE).
 */
typedef void (*app_channel_sender)(const struct test_message *m, struct channel_answer *ans);
void app_set_channel_sender(app_channel_sender send);
/* Prepare (app_test_message's refusals) and send a test message; 0 and the answer in *ans. */
int app_try_channel(struct app *a, const char *channel, const char *to, struct channel_answer *ans,
		    struct okra_err *err);
/* "The chat webhook answered HTTP 200: ok (delivered).": how every interface says it. */
void app_channel_answer_words(int email, const struct channel_answer *ans, struct buf *out);

#endif
