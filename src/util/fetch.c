/* fetch.c: the one outward HTTP client: libcurl easy handles with the protocols pinned to
 * http(s), no redirects, a connect and a total time limit, and a cap on what is kept. */
#include "util/fetch.h"

#include <curl/curl.h>
#include <pthread.h>
#include <string.h>
#include <strings.h>

#include "util/uri.h"

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;

static void
curl_init_once(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

void
fetch_init(void)
{
	pthread_once(&curl_once, curl_init_once);
}

/* The body, up to the buffer's cap: past it the transfer stops (the callback says so). */
static size_t
keep_body(char *p, size_t size, size_t n, void *ctx)
{
	struct buf *b = ctx;

	buf_add(b, p, size * n);
	return b->err ? 0 : size * n;
}

/* Header lines; a new status line (after a 100 Continue, say) starts the answer's headers over. */
static size_t
keep_head(char *p, size_t size, size_t n, void *ctx)
{
	struct buf *b = ctx;

	if (size * n >= 5 && !memcmp(p, "HTTP/", 5))
		buf_reset(b);
	buf_add(b, p, size * n);
	return b->err ? 0 : size * n;
}

static struct curl_slist *
header_list(const struct fetch_req *q)
{
	struct curl_slist *h = NULL;

	for (const char *const *l = q->headers; l && *l; l++)
		h = curl_slist_append(h, *l);
	if (q->body && !q->headers)
		h = curl_slist_append(h, "Content-Type: application/octet-stream");
	/* libcurl would otherwise send Expect: 100-continue for larger bodies. */
	return curl_slist_append(h, "Expect:");
}

static void
setup(CURL *c, const struct fetch_req *q, struct fetch_ans *a, char *errbuf)
{
	errbuf[0] = '\0';
	curl_easy_setopt(c, CURLOPT_URL, q->url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, q->plain_http ? "http,https" : "https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, FETCH_CONNECT_TIMEOUT);
	curl_easy_setopt(c, CURLOPT_TIMEOUT,
			 q->timeout_s > 0 ? q->timeout_s : FETCH_TIMEOUT_DEFAULT);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, keep_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &a->body);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, keep_head);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &a->head);
	curl_easy_setopt(c, CURLOPT_USERAGENT, q->agent ? q->agent : "okra");
	if (q->method)
		curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, q->method);
	if (q->body) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, q->body);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)q->body_len);
	}
	if (q->user) {
		curl_easy_setopt(c, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
		curl_easy_setopt(c, CURLOPT_USERNAME, q->user);
		curl_easy_setopt(c, CURLOPT_PASSWORD, q->password ? q->password : "");
	}
}

int
fetch(const struct fetch_req *q, struct fetch_ans *a, struct okra_err *err)
{
	char errbuf[CURL_ERROR_SIZE];
	struct curl_slist *h;
	struct buf where = BUF_INIT;
	CURLcode code;
	CURL *c;
	int rc = 0;

	fetch_init();
	fetch_ans_release(a);
	buf_init(&a->body, q->max ? q->max : FETCH_MAX_DEFAULT);
	buf_init(&a->head, 64 * 1024);
	if (!(c = curl_easy_init())) {
		okra_err_set(err, OKRA_EIO, "url", "cannot start an HTTP call");
		return -1;
	}
	h = header_list(q);
	setup(c, q, a, errbuf);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	code = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &a->status);
	if (code != CURLE_OK || a->body.err || a->head.err) {
		uri_origin(q->url, &where);
		rc = -1;
		okra_err_set(err, OKRA_EIO, "url", "%s: %s", where.buf,
			     a->body.err || a->head.err ? "its answer is too large"
			     : errbuf[0]                ? errbuf
							: curl_easy_strerror(code));
		buf_release(&where);
	}
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	return rc;
}

const char *
fetch_header(const struct fetch_ans *a, const char *name, size_t *len)
{
	size_t nl = strlen(name);
	const char *found = NULL, *p = a->head.buf, *end = p + a->head.len;

	*len = 0;
	while (p && p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *v, *e;

		if (!eol)
			eol = end;
		if ((size_t)(eol - p) > nl && p[nl] == ':' && !strncasecmp(p, name, nl)) {
			v = p + nl + 1;
			e = eol;
			while (v < e && (*v == ' ' || *v == '\t'))
				v++;
			while (e > v && (e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t'))
				e--;
			found = v;
			*len = (size_t)(e - v);
		}
		p = eol + 1;
	}
	return found;
}

void
fetch_ans_release(struct fetch_ans *a)
{
	buf_release(&a->body);
	buf_release(&a->head);
	a->status = 0;
}
