/* read.c: one KR source read: the URL fetched (util/fetch) or the SQL run (pg.c), the answer
 * parsed (parse.c), the reading recorded or the error kept (app/sources.h); the due ones. */
#include "source/source.h"

#include <string.h>

#include "app/sources.h"
#include "source/parse.h"
#include "util/arena.h"
#include "util/fetch.h"

/* An answer larger than this is not a number's: refused. */
#define ANSWER_MAX (1024 * 1024)
#define READ_TIMEOUT_S 15

void
source_result_release(struct source_result *r)
{
	buf_release(&r->why);
}

/* Prometheus's instant query URL: {base}/api/v1/query?query=…, the query percent-encoded. */
static void
prom_url(const char *base, const char *query, struct buf *out)
{
	size_t n = strlen(base);

	while (n && base[n - 1] == '/')
		n--;
	buf_add(out, base, n);
	buf_adds(out, "/api/v1/query?query=");
	for (const unsigned char *p = (const unsigned char *)query; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~", *p))
			buf_addch(out, (char)*p);
		else
			buf_addf(out, "%%%02X", *p);
	}
}

/* GET url: the answer's body in a->body, its status checked as each kind wants. */
static int
get(const char *url, struct fetch_ans *ans, struct buf *why)
{
	static const char *const headers[] = {"Accept: application/json", NULL};
	struct fetch_req q = {.url = url,
			      .headers = headers,
			      .max = ANSWER_MAX,
			      .timeout_s = READ_TIMEOUT_S,
			      .agent = "okra-source",
			      .plain_http = 1};
	struct okra_err err = {0};

	if (fetch(&q, ans, &err) < 0) {
		buf_adds(why, err.msg);
		return -1;
	}
	return 0;
}

static int
read_prometheus(const struct kr_source *s, double *value, int64_t *at, struct buf *why)
{
	struct fetch_ans ans = FETCH_ANS_INIT;
	struct buf url = BUF_INIT;
	int rc;

	prom_url(s->url, s->query, &url);
	if ((rc = get(url.buf, &ans, why)) == 0) {
		/* Prometheus answers 400 and 422 with an error document worth quoting. */
		if (ans.status != 200 && ans.status != 400 && ans.status != 422) {
			buf_addf(why, "Prometheus answered HTTP %ld", ans.status);
			rc = -1;
		} else {
			rc = source_prom_parse(ans.body.buf, ans.body.len, value, at, why);
			if (rc == 0 && ans.status != 200) {
				buf_addf(why, "Prometheus answered HTTP %ld", ans.status);
				rc = -1;
			}
		}
	}
	fetch_ans_release(&ans);
	buf_release(&url);
	return rc;
}

static int
read_json(const struct kr_source *s, double *value, struct buf *why)
{
	struct fetch_ans ans = FETCH_ANS_INIT;
	int rc;

	if ((rc = get(s->url, &ans, why)) == 0) {
		if (ans.status != 200) {
			buf_addf(why, "the URL answered HTTP %ld", ans.status);
			rc = -1;
		} else {
			rc = source_json_pointer(ans.body.buf, ans.body.len, s->query, value, why);
		}
	}
	fetch_ans_release(&ans);
	return rc;
}

/* Read s into r (r->ok, value, at, or r->why). */
static void
read_one(struct app *a, const struct kr_source *s, struct source_result *r)
{
	int rc;

	r->at = a->now;
	switch (s->kind) {
	case SOURCE_PROMETHEUS:
		rc = read_prometheus(s, &r->value, &r->at, &r->why);
		break;
	case SOURCE_POSTGRES:
		rc = source_pg_read(s->url, s->query, &r->value, &r->why);
		break;
	default:
		rc = read_json(s, &r->value, &r->why);
		break;
	}
	r->ok = rc == 0;
	if (!r->ok && !r->why.len)
		buf_adds(&r->why, "the source gave no reading");
}

/* Read kr's source s and record the reading, or keep its error. */
static int
read_record(struct app *a, const struct kr_source *s, struct source_result *r, struct okra_err *err)
{
	struct okra_err refused = {0};
	int rc;

	read_one(a, s, r);
	if (r->ok) {
		/* A reading the KR refuses (out of range, the objective closed) is an error too. */
		rc = app_source_reading(a, s->key_result, r->at, r->value, &r->checkin, &refused);
		if (rc == 0)
			return 0;
		if (rc == OKRA_EBUSY || rc == OKRA_EDB || rc == OKRA_EIO) {
			*err = refused;
			return rc;
		}
		r->ok = 0;
		buf_reset(&r->why);
		buf_addf(&r->why, "the reading %g was not recorded: %s", r->value, refused.msg);
	}
	return app_source_failed(a, s->key_result, r->why.buf, err);
}

int
source_read(struct app *a, int64_t kr, struct source_result *r, struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	struct kr_source s = {0};
	int rc;

	*r = (struct source_result){.why = BUF_INIT};
	if ((rc = app_source_may(a, kr, err)) < 0)
		goto out;
	if ((rc = app_source_get(a, &ar, kr, &s, err)) == OKRA_ENOTFOUND)
		rc = okra_err_set(err, OKRA_ESTATE, "source",
				  "key result %lld has no source to read: set one first",
				  (long long)kr);
	if (rc < 0)
		goto out;
	rc = read_record(a, &s, r, err);
out:
	arena_release(&ar);
	return rc;
}

int
source_read_due(struct app *a, int *nread, int *nfailed, struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	int64_t *krs;
	size_t n;
	int rc;

	*nread = *nfailed = 0;
	if ((rc = app_sources_claim_due(a, &ar, &krs, &n, err)) < 0)
		goto out;
	for (size_t i = 0; i < n; i++) {
		struct source_result r;
		struct kr_source s = {0};

		if (app_source_get(a, &ar, krs[i], &s, NULL) < 0)
			continue; /* cleared since it was claimed */
		r = (struct source_result){.why = BUF_INIT};
		rc = read_record(a, &s, &r, err);
		*nread += r.ok;
		*nfailed += !r.ok;
		source_result_release(&r);
		if (rc < 0)
			goto out;
	}
out:
	arena_release(&ar);
	return rc;
}
