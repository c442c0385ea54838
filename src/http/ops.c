/* ops.c: /healthz, /readyz, /metrics and /openapi.json: what operators and tools ask. */
#include "http/gzip.h"
#include "http/handler.h"

#include "http/daemon.h"
#include "http/metrics.h"
#include "http/startcheck.h"

#include "app/app.h"
#include "app/reads.h"

/* Generated at build time from docs/openapi.json (scripts/embed). */
extern const char openapi_json[];
extern const unsigned long openapi_json_len;

int
h_healthz(struct request *r)
{
	struct okra_err err = {0};
	struct jw *w;
	int64_t rev;

	/* Ready means the store answers a query, not just that the process is up. */
	if (app_revision(r->app, &rev, &err) < 0)
		return reply_problem(r, 503, "the store does not answer", NULL);
	w = reply_json_begin(r);
	jw_object(w);
	jw_kstr(w, "status", "ok");
	jw_kint(w, "revision", rev);
	jw_end(w);
	return reply_json_end(r, 200);
}

/*
 * Ready for traffic: the store answers, takes writes (writes that failed past
 * their deadline and a lock still held say why not) and this instance is not
 * shutting down. Nothing here waits for a writer.
 */
int
h_readyz(struct request *r)
{
	struct okra_err err = {0};
	const char *why;

	if (server_draining())
		return reply_problem(r, 503, "this instance is shutting down", NULL);
	/* Listening while the file's quick check runs: up, not ready (startcheck.h). */
	if ((why = start_check_waiting())) {
		reply_header(r, "Retry-After", "1");
		return reply_problem(r, 503, why, NULL);
	}
	if (app_store_writable(r->app, &err) < 0) {
		reply_header(r, "Retry-After", "5");
		return reply_problem(r, 503, err.msg, NULL);
	}
	return h_healthz(r);
}

int
h_metrics(struct request *r)
{
	return metrics_render(r);
}

int
h_openapi(struct request *r)
{
	static _Atomic(struct shared_body *) gz;

	return reply_constant(r, "application/json", openapi_json, openapi_json_len, &gz);
}
