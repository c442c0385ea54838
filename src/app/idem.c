/* idem.c: the answers kept for POSTs sent with an Idempotency-Key, swept after a day. */
#include "app/idem.h"

#include "app/app_int.h"
#include "store/store.h"

int
app_idem_find(struct app *a, struct arena *ar, const char *caller, const char *key,
	      struct app_idem *out, struct okra_err *err)
{
	struct store_idem s;
	int rc;

	*out = (struct app_idem){0};
	if ((rc = store_idem_get(a->db, ar, caller, key, a->now - APP_IDEM_TTL, &s, err)) < 0)
		return rc;
	*out = (struct app_idem){s.fingerprint, s.status, s.content_type,
				 s.location,    s.etag,   s.body};
	return 0;
}

int
app_idem_keep(struct app *a, const char *caller, const char *key, const struct app_idem *in,
	      struct okra_err *err)
{
	struct store_idem s = {in->fingerprint, in->status, in->content_type,
			       in->location,    in->etag,   in->body};
	int rc;

	if ((rc = app_tx_begin(a, err)) < 0)
		return rc;
	rc = store_idem_put(a->db, caller, key, &s, a->now, a->now - APP_IDEM_TTL, err);
	return app_tx_end(a, rc, err);
}
