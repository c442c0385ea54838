/* notify.h: sending the weekly reminders (okra remind and the scheduler inside okra serve). */
#ifndef OKRA_NOTIFY_H
#define OKRA_NOTIFY_H

#include <stddef.h>
#include <stdint.h>

#include "app/app.h"
#include "util/buf.h"
#include "util/err.h"

/*
 * The notify layer sits between app and the interfaces (cli, http): it calls
 * only src/app (which words the messages and keeps the claims ledger) and
 * does the network I/O, through libcurl (send.h).
 *
 * Delivery, exactly: for each DRI who owes an update in the week (app_due),
 * each configured channel (the chat webhook; mail when the person has an
 * address) is first claimed in the notifications table, in one transaction,
 * INSERT … ON CONFLICT DO NOTHING; only the process whose insert made the row
 * sends. So a restart, a second okra serve or two okra remind runs at once
 * never send a (person, week, channel) twice. A send that fails is logged
 * and retried after 1, 5 and 30 minutes (× OKRA_RETRY_BASE_MS / 60 000), by
 * whichever process looks first (okra remind, or the scheduler's next tick);
 * each retry is taken with a compare-and-set on the attempt count, so it too
 * is sent by one process only. What a retry sends is worded again at that
 * moment: if the person has updated meanwhile, nothing is sent. The one
 * window left: a process that dies after the receiver accepted a message but
 * before it recorded the delivery sends it again at the next retry
 * (at-least-once inside that window, which lasts one round trip).
 */

enum notify_kind {
	NOTIFY_SENT,     /* delivered now */
	NOTIFY_FAILED,   /* this try failed; retried later (retry_in_ms) or given up (0) */
	NOTIFY_ALREADY,  /* claimed before (by this or another process): not sent again */
	NOTIFY_NO_EMAIL, /* mail is on, but the person has no address */
	NOTIFY_DROPPED,  /* a retry found nothing owed any more, or the week over */
};

struct notify_outcome {
	char *handle;
	char channel[16]; /* "webhook" or "mail" */
	char week[11];
	enum notify_kind kind;
	int attempt;          /* the try this was (1 = the first send) */
	int64_t retry_in_ms;  /* NOTIFY_FAILED: when the next try is due; 0 = no more */
	size_t nitems;        /* updates owed, as listed in the message */
	char *error;          /* NOTIFY_FAILED: why (never a full URL) */
	int64_t comment_send; /* a comment's notice (mentions.c), not a reminder: its send's id */
};

struct notify_run {
	struct notify_outcome *v;
	size_t n, alloc;
};
void notify_run_release(struct notify_run *r);
/* One line for a person or a log: "webhook pat week 2026-11-18: sent (3 updates)". */
void notify_outcome_format(const struct notify_outcome *o, struct buf *out);

/*
 * Remind everyone who owes an update in the week of `day`, then send the
 * retries that are due. OKRA_ESTATE (nothing sent or claimed) when neither
 * chat_webhook nor smtp_url is set. A failed send is not an error of the
 * run: it is an outcome, and it will be retried.
 */
int notify_remind(struct app *a, int32_t day, struct notify_run *out, struct okra_err *err);
/* Only the retries that are due (what the scheduler does on every tick). */
int notify_retry(struct app *a, struct notify_run *out, struct okra_err *err);

/*
 * The conversation's notices (a mention, a reply) whose send is due: each
 * taken by one process (a compare-and-set on its attempts), sent over its
 * channel, recorded; a failed one is retried with the reminders' back-off.
 * notify_retry does this too, so okra remind and the scheduler's every tick
 * send them; okra comment sends its own at once.
 */
int notify_comments(struct app *a, struct notify_run *out, struct okra_err *err);

/*
 * sources.c: the KR sources' errors nobody was told of yet, each sent to its
 * KR's DRI over the channels set (s), taken first by one process (a failed
 * send is not retried: the next distinct error is told). *told counts them.
 */
struct remind_settings;
int notify_sources(struct app *a, const struct remind_settings *s, int *told, struct okra_err *err);

/* try.c: send a test message (app_try_channel's sender, handed to app_set_channel_sender). */
struct test_message;
struct channel_answer;
void notify_send_test(const struct test_message *m, struct channel_answer *ans);

/* The back-off base in ms: OKRA_RETRY_BASE_MS, default 60 000 (a test knob). */
int64_t notify_retry_base_ms(void);

#endif
