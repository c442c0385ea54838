/* idem.c: write requests in their own transaction, and the Idempotency-Key of their POSTs. */
#include "http/idem.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "app/idem.h"
#include "http/page.h"

int
idem_wraps(const struct route *row, const struct request *r)
{
	if (row->access != SIGNED_IN && row->access != PAGE)
		return 0;
	return !strcmp(r->method, "POST") || !strcmp(r->method, "PATCH") ||
	       !strcmp(r->method, "DELETE");
}

static int
key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       strchr("-_.:~+/=", c) != NULL;
}

/*
 * The request's key into key: 1, 0 when it has none, or -1 after the 400. The
 * header may be a structured-field string ("…", as the IETF draft writes it)
 * or bare; a page's form sends it as _idem.
 */
static int
request_key(struct request *r, const struct route *row, char key[IDEM_KEY_MAX + 1])
{
	const char *v = req_header(r, "Idempotency-Key");
	struct buf form = BUF_INIT;
	size_t n;

	if (!v && row->access == PAGE && page_form(r, "_idem", &form))
		v = form.buf;
	if (!v) {
		buf_release(&form);
		return 0;
	}
	n = strlen(v);
	if (n >= 2 && v[0] == '"' && v[n - 1] == '"') {
		v++;
		n -= 2;
	}
	for (size_t i = 0; i < n; i++)
		if (!key_char(v[i]))
			n = 0;
	if (n == 0 || n > IDEM_KEY_MAX) {
		buf_release(&form);
		return reply_problem(
			r, 400,
			"Idempotency-Key is 1 to 255 characters of letters, digits and "
			"- _ . : ~ + / =",
			"Idempotency-Key");
	}
	memcpy(key, v, n);
	key[n] = '\0';
	buf_release(&form);
	return 1;
}

static void
hex_hash(const void *parts[], const size_t lens[], size_t nparts, size_t outlen, char *hex)
{
	crypto_generichash_state st;
	unsigned char h[32];

	crypto_generichash_init(&st, NULL, 0, outlen);
	for (size_t i = 0; i < nparts; i++)
		crypto_generichash_update(&st, parts[i], lens[i]);
	crypto_generichash_final(&st, h, outlen);
	sodium_bin2hex(hex, outlen * 2 + 1, h, outlen);
}

/* Who the key belongs to: the person, and with a Bearer token which token (by a hash). */
static void
caller_of(struct request *r, char *out, size_t size)
{
	const char *auth = req_header(r, "Authorization");
	char h[33];

	if (r->auth == AUTH_TOKEN && auth) {
		const void *p[] = {auth};
		const size_t l[] = {strlen(auth)};

		hex_hash(p, l, 1, 16, h);
		snprintf(out, size, "p%lld:t%s", (long long)r->who.id, h);
	} else {
		snprintf(out, size, "p%lld", (long long)r->who.id);
	}
}

/* The request as sent: method, path and body. */
static void
fingerprint(struct request *r, char hex[65])
{
	const void *p[] = {r->method, "\n", r->path, "\n", r->body.len ? r->body.buf : ""};
	const size_t l[] = {strlen(r->method), 1, strlen(r->path), 1, r->body.len};

	hex_hash(p, l, 5, 32, hex);
}

static const char *
header_of(struct request *r, const char *name)
{
	for (int i = 0; i < r->nheaders; i++)
		if (!strcasecmp(r->headers[i][0], name))
			return r->headers[i][1];
	return "";
}

static void
replay(struct request *r, const struct app_idem *kept)
{
	if (*kept->location)
		reply_header(r, "Location", kept->location);
	if (*kept->etag)
		reply_header(r, "ETag", kept->etag);
	reply_header(r, "Idempotent-Replayed", "true");
	reply_text(r, kept->status,
		   *kept->content_type ? arena_strdup(&r->arena, kept->content_type) : NULL,
		   kept->body, strlen(kept->body));
}

/* The kept answer for this key, if any: replayed (1), refused as another request's (-1), or 0. */
static int
answer_kept(struct request *r, const char *caller, const char *key, const char *fp)
{
	struct okra_err err = {0};
	struct app_idem kept;
	int rc = app_idem_find(r->app, &r->arena, caller, key, &kept, &err);

	if (rc == OKRA_ENOTFOUND)
		return 0;
	if (rc < 0)
		return reply_error(r, rc, &err, NULL);
	if (strcmp(kept.fingerprint, fp))
		return reply_problem(r, 422,
				     "this Idempotency-Key was sent with another request (method, "
				     "path or body): a new request needs a new key",
				     "Idempotency-Key");
	replay(r, &kept);
	return 1;
}

/*
 * The answer to keep. A new API token's secret is shown once and never
 * stored: its retry is told so (409) instead of seeing the secret again.
 */
static int
keep(struct request *r, const char *caller, const char *key, const char *fp, struct okra_err *err)
{
	struct app_idem a = {fp,
			     r->status,
			     r->content_type ? r->content_type : "",
			     header_of(r, "Location"),
			     header_of(r, "ETag"),
			     r->out.buf};

	if (!r->out.buf || r->shared)
		a.body = "";
	if (!strcmp(r->path, "/api/v1/tokens")) {
		a.status = 409;
		a.content_type = "application/problem+json";
		a.body = "{\"type\":\"about:blank\",\"title\":\"Conflict\",\"status\":409,"
			 "\"detail\":\"this Idempotency-Key made an API token already, and its "
			 "secret is shown only once: list tokens with GET /api/v1/tokens\"}";
	}
	return app_idem_keep(r->app, caller, key, &a, err);
}

/* The write did not commit: what the handler answered is not what happened. */
void
idem_not_saved(struct request *r, const struct route *row, int rc, const struct okra_err *err)
{
	buf_reset(&r->out);
	r->nheaders = 0;
	r->status = 0;
	r->content_type = NULL;
	if (row->access == PAGE) {
		r->cause = arena_strdup(&r->arena, err->msg);
		if (rc == OKRA_EBUSY)
			reply_header(r, "Retry-After", "2");
		page_error(r, 503, "Not saved", "The store could not save this: try again.");
		return;
	}
	reply_error(r, rc, err, NULL);
}

void
idem_run(struct request *r, const struct route *row)
{
	struct okra_err err = {0};
	char key[IDEM_KEY_MAX + 1], caller[64], fp[65];
	int has_key = 0, rc;

	if (!strcmp(r->method, "POST") && (has_key = request_key(r, row, key)) < 0)
		return;
	if ((rc = app_request_begin(r->app, &err)) < 0) {
		/*
		 * Without a key the handler meets the busy store itself, at once (a page
		 * draws its form again with the 503): one deadline per write.
		 */
		if (!has_key || row->access == PAGE) {
			row->fn(r);
			return;
		}
		reply_error(r, rc, &err, NULL);
		return;
	}
	if (has_key) {
		caller_of(r, caller, sizeof(caller));
		fingerprint(r, fp);
		if (answer_kept(r, caller, key, fp) != 0) {
			app_request_end(r->app, 0, &err);
			return;
		}
	}
	row->fn(r);
	if (r->status >= 500) {
		/* The handler could not answer (a read failed): nothing of it stays. */
		struct okra_err ignore = {0};

		app_request_end(r->app, OKRA_EDB, &ignore);
		return;
	}
	rc = 0;
	if (has_key && r->status >= 200 && r->status < 400)
		rc = keep(r, caller, key, fp, &err);
	if ((rc = app_request_end(r->app, rc, &err)) < 0)
		idem_not_saved(r, row, rc, &err);
}
