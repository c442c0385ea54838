/*
 * idem.h: the answers kept for POSTs sent with an Idempotency-Key, so that a
 * retry gets the original answer and writes nothing (idem.c).
 */
#ifndef OKRA_APP_IDEM_H
#define OKRA_APP_IDEM_H

#include "app/app.h"
#include "util/arena.h"

/* How long a key's answer is kept (and the key cannot be used for another request). */
#define APP_IDEM_TTL (24 * 60 * 60)

/* An answer as kept: the request's fingerprint, then the status, type, Location, ETag, body. */
struct app_idem {
	const char *fingerprint;
	int status;
	const char *content_type, *location, *etag, *body;
};

/*
 * The answer kept for caller's key in the last APP_IDEM_TTL, into ar;
 * OKRA_ENOTFOUND when there is none. Read inside the request's own
 * transaction, so a concurrent request with the same key is seen once it
 * has committed.
 */
int app_idem_find(struct app *a, struct arena *ar, const char *caller, const char *key,
		  struct app_idem *out, struct okra_err *err);
/*
 * Keep the answer for caller's key, in the transaction of the write it
 * answers (app_request_begin); expired keys are swept on the way.
 */
int app_idem_keep(struct app *a, const char *caller, const char *key, const struct app_idem *in,
		  struct okra_err *err);

#endif
