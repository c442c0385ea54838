/* sources.h: KRs that measure themselves (issue 21 item 9): a metric KR's source set, cleared
 * and shown, its readings recorded as check-ins of source integration, its errors kept and told.
 * The reading itself (the network, PostgreSQL) is src/source's, above this layer. */
#ifndef OKRA_APP_SOURCES_H
#define OKRA_APP_SOURCES_H

#include <stddef.h>
#include <stdint.h>

#include "core/source.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/err.h"

struct app;

/*
 * Who may set, clear or read a KR's source now: whoever may check in on it
 * (R14: its DRI, the objective's DRI, a leader or an admin); the system
 * always. A source is for a metric KR of an objective that is not closed.
 */
int app_source_set(struct app *a, const struct kr_source *in, struct okra_err *err);
int app_source_clear(struct app *a, int64_t kr, struct okra_err *err);
/* May the actor set, clear or read kr's source (0), else OKRA_EFORBIDDEN (err may be NULL)? */
int app_source_may(struct app *a, int64_t kr, struct okra_err *err);
/* kr's source, into ar (anyone signed in reads it; the url only as source_url_shown gives). */
int app_source_get(struct app *a, struct arena *ar, int64_t kr, struct kr_source *out,
		   struct okra_err *err);
/* url fit to show: a password in it replaced by *** (util/uri), the query string's values too. */
void app_source_url_shown(const char *url, struct buf *out);

/* The source as the CLI's --json and the API show it (docs/openapi.json, KrSource). */
struct jw;
void app_jw_source(struct jw *w, const struct kr_source *s);

/*
 * A reading: recorded as a check-in of source integration at `at` with the
 * KR's value, its health kept (the DRI's); the source's last reading set and
 * its error cleared, all in one transaction. *checkin gets the new id.
 */
int app_source_reading(struct app *a, int64_t kr, int64_t at, double value, int64_t *checkin,
		       struct okra_err *err);
/* A failed reading: nothing recorded but the error (cut at SOURCE_ERROR_MAX) and when. */
int app_source_failed(struct app *a, int64_t kr, const char *why, struct okra_err *err);

/*
 * The sources due now, each claimed for this reader (its next read moved
 * on by its interval): the KRs in *v[0..n), in ar. Another reader's claim
 * leaves a source out.
 */
int app_sources_claim_due(struct app *a, struct arena *ar, int64_t **v, size_t *n,
			  struct okra_err *err);

/* An error to tell a KR's DRI of, worded. */
struct source_notice {
	int64_t key_result;
	const char *error;
	const char *handle, *email; /* the KR's DRI */
	const char *subject;        /* one line */
	const char *text;           /* the message */
};
/* The errors nobody was told of yet, worded for their DRIs (in ar). */
int app_source_notices(struct app *a, struct arena *ar, struct source_notice **v, size_t *n,
		       struct okra_err *err);
/* Take notice n for this sender: *taken 0 when another process told it, or it changed. */
int app_source_notice_take(struct app *a, const struct source_notice *n, int *taken,
			   struct okra_err *err);

#endif
