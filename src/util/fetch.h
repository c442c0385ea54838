/* fetch.h: okra's one HTTP client (libcurl) for the calls it makes outward — the identity
 * provider, chat webhooks, the forges' and Jira's REST APIs, KR sources. One blocking
 * transfer per call, protocols pinned, no redirects, bounded in time and in size. */
#ifndef OKRA_FETCH_H
#define OKRA_FETCH_H

#include <stddef.h>

#include "util/buf.h"
#include "util/err.h"

#define FETCH_MAX_DEFAULT (1024 * 1024)
#define FETCH_TIMEOUT_DEFAULT 15L
#define FETCH_CONNECT_TIMEOUT 5L

struct fetch_req {
	const char *method; /* NULL = "GET"; or "POST", "PUT", … */
	const char *url;
	const char *const *headers; /* NULL-terminated "Name: value" lines, or NULL */
	const char *body;           /* the request body, or NULL */
	size_t body_len;
	size_t max; /* the largest answer body read (0 = FETCH_MAX_DEFAULT); past it, an error */
	long timeout_s;    /* the whole transfer (0 = FETCH_TIMEOUT_DEFAULT); connecting has 5 s */
	const char *agent; /* User-Agent, e.g. "okra-sync" (NULL = "okra") */
	const char *user;  /* HTTP Basic user:password when user is not NULL */
	const char *password;
	int plain_http; /* 1 allows http:// as well (loopback tests, a local Prometheus) */
};

struct fetch_ans {
	long status;     /* the HTTP status of the answer */
	struct buf body; /* its body, capped at the request's max */
	struct buf head; /* its header lines as received, CRLF-ended */
};

#define FETCH_ANS_INIT                                                                             \
	{                                                                                          \
		0, BUF_INIT, BUF_INIT                                                              \
	}

/*
 * Make the request q and keep the answer in *a, which starts as FETCH_ANS_INIT
 * or holds an earlier answer (released first). Returns 0 with
 * a->status set for any HTTP status, the caller judging it; -1 when no answer
 * came (cannot connect, a timeout, TLS, an answer over max), err then saying
 * why in one line that names the URL's origin at most, never its path, query
 * or credentials (URLs can hold secrets).
 */
int fetch(const struct fetch_req *q, struct fetch_ans *a, struct okra_err *err);

/*
 * The value of the last header named name (case-insensitive) in a's final
 * answer, trimmed, and its length in *len; NULL when there is none. The value
 * is not NUL-terminated.
 */
const char *fetch_header(const struct fetch_ans *a, const char *name, size_t *len);

void fetch_ans_release(struct fetch_ans *a);

/* libcurl's global set-up, once; safe from any thread (fetch calls it itself). */
void fetch_init(void);

#endif
