/* fetch.c: single sign-on's HTTP calls, through the one outward client (util/fetch): a GET
 * of a JSON document and a form POST to the token endpoint. */
#include "sso/fetch.h"

#include <stdio.h>
#include <string.h>

#include "util/fetch.h"

/* The answer's body moves to out; a transport failure is worded as the provider's. */
static int
call(const struct fetch_req *q, struct buf *out, long *status, struct okra_err *err)
{
	struct fetch_ans a = FETCH_ANS_INIT;
	int rc = fetch(q, &a, err);

	*status = a.status;
	if (rc < 0) {
		char why[sizeof(err->msg)];

		snprintf(why, sizeof(why), "%s", err ? err->msg : "no answer");
		rc = okra_err_set(err, OKRA_EIO, "provider", "the provider at %s", why);
	}
	buf_release(out);
	*out = a.body;
	a.body = (struct buf)BUF_INIT;
	fetch_ans_release(&a);
	return rc;
}

int
sso_get(const char *url, const char *bearer, struct buf *out, long *status, struct okra_err *err)
{
	struct buf auth = BUF_INIT;
	const char *h[3] = {"Accept: application/json", NULL, NULL};
	struct fetch_req q = {.url = url,
			      .headers = h,
			      .max = SSO_FETCH_MAX,
			      .agent = "okra-sso",
			      .plain_http = 1};
	int rc;

	if (bearer) {
		buf_addf(&auth, "Authorization: Bearer %s", bearer);
		h[1] = auth.buf;
	}
	rc = call(&q, out, status, err);
	buf_release(&auth);
	return rc;
}

int
sso_post_form(const char *url, const char *body, const char *user, const char *password,
	      struct buf *out, long *status, struct okra_err *err)
{
	const char *h[] = {"Accept: application/json",
			   "Content-Type: application/x-www-form-urlencoded", NULL};
	struct fetch_req q = {.method = "POST",
			      .url = url,
			      .headers = h,
			      .body = body,
			      .body_len = strlen(body),
			      .max = SSO_FETCH_MAX,
			      .agent = "okra-sso",
			      .user = user,
			      .password = password,
			      .plain_http = 1};

	return call(&q, out, status, err);
}
