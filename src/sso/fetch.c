/* fetch.c: single sign-on's HTTP calls through libcurl, protocols pinned to http and https,
 * no redirects, bounded in time and size. */
#include "sso/fetch.h"

#include <curl/curl.h>
#include <pthread.h>
#include <string.h>

#include "util/uri.h"

#define CONNECT_TIMEOUT_S 5L
#define TOTAL_TIMEOUT_S 15L

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;

static void
curl_init_once(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

/* Keep the answer, up to the buffer's cap: past it the transfer stops. */
static size_t
keep(char *p, size_t size, size_t n, void *ctx)
{
	struct buf *b = ctx;

	buf_add(b, p, size * n);
	return b->err ? 0 : size * n;
}

static CURL *
easy(const char *url, struct buf *out, char *errbuf)
{
	CURL *c;

	pthread_once(&curl_once, curl_init_once);
	if (!(c = curl_easy_init()))
		return NULL;
	errbuf[0] = '\0';
	buf_release(out);
	buf_init(out, SSO_FETCH_MAX);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, CONNECT_TIMEOUT_S);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, TOTAL_TIMEOUT_S);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, keep);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, out);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "okra-sso");
	return c;
}

static int
perform(CURL *c, const char *url, struct buf *out, long *status, const char *errbuf,
	struct okra_err *err)
{
	CURLcode code = curl_easy_perform(c);
	struct buf where = BUF_INIT;
	int rc = 0;

	*status = 0;
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
	if (code != CURLE_OK || out->err) {
		uri_origin(url, &where);
		rc = okra_err_set(err, OKRA_EIO, "provider", "the provider at %s: %s", where.buf,
				  out->err    ? "its answer is too large"
				  : errbuf[0] ? errbuf
					      : curl_easy_strerror(code));
		buf_release(&where);
	}
	return rc;
}

int
sso_get(const char *url, const char *bearer, struct buf *out, long *status, struct okra_err *err)
{
	char errbuf[CURL_ERROR_SIZE];
	struct curl_slist *h = NULL;
	CURL *c = easy(url, out, errbuf);
	struct buf auth = BUF_INIT;
	int rc;

	if (!c)
		return okra_err_set(err, OKRA_EIO, "provider", "cannot start an HTTP call");
	h = curl_slist_append(h, "Accept: application/json");
	if (bearer) {
		buf_addf(&auth, "Authorization: Bearer %s", bearer);
		h = curl_slist_append(h, auth.buf);
		buf_release(&auth);
	}
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	rc = perform(c, url, out, status, errbuf, err);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	return rc;
}

int
sso_post_form(const char *url, const char *body, const char *user, const char *password,
	      struct buf *out, long *status, struct okra_err *err)
{
	char errbuf[CURL_ERROR_SIZE];
	struct curl_slist *h = NULL;
	CURL *c = easy(url, out, errbuf);
	int rc;

	if (!c)
		return okra_err_set(err, OKRA_EIO, "provider", "cannot start an HTTP call");
	h = curl_slist_append(h, "Accept: application/json");
	h = curl_slist_append(h, "Content-Type: application/x-www-form-urlencoded");
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	if (user) {
		curl_easy_setopt(c, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
		curl_easy_setopt(c, CURLOPT_USERNAME, user);
		curl_easy_setopt(c, CURLOPT_PASSWORD, password ? password : "");
	}
	rc = perform(c, url, out, status, errbuf, err);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	return rc;
}
