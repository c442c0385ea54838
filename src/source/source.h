/* source.h: KRs that measure themselves: a source read now (okra kr source read, the API, the
 * KR's page) or when due (the scheduler inside okra serve). Above src/app, below the interfaces. */
#ifndef OKRA_SOURCE_H
#define OKRA_SOURCE_H

#include <stdint.h>

#include "app/app.h"
#include "util/buf.h"
#include "util/err.h"

/* What one read did. */
struct source_result {
	int ok;          /* 1: recorded as check-in `checkin`, value at `at` */
	int64_t checkin; /* the check-in made */
	double value;
	int64_t at;
	struct buf why; /* ok == 0: why nothing was recorded (kept as the source's error) */
};
void source_result_release(struct source_result *r);

/*
 * Read KR kr's source now and record what it gives (app_source_reading) or
 * keep why it failed (app_source_failed). Returns 0 when the read was made,
 * whatever it gave (r->ok says); a negative code when it could not be made
 * (no such KR or source, the actor may not, the store failed), err saying why.
 * A failed read of a person (the CLI, the API, the page) is theirs to see; it
 * is told to the KR's DRI too, once per distinct error.
 */
int source_read(struct app *a, int64_t kr, struct source_result *r, struct okra_err *err);

/*
 * Read every source that is due, each claimed by this process only (a second
 * okra serve reads the others). *nread and *nfailed count them.
 */
int source_read_due(struct app *a, int *nread, int *nfailed, struct okra_err *err);

/* pg.c: sql on the PostgreSQL database at uri, in a READ ONLY transaction with a time limit. */
int source_pg_read(const char *uri, const char *sql, double *value, struct buf *why);

#endif
