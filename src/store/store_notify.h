/* store_notify.h: typed queries for the reminders' ledger (the notifications table). */
#ifndef OKRA_STORE_NOTIFY_H
#define OKRA_STORE_NOTIFY_H

#include <stddef.h>
#include <stdint.h>

#include "store/db.h"
#include "util/err.h"

/*
 * A row is a claim: at most one per (person, week, channel), made before the
 * message is sent, so that a second process (another okra remind, another
 * okra serve) or a restart finds it and sends nothing. week is the date of
 * the week's update day, "YYYY-MM-DD"; channel is "webhook" or "mail".
 * sent_at stays 0 (NULL) until delivered; retry_at (real-clock epoch ms) is
 * when the next try is due, 0 (NULL) once delivered or given up.
 * Like store.h, none of these begin or commit a transaction.
 */
struct store_notification {
	int64_t id, person;
	char week[11];
	char channel[16];
	int64_t attempts;
	int64_t retry_at;
};

/*
 * Insert the claim with attempts 1 and retry_at, unless the (person, week,
 * channel) row exists: *claimed = 1 and *id the new row's when this call
 * made it, else *claimed = 0.
 */
int store_notification_claim(struct db *db, int64_t person, const char *week, const char *channel,
			     int64_t at, int64_t retry_at, int64_t *id, int *claimed,
			     struct okra_err *err);
/* Delivered: sent_at = at, retry_at NULL, error NULL. */
int store_notification_sent(struct db *db, int64_t id, int64_t at, struct okra_err *err);
/* A failed try: error kept (at most 300 bytes), next try at retry_at (0 = give up). */
int store_notification_failed(struct db *db, int64_t id, const char *error, int64_t retry_at,
			      struct okra_err *err);
/* Claims not delivered whose retry is due (retry_at <= now_ms), oldest first, at most 100. */
int store_notifications_due(struct db *db, int64_t now_ms, struct store_notification **v, size_t *n,
			    struct okra_err *err);
/*
 * Take a due retry: attempts + 1 and the following retry_at, only if nobody
 * took it since it was read (attempts still `seen`). *taken = 1 when this
 * call did, so two processes never both resend it.
 */
int store_notification_take(struct db *db, int64_t id, int64_t seen, int64_t retry_at, int *taken,
			    struct okra_err *err);

#endif
