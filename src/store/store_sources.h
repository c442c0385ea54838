/* store_sources.h: typed queries for the KRs that measure themselves (kr_sources, migration 19). */
#ifndef OKRA_STORE_SOURCES_H
#define OKRA_STORE_SOURCES_H

#include <stddef.h>
#include <stdint.h>

#include "core/source.h"
#include "store/db.h"
#include "util/arena.h"
#include "util/err.h"

/* Like store.h, none of these begin or commit a transaction; reads copy into ar. */

/* KR kr's source; OKRA_ENOTFOUND when it has none. */
int store_source_get(struct db *db, struct arena *ar, int64_t kr, struct kr_source *out,
		     struct okra_err *err);
/* Set (insert or replace) s's kind, url, query and interval: due now, no reading nor error. */
int store_source_set(struct db *db, const struct kr_source *s, int64_t by, int64_t now,
		     struct okra_err *err);
/* Remove kr's source; *removed says whether it had one. */
int store_source_clear(struct db *db, int64_t kr, int *removed, struct okra_err *err);
/* The sources due at now (next_at <= now), as (key_result, next_at) pairs in v[0..n). */
int store_sources_due(struct db *db, struct arena *ar, int64_t now, int64_t **kr, int64_t **next,
		      size_t *n, struct okra_err *err);
/* Take kr's read: next_at from was to next; *taken is 0 when another reader moved it first. */
int store_source_claim(struct db *db, int64_t kr, int64_t was, int64_t next, int *taken,
		       struct okra_err *err);
/* A read that succeeded: its time and value; the error is gone. */
int store_source_read_ok(struct db *db, int64_t kr, int64_t at, double value, struct okra_err *err);
/* A read that failed at `at`: a new error (not the one kept) is to be told again. */
int store_source_read_failed(struct db *db, int64_t kr, const char *error, int64_t at,
			     struct okra_err *err);
/* The sources whose error nobody was told of yet. */
int store_sources_untold(struct db *db, struct arena *ar, struct kr_source **v, size_t *n,
			 struct okra_err *err);
/* Mark kr's error told if it is still `error` and untold; *taken: this caller tells it. */
int store_source_told(struct db *db, int64_t kr, const char *error, int *taken,
		      struct okra_err *err);

#endif
