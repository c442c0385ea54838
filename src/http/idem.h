/*
 * idem.h: a write request runs in its own transaction — its use cases, the
 * reads that build its reply and, for a POST with an Idempotency-Key, the
 * answer kept for a retry — committed only once the reply is built (idem.c).
 */
#ifndef OKRA_HTTP_IDEM_H
#define OKRA_HTTP_IDEM_H

#include "http/request.h"
#include "http/route.h"

/* The longest Idempotency-Key taken (400 past it). */
#define IDEM_KEY_MAX 255

/* 1 when row's requests are run by idem_run: the signed-in API's and pages' writes. */
int idem_wraps(const struct route *row, const struct request *r);
/*
 * Answer r with row's handler inside the request's own transaction. A POST
 * with an Idempotency-Key header (a page's form: its _idem field) whose
 * answer is kept gets that answer again (same status, type, Location, ETag
 * and body, with Idempotent-Replayed: true) and writes nothing; the same key
 * with another method, path or body is 422; a new key's 2xx/3xx answer is
 * kept in the write's transaction for 24 hours. A key is the caller's own:
 * another person, or another API token, using it has a key of its own.
 */
void idem_run(struct request *r, const struct route *row);
/* The write did not commit (rc, err): r's reply becomes the 503 that says so. */
void idem_not_saved(struct request *r, const struct route *row, int rc, const struct okra_err *err);

#endif
